import type { RunResult } from '../runner/result.js';
import { distinctFindings, endpointRows, placeKey, requestCosts, verdictWord } from './digest.js';

/** Failing check rows listed on the console; the rest are in the reports. */
const FAILING_SHOWN = 20;

/** Distinct errors listed on the console, most frequent first. */
const ERRORS_SHOWN = 8;

/**
 * What `hsac run` prints when it is done: the verdict, one line per endpoint (the off-terminal
 * progress contract), what failed, what was not exercised or switched off, what cleanup left, what
 * coverage cost, the most frequent errors, where the reports are and how to reproduce the run.
 * A plain reading of the RunResult, like every writer.
 */
export function renderConsoleSummary(result: RunResult, written: readonly string[]): string {
  const s = result.summary;
  const { run } = result;
  const lines = [
    `hsac run: ${verdictWord(result)}${s.reason ? ` (${s.reason})` : ''}`,
    `  target ${run.target}, API ${run.apiVersion}, profile ${run.profile}, seed ${run.seed}`,
    `  ${s.exchanges} exchanges (${s.unchecked} unchecked), ${s.sequences} sequence checks, ` +
      `${s.errors} errors, ${s.warnings} warnings`,
  ];
  for (const row of endpointRows(result)) {
    const exchanges = String(row.exchanges).padStart(5);
    lines.push(`  ${row.endpoint.padEnd(28)}${exchanges} exchanges  ${row.errors} errors  ${row.warnings} warnings`);
  }
  const failing = result.checks.filter((c) => c.outcome === 'fail');
  for (const row of failing.slice(0, FAILING_SHOWN)) {
    lines.push(`  FAIL ${row.endpoint} ${row.check} (${row.errors} error${row.errors === 1 ? '' : 's'})`);
  }
  // What had nothing to judge is said, never passed over: a check not exercised proved nothing.
  for (const entry of s.notExercised) lines.push(`  NOT EXERCISED ${entry.check}: ${entry.why}`);
  for (const id of run.checksOff ?? []) lines.push(`  OFF ${id} (switched off by the config)`);
  // What cleanup left (and how to finish it) is said here too, not only in report.json (issue 12).
  for (const finding of result.findings.filter((f) => f.check === 'cleanup'))
    lines.push(`  CLEANUP ${finding.message}`);
  const cost = requestCosts(result).rows.map(({ purpose, requests }) => `${purpose} ${requests}`);
  if (cost.length > 0) lines.push(`  requests: ${cost.join(', ')}`);
  // The distinct errors by place (check, endpoint, pointer), most frequent first, with how often each was seen.
  const errors = distinctFindings(
    result.findings.filter((f) => f.severity === 'error'),
    placeKey,
  );
  for (const { finding, count } of errors.slice(0, ERRORS_SHOWN)) {
    const place = `${finding.check} ${finding.endpoint ?? ''} ${finding.instancePath || '(body)'}`;
    lines.push(`  error ${place}: ${finding.message}${count > 1 ? ` (x${count})` : ''}`);
  }
  lines.push(`  reports: ${written.join(', ')}`);
  lines.push(`  Reproduce with: ${run.replay}`);
  return `${lines.join('\n')}\n`;
}
