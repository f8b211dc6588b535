import { describe, expect, it } from 'vitest';
import { manualClock } from './clock.js';
import { RateLimiter, rateLimitDefaults } from './rate-limit.js';

describe('RateLimiter', () => {
  it("defaults to HubSpot's Free/Starter limits and refuses bad ones", () => {
    expect(rateLimitDefaults()).toEqual({ max: 100, intervalMs: 10_000, daily: 250_000 });
    expect(() => rateLimitDefaults({ max: 1.5 })).toThrow(/rateLimit.max .* 1.5/);
    expect(() => rateLimitDefaults({ intervalMs: 0 })).toThrow(/intervalMs/);
  });

  it('keeps one window per token', () => {
    const limiter = new RateLimiter({ max: 1 }, manualClock());
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('never lets a clock that steps back reopen the window', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ max: 1, intervalMs: 1_000 }, { now: () => now });
    expect(limiter.take('a').allowed).toBe(true);
    now -= 5_000;
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('stays correct over many requests (the queue is compacted)', () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ max: 10, intervalMs: 1_000 }, clock);
    let allowed = 0;
    for (let i = 0; i < 5_000; i++) {
      if (limiter.take('a').allowed) allowed += 1;
      clock.advance(10);
    }
    // 10 per rolling second over 50 s.
    expect(allowed).toBe(500);
  });

  it('counts the per-second headers over the last second only', () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ max: 100 }, clock);
    limiter.take('a');
    clock.advance(999);
    expect(limiter.take('a').headers['X-HubSpot-RateLimit-Secondly-Remaining']).toBe('8');
    clock.advance(1);
    expect(limiter.take('a').headers['X-HubSpot-RateLimit-Secondly-Remaining']).toBe('8');
  });
});
