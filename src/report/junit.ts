import { isAuxiliaryId } from '../catalogue/index.js';
import type { Finding } from '../registry/finding.js';
import { BODY_LEVEL_KINDS, checkDeclaration, type CheckId, type CheckKind } from '../registry/index.js';
import type { CheckOutcome, ReportedExchange, RunResult } from '../runner/result.js';
import { AUXILIARY_ROW, RUN_ROW } from '../runner/session.js';
import { jsonText } from '../json.js';
import { distinctFindings, type FindingGroup } from './digest.js';
import { xmlText } from './escape.js';
import { findingReference, numberedFindings, type NumberedFinding } from './numbering.js';

/**
 * The registry check whose testcase a finding counts under, by its declaration's kind: what the
 * validator finds in one response (body-level kinds) counts under the exchange check
 * `response-body` that reported it; every other check (exchange, sequence, runner) under its own id.
 */
export function registryCheckOf(check: CheckId): CheckId {
  const { kind } = checkDeclaration(check);
  return (BODY_LEVEL_KINDS as readonly CheckKind[]).includes(kind) ? 'response-body' : check;
}

/**
 * The row (`endpoint|check`) whose testcase lists a finding: its endpoint's row of its registry
 * check; for an auxiliary call (provisioning, cleanup), the `auxiliary` row its check is tallied
 * under; undefined for a finding no row holds (the run's own, as `cleanup`'s), which gets a
 * run-level testcase instead, so no finding is left out.
 */
function rowOf(finding: Finding, rows: ReadonlySet<string>): string | undefined {
  const check = registryCheckOf(finding.check);
  const own = `${finding.endpoint ?? RUN_ROW}|${check}`;
  if (rows.has(own)) return own;
  const auxiliary = `${AUXILIARY_ROW}|${check}`;
  return finding.endpoint !== undefined && isAuxiliaryId(finding.endpoint) && rows.has(auxiliary)
    ? auxiliary
    : undefined;
}

/** JUnit's `time`: seconds with 3 decimals. */
function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** The summed durations of exchanges, each counted once however many testcases list it. */
function totalMs(exchanges: Iterable<ReportedExchange>): number {
  let ms = 0;
  for (const exchange of new Set(exchanges)) ms += exchange.durationMs;
  return ms;
}

/**
 * The exchanges a testcase's check judged on each row, as far as the RunResult tells, by row endpoint:
 * an exchange check judges every exchange to an endpoint it applies to (a row exists only there), and
 * the checks that judge auxiliary calls every auxiliary call (the `auxiliary` row); a sequence or
 * runner check records no exchanges of its own, so it is timed by its endpoint's.
 */
function exchangesByRow(result: RunResult): ReadonlyMap<string, readonly ReportedExchange[]> {
  const rows = new Map<string, ReportedExchange[]>();
  const add = (row: string, exchange: ReportedExchange): void => {
    const listed = rows.get(row);
    if (listed) listed.push(exchange);
    else rows.set(row, [exchange]);
  };
  for (const exchange of result.exchanges) {
    add(exchange.endpoint, exchange);
    if (exchange.intent === 'auxiliary') add(AUXILIARY_ROW, exchange);
  }
  return rows;
}

/**
 * One finding's text with its number and exchange(s) (`finding 3, exchange 17`); a group of identical ones (same
 * check, severity, pointer, message, endpoint, version and replay: `distinctFindings`) is written once with its
 * count and its first few numbers, so a problem met on 60 exchanges reads as one entry with one replay line.
 */
function findingText({ finding, count, members }: FindingGroup): string {
  const where = finding.instancePath === '' ? '(body)' : finding.instancePath;
  const seen = `${count > 1 ? `×${count}; ` : ''}${findingReference(members)}`;
  const lines = [`[${finding.severity}] ${finding.check} at ${where}: ${finding.message} (${seen})`];
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
 * One testcase: skipped with why (a row with nothing judged), failed on its error findings (the
 * first named in the message with how many there are, in all and distinct; every distinct one with
 * its count and replay command in the text), its tallies (when it has a row) and warnings in
 * system-out, and the time of the exchanges it judged.
 */
function testcase(
  check: CheckId,
  classname: string,
  findings: readonly NumberedFinding[],
  timeMs: number,
  row?: CheckOutcome,
): string {
  const errors = findings.filter(({ finding }) => finding.severity === 'error');
  const warnings = findings.filter(({ finding }) => finding.severity === 'warning');
  const parts: string[] = [];
  const skip = row && skippedMessage(row);
  if (skip !== undefined) parts.push(`      <skipped message="${xmlText(skip)}"/>`);
  const [numbered] = errors;
  if (numbered) {
    const first = numbered.finding;
    const distinct = distinctFindings(errors);
    const message =
      `${errors.length} error(s), ${distinct.length} distinct; ` +
      `first: ${first.check} at ${first.instancePath || '(body)'}: ${first.message} (${findingReference([numbered])})`;
    const text = xmlText(distinct.map(findingText).join('\n\n'));
    parts.push(`      <failure message="${xmlText(message)}" type="${xmlText(first.check)}">${text}</failure>`);
  }
  // The tallies first: "evaluated 45, exercised 0" is what tells a reader a skip is a coverage gap.
  const tally = row ? [`evaluated ${row.evaluated}, exercised ${row.exercised}`] : [];
  const out = [...tally, ...distinctFindings(warnings).map(findingText)].join('\n\n');
  parts.push(`      <system-out>${xmlText(out)}</system-out>`);
  const attributes = `name="${xmlText(check)}" classname="${classname}" time="${seconds(timeMs)}"`;
  return `    <testcase ${attributes}>\n${parts.join('\n')}\n    </testcase>`;
}

/**
 * `junit.xml`: one testsuite per endpoint, one testcase per endpoint x check (the shape GitHub,
 * GitLab and Jenkins ingest). A check with an error finding fails (message, path and the replay
 * command in the failure text); a check whose condition never arose is skipped with
 * `not exercised: WHY`, one the config switched off with `switched off by the config`; warnings
 * and the evaluated / exercised tallies go to system-out. Findings no endpoint x check row holds
 * (the run's own, as what cleanup left) get a `run` testsuite, one testcase per check, failed on an error.
 * Times come from the recorded exchanges (a testcase: those its check judged; a testsuite: its endpoint's;
 * the whole: the run's duration), so the same RunResult always writes the same file.
 */
export function renderJunit(result: RunResult): string {
  const version = xmlText(result.run.apiVersion);
  const classname = (endpoint: string): string => `hsac.${version}.${xmlText(endpoint)}`;
  const rows = new Set(result.checks.map((c) => `${c.endpoint}|${c.check}`));
  const byRow = new Map<string, NumberedFinding[]>();
  const runLevel = new Map<CheckId, NumberedFinding[]>();
  for (const numbered of numberedFindings(result.findings)) {
    const row = rowOf(numbered.finding, rows);
    if (row !== undefined) byRow.set(row, [...(byRow.get(row) ?? []), numbered]);
    else {
      const check = registryCheckOf(numbered.finding.check);
      runLevel.set(check, [...(runLevel.get(check) ?? []), numbered]);
    }
  }
  const exchangesOf = exchangesByRow(result);
  const rowExchanges = (endpoint: string): readonly ReportedExchange[] => exchangesOf.get(endpoint) ?? [];
  const suite = (
    endpoint: string,
    cases: readonly string[],
    counts: { readonly failures: number; readonly skipped: number; readonly timeMs: number },
  ): string => {
    const attributes =
      `name="hsac ${version} ${xmlText(endpoint)}" tests="${cases.length}" failures="${counts.failures}" ` +
      `errors="0" skipped="${counts.skipped}" time="${seconds(counts.timeMs)}" timestamp="${result.run.startedAt}"`;
    return `  <testsuite ${attributes}>\n${cases.join('\n')}\n  </testsuite>`;
  };
  const endpoints = [...new Set(result.checks.map((c) => c.endpoint))];
  const suites = endpoints.map((endpoint) => {
    const here = result.checks.filter((c) => c.endpoint === endpoint);
    const endpointMs = totalMs(rowExchanges(endpoint));
    // A row that judged nothing (switched off) spent no time.
    const cases = here.map((row) =>
      testcase(
        row.check,
        classname(endpoint),
        byRow.get(`${endpoint}|${row.check}`) ?? [],
        row.evaluated > 0 ? endpointMs : 0,
        row,
      ),
    );
    return suite(endpoint, cases, {
      failures: here.filter((c) => c.outcome === 'fail').length,
      skipped: here.filter((c) => skippedMessage(c) !== undefined).length,
      timeMs: endpointMs,
    });
  });
  const runFailures = [...runLevel.values()].filter((found) =>
    found.some(({ finding }) => finding.severity === 'error'),
  ).length;
  if (runLevel.size > 0) {
    // The run's own findings are timed by the exchanges of the endpoints they name, if any.
    const namedExchanges = (found: readonly NumberedFinding[]): ReportedExchange[] =>
      [...new Set(found.map(({ finding }) => finding.endpoint))].flatMap((endpoint) =>
        endpoint === undefined ? [] : rowExchanges(endpoint),
      );
    const cases = [...runLevel].map(([check, found]) =>
      testcase(check, classname(RUN_ROW), found, totalMs(namedExchanges(found))),
    );
    const timeMs = totalMs([...runLevel.values()].flatMap(namedExchanges));
    suites.push(suite(RUN_ROW, cases, { failures: runFailures, skipped: 0, timeMs }));
  }
  const tests = result.checks.length + runLevel.size;
  const failures = result.checks.filter((c) => c.outcome === 'fail').length + runFailures;
  const skipped = result.checks.filter((c) => skippedMessage(c) !== undefined).length;
  const name = `hsac run ${xmlText(result.run.id)} (seed ${result.run.seed}, verdict ${result.summary.verdict})`;
  const attributes =
    `name="${name}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" ` +
    `time="${seconds(result.run.durationMs)}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ${attributes}>\n${suites.join('\n')}\n</testsuites>\n`;
}
