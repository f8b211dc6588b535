import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../catalogue/rate-limit-policy.js';
import { backoffDelay, DEFAULT_RETRY_POLICY, isRetryableStatus, retryAfterMs } from './retry.js';

const NOW = Date.UTC(2026, 10, 20, 9, 0, 0);

// The client waits by the catalogue's reading of Retry-After: what the policy cannot read, the client does not wait.
describe('retryAfterMs: the milliseconds of the rate-limit policy, nothing of its own', () => {
  it.each([[undefined], ['-1'], ['1e3'], ['.5'], ['soon'], ['3 s']])('nothing for %j', (value) => {
    expect(retryAfterMs(value, NOW)).toBeUndefined();
  });

  it.each([
    ['2', 2000],
    ['0.0001', 1],
    ['0', 0],
    [new Date(NOW + 7000).toUTCString(), 7000],
  ])('%j: %d ms, as the policy reads it', (value, ms) => {
    expect(retryAfterMs(value, NOW)).toBe(ms);
    expect(parseRetryAfter(value, NOW)?.ms).toBe(ms);
  });
});

describe('backoffDelay: exponential with equal jitter, capped', () => {
  const policy = { maxRetries: 3, maxRateLimitRetries: 6, baseDelayMs: 200, maxDelayMs: 1000 };

  it.each([
    [0, 0, 100],
    [0, 1, 200],
    [1, 0, 200],
    [2, 0.5, 600],
    [3, 1, 1000],
    [4, 0, 500],
  ])('retry %d with random() = %d: %d ms', (retry, draw, ms) => {
    expect(backoffDelay(policy, retry, () => draw)).toBe(ms);
  });

  it('rounds to the millisecond', () => {
    expect(backoffDelay({ ...policy, baseDelayMs: 3 }, 0, () => 0)).toBe(2);
    expect(backoffDelay({ ...policy, baseDelayMs: 3 }, 0, () => 0.3)).toBe(2);
  });

  it('the default policy: three retries from 200 ms, capped at 5 s, six rate-limit retries', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxRetries: 3, maxRateLimitRetries: 6, baseDelayMs: 200, maxDelayMs: 5000 });
  });
});

describe('isRetryableStatus: the server failed, not the request', () => {
  it.each([500, 502, 503, 504])('%d is retried', (status) => {
    expect(isRetryableStatus(status)).toBe(true);
  });

  it.each([200, 400, 429, 499, 501, 505, 599])('%d is not', (status) => {
    expect(isRetryableStatus(status)).toBe(false);
  });
});
