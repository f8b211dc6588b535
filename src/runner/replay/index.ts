import {
  checkExchange,
  EXCHANGE_CHECKS,
  rejudgeSequence,
  type CheckContext,
  type ReplayedExchange,
} from '../../checks/index.js';
import { field, jsonText } from '../../json.js';
import { pointerPattern } from '../../json-pointer.js';
import type { Finding } from '../../registry/finding.js';
import { seededRandom } from '../../random.js';
import {
  DailyLimitReached,
  HubSpotClient,
  SendInterrupted,
  WaitTooLong,
  type Exchange,
  type RateBudget,
  type RetryPolicy,
  type WaitNotice,
} from '../../transport/index.js';
import { createValidator, isProfile, type Profile } from '../../validate/index.js';
import type { ReportedExchange, RunResult } from '../result.js';
import type { NumberedFinding } from '../../registry/finding.js';
import { indexReport, planFinding, requestLine, type PlannedFinding } from './plan.js';
import { unjudgeable } from './judgeable.js';
import { replayedExchange, resendable, type Resendable } from './resend.js';

export type { NumberedFinding } from '../../registry/finding.js';
export {
  inconsistentFinding,
  isLoopback,
  policyFor,
  ReplaySelectionError,
  selectFindings,
  type ReplaySelection,
  type TargetPolicy,
} from './plan.js';

/**
 * `hsac replay`: re-sends the exact requests behind findings of a report to a target and judges the answers again
 * with the same checks. Under `replay-run` the run's exchanges are re-sent in id order from the first up to the last a
 * finding judged, so the target holds what it held then (the run's records, associations, limits); under
 * `reads-only` (a portal) only the findings' own reads are.
 */

/** Where and how to replay. */
export interface ReplayOptions {
  readonly baseUrl: string;
  /** Sent where the run sent its own (recorded redacted); never recorded. */
  readonly token?: string;
  readonly policy: 'replay-run' | 'reads-only';
  readonly rateLimit?: RateBudget;
  readonly retry?: RetryPolicy;
  readonly timeoutMs?: number;
  readonly maxWaitMs?: number;
  readonly onWait?: (wait: WaitNotice) => void;
  /** Aborting it (Ctrl-C) ends any wait at once; what was not judged is `not-replayed`. */
  readonly signal?: AbortSignal;
  /** The command that replays finding N: the `replay` of the findings its re-check makes. */
  readonly replayCommand: (finding: number) => string;
  readonly toolVersion?: string;
}

/** A finding the replay judges (not one it refused before sending). */
type Judged = Exclude<PlannedFinding, { kind: 'not-replayed' }>;

/** What came of one finding. */
export type ReplayOutcome = 'reproduced' | 'no longer reproduced' | 'not-replayed';

/** One exchange of a finding as re-sent: what the run got, and what came back now. */
export interface ResentExchange {
  readonly id: number;
  readonly endpoint: string;
  /** `POST /crm/...`. */
  readonly request: string;
  readonly status?: number;
  /** Why no answer came now (a reset, a timeout). */
  readonly failure?: string;
  readonly recordedStatus?: number;
  readonly recordedFailure?: string;
}

/** One finding replayed. */
export interface FindingReplay {
  /** Its number in the report (1-based position in `findings[]`). */
  readonly finding: number;
  readonly check: Finding['check'];
  readonly endpoint?: string;
  readonly outcome: ReplayOutcome;
  /** Why it was not replayed. */
  readonly why?: string;
  /** Its message in the report. */
  readonly was: string;
  /** The re-check's findings of the same check, endpoint and instancePath (indices generalised): what reproduces it. */
  readonly now: readonly Finding[];
  /** The re-check's findings of the same check and endpoint at other paths: other findings, not this one again. */
  readonly elsewhere?: readonly Finding[];
  /** Its own exchanges, as re-sent (none when it was not replayed before sending). */
  readonly exchanges: readonly ResentExchange[];
}

/** What a replay came to. */
export interface ReplayResult {
  readonly replayed: readonly FindingReplay[];
  /** Every finding the re-checks made, of every check (a finding two replayed findings share, once). */
  readonly findings: readonly Finding[];
  /** Exchanges re-sent in all. */
  readonly resent: number;
  /** Of them, those before the selected findings' own: the run's history, re-sent so the target holds what it did. */
  readonly earlier: number;
  /** Why re-sending stopped before the end, when it did: the findings it did not reach are `not-replayed`. */
  readonly stopped?: string;
}

/** Why re-sending must stop at this answer: none came where the run got one (the target is unreachable, or down). */
function noAnswer(recorded: ReportedExchange, now: Exchange): string | undefined {
  if (now.response !== undefined || recorded.response === undefined) return undefined;
  const why = now.failure ? `${now.failure.kind}: ${now.failure.message}` : 'no answer';
  return `exchange ${recorded.id} (${requestLine(recorded)}) got no answer (${why}), where the run got ${recorded.response.status}: the target is unreachable or down`;
}

/** The ids of the records an objects batch create answered with, in its order. */
function createdIds(answer: ReplayedExchange['then']): string {
  const results = field(answer.batch.value, 'results');
  return jsonText(Array.isArray(results) ? results.map((result) => field(result, 'id')) : []) ?? '[]';
}

/**
 * Why re-sending must stop after this answer: the target gave the records the run created other ids than it did
 * then, so the run's later requests name records it does not hold. A sandbox started with the run's seed gives the
 * same ids to the same creates in the same order; a provider that numbers otherwise cannot be replayed against.
 */
function diverged(replayed: ReplayedExchange, seed: number): string | undefined {
  if (replayed.endpoint !== 'objects-batch-create') return undefined;
  const [then, now] = [createdIds(replayed.then), createdIds(replayed.now)];
  if (then === now) return undefined;
  return `exchange ${replayed.now.exchange.id} created records with ids ${now}, where the run's got ${then}: the run's later requests name records this target does not hold (a fresh sandbox with the run's seed, hsac sandbox --seed ${seed}, numbers them as the run's did)`;
}

/** What a send that ended early says, or undefined for an error that is a bug. */
function whyEnded(error: unknown): string | undefined {
  if (error instanceof SendInterrupted) return 'interrupted (SIGINT/SIGTERM)';
  if (error instanceof WaitTooLong) return `${error.message}; raise --max-wait to wait it out`;
  if (error instanceof DailyLimitReached) return error.message;
  return undefined;
}

function resentLine(exchange: ReplayedExchange, recorded: ReportedExchange): ResentExchange {
  const now = exchange.now.exchange;
  return {
    id: recorded.id,
    endpoint: recorded.endpoint,
    request: requestLine(recorded),
    ...(now.response ? { status: now.response.status } : {}),
    ...(now.failure ? { failure: `${now.failure.kind}: ${now.failure.message}` } : {}),
    ...(recorded.response ? { recordedStatus: recorded.response.status } : {}),
    ...(recorded.failure ? { recordedFailure: `${recorded.failure.kind}: ${recorded.failure.message}` } : {}),
  };
}

/** Every exchange check on one answer again, as the session runs them (on an auxiliary call, those that judge one). */
function recheckExchange(replayed: ReplayedExchange, context: CheckContext): Finding[] {
  const { now } = replayed;
  const findings =
    'operation' in now
      ? checkExchange(now, context)
      : EXCHANGE_CHECKS.flatMap((check) => check.checkAuxiliary?.(now, context) ?? []);
  return findings.map((finding) => ({ ...finding, exchangeId: finding.exchangeId ?? now.exchange.id }));
}

/** The exchanges the replay re-sends, in id order: the run's up to the last a finding judged, or only theirs. */
function exchangesToSend(report: RunResult, plans: readonly PlannedFinding[], policy: ReplayOptions['policy']) {
  const own = new Set(plans.flatMap((plan) => (plan.kind === 'not-replayed' ? [] : plan.exchangeIds)));
  const last = Math.max(0, ...own);
  return [...report.exchanges]
    .sort((a, b) => a.id - b.id)
    .filter((exchange) => (policy === 'replay-run' ? exchange.id <= last : own.has(exchange.id)));
}

/**
 * Replays `selected` findings of `report` against a target: re-sends their exchanges (and, under `replay-run`, the
 * run's before them, in id order), then judges each finding again with the registry's checks under the report's
 * profile: the exchange checks on the answer it judged, or its sequence check on the inputs rebuilt from the new
 * answers. A finding reproduces when the re-check finds the same check on the same endpoint at the same instancePath
 * (array indices generalised: `/results/3/to/0` is `/results/*\/to/*`) again; one of that check elsewhere is another
 * finding. It is no longer reproduced only when every answer it judged could be judged as the run's was
 * (`unjudgeable`). Re-sending stops at a target that no longer answers, at ids that diverge from the run's, at a wait
 * over the bound or at Ctrl-C; the findings it did not reach are `not-replayed`, with why.
 */
export async function replayFindings(
  report: RunResult,
  selected: readonly NumberedFinding[],
  options: ReplayOptions,
): Promise<ReplayResult> {
  const index = indexReport(report);
  const byId = index.exchanges;
  const plans = selected.map((numbered) => planFinding(numbered, index, options.policy));
  const profile: Profile = isProfile(report.run.profile) ? report.run.profile : 'lenient';
  const context: CheckContext = { profile, validator: createValidator({ profile }) };
  const client = new HubSpotClient({
    baseUrl: options.baseUrl,
    ...(options.token ? { token: options.token } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxWaitMs !== undefined ? { maxWaitMs: options.maxWaitMs } : {}),
    ...(options.onWait ? { onWait: options.onWait } : {}),
    random: seededRandom(report.run.seed),
    userAgent: `hsac/${options.toolVersion ?? '0'}`,
  });

  const replayed = new Map<number, ReplayedExchange>();
  const unsendable = new Map<number, string>();
  const toSend = exchangesToSend(report, plans, options.policy);
  const firstOwn = Math.min(...plans.flatMap((plan) => (plan.kind === 'not-replayed' ? [] : plan.exchangeIds)));
  let stopped: string | undefined;
  for (const recorded of toSend) {
    const resent: Resendable | string = resendable(recorded);
    if (typeof resent === 'string') {
      unsendable.set(recorded.id, resent);
      // A history that cannot be re-sent leaves the target otherwise than the run did: nothing after it is judged.
      if (options.policy === 'replay-run') {
        stopped = `exchange ${recorded.id} (${requestLine(recorded)}) cannot be re-sent: ${resent}`;
        break;
      }
      continue;
    }
    let answer: Exchange;
    try {
      answer = await client.send({ ...resent.request, ...(options.signal ? { signal: options.signal } : {}) });
    } catch (error) {
      stopped = whyEnded(error);
      if (stopped === undefined) throw error;
      break;
    }
    const exchange = replayedExchange(resent, answer, profile);
    replayed.set(recorded.id, exchange);
    stopped = noAnswer(recorded, answer) ?? diverged(exchange, report.run.seed);
    if (stopped !== undefined) break;
  }

  const judge = judgement(report, replayed, context, options.replayCommand);
  const results = plans.map((plan): FindingReplay => {
    const { number, finding } = plan;
    const base = {
      finding: number,
      check: finding.check,
      ...(finding.endpoint !== undefined ? { endpoint: finding.endpoint } : {}),
      was: finding.message,
    };
    if (plan.kind === 'not-replayed')
      return { ...base, outcome: 'not-replayed', why: plan.why, now: [], exchanges: [] };
    const exchanges = plan.exchangeIds.flatMap((id) => {
      const sent = replayed.get(id);
      const recorded = byId.get(id);
      return sent && recorded ? [resentLine(sent, recorded)] : [];
    });
    const missing = plan.exchangeIds.find((id) => !replayed.has(id));
    if (missing !== undefined) {
      const why = unsendable.get(missing) ?? stopped ?? `exchange ${missing} was not re-sent`;
      return { ...base, outcome: 'not-replayed', why, now: [], exchanges };
    }
    const cannotJudge = unjudgeable(
      finding.check,
      plan.exchangeIds.flatMap((id) => replayed.get(id) ?? []),
      context,
    );
    if (cannotJudge !== undefined) return { ...base, outcome: 'not-replayed', why: cannotJudge, now: [], exchanges };
    const found = judge(plan);
    if (found === undefined) {
      const statuses = exchanges.map((e) => `${e.id}: ${e.status ?? e.failure ?? '?'}`).join(', ');
      const why = `the new answers (${statuses}) no longer make the sequence it judged: a write it reads back failed, or a read now goes on to a page the run never asked for, which a replay cannot send`;
      return { ...base, outcome: 'not-replayed', why, now: [], exchanges };
    }
    const ofCheck = found.filter((again) => again.check === finding.check && again.endpoint === finding.endpoint);
    const samePath = (again: Finding) => pointerPattern(again.instancePath) === pointerPattern(finding.instancePath);
    const now = ofCheck.filter(samePath);
    const elsewhere = ofCheck.filter((again) => !samePath(again));
    const outcome = now.length > 0 ? 'reproduced' : 'no longer reproduced';
    return { ...base, outcome, now, ...(elsewhere.length > 0 ? { elsewhere } : {}), exchanges };
  });
  const findings = [...new Set(plans.flatMap((plan) => (plan.kind === 'not-replayed' ? [] : (judge(plan) ?? []))))];
  return {
    replayed: results,
    findings,
    resent: replayed.size,
    earlier: [...replayed.keys()].filter((id) => id < firstOwn).length,
    ...(stopped !== undefined ? { stopped } : {}),
  };
}

/**
 * Judges a planned finding on the replayed answers, each exchange and each sequence once however many findings share
 * it: the exchange checks on its answer, or its sequence check on the inputs rebuilt (undefined when the answers no
 * longer make one). Findings of checks the report's config switched off are dropped, as the run dropped them.
 */
function judgement(
  report: RunResult,
  replayed: ReadonlyMap<number, ReplayedExchange>,
  context: CheckContext,
  replayCommand: ReplayOptions['replayCommand'],
) {
  const off = new Set<string>(report.run.checksOff ?? []);
  const kept = (findings: readonly Finding[], number: number): Finding[] =>
    findings
      .filter((finding) => !off.has(finding.check))
      .map((finding) => ({ ...finding, replay: replayCommand(number) }));
  const ordered = [...replayed.values()];
  const cache = new Map<string, Finding[] | undefined>();
  return (plan: Judged): Finding[] | undefined => {
    const key = `${plan.kind === 'sequence' ? plan.check : 'exchange'}:${plan.exchangeIds.join(',')}`;
    if (!cache.has(key)) {
      const own = plan.exchangeIds.flatMap((id) => replayed.get(id) ?? []);
      if (plan.kind === 'exchange') {
        cache.set(
          key,
          kept(
            own.flatMap((exchange) => recheckExchange(exchange, context)),
            plan.number,
          ),
        );
      } else {
        const last = Math.max(...plan.exchangeIds);
        const history = ordered.filter((exchange) => exchange.now.exchange.id <= last);
        const { inputs, findings } = rejudgeSequence(plan.check, { exchanges: own, history }, context);
        cache.set(key, inputs === 0 ? undefined : kept(findings, plan.number));
      }
    }
    return cache.get(key);
  };
}
