import { parseRetryAfter } from '../catalogue/rate-limit-policy.js';

/** How many times, and how patiently, a failed exchange is tried again. */
export interface RetryPolicy {
  /** Retries after 5xx answers, resets and timeouts (attempts = 1 + maxRetries). */
  readonly maxRetries: number;
  /** Retries after a 429 of any shape but DAILY; counted apart, since waiting them out is normal. */
  readonly maxRateLimitRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Three retries from 200 ms (HubSpot's SDK waits 200 ms x attempt on 5xx, FACTS.md §6), capped at 5 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  maxRateLimitRetries: 6,
  baseDelayMs: 200,
  maxDelayMs: 5000,
};

/**
 * Exponential backoff with "equal jitter": half the exponential delay for sure, half at random.
 * The floor keeps a burst of retries from hammering a recovering server; the jitter keeps
 * parallel workers from retrying in step. `random` is the run's seeded source.
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/** Statuses worth retrying: the server failed, not the request. */
export function isRetryableStatus(status: number): boolean {
  return status === 500 || status === 502 || status === 503 || status === 504;
}

/**
 * `Retry-After` in milliseconds: delta-seconds (also fractional) or an HTTP-date (0 when past);
 * undefined when absent or unreadable. See {@link parseRetryAfter} for which form it was.
 */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  return parseRetryAfter(value, now)?.ms;
}
