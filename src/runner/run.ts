import { randomUUID } from 'node:crypto';
// The seeded PRNG of the backoff jitter (timing only; request data comes from fast-check).
import { seededRandom } from '../random.js';
import { DailyLimitReached, HubSpotClient, SendInterrupted, WaitTooLong } from '../transport/index.js';
import { createValidator } from '../validate/index.js';
import { coverageSequence, runSequence, sampleSequences, type Real, type RecordPool } from './commands.js';
import { DEFAULT_INVALID_PER_ENDPOINT, planInvalidRequests, sendInvalidRequests } from './invalid-requests.js';
import { Journal, readJournal } from './journal.js';
import { RunModel } from './model.js';
import type { RunOptions, RunProgress } from './options.js';
import { rateLimitProbe, sendProbes } from './probes.js';
import { cleanUp, entriesForTarget, ProvisioningError, targetsWithLeftovers, type CleanupReport } from './provision.js';
import { recordPool } from './records.js';
import type { RunResult } from './result.js';
import { cleanupCheck, cleanupLeftWork, finishCleanupCommand } from './runner-checks.js';
import { ensureSafeTarget } from './safety.js';
import { DeadlinePassed, Session } from './session.js';
import { buildResult } from './verdict.js';
import { buildWideRecord, DEFAULT_PAGING_BUDGET, type WideRecordOutcome } from './wide-record.js';

export type { RunOptions, RunProgress } from './options.js';
export { RunRefused, WRITABLE_ACCOUNT_TYPES } from './safety.js';

/** After Ctrl-C, the longest single wait cleanup may make (the run must end within 10 s, issue 12). */
export const CLEANUP_AFTER_SIGNAL_MAX_WAIT_MS = 3000;
/** After Ctrl-C, the longest a cleanup request may take: a target that stopped answering must not hold the exit. */
export const CLEANUP_AFTER_SIGNAL_TIMEOUT_MS = 2000;
/** After Ctrl-C, how long cleanup may go on sending (a request already sent may finish): the run ends within 10 s. */
const CLEANUP_AFTER_SIGNAL_BUDGET_MS = 4000;

function inShard(index: number, shard: RunOptions['shard']): boolean {
  return !shard || index % shard.count === shard.index - 1;
}

/**
 * Runs hsac against a target: reads the account details and refuses to write to a production
 * portal; sends the negative probes (no token, over the input limit); provisions tagged records
 * (journaled before every write); drives `runs` seeded stateful sequences as fast-check
 * model-based commands, checking every exchange; cleans up everything it created, also when
 * aborted; and returns the RunResult every report is written from.
 */
export async function run(options: RunOptions): Promise<RunResult> {
  return conduct(options, async ({ session, client, journal, runId, progress, plan }) => {
    const endpoints = new Set(options.endpoints);
    session.purpose = 'probes';
    if (inShard(0, options.shard)) {
      await sendProbes(session, options.apiVersion, endpoints, journal);
      if (options.probeRateLimit && !session.isStopped()) await rateLimitProbe(options, session, client);
    }
    progress('probes');
    session.purpose = 'provision';
    const pool = await recordPool(options, session, journal, runId);
    progress('provision');
    const sequences = sampleSequences(pool, endpoints, options.runs, options.seed, options.maxCommands ?? 8);
    plan(session.exchanges.length + sequences.reduce((sum, commands) => sum + [...commands].length * 2, 0));
    const real: Real = {
      session,
      journal,
      apiVersion: options.apiVersion,
      endpoints,
      pool,
      maxPages: 50,
      unknownId: '999999999999999',
    };
    let wide: WideRecordOutcome | undefined;
    if (inShard(0, options.shard) && !session.isStopped()) {
      session.purpose = 'wide-record';
      wide = await buildWideRecord(real, journal, runId, options.pagingBudget ?? DEFAULT_PAGING_BUDGET);
      progress('wide-record');
      session.purpose = 'invalid-requests';
      await sendInvalidRequests(
        real,
        planInvalidRequests(real, options.seed, options.invalidPerEndpoint ?? DEFAULT_INVALID_PER_ENDPOINT),
      );
      progress('invalid-requests');
    }
    session.purpose = 'sequences';
    // One model for the whole run: the portal keeps what earlier sequences did.
    const model = new RunModel();
    if (inShard(0, options.shard)) {
      await runSequence(coverageSequence(pool), () => ({ model, real }));
      progress('sequences', 'coverage sequence');
    }
    for (const [index, commands] of sequences.entries()) {
      if (session.isStopped()) break;
      if (!inShard(index, options.shard)) continue;
      await runSequence(commands, () => ({ model, real }));
      progress('sequences', `sequence ${index + 1}/${sequences.length}`);
    }
    return wide;
  });
}

/** What the body of a run works with: the session, its client and journal, and the run's progress. */
export interface RunContext {
  readonly session: Session;
  readonly client: HubSpotClient;
  readonly journal: Journal;
  readonly runId: string;
  readonly progress: (phase: RunProgress['phase'], endpoint?: string) => void;
  /** Says how many exchanges the run plans (for the progress line). */
  readonly plan: (exchanges: number) => void;
}

/** What a driven run's body works with: the run's context and the records provisioned for it. */
export interface DrivenRun extends RunContext {
  readonly pool: RecordPool;
}

/**
 * A run whose requests something else drives (the SDK gate over HTTP, src/gate/): the same safety
 * checks, provisioning (journaled), exchange checks, cleanup after Ctrl-C and result as `run`, with
 * `drive` in place of the probes and sequences.
 */
export async function runDriven(options: RunOptions, drive: (run: DrivenRun) => Promise<void>): Promise<RunResult> {
  return conduct(options, async (context) => {
    context.session.purpose = 'provision';
    const pool = await recordPool(options, context.session, context.journal, context.runId);
    context.progress('provision');
    context.session.purpose = 'sequences';
    await drive({ ...context, pool });
    return undefined;
  });
}

/**
 * What every run does around its body: the client and session, the journal's run entry, the safety
 * checks before anything is written, the cleanup (also after Ctrl-C or a failure), and the result.
 */
async function conduct(
  options: RunOptions,
  body: (context: RunContext) => Promise<WideRecordOutcome | undefined>,
): Promise<RunResult> {
  const startedAt = new Date();
  const runId = `hsac-${startedAt.toISOString().slice(0, 10).replace(/-/g, '')}-${randomUUID().slice(0, 8)}`;
  const client = new HubSpotClient({
    baseUrl: options.baseUrl,
    ...(options.token ? { token: options.token } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.maxWaitMs !== undefined ? { maxWaitMs: options.maxWaitMs } : {}),
    ...(options.onWait ? { onWait: options.onWait } : {}),
    random: seededRandom(options.seed),
    userAgent: `hsac/${options.toolVersion ?? '0'}`,
  });
  // A config that makes unknown fields errors gets a validator that says so in its messages too.
  const validator = createValidator({
    profile: options.profile,
    ...(options.overrides?.['unknown-field'] === 'error' ? { unknownFields: 'error' as const } : {}),
  });
  const session = new Session(
    client,
    { profile: options.profile, validator },
    options.replay,
    options.overrides,
    options.signal,
  );
  const journal = new Journal(options.journalPath);
  let inconclusive: string | undefined;
  let cleanup: CleanupReport | undefined;
  let wide: WideRecordOutcome | undefined;
  let planned = 0;
  const progress = (phase: RunProgress['phase'], endpoint?: string): void => {
    if (!options.onProgress) return;
    const seconds = Math.max(0.001, (Date.now() - startedAt.getTime()) / 1000);
    const errors = session.findings.filter((f) => f.severity === 'error').length;
    options.onProgress({
      phase,
      ...(endpoint ? { endpoint } : {}),
      exchanges: session.exchanges.length,
      planned: Math.max(planned, session.exchanges.length),
      errors,
      warnings: session.findings.length - errors,
      requestsPerSecond: session.exchanges.length / seconds,
    });
  };

  journal.append({
    kind: 'run',
    runId,
    baseUrl: options.baseUrl,
    apiVersion: options.apiVersion,
    at: startedAt.toISOString(),
  });
  try {
    // Safety first: nothing is written to a portal that is not a sandbox or a developer test
    // account, nor to records the target does not hold.
    progress('safety');
    inconclusive = await ensureSafeTarget(options, session);
    if (!inconclusive) {
      const plan = (exchanges: number): void => {
        planned = exchanges;
      };
      wide = await body({ session, client, journal, runId, progress, plan });
    }
  } catch (error) {
    // Anything that does not merely cut the run short (a refusal, a bug) propagates after the cleanup below.
    inconclusive = whyCutShort(error);
    if (inconclusive === undefined) throw error;
  } finally {
    progress('cleanup');
    session.purpose = 'cleanup';
    cleanup = await cleanUpAfterRun(options, session, client, journal);
  }
  if (session.brokenTarget && !inconclusive) inconclusive = session.brokenTarget;
  if (session.isStopped() && !inconclusive) inconclusive = 'the run was interrupted (SIGINT/SIGTERM) and cut short';
  // Say what cleanup achieved, never assume it: after a signal it has seconds, and a target may not answer.
  if (inconclusive && session.isStopped()) {
    const finish = finishCleanupCommand(options.journalPath, options.baseUrl);
    inconclusive += cleanupLeftWork(cleanup)
      ? `; cleanup left work in the journal: run ${finish}`
      : '; what it created was cleaned up';
  }
  progress('done');
  return buildResult(options, session, { runId, startedAt, inconclusive, wide });
}

/**
 * Why an error ended the run as inconclusive (a daily limit, failed provisioning, a wait over the
 * bound, a signal during a wait), or undefined for one that must propagate (a refusal, a bug).
 */
function whyCutShort(error: unknown): string | undefined {
  if (error instanceof DailyLimitReached) return 'HubSpot answered 429 DAILY: the daily request limit is used up';
  if (error instanceof ProvisioningError) return `provisioning failed: ${error.message}`;
  if (error instanceof WaitTooLong) return `${error.message}; raise --max-wait to wait it out`;
  if (error instanceof SendInterrupted) return 'the run was interrupted (SIGINT/SIGTERM) during a wait and cut short';
  return undefined;
}

/**
 * Whether an error stopped cleanup the way a portal can (a daily limit, a wait over the bound, a
 * signal, the deadline after it): what is left stays in the journal for `hsac cleanup`.
 */
function stopsCleanup(error: unknown): error is Error {
  return (
    error instanceof DailyLimitReached ||
    error instanceof WaitTooLong ||
    error instanceof SendInterrupted ||
    error instanceof DeadlinePassed
  );
}

/**
 * The cleanup phase: undoes what the journal says this run (and earlier ones against the same
 * target) did, and names other targets with work left. It must finish after Ctrl-C: its calls are
 * not interrupted by the stop signal, and after one no single wait may hold it past a few seconds.
 * Stopped by the portal (a daily limit, a wait over the bound), it says what is left, which stays
 * in the journal for `hsac cleanup`. What it says are the `cleanup` check's findings, kept through
 * the session so the config grades them (`run.checks: { cleanup: 'off' }` silences them).
 */
async function cleanUpAfterRun(
  options: RunOptions,
  session: Session,
  client: HubSpotClient,
  journal: Journal,
): Promise<CleanupReport> {
  session.interruptible = false;
  if (options.signal?.aborted) {
    client.limitWaits(CLEANUP_AFTER_SIGNAL_MAX_WAIT_MS);
    client.limitTimeouts(CLEANUP_AFTER_SIGNAL_TIMEOUT_MS);
    client.limitRetries(0);
    session.deadline = Date.now() + CLEANUP_AFTER_SIGNAL_BUDGET_MS;
  }
  let cleanup: CleanupReport;
  try {
    const entries = readJournal(options.journalPath);
    cleanup = await cleanUp(session, journal, entriesForTarget(entries, options.baseUrl).mine, options.apiVersion);
    // Only targets with work left are worth naming: a default journal also holds the finished
    // runs against past embedded sandboxes.
    const otherTargets = targetsWithLeftovers(entries, options.baseUrl);
    for (const finding of cleanupCheck.otherTargets(options.journalPath, otherTargets)) session.note(finding);
  } catch (error) {
    if (!stopsCleanup(error)) throw error;
    const why =
      error instanceof DailyLimitReached ? 'daily limit reached during cleanup' : `cleanup stopped: ${error.message}`;
    cleanup = { associations: 0, configurations: 0, records: 0, failures: [why], untracked: [] };
  }
  const finish = finishCleanupCommand(options.journalPath, options.baseUrl);
  for (const finding of cleanupCheck.leftWork(cleanup, finish)) session.note(finding);
  return cleanup;
}
