import type { RunResult } from '../runner/result.js';
import { terminalText } from './escape.js';
import { distinctFindings, endpointRows, placeKey, requestCosts, verdictWord } from './digest.js';
import { numberedFindings } from './numbering.js';

/** Failing check rows listed on the console; the rest are in the reports. */
const FAILING_SHOWN = 20;

/** Distinct errors listed on the console, most frequent first. */
const ERRORS_SHOWN = 8;

/** SGR colours of the verdict words: green passes, red fails, yellow proved nothing (inconclusive, not exercised). */
const VERDICT_COLOURS: Readonly<Record<string, number>> = {
  PASS: 32,
  FAIL: 31,
  INCONCLUSIVE: 33,
  'NOT EXERCISED': 33,
};

/**
 * A verdict word (`PASS`, `FAIL`, `INCONCLUSIVE`, `NOT EXERCISED`) in its colour when `colour` is
 * on (the caller decides: a terminal, `NO_COLOR`, `FORCE_COLOR`); any other word as it is.
 */
export function paintVerdict(word: string, colour: boolean): string {
  const code = VERDICT_COLOURS[word];
  return colour && code !== undefined ? `\x1b[${code}m${word}\x1b[0m` : word;
}

/** How the console summary is printed. */
export interface ConsoleOptions {
  /** Verdict words in colour (see {@link paintVerdict}). */
  readonly colour?: boolean;
}

/**
 * What `hsac run` prints when it is done: the verdict, one line per endpoint (the off-terminal
 * progress contract), what failed, what was not exercised or switched off, what cleanup left, what
 * coverage cost, the most frequent errors, where the reports are and how to reproduce the run.
 * A plain reading of the RunResult, like every writer.
 */
export function renderConsoleSummary(
  result: RunResult,
  written: readonly string[],
  options: ConsoleOptions = {},
): string {
  const paint = (word: string): string => paintVerdict(word, options.colour === true);
  const s = result.summary;
  const { run } = result;
  const lines = [
    `hsac run: ${paint(verdictWord(result))}${s.reason ? ` (${s.reason})` : ''}`,
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
    lines.push(`  ${paint('FAIL')} ${row.endpoint} ${row.check} (${row.errors} error${row.errors === 1 ? '' : 's'})`);
  }
  // What had nothing to judge is said, never passed over: a check not exercised proved nothing.
  for (const entry of s.notExercised) lines.push(`  ${paint('NOT EXERCISED')} ${entry.check}: ${entry.why}`);
  for (const id of run.checksOff ?? []) lines.push(`  OFF ${id} (switched off by the config)`);
  // What cleanup left (and how to finish it) is said here too, not only in report.json (issue 12).
  for (const finding of result.findings.filter((f) => f.check === 'cleanup'))
    lines.push(`  CLEANUP ${terminalText(finding.message)}`);
  const cost = requestCosts(result).rows.map(({ purpose, requests }) => `${purpose} ${requests}`);
  if (cost.length > 0) lines.push(`  requests: ${cost.join(', ')}`);
  // The distinct errors by place (check, endpoint, pointer), most frequent first, with how often each was seen.
  const errors = distinctFindings(
    numberedFindings(result.findings).filter(({ finding }) => finding.severity === 'error'),
    placeKey,
  );
  for (const { finding, count, members } of errors.slice(0, ERRORS_SHOWN)) {
    const place = `${finding.check} ${finding.endpoint ?? ''} ${terminalText(finding.instancePath) || '(body)'}`;
    // The first finding's number, as report.json counts them: what `hsac replay REPORT --finding N` takes.
    const [first] = members;
    const number = first ? `finding ${first.number}` : '';
    lines.push(`  error ${place}: ${terminalText(finding.message)} (${count > 1 ? `x${count}, first ` : ''}${number})`);
  }
  lines.push(`  reports: ${written.join(', ')}`);
  lines.push(`  Reproduce with: ${run.replay}`);
  return `${lines.join('\n')}\n`;
}
