import { randomUUID } from 'node:crypto';
import { ENDPOINT_IDS, operation, type ApiVersion, type EndpointId } from '../catalogue/index.js';
import { ALL_CHECKS, appliesTo, field, isUnchecked, type Check } from '../checks/index.js';
import type { Finding } from '../registry/finding.js';
import { DailyLimitReached, HubSpotClient, rateLimitDecision, SendInterrupted, WaitTooLong, type Clock, type RateBudget, type RetryPolicy, type WaitNotice } from '../transport/index.js';
import { createValidator, type Profile } from '../validate/index.js';
import { coverageSequence, runSequence, sampleSequences, type RecordPool, type Real } from './commands.js';
import { guardConfiguration } from './configurations.js';
import { Journal, readJournal } from './journal.js';
import { RunModel } from './model.js';
import { cleanUp, createRecords, entriesForTarget, missingRecords, nameMissing, ProvisioningError, targetsWithLeftovers, type CleanupReport, type GivenRecords } from './provision.js';
import { DEFAULT_INVALID_PER_ENDPOINT, planInvalidRequests, sendInvalidRequests } from './invalid-requests.js';
import { checkOutcomeKind, type CheckOutcome, type RunResult, type Verdict } from './result.js';
import { AUXILIARY_ROW, DeadlinePassed, Session, type SeverityOverride, type Tally } from './session.js';
import { buildWideRecord, DEFAULT_PAGING_BUDGET, type WideRecordOutcome } from './wide-record.js';

/** Everything a run needs; the CLI fills it from flags, the config file and the environment. */
export interface RunOptions {
  readonly baseUrl: string;
  readonly token?: string;
  /** How the target is named in reports (never with the token). */
  readonly targetLabel: string;
  readonly apiVersion: ApiVersion;
  readonly endpoints: readonly EndpointId[];
  /** Stateful command sequences to run. */
  readonly runs: number;
  readonly seed: number;
  readonly profile: Profile;
  readonly journalPath: string;
  readonly shard?: { readonly index: number; readonly count: number };
  readonly rateLimit?: RateBudget;
  readonly timeoutMs?: number;
  /** The longest single wait (Retry-After, backoff, throttling); a longer one ends the run inconclusive. Default 60 s. */
  readonly maxWaitMs?: number;
  /** Told of every wait the client makes (the CLI shows those over 2 s). */
  readonly onWait?: (wait: WaitNotice) => void;
  readonly retry?: RetryPolicy;
  readonly records?: GivenRecords;
  readonly allowProductionPortal?: boolean;
  readonly overrides?: Readonly<Record<string, SeverityOverride>>;
  readonly maxCommands?: number;
  /**
   * Burst requests until the target answers 429, to check the rate-limit contract (body, headers,
   * Retry-After). It spends the portal's ten-second budget, so it is opt-in against a real portal.
   */
  readonly probeRateLimit?: boolean;
  /** Checks that must be exercised (`--require-exercised`): `all`, or check ids; one not exercised makes the run inconclusive. */
  readonly requireExercised?: 'all' | readonly string[];
  /** Requests the wide record may cost to reach paging (default: enough for a page of 1000). */
  readonly pagingBudget?: number;
  /** Invalid request bodies sent per endpoint with a body (default 3). */
  readonly invalidPerEndpoint?: number;
  /** Records of each type to create when none are given. */
  readonly recordsPerType?: { readonly from: number; readonly to: number };
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
  /** The command that reproduces this run (printed with every finding). */
  readonly replay: string;
  readonly toolVersion?: string;
  readonly onProgress?: (progress: RunProgress) => void;
}

/** Progress for the terminal: exchanges done, findings so far, the current rate. */
export interface RunProgress {
  readonly phase: 'safety' | 'probes' | 'provision' | 'wide-record' | 'invalid-requests' | 'sequences' | 'cleanup' | 'done';
  readonly endpoint?: string;
  readonly exchanges: number;
  readonly planned: number;
  readonly errors: number;
  readonly warnings: number;
  readonly requestsPerSecond: number;
}

/** The run refused to start (a production portal, a bad token): a configuration error, exit 2. */
export class RunRefused extends Error {
  override readonly name = 'RunRefused';
}

/** After Ctrl-C, the longest single wait cleanup may make (the run must end within 10 s, issue 12). */
const CLEANUP_AFTER_SIGNAL_MAX_WAIT_MS = 3000;
/** After Ctrl-C, the longest a cleanup request may take: a target that stopped answering must not hold the exit. */
const CLEANUP_AFTER_SIGNAL_TIMEOUT_MS = 2000;
/** After Ctrl-C, how long cleanup may go on sending (a request already sent may finish): the run ends within 10 s. */
const CLEANUP_AFTER_SIGNAL_BUDGET_MS = 4000;

/** Account types a run may write to without `--allow-production-portal`. */
export const WRITABLE_ACCOUNT_TYPES: ReadonlySet<string> = new Set(['SANDBOX', 'DEVELOPER_TEST', 'DEVELOPER']);

/** mulberry32: a tiny seeded PRNG for backoff jitter (timing only; data comes from fast-check). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
  const validator = createValidator({ profile: options.profile, ...(options.overrides?.['unknown-field'] === 'error' ? { unknownFields: 'error' as const } : {}) });
  const session = new Session(client, { profile: options.profile, validator }, options.replay, options.overrides, options.signal);
  const journal = new Journal(options.journalPath);
  const endpoints = new Set(options.endpoints);
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

  journal.append({ kind: 'run', runId, baseUrl: options.baseUrl, apiVersion: options.apiVersion, at: startedAt.toISOString() });
  try {
    // Safety first: nothing is written to a portal that is not a sandbox or a developer test account.
    progress('safety');
    const details = await session.auxiliary('account-details', options.apiVersion, {});
    const status = details.response?.status;
    if (details.failure || status === undefined) {
      inconclusive = `target unreachable: ${details.failure?.message ?? 'no answer'}`;
    } else if (status === 401 || status === 403) {
      throw new RunRefused(`the target answered ${status} to GET /account-info/v3/details: check the token (--token or HUBSPOT_ACCESS_TOKEN)`);
    } else if (status !== 200) {
      inconclusive = `account details answered ${status}; cannot tell whether the portal is a sandbox`;
    } else {
      let accountType: unknown;
      try {
        accountType = field(JSON.parse(details.response?.body ?? 'null'), 'accountType');
      } catch {
        accountType = undefined;
      }
      if (!options.allowProductionPortal && !(typeof accountType === 'string' && WRITABLE_ACCOUNT_TYPES.has(accountType))) {
        throw new RunRefused(
          `refusing to write: the portal's accountType is ${JSON.stringify(accountType)}, not one of ${[...WRITABLE_ACCOUNT_TYPES].join(', ')} (pass --allow-production-portal to override)`,
        );
      }
    }

    // Given records are read before anything is sent that could write: one that is not there is
    // the user's mistake (exit 2), never a finding against the target.
    if (!inconclusive && options.records) {
      session.purpose = 'provision';
      const missing = await missingRecords(session, options.apiVersion, options.records);
      if (missing.length > 0) throw new RunRefused(`--records names ${missing.length} record(s) the target does not hold: ${nameMissing(missing)}; nothing was written`);
    }

    if (!inconclusive) {
      session.purpose = 'probes';
      await probes(options, session, endpoints, journal);
      if (options.probeRateLimit) await rateLimitProbe(options, session, client);
      progress('probes');
      session.purpose = 'provision';
      const pool = await recordPool(options, session, journal, runId);
      progress('provision');
      const sequences = sampleSequences(pool, endpoints, options.runs, options.seed, options.maxCommands ?? 8);
      planned = session.exchanges.length + sequences.reduce((sum, commands) => sum + [...commands].length * 2, 0);
      const real: Real = { session, journal, apiVersion: options.apiVersion, endpoints, pool, maxPages: 50, unknownId: '999999999999999' };
      if (inShard(0, options.shard) && !session.stopped) {
        session.purpose = 'wide-record';
        wide = await buildWideRecord(real, journal, runId, options.pagingBudget ?? DEFAULT_PAGING_BUDGET);
        progress('wide-record');
        session.purpose = 'invalid-requests';
        await sendInvalidRequests(real, planInvalidRequests(real, options.seed, options.invalidPerEndpoint ?? DEFAULT_INVALID_PER_ENDPOINT));
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
        if (session.stopped) break;
        if (!inShard(index, options.shard)) continue;
        await runSequence(commands, () => ({ model, real }));
        progress('sequences', `sequence ${index + 1}/${sequences.length}`);
      }
    }
  } catch (error) {
    // A daily limit or failed provisioning ends the run as inconclusive; anything else (a refusal,
    // a bug) propagates after the cleanup below.
    if (error instanceof DailyLimitReached) inconclusive = 'HubSpot answered 429 DAILY: the daily request limit is used up';
    else if (error instanceof ProvisioningError) inconclusive = `provisioning failed: ${error.message}`;
    else if (error instanceof WaitTooLong) inconclusive = `${error.message}; raise --max-wait to wait it out`;
    else if (error instanceof SendInterrupted) inconclusive = 'the run was interrupted (SIGINT/SIGTERM) during a wait and cut short';
    else throw error;
  } finally {
    progress('cleanup');
    session.purpose = 'cleanup';
    // Cleanup must finish after Ctrl-C: its calls are not interrupted by the stop signal, and
    // after one no single wait may hold it past a few seconds (what is left stays journaled).
    session.interruptible = false;
    if (options.signal?.aborted) {
      client.limitWaits(CLEANUP_AFTER_SIGNAL_MAX_WAIT_MS);
      client.limitTimeouts(CLEANUP_AFTER_SIGNAL_TIMEOUT_MS);
      client.limitRetries(0);
      session.deadline = Date.now() + CLEANUP_AFTER_SIGNAL_BUDGET_MS;
    }
    try {
      const entries = readJournal(options.journalPath);
      cleanup = await cleanUp(session, journal, entriesForTarget(entries, options.baseUrl).mine, options.apiVersion);
      // Only targets with work left are worth naming: a default journal also holds the finished
      // runs against past embedded sandboxes.
      const otherTargets = targetsWithLeftovers(entries, options.baseUrl);
      if (otherTargets.length > 0) {
        session.note({
          check: 'cleanup',
          severity: 'warning',
          instancePath: '',
          message: `the journal ${options.journalPath} also holds work of runs against ${otherTargets.join(', ')}: not touched here (run hsac cleanup --journal ${options.journalPath} --target URL against that target)`,
        });
      }
    } catch (error) {
      // Cleanup stopped by the portal (a daily limit, a wait over the bound): what is left stays
      // in the journal for `hsac cleanup`, and the run says so.
      if (!(error instanceof DailyLimitReached || error instanceof WaitTooLong || error instanceof SendInterrupted || error instanceof DeadlinePassed)) throw error;
      const why = error instanceof DailyLimitReached ? 'daily limit reached during cleanup' : `cleanup stopped: ${error.message}`;
      cleanup = { associations: 0, configurations: 0, records: 0, failures: [why], untracked: [] };
    }
  }
  if (session.brokenTarget && !inconclusive) inconclusive = session.brokenTarget;
  if (session.stopped && !inconclusive) inconclusive = 'the run was interrupted (SIGINT/SIGTERM) and cut short';
  // Say what cleanup achieved, never assume it: after a signal it has seconds, and a target may not answer.
  if (inconclusive && session.stopped) {
    const left = cleanup === undefined || cleanup.failures.length > 0 || cleanup.untracked.length > 0;
    inconclusive += left
      ? `; cleanup left work in the journal: run hsac cleanup --journal ${options.journalPath} --target ${options.baseUrl}`
      : '; what it created was cleaned up';
  }
  progress('done');
  return buildResult(options, runId, startedAt, session, inconclusive, cleanup, wide);
}

/** The negative probes: a request without a token per endpoint, and one over the input limit. */
async function probes(options: RunOptions, session: Session, endpoints: ReadonlySet<EndpointId>, journal: Journal): Promise<void> {
  if (!inShard(0, options.shard)) return;
  const pair = { fromObjectType: 'contacts', toObjectType: 'companies' };
  for (const endpoint of ENDPOINT_IDS) {
    if (!endpoints.has(endpoint) || session.stopped) continue;
    const op = operation(endpoint, options.apiVersion);
    // Bodies are valid apart from the missing token, so only auth can explain a refusal. Their
    // record IDs exist nowhere: a provider that does not check tokens must not link real records
    // (IDs 1 and 2 are somebody's on a real portal).
    const bodies: Record<EndpointId, unknown> = {
      'batch-read': { inputs: [{ id: PROBE_IDS[0] }] },
      'batch-associate-default': { inputs: [{ from: { id: PROBE_IDS[0] }, to: { id: PROBE_IDS[1] } }] },
      'configurations-batch-create': { inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 100 }] },
      'associate-default': undefined,
    };
    const params = endpoint === 'associate-default' ? { ...pair, fromObjectId: PROBE_IDS[0], toObjectId: PROBE_IDS[1] } : pair;
    // A provider that does not enforce auth may act on the body: the limit's original is read and
    // journaled first, and one that cannot be read is not put at risk.
    if (endpoint === 'configurations-batch-create') {
      const guard = await guardConfiguration(session, journal, options.apiVersion, pair.fromObjectType, pair.toObjectType, 279);
      if (!guard.ok) {
        session.leftUntouched(endpoint, guard.why);
        continue;
      }
    }
    await session.call(op, params, bodies[endpoint], 'no-auth');
  }
  if (endpoints.has('batch-read') && !session.stopped) {
    const op = operation('batch-read', options.apiVersion);
    const limit = op.maxInputs ?? 1000;
    await session.call(op, pair, { inputs: Array.from({ length: limit + 1 }, (_, i) => ({ id: String(900_000_000 + i) })) }, 'over-limit');
  }
}

/** Record IDs no portal holds (above any ID HubSpot has issued), for probes that must not touch records. */
const PROBE_IDS = ['999999999999991', '999999999999992'] as const;

/** Most requests the rate-limit probe sends before concluding the limit is not enforced. */
const RATE_PROBE_MAX = 400;

/**
 * Sends batch reads as fast as one connection allows, with a client that neither throttles nor
 * retries, until the target answers 429 (every answer, the 429 included, goes through the
 * exchange checks). The run's own client then waits as the 429 says before going on.
 */
async function rateLimitProbe(options: RunOptions, session: Session, client: HubSpotClient): Promise<void> {
  if (!inShard(0, options.shard) || session.stopped) return;
  const burst = new HubSpotClient({
    baseUrl: options.baseUrl,
    ...(options.token ? { token: options.token } : {}),
    rateLimit: { requests: 1_000_000, windowMs: 1000 },
    adaptToHeaders: false,
    retry: { maxRetries: 0, maxRateLimitRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const op = operation('batch-read', options.apiVersion);
  for (let sent = 0; sent < RATE_PROBE_MAX && !session.stopped; sent++) {
    const observed = await session.call(op, { fromObjectType: 'contacts', toObjectType: 'companies' }, { inputs: [{ id: '1' }] }, 'conformance', burst);
    const response = observed.exchange.response;
    // No answer, or a server error: the probe says nothing about rate limits (transport reports it).
    if (!response || response.status >= 500) return;
    if (response.status === 429) {
      // The run's own client waits as this 429 says (any shape: Retry-After, interval, policy).
      const decision = rateLimitDecision(response, { now: Date.now(), previous: 0 });
      if (decision.action === 'stop') throw new DailyLimitReached(observed.exchange);
      client.pauseFor(decision.ms, decision.reason);
      return;
    }
  }
  session.note({
    check: 'rate-limit-contract',
    severity: 'warning',
    instancePath: '',
    endpoint: op.endpoint,
    apiVersion: op.apiVersion,
    message: `${RATE_PROBE_MAX} requests in a burst got no 429: the rate limit is not enforced, or is above the probe`,
  });
}

async function recordPool(options: RunOptions, session: Session, journal: Journal, runId: string): Promise<RecordPool> {
  if (options.records) {
    return {
      fromObjectType: options.records.fromObjectType ?? 'contacts',
      toObjectType: options.records.toObjectType ?? 'companies',
      fromIds: options.records.fromIds,
      toIds: options.records.toIds,
      preexisting: await existingPairs(options, session, options.records),
    };
  }
  const counts = options.recordsPerType ?? { from: 3, to: 8 };
  const fromIds = await createRecords(session, journal, options.apiVersion, 'contacts', counts.from, runId);
  const toIds = await createRecords(session, journal, options.apiVersion, 'companies', counts.to, runId);
  return { fromObjectType: 'contacts', toObjectType: 'companies', fromIds, toIds, preexisting: new Set() };
}

/**
 * Associations given records already have, over every page: the run must never archive them. A
 * pair on a later page missed here would be journaled and archived at cleanup, so paging is
 * followed to the end (bounded, as the paging check bounds it).
 */
async function existingPairs(options: RunOptions, session: Session, records: GivenRecords): Promise<Set<string>> {
  const pairs = new Set<string>();
  const op = operation('batch-read', options.apiVersion);
  const params = { fromObjectType: records.fromObjectType ?? 'contacts', toObjectType: records.toObjectType ?? 'companies' };
  let pending: { id: string; after?: string }[] = records.fromIds.map((id) => ({ id }));
  for (let page = 0; pending.length > 0 && page < 200 && !session.stopped; page++) {
    const observed = await session.call(op, params, { inputs: pending }, 'conformance');
    const next: { id: string; after: string }[] = [];
    let results: unknown;
    try {
      results = field(JSON.parse(observed.exchange.response?.body ?? 'null'), 'results');
    } catch {
      // An unreadable baseline is reported by the checks; the run then must not touch these records.
      throw new ProvisioningError('cannot read the given records\' existing associations (their baseline); refusing to write');
    }
    if (!Array.isArray(results)) throw new ProvisioningError('the given records\' existing associations could not be read; refusing to write');
    for (const result of results) {
      const from = String(field(field(result, 'from'), 'id'));
      const to = field(result, 'to');
      if (Array.isArray(to)) for (const target of to) pairs.add(`${from}>${String(field(target, 'toObjectId'))}`);
      const after = field(field(field(result, 'paging'), 'next'), 'after');
      if (typeof after === 'string') next.push({ id: from, after });
    }
    pending = next;
  }
  return pairs;
}

function buildResult(
  options: RunOptions,
  runId: string,
  startedAt: Date,
  session: Session,
  inconclusive: string | undefined,
  cleanup: CleanupReport | undefined,
  wide: WideRecordOutcome | undefined,
): RunResult {
  const findings: Finding[] = [...session.findings];
  if (cleanup && (cleanup.failures.length > 0 || cleanup.untracked.length > 0)) {
    findings.push({
      check: 'cleanup',
      severity: 'warning',
      instancePath: '',
      message: `cleanup left work: ${[...cleanup.failures, ...cleanup.untracked.map((u) => `untracked ${u}`)].join('; ')} (re-run: hsac cleanup --journal ${options.journalPath} --target ${options.baseUrl})`,
    });
  }
  const unchecked = session.exchanges.filter((exchange) => exchange.intent !== 'auxiliary' && isUnchecked({ exchange })).length;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const checks = outcomes(options, session, wide);
  const notExercised = notExercisedChecks(checks);
  const unmet = unmetRequirements(options.requireExercised, checks);
  // Fail beats inconclusive (as in `report merge`): an error found is an error, even in a run cut short.
  let verdict: Verdict = 'pass';
  let reason: string | undefined;
  if (errors > 0) {
    verdict = 'fail';
    reason = `${errors} error finding(s)${inconclusive ? `; also ${inconclusive}` : ''}`;
  } else if (inconclusive || unchecked > 0) {
    verdict = 'inconclusive';
    reason = inconclusive ?? `${unchecked} exchange(s) got no checkable answer (resets, timeouts, persistent 5xx)`;
  } else if (unmet.length > 0) {
    verdict = 'inconclusive';
    reason = `required check(s) not exercised: ${unmet.map((u) => `${u.check} (${u.why})`).join('; ')}`;
  }
  const requests: Record<string, number> = {};
  // Requests on the wire: every attempt, the retried 429s and 5xx included.
  for (const exchange of session.exchanges) requests[exchange.purpose ?? 'other'] = (requests[exchange.purpose ?? 'other'] ?? 0) + exchange.attempts.length;
  const checksOff = Object.entries(options.overrides ?? {}).filter(([, severity]) => severity === 'off').map(([id]) => id).sort();
  const finishedAt = new Date();
  return {
    tool: { name: 'hsac', version: options.toolVersion ?? '0' },
    run: {
      id: runId,
      seed: options.seed,
      apiVersion: options.apiVersion,
      endpoints: options.endpoints,
      runs: options.runs,
      profile: options.profile,
      target: options.targetLabel,
      ...(options.shard ? { shard: options.shard } : {}),
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      replay: options.replay,
      ...(options.requireExercised ? { requireExercised: options.requireExercised === 'all' ? ['all'] : [...options.requireExercised] } : {}),
      ...(checksOff.length > 0 ? { checksOff } : {}),
    },
    summary: {
      verdict,
      ...(reason ? { reason } : {}),
      exchanges: session.exchanges.length,
      unchecked,
      errors,
      warnings,
      sequences: session.sequences,
      seed: options.seed,
      notExercised,
      requests,
    },
    findings,
    checks,
    exchanges: session.exchanges,
  };
}

const NO_TALLY: Tally = { evaluated: 0, exercised: 0, errors: 0, warnings: 0 };


/**
 * Why a check was not exercised on an endpoint in this run: what the run itself knows first (an
 * endpoint it left untouched, the wide record's story for paging, a burst that met no 429), else
 * the check's own reason.
 */
function whyNotExercised(check: Check, endpoint: string, session: Session, wide: WideRecordOutcome | undefined): string {
  const untouched = session.untouched.get(endpoint);
  if (untouched) return untouched;
  if (check.id === 'paging-terminates' && wide?.why) return `${wide.why} (${wide.requests} requests spent on the wide record)`;
  const probe = session.findings.find((finding) => finding.check === check.id && finding.endpoint === endpoint && finding.severity === 'warning' && /in a burst got no 429/.test(finding.message));
  if (probe) return probe.message;
  return check.notExercisedWhy;
}

/**
 * One outcome per endpoint x registry check where the check applies, plus an `auxiliary` row for
 * the checks that judge provisioning and cleanup calls too. Body-level ids count under `response-body`.
 */
function outcomes(options: RunOptions, session: Session, wide: WideRecordOutcome | undefined): CheckOutcome[] {
  const rows: CheckOutcome[] = [];
  const row = (endpoint: string, check: Check): CheckOutcome => {
    const tally = session.tallies.get(`${endpoint}|${check.id}`) ?? NO_TALLY;
    const outcome = checkOutcomeKind({ ...tally, off: options.overrides?.[check.id] === 'off' });
    const why = outcome === 'off' ? 'switched off by the config (run.checks)' : outcome === 'not-exercised' ? whyNotExercised(check, endpoint, session, wide) : undefined;
    return { endpoint, check: check.id, description: check.description, outcome, evaluated: tally.evaluated, exercised: tally.exercised, errors: tally.errors, warnings: tally.warnings, ...(why ? { why } : {}) };
  };
  for (const endpoint of options.endpoints) {
    for (const check of ALL_CHECKS) if (appliesTo(check, endpoint)) rows.push(row(endpoint, check));
  }
  for (const check of ALL_CHECKS) if (check.scope === 'exchange' && check.checkAuxiliary) rows.push(row(AUXILIARY_ROW, check));
  return rows;
}

/** Checks exercised on no row of the run (and not switched off), with why. */
function notExercisedChecks(rows: readonly CheckOutcome[]): { check: string; why: string }[] {
  const byCheck = new Map<string, CheckOutcome[]>();
  for (const row of rows) byCheck.set(row.check, [...(byCheck.get(row.check) ?? []), row]);
  return [...byCheck]
    .filter(([, mine]) => mine.every((row) => row.outcome === 'not-exercised'))
    .map(([check, mine]) => ({ check, why: mine[0]?.why ?? 'nothing arose to judge' }));
}

/** The required checks (`all` or ids) that no row exercised; a check switched off cannot be required. */
function unmetRequirements(required: RunOptions['requireExercised'], rows: readonly CheckOutcome[]): { check: string; why: string }[] {
  if (!required) return [];
  const missing = notExercisedChecks(rows);
  if (required === 'all') {
    // `all` also means every endpoint of the run judged something: one the run had to leave alone
    // (a limit it could not read first) is as unexercised as a check.
    const silent = [...new Set(rows.map((row) => row.endpoint))]
      .filter((endpoint) => rows.filter((row) => row.endpoint === endpoint).every((row) => row.outcome === 'not-exercised'))
      .map((endpoint) => ({ check: `(every check on ${endpoint})`, why: rows.find((row) => row.endpoint === endpoint)?.why ?? 'nothing was judged' }));
    return [...missing, ...silent];
  }
  // A required check with no row applies to none of the run's endpoints: it cannot be exercised.
  const absent = required.filter((id) => !rows.some((row) => row.check === id)).map((check) => ({ check, why: 'it applies to none of the endpoints of this run' }));
  return [...missing.filter((entry) => required.includes(entry.check)), ...absent];
}

