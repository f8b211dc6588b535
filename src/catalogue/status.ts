/**
 * HTTP status arithmetic, written once: every layer asks these instead of comparing ranges by hand
 * (a `>= 500` in one check and a `> 499` in another is how a 600 slips through one of them).
 * A status outside 100..599 belongs to no family: it is neither success nor any kind of error.
 */
import { ERROR_STATUSES } from './auxiliary.js';

/** The family of a status code: 2 for 2xx and so on (0 for a code outside 100..599). */
export function statusFamily(status: number): number {
  return Number.isInteger(status) && status >= 100 && status <= 599 ? Math.floor(status / 100) : 0;
}

/** An integer in 100..599: a code with a family, the only statuses a response may carry. */
export function isStatusCode(status: number): boolean {
  return statusFamily(status) !== 0;
}

/** 2xx. */
export function isSuccess(status: number): boolean {
  return statusFamily(status) === 2;
}

/** 4xx. */
export function isClientError(status: number): boolean {
  return statusFamily(status) === 4;
}

/** 5xx. */
export function isServerError(status: number): boolean {
  return statusFamily(status) === 5;
}

/** 4xx or 5xx: an answer that refuses or fails the request. */
export function isErrorStatus(status: number): boolean {
  const family = statusFamily(status);
  return family === 4 || family === 5;
}

/**
 * 429: a rate limit answered, whatever its body says (`rate-limit-policy.ts` reads that). A status of its own, not
 * an error like the others: the client waits it out, and the checks of other contracts do not judge it.
 */
export function isRateLimited(status: number): boolean {
  return status === ERROR_STATUSES.tooManyRequests;
}
