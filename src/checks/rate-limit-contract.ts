import type { Finding } from '../finding.js';
import { field, findingFor, header, responseJson } from './support.js';
import type { ExchangeCheck } from './types.js';

const LIMIT_HEADERS = ['x-hubspot-ratelimit-max', 'x-hubspot-ratelimit-remaining', 'x-hubspot-ratelimit-secondly', 'x-hubspot-ratelimit-secondly-remaining', 'x-hubspot-ratelimit-daily', 'x-hubspot-ratelimit-daily-remaining', 'x-hubspot-ratelimit-interval-milliseconds'] as const;

/** HubSpot's 429 policies (FACTS.md §6; SECONDLY is the search API's, seen in third-party code). */
const KNOWN_POLICIES: ReadonlySet<string> = new Set(['TEN_SECONDLY_ROLLING', 'DAILY', 'SECONDLY']);

/**
 * The rate-limit contract clients throttle by (FACTS.md §6): a 429 says when to come back
 * (`Retry-After`, or the interval and a zero `Remaining`), and the rate-limit headers, when sent,
 * are whole numbers with Remaining <= Max. The 429 body's shape (policyName, ...) is the
 * response-body check's `error-shape`.
 */
export const rateLimitContract: ExchangeCheck = {
  id: 'rate-limit-contract',
  scope: 'exchange',
  description: 'a 429 says when to retry, and rate-limit headers are consistent whole numbers',
  caughtFaults: ['rate-limit-headers-missing', 'rate-limit-body-missing-policyName'],
  check(observed) {
    const response = observed.exchange.response;
    if (!response) return [];
    const findings: Finding[] = [];
    const numbers = new Map<string, number>();
    for (const name of LIMIT_HEADERS) {
      const value = header(observed, name);
      if (value === undefined) continue;
      if (!/^\d+$/.test(value.trim())) {
        findings.push(findingFor(observed, { check: this.id, severity: 'error', instancePath: '', message: `${name} is "${value}", not a whole number`, expected: 'a whole number', actual: value }));
      } else numbers.set(name, Number(value));
    }
    for (const [max, remaining] of [
      ['x-hubspot-ratelimit-max', 'x-hubspot-ratelimit-remaining'],
      ['x-hubspot-ratelimit-secondly', 'x-hubspot-ratelimit-secondly-remaining'],
      ['x-hubspot-ratelimit-daily', 'x-hubspot-ratelimit-daily-remaining'],
    ] as const) {
      const limit = numbers.get(max);
      const left = numbers.get(remaining);
      if (limit !== undefined && left !== undefined && left > limit) {
        findings.push(findingFor(observed, { check: this.id, severity: 'error', instancePath: '', message: `${remaining} (${left}) exceeds ${max} (${limit})`, expected: `<= ${limit}`, actual: left }));
      }
    }
    if (response.status === 429) {
      // The policy decides whether to retry at all (TEN_SECONDLY_ROLLING: wait; DAILY: stop, FACTS.md §6).
      const policy = field(responseJson(observed), 'policyName');
      if (typeof policy !== 'string' || !KNOWN_POLICIES.has(policy)) {
        findings.push(findingFor(observed, { check: this.id, severity: 'error', instancePath: '/policyName', message: `a 429 whose policyName is ${JSON.stringify(policy) ?? 'absent'}: clients cannot tell a ten-secondly limit (retry) from the daily one (stop)`, expected: [...KNOWN_POLICIES], actual: policy ?? 'absent' }));
      }
      const retryAfter = header(observed, 'retry-after');
      const saysWhen = (retryAfter !== undefined && /^\s*\d+\s*$/.test(retryAfter)) || (numbers.get('x-hubspot-ratelimit-remaining') === 0 && numbers.has('x-hubspot-ratelimit-interval-milliseconds'));
      if (!saysWhen) {
        findings.push(findingFor(observed, { check: this.id, severity: 'error', instancePath: '', message: 'a 429 without Retry-After (or a zero Remaining with an interval): clients cannot tell when to retry', expected: 'Retry-After', actual: retryAfter ?? 'absent' }));
      }
    }
    return findings;
  },
};
