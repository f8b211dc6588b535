import type { FindingDraft } from '../registry/finding.js';
import type { RecordedResponse } from '../exchange.js';
// The same reading of a 429 as the client's (catalogue/rate-limit-policy.ts, pure, no I/O): what
// the check calls "says when to retry" is exactly what hsac itself can wait on.
import {
  exhaustedInterval,
  isRateLimitPolicy,
  NOT_JSON_RATE_LIMIT_BODY,
  parseRetryAfter,
  RATE_LIMIT_POLICIES,
  rateLimitBodyOf,
  readRateLimitBody,
  unreadableRateLimitText,
  type RateLimitBody,
} from '../catalogue/rate-limit-policy.js';
import { isRateLimited } from '../catalogue/index.js';
import { checkDeclaration } from '../registry/index.js';
import { jsonText } from '../json.js';
import { findingFor } from './support.js';
import type { ExchangeCheck, ReadAnswer } from './types.js';

const ID = 'rate-limit-contract';

const LIMIT_HEADERS = [
  'x-hubspot-ratelimit-max',
  'x-hubspot-ratelimit-remaining',
  'x-hubspot-ratelimit-secondly',
  'x-hubspot-ratelimit-secondly-remaining',
  'x-hubspot-ratelimit-daily',
  'x-hubspot-ratelimit-daily-remaining',
  'x-hubspot-ratelimit-interval-milliseconds',
] as const;

const LIMIT_PAIRS = [
  ['x-hubspot-ratelimit-max', 'x-hubspot-ratelimit-remaining'],
  ['x-hubspot-ratelimit-secondly', 'x-hubspot-ratelimit-secondly-remaining'],
  ['x-hubspot-ratelimit-daily', 'x-hubspot-ratelimit-daily-remaining'],
] as const;

/** A finding before it is tagged with where it was met (an endpoint under test or an auxiliary call). */
type Untagged = Omit<FindingDraft, 'endpoint' | 'apiVersion' | 'replay'>;

/**
 * One answer judged: the final response, or a 429 met on the way; `where` prefixes its findings. `observed`, on
 * the final response only, is the observation that already read its body (a retried 429 has none).
 */
interface Judged {
  readonly response: RecordedResponse;
  readonly where: string;
  readonly observed?: ReadAnswer;
}

/**
 * Every 429 met in an exchange, each once: every attempt's `rateLimited` (the final answer, when
 * a 429, is the last attempt's), plus a final 429 that no attempt carries (records made before
 * attempts kept their 429s, or built by hand), so none is missed and none is judged twice.
 */
function rateLimitedAnswers(observed: ReadAnswer): Judged[] {
  const { exchange } = observed;
  const total = exchange.attempts.length;
  const met: Judged[] = [];
  exchange.attempts.forEach((attempt, index) => {
    if (!attempt.rateLimited) return;
    const last = index === total - 1;
    const where = last
      ? total > 1
        ? `the final answer (attempt ${index + 1} of ${total}): `
        : ''
      : `attempt ${index + 1} of ${total} (waited out and retried): `;
    const isFinalAnswer = attempt.rateLimited === exchange.response;
    met.push({ response: attempt.rateLimited, where, ...(isFinalAnswer ? { observed } : {}) });
  });
  if (exchange.response && isRateLimited(exchange.response.status) && !exchange.attempts.at(-1)?.rateLimited) {
    met.push({ response: exchange.response, where: '', observed });
  }
  return met;
}

/** A provider's value, quoted and kept short for a message (the record is already redacted). */
function quote(value: unknown): string {
  const text = jsonText(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}

/** Rate-limit headers, when sent, are whole numbers, and no Remaining exceeds its limit. */
function headerConsistency({ response, where }: Judged): Untagged[] {
  const findings: Untagged[] = [];
  const numbers = new Map<string, number>();
  for (const name of LIMIT_HEADERS) {
    const value = response.headers[name];
    if (value === undefined) continue;
    if (!/^\d+$/.test(value.trim())) {
      findings.push({
        check: ID,
        instancePath: '',
        message: `${where}${name} is ${quote(value)}, not a whole number`,
        expected: 'a whole number',
        actual: value,
      });
    } else numbers.set(name, Number(value));
  }
  for (const [max, remaining] of LIMIT_PAIRS) {
    // A pair missing either header has nothing to compare: nothing exceeds no limit, no Remaining exceeds any.
    const limit = numbers.get(max) ?? Infinity;
    const left = numbers.get(remaining) ?? 0;
    if (left > limit) {
      findings.push({
        check: ID,
        instancePath: '',
        message: `${where}${remaining} (${left}) exceeds ${max} (${limit})`,
        expected: `<= ${limit}`,
        actual: left,
      });
    }
  }
  return findings;
}

/**
 * A 429's body as a client reads it. The final answer's was read once with its exchange (`readBody`): judged as
 * read, not parsed again; a retried 429, which no observation carries, is read from its text. A body the reader
 * refused for its size or depth was never parsed, so its text is read here, once.
 */
function rateLimitBody({ response, observed }: Judged): RateLimitBody {
  const read = observed?.body;
  if (read === undefined) return readRateLimitBody(response.body);
  if (read.ok) return rateLimitBodyOf(read.value);
  // Stryker disable next-line MethodExpression: a body the reader refused has exactly one finding, so some is every
  const notJson = read.findings.some((finding) => finding.check === 'body-not-json');
  return notJson
    ? (unreadableRateLimitText(response.body) ?? NOT_JSON_RATE_LIMIT_BODY)
    : readRateLimitBody(response.body);
}

/**
 * What a client needs from a 429 (FACTS.md §6): a JSON error it can read, a policy it knows
 * (TEN_SECONDLY_ROLLING: wait; DAILY: stop), and when to come back.
 */
function judge429(judged: Judged, now: number): Untagged[] {
  const { response, where } = judged;
  const findings: Untagged[] = [];
  const body = rateLimitBody(judged);
  // DAILY says "stop until midnight in the portal's time zone" by its policy alone: HubSpot documents no Retry-After
  // for it (FACTS.md §6), and a client must not retry it at all.
  let saysStop = false;
  if (body.kind === 'unreadable') {
    const contentType = response.headers['content-type'] ?? 'no content type';
    findings.push({
      check: ID,
      instancePath: '',
      message: `${where}a 429 whose body is not a JSON error (${contentType}, ${body.what}): clients cannot read its policy`,
      expected: 'a JSON error object with policyName',
      actual: `${contentType}: ${body.what}`,
    });
  } else if (!isRateLimitPolicy(body.policyName)) {
    // A body that is not JSON has no policy either; one finding says it.
    const why = 'clients cannot tell a ten-secondly limit (retry) from the daily one (stop)';
    const message =
      body.policyName === undefined
        ? `${where}a 429 without policyName: ${why}`
        : `${where}a 429 whose policyName is ${quote(body.policyName)}, not one HubSpot documents: ${why}`;
    findings.push({
      check: ID,
      instancePath: '/policyName',
      message,
      expected: [...RATE_LIMIT_POLICIES],
      actual: body.policyName ?? 'absent',
    });
  } else saysStop = body.policyName === 'DAILY';

  const retryAfter = response.headers['retry-after'];
  const after = parseRetryAfter(retryAfter, now);
  const interval = exhaustedInterval(response.headers);
  if (retryAfter !== undefined && after === undefined) {
    findings.push({
      check: ID,
      instancePath: '',
      message: `${where}a 429 whose Retry-After ${quote(retryAfter)} is neither delta-seconds nor an HTTP-date (RFC 9110 §10.2.3): clients cannot read when to retry`,
      expected: 'delta-seconds or an HTTP-date',
      actual: retryAfter,
    });
  } else if (after?.kind === 'seconds' && after.fractional) {
    // hsac waits it, but delta-seconds is 1*DIGIT and common clients (urllib3, ...) reject a fraction.
    findings.push({
      check: ID,
      severity: 'warning',
      instancePath: '',
      message: `${where}a 429 whose Retry-After ${quote(retryAfter)} has a fraction: delta-seconds is a whole number (RFC 9110 §10.2.3), and some clients reject it`,
      expected: 'a whole number of seconds',
      actual: retryAfter,
    });
  } else if (after === undefined && interval === undefined && !saysStop) {
    findings.push({
      check: ID,
      instancePath: '',
      message: `${where}a 429 that does not say when to retry: no Retry-After, and no X-HubSpot-RateLimit-Interval-Milliseconds with a zero Remaining`,
      expected: 'Retry-After, or the interval with Remaining 0',
      actual: 'absent',
    });
  }
  return findings;
}

/**
 * Every answer of an exchange: the final response's rate-limit headers, and every 429 met (the
 * retried ones included, each naming its attempt).
 */
function judgeExchange(answer: ReadAnswer): Untagged[] {
  const { exchange } = answer;
  const met = rateLimitedAnswers(answer);
  const now = Date.parse(exchange.startedAt);
  // The final response is the last attempt's rateLimited when that attempt met a 429 (already in
  // `met`); otherwise it is judged here, for its headers (and, in an old record, its 429).
  const final = exchange.response;
  const judgedHere = final && !exchange.attempts.at(-1)?.rateLimited && !isRateLimited(final.status);
  const finalAnswer = judgedHere ? [{ response: final, where: '' }] : [];
  const when = Number.isNaN(now) ? 0 : now;
  return [...met, ...finalAnswer].flatMap((judged) => [
    ...headerConsistency(judged),
    ...(isRateLimited(judged.response.status) ? judge429(judged, when) : []),
  ]);
}

/**
 * The rate-limit contract clients throttle by (FACTS.md §6), on every call, provisioning and
 * cleanup included (a 429 is the provider's whatever the call): every 429, also those hsac waited
 * out and retried, has a JSON error body with a known `policyName` and says when to retry
 * (`Retry-After` as delta-seconds or an HTTP-date, or the interval with a zero `Remaining`); the
 * rate-limit headers, when sent, are whole numbers with Remaining <= Max. Exercised once per 429
 * met, so a run that met none says the contract was not exercised instead of passing it.
 */
export const rateLimitContract: ExchangeCheck = {
  ...checkDeclaration(ID),
  exercised(observed) {
    return rateLimitedAnswers(observed).length;
  },
  check(observed) {
    return judgeExchange(observed).map((finding) => findingFor(observed, finding));
  },
  exercisedAuxiliary(observed) {
    return rateLimitedAnswers(observed).length;
  },
  checkAuxiliary(observed) {
    return judgeExchange(observed).map((finding) => findingFor(observed, finding));
  },
};
