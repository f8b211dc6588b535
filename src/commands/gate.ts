import { toolVersion } from '../paths.js';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { join, resolve } from 'node:path';
import { readPropertySettings } from '../../properties/settings.js';
import { API_VERSIONS, type ApiVersion } from '../catalogue/index.js';
import {
  buildMatrix,
  matrixVerdict,
  orderByRelease,
  releaseId,
  type Matrix,
  type MatrixEntry,
  type SdkRelease,
} from '../gate/matrix.js';
import { matrixConsoleLines, VERDICT_WORD, writeMatrix, writeReports } from '../report/index.js';
import type { RunResult } from '../runner/result.js';
import {
  countLine,
  describeStop,
  EXIT,
  findingLines,
  UsageError,
  watchForStop,
  type ExitSlot,
  type Io,
} from './common.js';
import type { LoadedSdk } from '../sdk/sdk.js';
import type { HttpGateFlags } from './gate-http.js';
import { comparisonLines, MAX_CALLS_PER_ENDPOINT } from '../gate/modes.js';

interface GateFlags extends HttpGateFlags {
  /** Every `--sdk` given, in order (none: the default SDK). */
  sdk: string[];
  fault: string[];
  apiVersion?: ApiVersion;
  reportDir?: string;
  json?: boolean;
  seed?: number;
  runs?: number;
}

/** Commander's collector for a repeatable option: every value, in the order given. */
function collect(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}

function parseWhole(value: string): number {
  if (!/^\d{1,10}$/.test(value)) throw new InvalidArgumentError('must be a whole number');
  return Number(value);
}

function parsePositive(value: string): number {
  if (!/^[1-9]\d{0,5}$/.test(value)) throw new InvalidArgumentError('must be a whole number from 1');
  return Number(value);
}

/**
 * The command that reproduces one SDK's gate run (that SDK alone: the others do not change its findings); over HTTP
 * with the target and faults, never the token.
 */
function replayOf(sdk: string, flags: GateFlags, seed: number, runs: number): string {
  const target = flags.target === undefined ? [] : [flags.target === true ? '--target' : `--target ${flags.target}`];
  return [
    'hsac gate sdk',
    `--sdk ${sdk}`,
    ...(flags.apiVersion ? [`--api-version ${flags.apiVersion}`] : []),
    ...target,
    ...flags.fault.map((fault) => `--fault ${fault}`),
    ...(flags.sandboxPageSize !== undefined ? [`--sandbox-page-size ${flags.sandboxPageSize}`] : []),
    `--seed ${seed}`,
    `--runs ${runs}`,
  ].join(' ');
}

/** What `--runs` meant for a run: generated cases in-process, planned calls (real requests) over HTTP. */
function casesLine(result: RunResult): string {
  return result.summary.requests.gate === undefined
    ? `${Math.min(result.run.runs, MAX_CALLS_PER_ENDPOINT)} planned call(s) per endpoint over HTTP ` +
        `(--runs ${result.run.runs}, at most ${MAX_CALLS_PER_ENDPOINT})`
    : `${result.run.runs} generated cases per request and status`;
}

function summary(result: RunResult, written: readonly string[], matrixLines: readonly string[]): string {
  const lines = [
    `hsac gate sdk: ${VERDICT_WORD[matrixVerdict(result.summary.verdict)]} (${countLine(result.findings)})` +
      (result.summary.verdict === 'inconclusive' && result.summary.reason ? `: ${result.summary.reason}` : ''),
    `  sdk ${result.run.target}`,
    `  versions ${result.run.apiVersion}, seed ${result.run.seed}, ${casesLine(result)}, ${result.summary.exchanges} exchanges`,
  ];
  for (const row of result.checks.filter((c) => c.outcome === 'fail'))
    lines.push(`  FAIL ${row.endpoint} ${row.check} (${row.errors} finding${row.errors === 1 ? '' : 's'})`);
  lines.push(...matrixLines);
  // Errors first: they decide the verdict; the warnings (versions the SDK lacks, optional fields) follow.
  const ordered = [
    ...result.findings.filter((f) => f.severity === 'error'),
    ...result.findings.filter((f) => f.severity !== 'error'),
  ];
  return `${lines.join('\n')}\n${findingLines(ordered.map((f) => ({ ...f, check: `${f.check} ${f.endpoint ?? ''} ${f.apiVersion ?? ''}`.trim() })))}  reports: ${written.join(', ')}\n  Reproduce with: ${result.run.replay}\n`;
}

/**
 * A directory name for each release (`@hubspot/api-client@13.5.0` -> `hubspot-api-client-13.5.0`): safe on every
 * filesystem (case-insensitive ones included), and unique: two releases whose names meet get `-2`, `-3`.
 */
function releaseDirs(releases: readonly SdkRelease[]): string[] {
  const taken = new Set<string>();
  return releases.map((release) => {
    const base =
      `${release.name}-${release.version}`
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^[-.]+/, '') || 'sdk';
    let dir = base;
    for (let n = 2; taken.has(dir); n += 1) dir = `${base}-${n}`;
    taken.add(dir);
    return dir;
  });
}

/** Every spec resolves to a release of its own: the same release twice would be one row gated twice (exit 2). */
function refuseSameRelease(loaded: readonly { readonly spec: string; readonly sdk: SdkRelease }[]): void {
  for (const [index, { spec, sdk }] of loaded.entries()) {
    const earlier = loaded.slice(0, index).find((other) => releaseId(other.sdk) === releaseId(sdk));
    if (earlier)
      throw new UsageError(
        `--sdk ${earlier.spec} and --sdk ${spec} are both ${releaseId(sdk)}: give each release once`,
      );
  }
}

/** Exit code of the whole gate: any incompatible release fails it; else any inconclusive one leaves it open. */
function gateExit(verdicts: readonly RunResult['summary']['verdict'][]): number {
  if (verdicts.includes('fail')) return EXIT.nonConformant;
  return verdicts.includes('inconclusive') ? EXIT.inconclusive : EXIT.ok;
}

/** One SDK gated, in release order, and the report files written for it. */
interface GatedSdk {
  readonly entry: MatrixEntry;
  readonly written: readonly string[];
}

/**
 * What the gate prints. One SDK: its summary with its matrix row, or `{ ok, findings }` (the contract scripts rely
 * on). Several: each SDK's summary, then the matrix and the findings across releases, or
 * `{ ok, sdks: [{ name, version, ok, findings }], matrix }`.
 */
function printOutcome(
  io: Io,
  json: boolean,
  gated: readonly GatedSdk[],
  matrix: Matrix,
  matrixFiles: readonly string[],
  asked: number,
): void {
  const ok = (result: RunResult): boolean => result.summary.verdict === 'pass';
  const [single] = gated;
  // The shape follows what was asked: several --sdk cut to one by Ctrl-C still print the several-SDK document.
  if (asked === 1 && single) {
    const { result } = single.entry.outcome;
    const { comparison } = single.entry;
    if (json) {
      const document = { ok: ok(result), findings: result.findings, ...(comparison ? { comparison } : {}) };
      io.out(`${JSON.stringify(document, null, 2)}\n`);
    } else {
      const extra = [
        ...matrixConsoleLines(matrix, { changes: false }),
        ...(comparison ? comparisonLines(comparison) : []),
      ];
      io.out(summary(result, [...single.written, ...matrixFiles], extra));
    }
    return;
  }
  if (json) {
    const sdks = gated.map(({ entry: { sdk, outcome } }) => ({
      ...sdk,
      ok: ok(outcome.result),
      findings: outcome.result.findings,
    }));
    const all = sdks.every((sdk) => sdk.ok) && gated.length === asked;
    io.out(`${JSON.stringify({ ok: all, sdks, matrix }, null, 2)}\n`);
    return;
  }
  for (const { entry, written } of gated)
    io.out(`${summary(entry.outcome.result, written, entry.comparison ? comparisonLines(entry.comparison) : [])}\n`);
  const count = (verdict: string): number => matrix.sdks.filter((row) => row.verdict === verdict).length;
  const verdicts =
    count('compatible') === matrix.sdks.length
      ? 'every one COMPATIBLE'
      : (['compatible', 'incompatible', 'inconclusive'] as const)
          .filter((verdict) => count(verdict) > 0)
          .map((verdict) => `${count(verdict)} ${verdict}`)
          .join(', ');
  const cut = matrix.notGated && matrix.notGated.length > 0 ? ` (not gated: ${matrix.notGated.join(', ')})` : '';
  const head = `hsac gate sdk: ${matrix.sdks.length} of ${asked} SDK releases gated, ${verdicts}${cut}`;
  const lines = [head, ...matrixConsoleLines(matrix, { changes: true }), `  matrix: ${matrixFiles.join(', ')}`];
  io.out(`${lines.join('\n')}\n`);
}

async function gateCommand(flags: GateFlags, io: Io, env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  // Loaded here: the gate needs nock and the SDK, which no other command does.
  const { DEFAULT_SDK, GateUsageError, loadSdk, runGate } = await import('../gate/index.js');
  const { gateOverHttp } = await import('./gate-http.js');
  const settings = readPropertySettings();
  const seed = flags.seed ?? settings.seed;
  const runs = flags.runs ?? settings.runs;
  const specs = flags.sdk.length > 0 ? flags.sdk : [DEFAULT_SDK];
  const reportRoot = resolve(cwd, flags.reportDir ?? join('reports', 'gate'));
  if (flags.target === undefined && flags.fault.length > 0)
    throw new UsageError('--fault plants faults in the embedded sandbox the gate drives over HTTP: add --target');
  try {
    // Every SDK loaded before any is gated: a usage error costs nothing.
    const loaded = specs.map((spec) => ({ spec, sdk: loadSdk(spec, cwd) }));
    refuseSameRelease(loaded);
    // A release hsac has no binding for is gated with the newest one: said, since a method it cannot find may be
    // one that binding does not know, not one the release lacks.
    for (const { spec, sdk } of loaded)
      if (sdk.bindingFallback !== undefined) io.err(`hsac gate sdk: --sdk ${spec}: ${sdk.bindingFallback}\n`);
    // One SDK keeps its reports where they always were; several get a directory each, the matrix above them.
    const dirs = loaded.length === 1 ? ['.'] : releaseDirs(loaded.map(({ sdk }) => sdk));
    if (flags.seed === undefined && !flags.json)
      io.err(`hsac gate sdk: seed ${seed} (${settings.seedSource}; pass --seed to replay)\n`);
    const entries: MatrixEntry[] = [];
    // Over HTTP the first SIGINT/SIGTERM ends any wait, the release being gated cleans up and is reported, and the
    // releases not yet gated are left out (exit 3); a second one exits at once. In-process, a signal ends the process.
    const stopWatch =
      flags.target === undefined
        ? undefined
        : watchForStop({
            onStop: (cause) =>
              io.err(
                `hsac gate sdk: ${describeStop(cause)}: stopping: cleaning up what the gate created, writing the ` +
                  'reports of the releases gated so far\n',
              ),
          });
    const notGated: string[] = [];
    try {
      for (const [index, { spec, sdk }] of loaded.entries()) {
        if (stopWatch?.signal.aborted) {
          notGated.push(spec);
          continue;
        }
        entries.push(await gateOne(index, spec, sdk));
      }
    } finally {
      stopWatch?.dispose();
    }
    if (notGated.length > 0) io.err(`hsac gate sdk: interrupted: not gated: ${notGated.join(', ')}\n`);
    async function gateOne(index: number, spec: string, sdk: LoadedSdk): Promise<MatrixEntry> {
      const gate = {
        sdk,
        ...(flags.apiVersion ? { apiVersions: [flags.apiVersion] } : {}),
        seed,
        runs,
        replay: replayOf(spec, flags, seed, runs),
        toolVersion: toolVersion(),
      };
      const reportDir = dirs[index] ?? '.';
      const release = { spec, sdk: { name: sdk.name, version: sdk.version }, reportDir };
      if (!stopWatch) return { ...release, outcome: await runGate(gate) };
      const at = { ...gate, reportDir: join(reportRoot, reportDir) };
      const overHttp = await gateOverHttp(flags, at, io, env, cwd, stopWatch.signal);
      return {
        ...release,
        outcome: overHttp.outcome,
        ...(overHttp.comparison ? { comparison: overHttp.comparison } : {}),
      };
    }
    const targetUrl = typeof flags.target === 'string' ? flags.target : 'the embedded sandbox';
    const matrix = buildMatrix(entries, {
      ...(flags.target === undefined ? { mode: 'in-process' as const } : { mode: 'http' as const, target: targetUrl }),
      ...(notGated.length > 0 ? { notGated } : {}),
    });
    const gated = orderByRelease(entries).map((entry) => ({
      entry,
      written: writeReports(entry.outcome.result, join(reportRoot, entry.reportDir), {
        matrix: { matrix, release: releaseId(entry.sdk) },
      }),
    }));
    printOutcome(io, flags.json === true, gated, matrix, writeMatrix(matrix, reportRoot), loaded.length);
    const verdicts = entries.map((entry) => entry.outcome.result.summary.verdict);
    // Stopped (Ctrl-C), even after the last release's own run, something asked for was left out (a release, or the
    // in-process comparison): never a pass.
    const stopped = stopWatch?.signal.aborted === true;
    if (stopped && notGated.length === 0)
      io.err('hsac gate sdk: interrupted: the in-process comparison of the last release gated was left out\n');
    return stopped && !verdicts.includes('fail') ? EXIT.inconclusive : gateExit(verdicts);
  } catch (error) {
    if (error instanceof GateUsageError) throw new UsageError(error.message);
    throw error;
  }
}

/** `hsac gate sdk`: the SDK release gate (exit 0 compatible, 1 incompatible, 2 usage error). */
export function register(program: Command, io: Io, exit: ExitSlot): void {
  const gate = program.command('gate').description('release gates');
  gate
    .command('sdk')
    .description(
      'check SDK releases against the contract: the requests each sends and how it decodes every answer the ' +
        'contract allows (answers served in-process by nock); several --sdk: a compatibility matrix across them',
    )
    .option(
      '--sdk <package|path>',
      'an SDK: an installed package name, an npm alias or a package directory (default @hubspot/api-client); ' +
        'repeat it to gate several releases side by side',
      collect,
      [],
    )
    .addOption(
      new Option(
        '--api-version <version>',
        'gate one API version (default: every version; versions the SDK has no method for are warnings, or errors when asked for here)',
      ).choices([...API_VERSIONS]),
    )
    .option(
      '--report-dir <dir>',
      'where the reports and matrix.json/matrix.md go (default reports/gate); ' +
        "with several SDKs, each SDK's reports in <dir>/<name>-<version>/",
    )
    .option(
      '--json',
      'print { ok, findings } as JSON; with several SDKs { ok, sdks: [{ name, version, ok, findings }], matrix }',
    )
    .option('--seed <n>', 'seed of the generated cases (default HSAC_SEED, else random, printed)', parseWhole)
    .option(
      '--runs <n>',
      'generated cases per request and per status (default HSAC_RUNS, else 20); over HTTP, planned calls per endpoint (at most 3)',
      parsePositive,
    )
    .option(
      '--target [url]',
      "drive the SDK over its real HTTP stack against a live provider instead of nock: the embedded sandbox (no URL), or a portal's base URL; records are provisioned, journaled and cleaned up as in hsac run",
    )
    .option(
      '--token <token>',
      'access token for a --target URL (default: HUBSPOT_ACCESS_TOKEN); never written anywhere',
    )
    .option('--fault <name>', 'with --target alone: plant a fault in the embedded sandbox (repeatable)', collect, [])
    .option('--sandbox-page-size <n>', 'with --target alone: associations per batch-read page', parsePositive)
    .option(
      '--max-wait <seconds>',
      'over HTTP: the longest single wait (Retry-After, backoff); longer: inconclusive',
      parseWhole,
    )
    .option('--timeout-ms <ms>', 'over HTTP: the request timeout', parsePositive)
    .option('--journal <file>', 'over HTTP: the cleanup journal (default <report-dir>/journal.jsonl)')
    .option(
      '--allow-production-portal',
      'over HTTP: let the gate write to a portal that is not a sandbox or test account',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 every SDK compatible, 1 an incompatibility found, 2 usage error ' +
        '(SDK not found, not a HubSpot client, the same release given twice, a refused target), ' +
        '3 inconclusive over HTTP (the provider could not be judged: a wait over --max-wait, Ctrl-C, no answers).',
    )
    .action(async (flags: GateFlags) => {
      exit.code = await gateCommand(flags, io, process.env, process.cwd());
    });
}
