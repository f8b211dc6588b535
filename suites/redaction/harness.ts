import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { failureReason, replayCommand } from '../../properties/run.js';
import { readPropertySettings, type PropertySettings } from '../../properties/settings.js';
import { main } from '../../src/cli.js';
import type { RunResult } from '../../src/runner/result.js';
import { createRedactor } from '../../src/transport/redact.js';
import { anyEcho, anyToken, describeEcho, describeToken, sendable, type Echo } from './encodings.js';
import type { EchoProvider } from './echo-provider.js';
import { describeLeaks, leaksIn, readOutputs, type Leak, type Outputs } from './oracle.js';

/**
 * What the redaction suites share: one `hsac run` in-process (the CLI's own code path, `main` from
 * src/cli.ts, as suites/_meta/harness.ts drives it) against the echo provider, with everything it
 * wrote and printed collected; and an async property runner on the run's seed and run count
 * (properties/settings.ts, the one place they are read) whose failure message never holds a token.
 */

/** The run's seed and run count. */
export const SETTINGS: PropertySettings = readPropertySettings();

/**
 * The smallest run that still meets every kind of answer: account details, the probes (401s, the
 * over-limit 400), provisioning, the coverage sequence on batch-read, cleanup; no
 * wide record, invalid bodies or random sequences. A budget no rate limit ever stops.
 */
const RUN_FLAGS = [
  '--seed',
  '1',
  '--endpoints',
  'batch-read',
  '--runs',
  '0',
  '--invalid-requests',
  '0',
  '--paging-budget',
  '0',
  '--rate-limit',
  '1000000/1s',
  '--timeout-ms',
  '5000',
];

/** One case run end to end. */
export interface CaseRun {
  /** The token of the case (never printed: {@link caseProblems} redacts what it quotes). */
  readonly token: string;
  readonly code: number;
  /** Every file in the report directory (reports, journal) plus `stdout` and `stderr`. */
  readonly outputs: Outputs;
  /** The report, when it was written. */
  readonly result?: RunResult;
  /** Answers that carried the echo; requests that presented the token. */
  readonly injected: number;
  readonly authorized: number;
  readonly leaks: readonly Leak[];
}

let counter = 0;

/** `hsac run` against `provider` echoing `token` as `echo` says; everything it wrote, scanned by the oracle. */
export async function runCase(provider: EchoProvider, dir: string, token: string, echo: Echo): Promise<CaseRun> {
  provider.plan(token, echo);
  const reportDir = join(dir, `case-${++counter}`);
  mkdirSync(reportDir, { recursive: true });
  let stdout = '';
  let stderr = '';
  // `--token=T`: a drawn token may start with `-`, which a separate argument would not survive.
  const code = await main(
    ['run', '--target', provider.url, `--token=${token}`, ...RUN_FLAGS, '--report-dir', reportDir],
    {
      out: (text) => void (stdout += text),
      err: (text) => void (stderr += text),
      stdin: () => Buffer.alloc(0),
    },
  );
  const outputs: Record<string, string> = { ...readOutputs(reportDir), stdout, stderr };
  const report = outputs['report.json'];
  return {
    token,
    code,
    outputs,
    ...(report !== undefined ? { result: JSON.parse(report) as RunResult } : {}),
    injected: provider.injected(),
    authorized: provider.authorized(),
    leaks: leaksIn(outputs, token),
  };
}

/** What a case must show, as one problem per line (empty when it holds); never the token. */
export function caseProblems(run: CaseRun, echo: Echo): string[] {
  const problems: string[] = [];
  if (run.leaks.length > 0) problems.push(`the token is in the outputs: ${describeLeaks(run.leaks)}`);
  if (run.authorized === 0) problems.push('the token never reached the provider');
  if (run.injected === 0) problems.push('the provider never echoed it (the case proves nothing)');
  const stderr = run.outputs.stderr ?? '';
  // The redactor must have removed every echo: the final scan had nothing left to withhold.
  if (stderr.includes('not written'))
    problems.push(
      `hsac withheld an output: ${stderr
        .split('\n')
        .filter((line) => line.includes('not written'))
        .join(' | ')}`,
    );
  if (!run.result) problems.push('report.json was not written');
  // A day-long Retry-After ends the run inconclusive (exit 3, or 1 when the echo also made error
  // findings on the way), saying the wait asked for; any other echo leaves the verdict to the checks.
  const expected = echo.placement === 'rate-limit-error' ? [1, 3] : [0, 1];
  if (!expected.includes(run.code))
    problems.push(
      `exit ${run.code}, expected ${expected.join(' or ')}: ${run.result?.summary.reason ?? stderr.slice(-300)}`,
    );
  if (echo.placement === 'rate-limit-error' && !(run.result?.summary.reason ?? '').includes('asked to wait 86400 s'))
    problems.push(`the run did not end on the 429's wait: ${run.result?.summary.reason ?? '(no report)'}`);
  // The problems quote hsac's output: if that leaked, the quote must not print the token.
  const redactor = createRedactor([run.token]);
  return problems.map((problem) => redactor.text(problem));
}

/** `text` with the token taken out, for an assertion that may print it. */
export function safe(text: string, token: string): string {
  return createRedactor([token]).text(text);
}

/** A case as a property counterexample shows it: no token. */
export function describeCase(token: string, echo: Echo): string {
  return `${describeToken(token)}, ${describeEcho(echo)}`;
}

/** What the property drew, for the line it prints. */
export interface Drawn {
  cases: number;
  realistic: number;
  printable: number;
  readonly encodings: Map<string, number>;
  readonly placements: Map<string, number>;
}

/** An empty tally. */
export function drawn(): Drawn {
  return { cases: 0, realistic: 0, printable: 0, encodings: new Map(), placements: new Map() };
}

/** The tally as `name n, name n` (sorted). */
export function tally(map: ReadonlyMap<string, number>): string {
  return [...map]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
}

/**
 * The redaction property: for any token and any echo a provider can send, a whole `hsac run`
 * against the echo provider shows none of {@link caseProblems}. `seen` counts what was drawn.
 */
export function redactionProperty(
  provider: EchoProvider,
  dir: string,
  seen: Drawn = drawn(),
): fc.IAsyncPropertyWithHooks<[string, Echo]> {
  return fc.asyncProperty(anyToken, anyEcho, async (token: string, echo: Echo) => {
    // A header name is an HTTP token: an echo that cannot be spelled there cannot be sent.
    fc.pre(sendable(token, echo));
    const run = await runCase(provider, dir, token, echo);
    seen.cases++;
    seen.encodings.set(echo.encoding, (seen.encodings.get(echo.encoding) ?? 0) + 1);
    seen.placements.set(echo.placement, (seen.placements.get(echo.placement) ?? 0) + 1);
    if (/^pat-na1-[0-9a-f-]{36}$/.test(token)) seen.realistic++;
    else seen.printable++;
    const problems = caseProblems(run, echo);
    if (problems.length > 0) throw new Error(problems.join('; '));
  });
}

/** How the redaction property's values are shown: no token. */
export const SHOW_CASE: ShowValue<[string, Echo]> = {
  describe: ([token, echo]) => describeCase(token, echo),
  tokenOf: ([token]) => token,
};

/** How a property's values are shown: described, and the token they hold (to keep it out of messages). */
export interface ShowValue<Ts> {
  readonly describe: (value: Ts) => string;
  readonly tokenOf: (value: Ts) => string;
}

/**
 * Runs an async property with the run's settings and, on failure, throws an error carrying the
 * seed, the fast-check path and the replay command, with the counterexample described by
 * `show.describe` and the reason redacted (an error from a parser may quote what it read), so the
 * token never reaches the test output.
 */
export async function holdsAsync<Ts extends [unknown, ...unknown[]]>(
  origin: { readonly name: string; readonly file: string },
  property: fc.IAsyncPropertyWithHooks<Ts>,
  show: ShowValue<Ts>,
  parameters: { readonly runs?: number; readonly endOnFailure?: boolean } = {},
): Promise<fc.RunDetails<Ts>> {
  const details = await fc.check(property, {
    seed: SETTINGS.seed,
    numRuns: parameters.runs ?? SETTINGS.runs,
    ...(SETTINGS.path === undefined ? {} : { path: SETTINGS.path }),
    ...(parameters.endOnFailure ? { endOnFailure: true } : {}),
  });
  if (!details.failed) return details;
  throw new Error(failureMessage(origin, details, show, parameters.runs ?? SETTINGS.runs));
}

/** The failure report of a property run (no token in it). */
export function failureMessage<Ts>(
  origin: { readonly name: string; readonly file: string },
  details: fc.RunDetails<Ts>,
  show: ShowValue<Ts>,
  runs: number,
): string {
  const path = details.counterexamplePath ?? undefined;
  const raw = failureReason(details.errorInstance);
  const reason =
    details.counterexample === null ? raw : createRedactor([show.tokenOf(details.counterexample)]).text(raw);
  return [
    `Property "${origin.name}" failed after ${details.numRuns} run(s) and ${details.numShrinks} shrink(s).`,
    `seed: ${SETTINGS.seed}   path: ${path ?? '(none)'}   runs: ${runs}`,
    `Reproduce with: ${replayCommand(origin, SETTINGS)}`,
    `Jump to the failing case: ${replayCommand(origin, SETTINGS, path)}`,
    `Counterexample: ${details.counterexample === null ? '(none: too many skipped runs)' : show.describe(details.counterexample)}`,
    `Because: ${reason}`,
  ].join('\n');
}
