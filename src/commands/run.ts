import { toolVersion } from '../paths.js';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  API_VERSIONS,
  DEFAULT_API_VERSION,
  ENDPOINT_IDS,
  isApiVersion,
  isEndpointId,
  type ApiVersion,
  type EndpointId,
} from '../catalogue/index.js';
import { exercisableCheckIds, readCheckIds, readSeverityOverrides } from '../config/check-ids.js';
import { ConfigError, loadRunConfig, settingProblems, type RunConfig } from '../config/run-config.js';
import { DEFAULT_SANDBOX_PAGE_SIZE, type Sandbox } from '../../provider/index.js';
import { field } from '../json.js';
import { RedactionFailure, renderConsoleSummary, writeReports } from '../report/index.js';
import { Journal } from '../runner/journal.js';
import type { GivenRecords } from '../runner/provision.js';
import type { RunResult } from '../runner/result.js';
import { run, RunRefused, type RunOptions, type RunProgress } from '../runner/run.js';
import { tokenRefusal } from '../runner/safety.js';
import type { CheckId } from '../registry/index.js';
import type { SeverityOverrides } from '../runner/session.js';
import { shellWord } from '../text.js';
import { parseRateBudget } from '../transport/index.js';
import { isProfile, PROFILES, type Profile } from '../validate/index.js';
import {
  describeStop,
  EXIT,
  exitCodeAfterSignal,
  UsageError,
  waitLine,
  watchForStop,
  type ExitSlot,
  type Io,
  type StopCause,
} from './common.js';
import { startEmbeddedSandbox } from './embedded-sandbox.js';

interface RunFlags {
  target?: string;
  token?: string;
  apiVersion?: string;
  endpoints?: string;
  runs?: number;
  seed?: number;
  profile?: string;
  reportDir?: string;
  shard?: { index: number; count: number };
  config?: string;
  rateLimit?: string;
  timeoutMs?: number;
  records?: string;
  allowProductionPortal?: boolean;
  journal?: string;
  fault?: string[];
  progress?: boolean;
  json?: boolean;
  probeRateLimit?: boolean;
  requireExercised?: string;
  pagingBudget?: number;
  invalidRequests?: number;
  sandboxPageSize?: number;
  maxWait?: number;
}

function parseWhole(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number');
  return Number(value);
}

function parseShard(value: string): { index: number; count: number } {
  const match = /^([1-9][0-9]*)\/([1-9][0-9]*)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index > count) throw new InvalidArgumentError('must be i/n with 1 <= i <= n, e.g. 2/3');
  return { index, count };
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Reads `--records FILE`: `{ "fromObjectType"?, "toObjectType"?, "fromIds": [...], "toIds": [...] }`. */
function readRecords(path: string): GivenRecords {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `cannot read records file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const ids = (key: string): string[] => {
    const list = field(value, key);
    if (!Array.isArray(list) || list.length === 0 || !list.every((id) => typeof id === 'string' && /^\d+$/.test(id))) {
      throw new UsageError(`records file ${path}: "${key}" must be a non-empty array of record IDs (digit strings)`);
    }
    return list as string[];
  };
  const fromIds = ids('fromIds');
  const toIds = ids('toIds');
  const fromObjectType = field(value, 'fromObjectType');
  const toObjectType = field(value, 'toObjectType');
  return {
    ...(typeof fromObjectType === 'string' ? { fromObjectType } : {}),
    ...(typeof toObjectType === 'string' ? { toObjectType } : {}),
    fromIds,
    toIds,
  };
}

/** Settings after flags override the config file and the environment. */
interface Settings {
  target?: string;
  token?: string;
  apiVersion: ApiVersion;
  endpoints: EndpointId[];
  runs: number;
  seed: number;
  seedSource: 'flag' | 'config' | 'random';
  profile: Profile;
  reportDir: string;
  journal?: string;
  shard?: { index: number; count: number };
  rateLimit?: string;
  timeoutMs?: number;
  records?: string;
  allowProductionPortal: boolean;
  checks: SeverityOverrides;
  faults: string[];
  /** The config file read, if any: carried into the replay command (its checks and settings). */
  configPath?: string;
  requireExercised?: 'all' | CheckId[];
  pagingBudget?: number;
  invalidRequests?: number;
  maxWait?: number;
  probeRateLimit: boolean;
  sandboxPageSize: number;
}

/** `all`, or comma-separated registry check ids; an unknown id is a usage error naming the nearest. */
function parseRequireExercised(value: 'all' | readonly string[], source: string): 'all' | CheckId[] {
  if (value === 'all') return 'all';
  const ids = [...value].map((id) => id.trim()).filter(Boolean);
  const { known: required, unknown } = readCheckIds(ids, exercisableCheckIds());
  if (ids.length === 0 || unknown.length > 0) {
    const known = exercisableCheckIds().join(', ');
    throw new UsageError(`${source}: unknown check id ${unknown.join(', ') || '(none given)'}; known: all, ${known}`);
  }
  return required;
}

/** `timeoutMs` -> `--timeout-ms`: flags and config keys share their names (the schema says so). */
function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/**
 * The flags given, bounded exactly like the config keys they share: validated against the `run`
 * section of schemas/config/hsac.config.schema.json (one source for every bound and enum), so
 * `--seed 4294967297`, `--runs 99999` and `--timeout-ms 0` are usage errors naming the flag and
 * the bound. Runs after settle's own checks, whose messages say more for lists (endpoints, check ids).
 */
function checkFlagsAgainstSchema(flags: RunFlags): void {
  const given: Record<string, unknown> = {
    ...flags,
    // As the config file spells them: lists are arrays there.
    ...(flags.endpoints !== undefined
      ? {
          endpoints: flags.endpoints
            .split(',')
            .map((e) => e.trim())
            .filter(Boolean),
        }
      : {}),
    ...(flags.requireExercised !== undefined && flags.requireExercised !== 'all'
      ? {
          requireExercised: flags.requireExercised
            .split(',')
            .map((e) => e.trim())
            .filter(Boolean),
        }
      : {}),
  };
  const problems = settingProblems('run', given);
  if (problems.length === 0) return;
  const said = problems.map(({ key, message }) => `${flagName(key)} ${message}, got ${JSON.stringify(given[key])}`);
  throw new UsageError(`${said.join('; ')} (the bounds of run.* in schemas/config/hsac.config.schema.json)`);
}

function settle(flags: RunFlags, config: RunConfig, env: NodeJS.ProcessEnv, configPath: string | undefined): Settings {
  const apiVersion = flags.apiVersion ?? config.apiVersion ?? DEFAULT_API_VERSION;
  if (!isApiVersion(apiVersion))
    throw new UsageError(`unknown API version "${apiVersion}" (known: ${API_VERSIONS.join(', ')})`);
  const endpointList = flags.endpoints
    ?.split(',')
    .map((e) => e.trim())
    .filter(Boolean) ??
    config.endpoints ?? [...ENDPOINT_IDS];
  const unknown = endpointList.filter((e) => !isEndpointId(e));
  if (unknown.length > 0 || endpointList.length === 0)
    throw new UsageError(`unknown endpoint "${unknown.join(', ')}" (known: ${ENDPOINT_IDS.join(', ')})`);
  const profile = flags.profile ?? config.profile ?? 'lenient';
  if (!isProfile(profile)) throw new UsageError(`unknown profile "${profile}" (known: ${PROFILES.join(', ')})`);
  const seedSource = flags.seed !== undefined ? 'flag' : config.seed !== undefined ? 'config' : 'random';
  const target = flags.target ?? config.target ?? env.HUBSPOT_BASE_URL;
  if (target !== undefined && !/^https?:\/\/[^\s/]+/.test(target))
    throw new UsageError(`--target "${target}" is not an http(s) URL`);
  if ((flags.fault?.length ?? 0) > 0 && target !== undefined)
    throw new UsageError('--fault plants faults in the embedded sandbox; it cannot be combined with --target');
  const rateLimit = flags.rateLimit ?? config.rateLimit;
  if (rateLimit !== undefined) {
    try {
      parseRateBudget(rateLimit);
    } catch (error) {
      throw new UsageError(
        `${flags.rateLimit !== undefined ? '--rate-limit' : `config ${configPath ?? ''}: run.rateLimit`}: ${(error as Error).message}`,
      );
    }
  }
  const { overrides, unknown: unknownChecks } = readSeverityOverrides(config.checks ?? {});
  if (unknownChecks.length > 0)
    throw new UsageError(`config ${configPath ?? ''}: run.checks names unknown check id ${unknownChecks.join(', ')}`);
  const requireExercised =
    flags.requireExercised !== undefined
      ? parseRequireExercised(
          flags.requireExercised === 'all' ? 'all' : flags.requireExercised.split(','),
          '--require-exercised',
        )
      : config.requireExercised !== undefined
        ? parseRequireExercised(config.requireExercised, `config ${configPath ?? ''}: run.requireExercised`)
        : undefined;
  const switchedOff = Object.entries(overrides)
    .filter(([, grade]) => grade === 'off')
    .map(([id]) => id);
  const contradicted = Array.isArray(requireExercised) ? requireExercised.filter((id) => switchedOff.includes(id)) : [];
  if (contradicted.length > 0)
    throw new UsageError(
      `check(s) ${contradicted.join(', ')} are required to be exercised but switched off by the config (run.checks): drop one or the other`,
    );
  checkFlagsAgainstSchema(flags);
  const pagingBudget = flags.pagingBudget ?? config.pagingBudget;
  const invalidRequests = flags.invalidRequests ?? config.invalidRequests;
  const maxWait = flags.maxWait ?? config.maxWait;
  const token = flags.token ?? env.HUBSPOT_ACCESS_TOKEN;
  const refusal = tokenRefusal(token);
  if (refusal !== undefined) throw new UsageError(refusal);
  const timeoutMs = flags.timeoutMs ?? config.timeoutMs;
  const records = flags.records ?? config.records;
  const journal = flags.journal ?? config.journal;
  return {
    ...(target !== undefined ? { target } : {}),
    ...(token ? { token } : {}),
    apiVersion,
    endpoints: endpointList as EndpointId[],
    runs: flags.runs ?? config.runs ?? 5,
    seed: flags.seed ?? config.seed ?? Math.floor(Math.random() * 2 ** 31),
    seedSource,
    profile,
    reportDir: flags.reportDir ?? config.reportDir ?? join('reports', 'latest'),
    ...(journal !== undefined ? { journal } : {}),
    ...(flags.shard ? { shard: flags.shard } : {}),
    ...(rateLimit !== undefined ? { rateLimit } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(records !== undefined ? { records } : {}),
    allowProductionPortal: flags.allowProductionPortal ?? config.allowProductionPortal ?? false,
    checks: overrides,
    faults: flags.fault ?? [],
    ...(configPath !== undefined ? { configPath } : {}),
    ...(requireExercised !== undefined ? { requireExercised } : {}),
    ...(pagingBudget !== undefined ? { pagingBudget } : {}),
    ...(invalidRequests !== undefined ? { invalidRequests } : {}),
    ...(maxWait !== undefined ? { maxWait } : {}),
    probeRateLimit: flags.probeRateLimit ?? config.probeRateLimit ?? false,
    sandboxPageSize: flags.sandboxPageSize ?? config.sandboxPageSize ?? DEFAULT_SANDBOX_PAGE_SIZE,
  };
}

/**
 * The command that reproduces a run: every setting that changes what is sent or how it is judged
 * (the config file too, with its check grades), never the token (it comes from the environment)
 * and not where output goes.
 */
export function replayCommand(settings: Settings): string {
  const parts = [
    'hsac run',
    `--seed ${settings.seed}`,
    `--api-version ${settings.apiVersion}`,
    `--endpoints ${settings.endpoints.join(',')}`,
    `--runs ${settings.runs}`,
    `--profile ${settings.profile}`,
  ];
  if (settings.configPath) parts.push(`--config ${shellWord(settings.configPath)}`);
  if (settings.target) parts.push(`--target ${shellWord(settings.target)}`);
  for (const fault of settings.faults) parts.push(`--fault ${fault}`);
  if (!settings.target && settings.sandboxPageSize !== DEFAULT_SANDBOX_PAGE_SIZE)
    parts.push(`--sandbox-page-size ${settings.sandboxPageSize}`);
  if (settings.shard) parts.push(`--shard ${settings.shard.index}/${settings.shard.count}`);
  if (settings.records) parts.push(`--records ${shellWord(settings.records)}`);
  if (settings.timeoutMs !== undefined) parts.push(`--timeout-ms ${settings.timeoutMs}`);
  if (settings.rateLimit !== undefined) parts.push(`--rate-limit ${settings.rateLimit}`);
  if (settings.pagingBudget !== undefined) parts.push(`--paging-budget ${settings.pagingBudget}`);
  if (settings.invalidRequests !== undefined) parts.push(`--invalid-requests ${settings.invalidRequests}`);
  if (settings.maxWait !== undefined) parts.push(`--max-wait ${settings.maxWait}`);
  if (settings.requireExercised !== undefined)
    parts.push(
      `--require-exercised ${settings.requireExercised === 'all' ? 'all' : settings.requireExercised.join(',')}`,
    );
  if (settings.probeRateLimit && settings.target) parts.push('--probe-rate-limit');
  if (settings.allowProductionPortal) parts.push('--allow-production-portal');
  return parts.join(' ');
}

/**
 * How progress is shown: one line redrawn in place on a terminal; elsewhere (a log, a pipe, CI)
 * plain lines, since cursor escapes are noise in a file: one per phase, or one per update with
 * `--progress`.
 */
type ProgressStyle = 'redraw' | 'every-update' | 'per-phase';

function progressStyle(terminal: boolean, progressFlag: boolean): ProgressStyle {
  if (terminal) return 'redraw';
  return progressFlag ? 'every-update' : 'per-phase';
}

function progressLine(io: Io, style: ProgressStyle): (progress: RunProgress) => void {
  let lastPhase = '';
  return (progress) => {
    const text = `${progress.phase}${progress.endpoint ? ` ${progress.endpoint}` : ''}: ${progress.exchanges}/${progress.planned} exchanges, ${progress.errors} errors, ${progress.warnings} warnings, ${progress.requestsPerSecond.toFixed(1)} req/s`;
    if (style === 'redraw') io.err(`\r\x1b[2K${text}${progress.phase === 'done' ? '\n' : ''}`);
    else if (style === 'every-update' || progress.phase !== lastPhase || progress.phase === 'sequences')
      io.err(`hsac run: ${text}\n`);
    lastPhase = progress.phase;
  };
}

/** Where a run goes and, for the embedded sandbox, how it is driven there. */
type TargetSettings = Pick<
  RunOptions,
  'baseUrl' | 'token' | 'targetLabel' | 'rateLimit' | 'retry' | 'probeRateLimit' | 'sandbox'
>;

const EXIT_FOR: Record<RunResult['summary']['verdict'], number> = {
  pass: EXIT.ok,
  fail: EXIT.nonConformant,
  inconclusive: EXIT.inconclusive,
};

async function runCommand(flags: RunFlags, io: Io, env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  let config: RunConfig;
  let configPath: string | undefined;
  try {
    const loaded = loadRunConfig(flags.config, cwd);
    config = loaded.config;
    configPath = loaded.source;
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const settings = settle(flags, config, env, configPath);
  const records = settings.records ? readRecords(resolve(cwd, settings.records)) : undefined;
  const reportDir = resolve(cwd, settings.reportDir);
  mkdirSync(reportDir, { recursive: true });
  const journalPath = resolve(cwd, settings.journal ?? join(settings.reportDir, 'journal.jsonl'));
  io.err(
    `hsac run: seed ${settings.seed}${settings.seedSource === 'random' ? ' (random; pass --seed to replay)' : ''}\n`,
  );

  let sandbox: Sandbox | undefined;
  let target: TargetSettings;
  if (settings.target === undefined) {
    const { faults, seed, sandboxPageSize: pageSize, timeoutMs } = settings;
    const embedded = await startEmbeddedSandbox({ faults, seed, pageSize, timeoutMs });
    sandbox = embedded.sandbox;
    // Said in the report, so `hsac replay` can start a sandbox that answers alike.
    target = { ...embedded.run, sandbox: { faults, pageSize, ...(timeoutMs !== undefined ? { timeoutMs } : {}) } };
  } else if (!settings.token) {
    throw new UsageError('a --target needs a token: --token or HUBSPOT_ACCESS_TOKEN');
  } else {
    const { target: baseUrl, token, probeRateLimit } = settings;
    target = { baseUrl, token, targetLabel: baseUrl, probeRateLimit };
  }
  const { baseUrl } = target;

  const journalSizeAtStart = existsSync(journalPath) ? statSync(journalPath).size : 0;
  // The first SIGINT/SIGTERM (or the parent going away) ends any wait at once; the run then cleans
  // up (its waits capped at a few seconds) and writes its reports: exit 3. A second one exits at
  // once, after appending the journal's state, so `hsac cleanup` knows the run did not finish.
  const stopWatch = watchForStop({
    onStop: (cause) =>
      io.err(
        `hsac run: ${describeStop(cause)}: stopping: ending any wait, cleaning up what the run created, writing the reports (a second SIGINT/SIGTERM exits at once, ${exitCodeAfterSignal('SIGINT')}/${exitCodeAfterSignal('SIGTERM')})\n`,
      ),
    beforeHardExit: (cause, code) => {
      const left = journalInterrupted(journalPath, journalSizeAtStart, cause);
      io.err(
        `hsac run: ${describeStop(cause)}: exiting now (exit ${code}) without finishing cleanup${left ? `; what is left is journaled: hsac cleanup --journal ${journalPath} --target ${baseUrl}` : ''}\n`,
      );
    },
  });
  try {
    const result = await run({
      // Where the run goes, and (for the embedded sandbox) its tuning: a flag given still wins.
      ...target,
      apiVersion: settings.apiVersion,
      endpoints: settings.endpoints,
      runs: settings.runs,
      seed: settings.seed,
      profile: settings.profile,
      journalPath,
      ...(settings.shard ? { shard: settings.shard } : {}),
      ...(settings.rateLimit ? { rateLimit: parseRateBudget(settings.rateLimit) } : {}),
      ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}),
      ...(records ? { records } : {}),
      allowProductionPortal: settings.allowProductionPortal,
      overrides: settings.checks,
      ...(settings.requireExercised !== undefined ? { requireExercised: settings.requireExercised } : {}),
      ...(settings.pagingBudget !== undefined ? { pagingBudget: settings.pagingBudget } : {}),
      ...(settings.invalidRequests !== undefined ? { invalidPerEndpoint: settings.invalidRequests } : {}),
      ...(settings.maxWait !== undefined ? { maxWaitMs: settings.maxWait * 1000 } : {}),
      // A wait a person would notice is said: what, and how long (issue 12).
      onWait: (wait) => io.err(waitLine('hsac run', wait)),
      signal: stopWatch.signal,
      replay: replayCommand(settings),
      toolVersion: toolVersion(),
      onProgress: progressLine(io, progressStyle(process.stderr.isTTY, Boolean(flags.progress))),
    });
    // A report that would hold the token in any encoding is withheld (the final scan fails
    // closed): the others are written, the summary printed, and the run is inconclusive.
    let written: readonly string[];
    let withheld: RedactionFailure | undefined;
    try {
      // The replay lines in the reports name the report as the user gave its directory.
      written = writeReports(result, reportDir, { reportDir: settings.reportDir });
    } catch (error) {
      if (!(error instanceof RedactionFailure)) throw error;
      withheld = error;
      written = error.written;
    }
    const exitCode = withheld ? EXIT.inconclusive : EXIT_FOR[result.summary.verdict];
    io.out(
      flags.json
        ? runJson(result, exitCode, reportDir, written)
        : renderConsoleSummary(result, written, { colour: io.colour === true }),
    );
    if (withheld) io.err(`hsac run: ${withheld.message}\n`);
    return exitCode;
  } catch (error) {
    if (error instanceof RunRefused) throw new UsageError(error.message);
    throw error;
  } finally {
    await sandbox?.stop();
    stopWatch.dispose();
  }
}

/**
 * `hsac run --json`: one document on stdout, `{ ok, findings }` like every `--json`, plus what a
 * script needs to act on the run without opening report.json (the verdict, the exit code, the
 * summary, where the reports went, how to replay it); report.json holds the rest.
 */
function runJson(result: RunResult, exitCode: number, reportDir: string, written: readonly string[]): string {
  const document = {
    ok: exitCode === EXIT.ok,
    verdict: result.summary.verdict,
    exitCode,
    summary: result.summary,
    findings: result.findings,
    reportDir,
    reports: written,
    replay: result.run.replay,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Appends `{kind: 'interrupted'}` to the run's journal, synchronously (the process exits right
 * after): the journal then says the run ended before its cleanup did, and `hsac cleanup` archives
 * what it lists. Only when this run has begun its part of the journal (the file grew since the
 * command started: a journal is shared by the runs that write to it); returns whether it appended.
 */
function journalInterrupted(journalPath: string, sizeAtStart: number, cause: StopCause): boolean {
  if (!existsSync(journalPath) || statSync(journalPath).size <= sizeAtStart) return false;
  new Journal(journalPath).append({ kind: 'interrupted', at: new Date().toISOString(), signal: cause });
  return true;
}

/** `hsac run`: DESIGN.md's contract (flags, exit codes 0/1/2/3, report.json and junit.xml). */
export function register(program: Command, io: Io, exit: ExitSlot): void {
  program
    .command('run')
    .description(
      'run the conformance suite against a HubSpot portal (--target) or, by default, the embedded reference sandbox',
    )
    .option('--target <url>', 'base URL of the target (default: HUBSPOT_BASE_URL, else the embedded sandbox)')
    .option('--token <token>', 'access token (default: HUBSPOT_ACCESS_TOKEN); never written anywhere')
    .addOption(
      new Option('--api-version <version>', `API version (default ${DEFAULT_API_VERSION})`).choices([...API_VERSIONS]),
    )
    .option('--endpoints <ids>', `comma-separated endpoint ids (default all: ${ENDPOINT_IDS.join(',')})`)
    .option('--runs <n>', 'stateful command sequences to run (default 5)', parseWhole)
    .option('--seed <n>', 'seed of the run (default random, printed)', parseWhole)
    .addOption(new Option('--profile <profile>', 'strict or lenient (default lenient)').choices([...PROFILES]))
    .option('--report-dir <dir>', 'where reports go (default reports/latest)')
    .option('--shard <i/n>', 'run shard i of n of the plan', parseShard)
    .option('--config <file>', 'config file (default ./hsac.config.json when present)')
    .option('--rate-limit <budget>', 'request budget, e.g. 100/10s (HubSpot Free/Starter, the default) or 190/10s')
    .option('--timeout-ms <ms>', 'per-request timeout (default 30000)', parseWhole)
    .option('--records <file>', 'use these records ({fromIds, toIds}) instead of creating them')
    .option('--allow-production-portal', 'write even when the portal is not a sandbox or developer test account')
    .option('--journal <file>', 'cleanup journal (default <report-dir>/journal.jsonl)')
    .option(
      '--fault <name>',
      'plant a fault in the embedded sandbox (repeatable; see hsac sandbox --list-faults)',
      collect,
    )
    .option(
      '--probe-rate-limit',
      "burst until a 429 to check the rate-limit contract (always on for the embedded sandbox; spends a real portal's 10-second budget)",
    )
    .option(
      '--require-exercised <checks>',
      'all, or comma-separated check ids that must be exercised, else the run is inconclusive (exit 3)',
    )
    .option(
      '--max-wait <seconds>',
      'the longest single wait (Retry-After, backoff); a longer one ends the run inconclusive (default 60)',
      parseWhole,
    )
    .option(
      '--paging-budget <n>',
      'requests the wide record built to reach paging may cost (default: enough for a page of 1000)',
      parseWhole,
    )
    .option('--invalid-requests <n>', 'invalid request bodies sent per endpoint with a body (default 3)', parseWhole)
    .option(
      '--sandbox-page-size <n>',
      'associations per batch-read page of the embedded sandbox (default 500, HubSpot-like)',
      parseWhole,
    )
    .option(
      '--progress',
      'off a terminal, a plain line per progress update, not per phase (cursor escapes only on a terminal)',
    )
    .option('--json', 'print one JSON document { ok, verdict, exitCode, summary, findings, reportDir, ... } on stdout')
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 conformant, 1 non-conformant, 2 usage or configuration error, 3 inconclusive (unreachable, daily limit, cut short).',
        'Stopping: one SIGINT/SIGTERM (or the parent process exiting) ends any wait, cleans up and writes the reports (exit 3);',
        `a second one exits at once (${exitCodeAfterSignal('SIGINT')} for SIGINT, ${exitCodeAfterSignal('SIGTERM')} for SIGTERM), leaving the journal for hsac cleanup.`,
        'Numeric and enum flags are bounded like their config keys (schemas/config/hsac.config.schema.json).',
      ].join('\n'),
    )
    .action(async (flags: RunFlags) => {
      exit.code = await runCommand(flags, io, process.env, process.cwd());
    });
}
