import type { Finding } from '../registry/finding.js';
import type { CheckOutcome, RunResult } from '../runner/result.js';
import { jsonText } from '../json.js';
import { xmlText } from './escape.js';

/** Which registry check a finding counts under (body-level ids count under `response-body`). */
export function registryCheckOf(finding: Finding, registryIds: ReadonlySet<string>): string {
  return registryIds.has(finding.check) ? finding.check : 'response-body';
}

function findingText(finding: Finding): string {
  const lines = [
    `[${finding.severity}] ${finding.check} at ${finding.instancePath === '' ? '(body)' : finding.instancePath}: ${finding.message}`,
  ];
  if (finding.expected !== undefined) lines.push(`  expected: ${JSON.stringify(finding.expected)}`);
  if (finding.actual !== undefined) lines.push(`  actual:   ${jsonText(finding.actual)?.slice(0, 300)}`);
  if (finding.replay) lines.push(`  Reproduce with: ${finding.replay}`);
  return lines.join('\n');
}

/**
 * Why a testcase is skipped, or undefined when it is not. Not exercised and switched off are the
 * two outcomes with nothing judged: CI systems count a skipped testcase apart from the passes, so
 * a check that had nothing to judge never adds to the green total.
 */
function skippedMessage(row: CheckOutcome): string | undefined {
  if (row.outcome === 'off') return 'switched off by the config';
  if (row.outcome === 'not-exercised')
    return `not exercised: ${row.why ?? 'the condition it judges never arose in this run'}`;
  return undefined;
}

/**
 * `junit.xml`: one testsuite per endpoint, one testcase per endpoint x check (the shape GitHub,
 * GitLab and Jenkins ingest). A check with an error finding fails (message, path and the replay
 * command in the failure text); a check whose condition never arose is skipped with
 * `not exercised: WHY`, one the config switched off with `switched off by the config`; warnings
 * and the evaluated / exercised tallies go to system-out.
 */
export function renderJunit(result: RunResult): string {
  const registryIds = new Set(result.checks.map((c) => c.check));
  const byCase = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const key = `${finding.endpoint ?? 'run'}|${registryCheckOf(finding, registryIds)}`;
    byCase.set(key, [...(byCase.get(key) ?? []), finding]);
  }
  const endpoints = [...new Set(result.checks.map((c) => c.endpoint))];
  const suites = endpoints.map((endpoint) => {
    const rows = result.checks.filter((c) => c.endpoint === endpoint);
    const failures = rows.filter((c) => c.outcome === 'fail').length;
    const skipped = rows.filter((c) => skippedMessage(c) !== undefined).length;
    const cases = rows.map((row) => {
      const findings = byCase.get(`${endpoint}|${row.check}`) ?? [];
      const errors = findings.filter((f) => f.severity === 'error');
      const warnings = findings.filter((f) => f.severity === 'warning');
      const name = `${xmlText(row.check)}`;
      const classname = `hsac.${xmlText(result.run.apiVersion)}.${xmlText(endpoint)}`;
      const parts: string[] = [];
      const skip = skippedMessage(row);
      if (skip !== undefined) parts.push(`      <skipped message="${xmlText(skip)}"/>`);
      if (errors.length > 0) {
        const first = errors[0];
        const message = `${errors.length} error(s); first: ${first?.check} at ${first?.instancePath || '(body)'}: ${first?.message ?? ''}`;
        parts.push(
          `      <failure message="${xmlText(message)}" type="${xmlText(first?.check ?? row.check)}">${xmlText(errors.map(findingText).join('\n\n'))}</failure>`,
        );
      }
      // The tallies first: "evaluated 45, exercised 0" is what tells a reader a skip is a coverage gap.
      const tally = `evaluated ${row.evaluated}, exercised ${row.exercised}`;
      parts.push(`      <system-out>${xmlText([tally, ...warnings.map(findingText)].join('\n\n'))}</system-out>`);
      return `    <testcase name="${name}" classname="${classname}" time="0">\n${parts.join('\n')}\n    </testcase>`;
    });
    return `  <testsuite name="hsac ${xmlText(result.run.apiVersion)} ${xmlText(endpoint)}" tests="${rows.length}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${result.run.startedAt}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const tests = result.checks.length;
  const failures = result.checks.filter((c) => c.outcome === 'fail').length;
  const skipped = result.checks.filter((c) => skippedMessage(c) !== undefined).length;
  const seconds = (result.run.durationMs / 1000).toFixed(3);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="hsac run ${xmlText(result.run.id)} (seed ${result.run.seed}, verdict ${result.summary.verdict})" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds}">\n${suites.join('\n')}\n</testsuites>\n`;
}
