import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../catalogue/rate-limit-policy.js';
import { retryAfterMs } from './retry.js';

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
