import { isRateLimited, statusFamily } from '../../catalogue/index.js';
import { EXCHANGE_CHECKS, type CheckContext, type ReadAnswer, type ReplayedExchange } from '../../checks/index.js';
import { isObject, jsonText, shown } from '../../json.js';
import type { CheckId } from '../../registry/index.js';
import { requestLine } from './plan.js';

/**
 * Whether an answer a replay got can say anything about a finding. A finding is "no longer reproduced" only when its
 * check judged the new answers as it judged the run's and found nothing: an answer that is a 500 where the run's was
 * a 207, or a 207 cut short where the run's could be read, judges nothing of a missing field, and calling that a fix
 * would pass a target that only fails.
 */

/**
 * The checks whose finding is about the status itself (a 200 where a 401 was due, a 2xx accepting what must be
 * refused, a 5xx or no answer at all): another status is what their fix looks like, so any answer they judge counts,
 * whatever its family.
 */
const JUDGES_THE_STATUS: ReadonlySet<CheckId> = new Set<CheckId>([
  'transport',
  'status-family',
  'auth-enforced',
  'input-limit-enforced',
  'invalid-request-rejected',
]);

/**
 * status-code judges the code within the family the run got (a 200 where a 201 was due): another code of that family
 * is its fix, an answer of another family is not one it judged. Every other check judged a body or a header under
 * the run's very status: an answer of another status (a 200 for a 207) is another answer, not the one it judged.
 */
const JUDGES_THE_CODE: CheckId = 'status-code';

/** An exchange check's own word on whether an answer holds a case of what it judges (a 5xx or a 429 does not). */
function exercisedBy(check: CheckId, replayed: ReplayedExchange, context: CheckContext): boolean {
  const exchangeCheck = EXCHANGE_CHECKS.find((candidate) => candidate.id === check);
  if (exchangeCheck === undefined) return true;
  const { now } = replayed;
  const cases =
    'operation' in now ? exchangeCheck.exercised(now, context) : (exchangeCheck.exercisedAuxiliary?.(now) ?? 0);
  return cases > 0;
}

/** An answer as a message says it: its status, or why none came. */
function answerText(answer: ReadAnswer): string {
  const { response, failure } = answer.exchange;
  if (response !== undefined) return String(response.status);
  return `no answer (${failure ? `${failure.kind}: ${failure.message}` : 'none recorded'})`;
}

/** Why one new answer cannot be judged for a finding of `check` as the run's was, or undefined when it can. */
function whyNotJudged(check: CheckId, replayed: ReplayedExchange, context: CheckContext): string | undefined {
  const { now, then } = replayed;
  const status = now.exchange.response?.status;
  const was = then.exchange.response?.status;
  if (!exercisedBy(check, replayed, context)) return `${check} judges no such answer`;
  if (JUDGES_THE_STATUS.has(check)) return undefined;
  if (status === undefined) return 'no answer came';
  if (was !== undefined && statusFamily(status) !== statusFamily(was))
    return `not of the status family of the run's answer, which ${check} judged`;
  if (was !== undefined && check !== JUDGES_THE_CODE && status !== was)
    return `its status is ${status}, not the run's ${was}, under which ${check} judged the answer`;
  if (was !== undefined && isRateLimited(status) && !isRateLimited(was))
    return "a 429 asks to wait: it is no answer to the request, where the run's was";
  if (then.body?.ok === true && now.body?.ok !== true) {
    const said = now.body?.findings[0];
    const why = said ? ` (${said.check}: ${said.message})` : ' (none came)';
    return `its body cannot be read${why}, where the run's could`;
  }
  if (then.body?.ok === true && isObject(then.body.value) && now.body?.ok === true && !isObject(now.body.value))
    return `its body is ${shown(jsonText(now.body.value))}, not a JSON object as the run's was`;
  return undefined;
}

/**
 * Why the new answers to a finding's exchanges cannot be judged as the run's were (the first that cannot, said as
 * `the answer cannot be judged: 500, was 207 (exchange 8, POST /crm/...: why)`), or undefined when every one can.
 */
export function unjudgeable(
  check: CheckId,
  exchanges: readonly ReplayedExchange[],
  context: CheckContext,
): string | undefined {
  for (const replayed of exchanges) {
    const why = whyNotJudged(check, replayed, context);
    if (why === undefined) continue;
    const { exchange } = replayed.then;
    const answers = `${answerText(replayed.now)}, was ${answerText(replayed.then)}`;
    return `the answer cannot be judged: ${answers} (exchange ${exchange.id}, ${requestLine(exchange)}: ${why})`;
  }
  return undefined;
}
