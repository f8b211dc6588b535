import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Sandbox } from '../../provider/index.js';
import { toolVersion } from '../paths.js';
import { paintVerdict, terminalText } from '../report/index.js';
import type { RunResult } from '../runner/result.js';
import {
  inconsistentFinding,
  isLoopback,
  policyFor,
  replayFindings,
  ReplaySelectionError,
  selectFindings,
  type FindingReplay,
  type NumberedFinding,
  type ReplayOptions,
  type ReplayResult,
  type ReplaySelection,
} from '../runner/replay/index.js';
import { tokenRefusal } from '../runner/safety.js';
import { shellWord } from '../text.js';
import { settingProblems } from '../config/run-config.js';
import {
  describeStop,
  EXIT,
  parsePositiveInt,
  UsageError,
  waitLine,
  watchForStop,
  type ExitSlot,
  type Io,
} from './common.js';
import { startEmbeddedSandbox } from './embedded-sandbox.js';
import { readReportFile } from './report-file.js';

interface ReplayFlags {
  finding?: number;
  exchange?: number;
  target?: string;
  token?: string;
  fault?: string[];
  maxWait?: number;
  timeoutMs?: number;
  json?: boolean;
}

/** `--fault none`: replay against the clean sandbox (a fix is proved there). */
const NO_FAULT = 'none';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function selectionOf(flags: ReplayFlags): ReplaySelection {
  if (flags.finding !== undefined && flags.exchange !== undefined)
    throw new UsageError('--finding and --exchange each choose what to replay: give one of them');
  if (flags.finding !== undefined) return { finding: flags.finding };
  if (flags.exchange !== undefined) return { exchange: flags.exchange };
  return { errorsOnly: true };
}

/** The faults of the sandbox replayed against: `--fault` (`none`: none), else the run's. */
function faultsFor(flags: ReplayFlags, run: NonNullable<RunResult['run']['sandbox']>): readonly string[] {
  const given = flags.fault ?? [];
  if (given.includes(NO_FAULT)) {
    if (given.length > 1) throw new UsageError(`--fault ${NO_FAULT} means the clean sandbox: give it alone`);
    return [];
  }
  return given.length > 0 ? given : run.faults;
}

/** The token for a target given by URL: `--token`, else HUBSPOT_ACCESS_TOKEN; refused as `hsac run` refuses it. */
function tokenFor(flags: ReplayFlags, env: NodeJS.ProcessEnv, target: string): string {
  const token = flags.token ?? env.HUBSPOT_ACCESS_TOKEN;
  if (!token) throw new UsageError(`replaying against ${target} needs its token: --token or HUBSPOT_ACCESS_TOKEN`);
  const refusal = tokenRefusal(token);
  if (refusal !== undefined) throw new UsageError(refusal);
  return token;
}

/** The target a replay goes to, how it is driven, and how it is named (never with the token). */
interface ReplayTarget {
  readonly label: string;
  readonly options: Pick<ReplayOptions, 'baseUrl' | 'token' | 'policy' | 'rateLimit' | 'retry' | 'timeoutMs'>;
  readonly sandbox?: Sandbox;
}

const HTTP_URL = /^https?:\/\/[^\s/]+/;

/**
 * Why the token may not go to this URL, or undefined: a report is a file anyone can edit, so its target is trusted
 * only on this machine (`--target` names any other), and the token never crosses a network in clear.
 */
function tokenDestinationRefusal(baseUrl: string, given: boolean): string | undefined {
  if (isLoopback(baseUrl)) return undefined;
  if (!given)
    return `the report's target is ${baseUrl}, not this machine: a replay sends the token only where you name it, so give --target ${baseUrl} (or another target) to re-send there`;
  if (!baseUrl.startsWith('https://'))
    return `--target ${baseUrl} is plain http to a host that is not this machine (loopback): the token would cross the network in clear; use https`;
  return undefined;
}

/**
 * `--target URL`; else, for a run of the embedded sandbox, a fresh one started as the run's was (its seed, page size
 * and faults, or `--fault`'s); else the run's own target, when it is on this machine.
 */
async function targetFor(flags: ReplayFlags, report: RunResult, env: NodeJS.ProcessEnv): Promise<ReplayTarget> {
  const { run } = report;
  if (flags.target !== undefined || run.sandbox === undefined) {
    if ((flags.fault?.length ?? 0) > 0)
      throw new UsageError('--fault plants faults in the embedded sandbox; it cannot be combined with --target');
    const baseUrl = flags.target ?? run.target;
    if (!HTTP_URL.test(baseUrl))
      throw new UsageError(
        flags.target !== undefined
          ? `--target "${flags.target}" is not an http(s) URL`
          : `the report's target is "${run.target}", and the report does not say how that sandbox was started (it predates run.sandbox): give --target`,
      );
    const refusal = tokenDestinationRefusal(baseUrl, flags.target !== undefined);
    if (refusal !== undefined) throw new UsageError(refusal);
    const token = tokenFor(flags, env, baseUrl);
    const timeoutMs = flags.timeoutMs;
    return {
      label: baseUrl,
      options: { baseUrl, token, policy: policyFor(baseUrl), ...(timeoutMs !== undefined ? { timeoutMs } : {}) },
    };
  }
  const faults = faultsFor(flags, run.sandbox);
  const { pageSize } = run.sandbox;
  // The run's timeout, unless one is given: the sandbox times its `slow-response` fault to it.
  const timeoutMs = flags.timeoutMs ?? run.sandbox.timeoutMs;
  const { sandbox, run: drive } = await startEmbeddedSandbox({ faults, seed: run.seed, pageSize, timeoutMs });
  const planted = faults.length > 0 ? `faults: ${faults.join(', ')}` : 'no fault';
  return {
    label: `a fresh embedded sandbox (${sandbox.url}, seed ${run.seed}, page size ${pageSize}, ${planted})`,
    options: {
      baseUrl: drive.baseUrl,
      token: drive.token,
      policy: 'replay-run',
      rateLimit: drive.rateLimit,
      retry: drive.retry,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    },
    sandbox,
  };
}

/**
 * `--timeout-ms`, bounded as `hsac run` bounds it (one source: `run.timeoutMs` of the config schema).
 */
function checkTimeout(flags: ReplayFlags): void {
  if (flags.timeoutMs === undefined) return;
  const problems = settingProblems('run', { timeoutMs: flags.timeoutMs });
  const said = problems.map(({ message }) => `--timeout-ms ${message}, got ${String(flags.timeoutMs)}`);
  if (said.length > 0) throw new UsageError(said.join('; '));
}

/** The command that replays finding N again as this one did (never with the token). */
function replayCommandFor(reportPath: string, flags: ReplayFlags): (finding: number) => string {
  const parts = [
    ...(flags.target !== undefined ? [`--target ${shellWord(flags.target)}`] : []),
    ...(flags.fault ?? []).map((fault) => `--fault ${shellWord(fault)}`),
    ...(flags.timeoutMs !== undefined ? [`--timeout-ms ${flags.timeoutMs}`] : []),
  ];
  return (finding) => ['hsac replay', shellWord(reportPath), `--finding ${finding}`, ...parts].join(' ');
}

/** Exit 1 when a finding reproduces (it beats inconclusive, as in `run`); 3 when one could not be replayed. */
function exitCode(result: ReplayResult): number {
  if (result.replayed.some((replayed) => replayed.outcome === 'reproduced')) return EXIT.nonConformant;
  if (result.replayed.some((replayed) => replayed.outcome === 'not-replayed')) return EXIT.inconclusive;
  return EXIT.ok;
}

const VERDICT_WORD: Record<number, string> = {
  [EXIT.ok]: 'PASS',
  [EXIT.nonConformant]: 'FAIL',
  [EXIT.inconclusive]: 'INCONCLUSIVE',
};

function statusText(status: number | undefined, failure: string | undefined): string {
  return status !== undefined ? String(status) : `no answer (${failure ?? '?'})`;
}

/** One finding as the console says it: its line, then what it was and is, and its exchanges with their statuses. */
function findingText(replayed: FindingReplay): string {
  const where = [replayed.check, replayed.endpoint].filter(Boolean).join(', ');
  const outcome = replayed.why !== undefined ? `${replayed.outcome} (${replayed.why})` : replayed.outcome;
  const lines = [`finding ${replayed.finding} (${where}): ${terminalText(outcome)}`];
  lines.push(`    was: ${terminalText(replayed.was)}`);
  for (const again of replayed.now) lines.push(`    now: ${terminalText(again.message)}`);
  const elsewhere = (replayed.elsewhere ?? []).map(
    (other) => `${other.instancePath || '(the body)'}: ${other.message}`,
  );
  if (elsewhere.length > 0) lines.push(`    now: other findings of this check: ${terminalText(elsewhere.join('; '))}`);
  for (const exchange of replayed.exchanges) {
    const now = statusText(exchange.status, exchange.failure);
    const then = statusText(exchange.recordedStatus, exchange.recordedFailure);
    lines.push(
      `    exchange ${exchange.id} ${terminalText(exchange.request)}: ${terminalText(now)} (run: ${terminalText(then)})`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function count(result: ReplayResult, outcome: FindingReplay['outcome']): number {
  return result.replayed.filter((replayed) => replayed.outcome === outcome).length;
}

function consoleText(result: ReplayResult, code: number, colour: boolean): string {
  const parts = [
    ...result.replayed.map(findingText),
    ...(result.stopped !== undefined ? [`re-sending stopped: ${terminalText(result.stopped)}\n`] : []),
  ];
  const tally = `${count(result, 'reproduced')} reproduced, ${count(result, 'no longer reproduced')} no longer reproduced, ${count(result, 'not-replayed')} not replayed`;
  const sent = `${result.resent} exchange(s) re-sent, ${result.earlier} of them the run's before the findings' own`;
  parts.push(`hsac replay: ${paintVerdict(VERDICT_WORD[code] ?? 'INCONCLUSIVE', colour)} (${tally}; ${sent})\n`);
  return parts.join('');
}

/** `--json`: `{ ok, findings, replayed }` like every `--json`, plus the exit code and what was re-sent. */
function jsonText(result: ReplayResult, code: number, target: string): string {
  const document = {
    ok: code === EXIT.ok,
    exitCode: code,
    target,
    findings: result.findings,
    replayed: result.replayed,
    resent: result.resent,
    earlier: result.earlier,
    ...(result.stopped !== undefined ? { stopped: result.stopped } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

async function replayCommand(
  reportArg: string,
  flags: ReplayFlags,
  io: Io,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<number> {
  checkTimeout(flags);
  const reportPath = resolve(cwd, reportArg);
  const report = readReportFile(reportPath);
  const inconsistent = inconsistentFinding(report);
  if (inconsistent !== undefined) throw new UsageError(`${reportArg} is not an hsac report: ${inconsistent}`);
  if ('shards' in report.run)
    throw new UsageError(
      `${reportArg} merges shard reports, whose exchange ids were renumbered: replay a finding from its shard's own report.json`,
    );
  let selected: NumberedFinding[];
  try {
    selected = selectFindings(report, selectionOf(flags));
  } catch (error) {
    if (error instanceof ReplaySelectionError) throw new UsageError(`${reportArg}: ${error.message}`);
    throw error;
  }
  if (selected.length === 0) {
    io.out(
      flags.json
        ? `${JSON.stringify({ ok: true, exitCode: EXIT.ok, findings: [], replayed: [] }, null, 2)}\n`
        : `hsac replay: ${reportArg} has no error finding: nothing to replay\n`,
    );
    return EXIT.ok;
  }
  const target = await targetFor(flags, report, env);
  const stopWatch = watchForStop({
    onStop: (cause) => io.err(`hsac replay: ${describeStop(cause)}: stopping; what was not judged is not-replayed\n`),
  });
  try {
    io.err(
      `hsac replay: ${selected.length} finding(s) of ${reportArg} against ${target.label}${target.options.policy === 'replay-run' ? ", the run's earlier exchanges re-sent first" : ": reads only (a portal holds data that is not hsac's; the records the run created were archived by its cleanup)"}\n`,
    );
    const result = await replayFindings(report, selected, {
      ...target.options,
      ...(flags.maxWait !== undefined ? { maxWaitMs: flags.maxWait * 1000 } : {}),
      onWait: (wait) => io.err(waitLine('hsac replay', wait, { everyRetry: true })),
      signal: stopWatch.signal,
      replayCommand: replayCommandFor(reportArg, flags),
      toolVersion: toolVersion(),
    });
    const code = exitCode(result);
    io.out(flags.json ? jsonText(result, code, target.label) : consoleText(result, code, io.colour === true));
    return code;
  } finally {
    await target.sandbox?.stop();
    stopWatch.dispose();
  }
}

/** `hsac replay`: re-sends the requests behind findings of a report and judges the answers again. */
export function register(program: Command, io: Io, exit: ExitSlot): void {
  program
    .command('replay')
    .description(
      "re-send the exact requests behind a report's findings to the same or another target and judge the answers again",
    )
    .argument('<report>', 'a report.json of hsac run')
    .option('--finding <n>', 'the finding to replay: its number in report.json findings[] (from 1)', parsePositiveInt)
    .option(
      '--exchange <id>',
      'replay the findings that judged this exchange (report.json exchanges[].id)',
      parsePositiveInt,
    )
    .option(
      '--target <url>',
      "re-send to this origin: https, or http on loopback (default: a fresh embedded sandbox for a sandbox run, else the run's target when it is on loopback)",
    )
    .option('--token <token>', 'access token for --target (default: HUBSPOT_ACCESS_TOKEN); never written anywhere')
    .option(
      '--fault <name>',
      "plant this fault in the fresh embedded sandbox instead of the run's (repeatable; none: the clean sandbox)",
      collect,
    )
    .option(
      '--max-wait <seconds>',
      'the longest single wait (Retry-After, backoff) before giving up (default 60)',
      parsePositiveInt,
    )
    .option(
      '--timeout-ms <ms>',
      "per-attempt timeout, as in hsac run (default: the run's for the embedded sandbox, else 30000)",
      parsePositiveInt,
    )
    .option('--json', 'print one JSON document { ok, findings, replayed, ... } on stdout')
    .addHelpText(
      'after',
      [
        '',
        'Without --finding or --exchange, every error finding of the report is replayed.',
        "Against the embedded sandbox or a target on loopback, the run's exchanges before a finding's are re-sent first,",
        'in order, so the target holds what it held then; against any other target only reads are re-sent, and a finding',
        'judged on a write is not replayed. A finding reproduces when the same check finds it again on the same endpoint;',
        "it no longer reproduces only where every answer it judged could be judged as the run's was (else not-replayed).",
        'The token goes only over https or to loopback, and to a target the report names only when it is on loopback.',
        'Exit codes: 0 no finding reproduces, 1 one reproduces, 2 usage error (not a report, no such finding or exchange),',
        '3 inconclusive (target unreachable, a finding not replayed, interrupted).',
      ].join('\n'),
    )
    .action(async (reportArg: string, flags: ReplayFlags) => {
      exit.code = await replayCommand(reportArg, flags, io, process.env, process.cwd());
    });
}
