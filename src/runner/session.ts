import { setMaxListeners } from 'node:events';
import { buildPath, auxiliaryOperation, isSuccess, type AuxiliaryId, type Operation } from '../catalogue/index.js';
import {
  appliesTo,
  checkExchange,
  EXCHANGE_CHECKS,
  isUnchecked,
  observeAuxiliary,
  observeExchange,
  type AuxiliaryObservedExchange,
  type CheckContext,
  type ExchangeIntent,
  type ObservedExchange,
  type SequenceCheck,
} from '../checks/index.js';
import type { Finding, FindingDraft } from '../registry/finding.js';
import { withDeclaredSeverity, type CheckId } from '../registry/index.js';
import type { Profile } from '../validate/index.js';
import {
  DailyLimitReached,
  SendInterrupted,
  WaitTooLong,
  type Exchange,
  type HubSpotClient,
  type SendRequest,
} from '../transport/index.js';
import type { ReportedExchange } from './result.js';

/** Calls a run may have in flight together (the rate-limit probe's wave, and room): each listens for the stop. */
const CALLS_IN_FLIGHT_AT_MOST = 100;

/** The report row under which checks of auxiliary calls are tallied (provisioning, cleanup, account details). */
export const AUXILIARY_ROW = 'auxiliary';

/** Where a finding about the run itself (no endpoint: what cleanup left) is tallied, and listed in reports. */
export const RUN_ROW = 'run';

/** How findings are graded by the config: a check may be made an error, a warning, or switched off. */
export type SeverityOverride = 'error' | 'warn' | 'off';

/** The config's grades (`run.checks`), by registry id: a misspelt id does not compile, and the config refuses one. */
export type SeverityOverrides = Readonly<Partial<Record<CheckId, SeverityOverride>>>;

/** Per endpoint x check: how often it ran, how many cases of its condition arose, and what it found. */
export interface Tally {
  evaluated: number;
  exercised: number;
  errors: number;
  warnings: number;
}

/**
 * One run's conversation with the target: sends catalogue and auxiliary requests through the
 * client, runs every exchange check on each answer, and keeps the exchanges, the findings and a
 * tally per endpoint x check for the reports. Checks are pure; this is where their findings meet
 * the config's severity overrides.
 */
export class Session {
  readonly findings: Finding[] = [];
  readonly exchanges: ReportedExchange[] = [];
  /** `endpoint|check` -> tally. */
  readonly tallies = new Map<string, Tally>();
  sequences = 0;
  /** Why the run is sending what it sends now; every exchange is tagged with it (the cost of coverage). */
  purpose = 'safety';
  /** Unchecked exchanges in a row (resets, timeouts, persistent 5xx) of the endpoints under test. */
  private uncheckedInARow = 0;
  /** Set when the target keeps failing: the run stops as inconclusive instead of timing out on every call. */
  brokenTarget: string | undefined;

  constructor(
    private readonly client: HubSpotClient,
    private readonly context: CheckContext,
    private readonly replay: string,
    private readonly overrides: SeverityOverrides = {},
    private readonly abort?: AbortSignal,
  ) {
    // Every call in flight listens for the stop signal, and the rate-limit probe sends a wave of them at once.
    if (abort) setMaxListeners(CALLS_IN_FLIGHT_AT_MOST, abort);
  }

  /**
   * While true, a stop signal ends any wait of a call at once (`SendInterrupted`). Cleanup turns it
   * off: what the run created must still be archived after Ctrl-C.
   */
  interruptible = true;

  /**
   * After Ctrl-C: the time (ms since the epoch) after which no further call is sent. Cleanup must
   * end within seconds even against a target that stopped answering; what it did not reach stays
   * in the journal for `hsac cleanup`.
   */
  deadline: number | undefined;

  /**
   * True once the run was asked to stop (SIGINT/SIGTERM) or the target keeps failing: callers send nothing more.
   * A method, not a getter: it changes during any `await`, so no caller may keep a narrowing of it across one.
   */
  isStopped(): boolean {
    return (this.abort?.aborted ?? false) || this.brokenTarget !== undefined;
  }

  /** The profile answers are read under: the validator's, which grades what the reader finds (duplicate keys). */
  private get profile(): Profile {
    return this.context.validator.profile;
  }

  private tally(endpoint: string, check: CheckId): Tally {
    const key = `${endpoint}|${check}`;
    let tally = this.tallies.get(key);
    if (!tally) {
      tally = { evaluated: 0, exercised: 0, errors: 0, warnings: 0 };
      this.tallies.set(key, tally);
    }
    return tally;
  }

  /**
   * Grades, counts and keeps findings; `registryCheck` is the registry check that produced them, `judged` the
   * exchange(s) they judged (a finding that names its own keeps it).
   */
  private keep(
    endpoint: string,
    registryCheck: CheckId,
    findings: readonly Finding[],
    judged: Pick<Finding, 'exchangeId' | 'exchangeIds'> = {},
  ): void {
    for (const found of findings) {
      const raw = { ...judged, ...found };
      const override = this.overrides[raw.check] ?? this.overrides[registryCheck];
      if (override === 'off') continue;
      const finding: Finding =
        override === undefined ? raw : { ...raw, severity: override === 'error' ? 'error' : 'warning' };
      const tally = this.tally(endpoint, registryCheck);
      if (finding.severity === 'error') tally.errors++;
      else tally.warnings++;
      this.findings.push({ ...finding, replay: finding.replay ?? this.replay });
    }
  }

  /** Sends one request to an endpoint under test, checks the answer, and returns it for the model. */
  async call(
    operation: Operation,
    params: Readonly<Record<string, string>>,
    body: unknown,
    intent: ExchangeIntent,
    via: HubSpotClient = this.client,
    invalidity?: string,
  ): Promise<ObservedExchange> {
    if (this.deadline !== undefined && Date.now() > this.deadline)
      throw new DeadlinePassed(
        `${operation.method} ${operation.endpoint} not sent: the time left after the signal ran out`,
      );
    const { exchange, ended } = await this.send(via, {
      method: operation.method,
      path: buildPath(operation, params),
      ...(body === undefined ? {} : { body }),
      auth: intent !== 'no-auth',
    });
    this.exchanges.push(report(exchange, operation.endpoint, operation.apiVersion, intent, this.purpose));
    // A 5xx to a body hsac broke on purpose is that check's finding, not a sign the target is down.
    if (intent !== 'invalid-request') this.uncheckedInARow = isUnchecked({ exchange }) ? this.uncheckedInARow + 1 : 0;
    if (this.uncheckedInARow >= BROKEN_AFTER) {
      this.brokenTarget = `${BROKEN_AFTER} exchanges in a row got no checkable answer (last: ${exchange.failure?.kind ?? `status ${exchange.response?.status}`}); the run stopped`;
    }
    // The answer's body is read at most once, here, for every check and for the runner.
    const sent = { ...(body === undefined ? {} : { sent: body }), ...(invalidity ? { invalidity } : {}) };
    const observed = observeExchange({ operation, intent, exchange, ...sent, replay: this.replay }, this.profile);
    for (const check of EXCHANGE_CHECKS) {
      if (!appliesTo(check, operation.endpoint)) continue;
      const findings = check.check(observed, this.context);
      const tally = this.tally(operation.endpoint, check.id);
      tally.evaluated++;
      tally.exercised += check.exercised(observed, this.context);
      this.keep(operation.endpoint, check.id, findings, { exchangeId: exchange.id });
    }
    if (ended) throw ended;
    return observed;
  }

  /** Sends an auxiliary request (provisioning, cleanup, account details): not under test, read like any answer. */
  async auxiliary(
    id: AuxiliaryId,
    apiVersion: string,
    params: Readonly<Record<string, string>>,
    body?: unknown,
  ): Promise<AuxiliaryObservedExchange> {
    const operation = auxiliaryOperation(id, apiVersion);
    if (this.deadline !== undefined && Date.now() > this.deadline)
      throw new DeadlinePassed(`${operation.method} ${operation.id} not sent: the time left after the signal ran out`);
    const { exchange, ended } = await this.send(this.client, {
      method: operation.method,
      path: buildPath(operation, params),
      ...(body === undefined ? {} : { body }),
    });
    this.exchanges.push(report(exchange, id, apiVersion, 'auxiliary', this.purpose));
    // Rate limits and echoed tokens are the provider's whatever the call: the checks that say so
    // judge auxiliary calls too, tallied under the `auxiliary` row.
    const observed = observeAuxiliary({ auxiliary: operation, exchange, replay: this.replay }, this.profile);
    for (const check of EXCHANGE_CHECKS) {
      if (!check.checkAuxiliary) continue;
      const tally = this.tally(AUXILIARY_ROW, check.id);
      tally.evaluated++;
      tally.exercised += check.exercisedAuxiliary?.(observed) ?? 0;
      this.keep(AUXILIARY_ROW, check.id, check.checkAuxiliary(observed, this.context), { exchangeId: exchange.id });
    }
    if (ended) throw ended;
    return observed;
  }

  /**
   * Sends through `via` (with the stop signal while interruptible). A send that ended the run (a
   * daily limit, a wait over --max-wait, Ctrl-C) still met answers: they come back with the error,
   * to be reported and judged (its 429s by the rate-limit contract) before the error ends the run.
   */
  private async send(via: HubSpotClient, request: SendRequest): Promise<{ exchange: Exchange; ended?: Error }> {
    try {
      return { exchange: this.identified(await via.send(this.interruptibly(request))) };
    } catch (error) {
      const partial = endedExchange(error);
      if (!partial) throw error;
      return { exchange: this.identified(partial), ended: error as Error };
    }
  }

  /**
   * The exchange with the run's own id: each client numbers its exchanges from 1 (the run's, the probe's burst,
   * the checker without a token), but a finding, the reports and `hsac replay` name an exchange by one id per run.
   */
  private identified(exchange: Exchange): Exchange {
    // A counter, not `exchanges.length`: answers of calls in flight together arrive before either is kept.
    return { ...exchange, id: ++this.exchangeCount };
  }

  private exchangeCount = 0;

  /** The request with the run's stop signal while calls are interruptible. */
  private interruptibly(request: SendRequest): SendRequest {
    return this.interruptible && this.abort ? { ...request, signal: this.abort } : request;
  }

  /** Runs a sequence check and keeps its findings under the endpoint it is about. */
  sequence<Input>(check: SequenceCheck<Input>, endpoint: string, input: Input): Finding[] {
    this.sequences++;
    const findings = check.check(input, this.context);
    const tally = this.tally(endpoint, check.id);
    tally.evaluated++;
    tally.exercised += check.exercised(input);
    const exchangeIds = check.exchangeIds(input);
    this.keep(endpoint, check.id, findings, exchangeIds.length > 0 ? { exchangeIds } : {});
    return findings;
  }

  /** Endpoint -> why the run left it (or part of it) untouched: said with its checks not exercised. */
  readonly untouched = new Map<string, string>();

  /** Records why the run sent an endpoint less than it meant to (a limit it could not read first). */
  leftUntouched(endpoint: string, why: string): void {
    if (!this.untouched.has(endpoint)) this.untouched.set(endpoint, why);
  }

  /** Whether a check has already reported an error in this run. */
  hasError(check: CheckId): boolean {
    return this.findings.some((finding) => finding.check === check && finding.severity === 'error');
  }

  /**
   * Keeps a finding the runner itself makes (a probe that never met a 429, what cleanup left),
   * graded like any check's: its declared severity unless it states one, then the config's.
   */
  note(draft: FindingDraft): void {
    this.keep(draft.endpoint ?? RUN_ROW, draft.check, [withDeclaredSeverity(draft)]);
  }

  /** Runs every exchange check on an observed exchange again (used by tests of the session itself). */
  recheck(observed: ObservedExchange): Finding[] {
    return checkExchange(observed, this.context);
  }
}

/** Whether an answer (under test or auxiliary) is a 2xx. */
export function succeeded(answer: { readonly exchange: Exchange }): boolean {
  return isSuccess(answer.exchange.response?.status ?? 0);
}

/** Whether an auxiliary call answered a status its operation declares (the catalogue's, never a literal). */
export function answeredAsDeclared(answer: AuxiliaryObservedExchange): boolean {
  const status = answer.exchange.response?.status;
  return answer.auxiliary.responses.some((declared) => declared.status === status);
}

/** What an answer was, for messages: the transport failure, or the status. */
export function describeAnswer(answer: { readonly exchange: Exchange }): string {
  const { failure, response } = answer.exchange;
  return failure ? `${failure.kind}: ${failure.message}` : `status ${response?.status ?? '?'}`;
}

/** A call not sent because the deadline after a signal had passed (cleanup stops; the journal keeps the rest). */
export class DeadlinePassed extends Error {
  override readonly name = 'DeadlinePassed';
}

/** The exchange a send had made when it ended the run (with attempts), or undefined for any other error. */
function endedExchange(error: unknown): Exchange | undefined {
  if (error instanceof DailyLimitReached || error instanceof WaitTooLong || error instanceof SendInterrupted) {
    return error.exchange.attempts.length > 0 ? error.exchange : undefined;
  }
  return undefined;
}

/**
 * Unchecked exchanges in a row after which the target is taken as broken. Each has already been
 * retried; going on would only add timeouts to a run whose verdict is already inconclusive.
 */
const BROKEN_AFTER = 3;

function report(
  exchange: Exchange,
  endpoint: string,
  apiVersion: string,
  intent: ReportedExchange['intent'],
  purpose: string,
): ReportedExchange {
  return {
    id: exchange.id,
    endpoint,
    apiVersion,
    intent,
    request: exchange.request,
    ...(exchange.response ? { response: exchange.response } : {}),
    ...(exchange.failure ? { failure: exchange.failure } : {}),
    attempts: exchange.attempts,
    startedAt: exchange.startedAt,
    durationMs: exchange.durationMs,
    purpose,
  };
}
