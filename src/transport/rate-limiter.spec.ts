import { describe, expect, it } from 'vitest';
import { parseRateBudget, RateLimiter, type RateBudget } from './rate-limiter.js';
import { VirtualClock } from './test-clock.js';

/**
 * The rolling-window limiter on its own: budgets as the user writes them, the window with its edge margin, how the
 * server's headers tighten the budget or pause it, and what each wait says. The virtual clock stands in for time.
 */

/** A limiter on a fresh virtual clock, and every wait it announces (length and reason). */
function limiterFor(budget: RateBudget) {
  const clock = new VirtualClock();
  const limiter = new RateLimiter(budget, clock);
  const waits: { ms: number; reason: string }[] = [];
  const acquire = (): Promise<number> => limiter.acquire({ beforeWait: (ms, reason) => waits.push({ ms, reason }) });
  return { clock, limiter, waits, acquire };
}

describe('parseRateBudget', () => {
  it.each([
    ['5/1s', 5, 1000],
    ['50/500ms', 50, 500],
    ['600/1m', 600, 60_000],
    ['7/s', 7, 1000],
    ['3/ms', 3, 1],
    [' 12 / 2 s ', 12, 2000],
  ])('%j is %d requests per %d ms', (text, requests, windowMs) => {
    expect(parseRateBudget(text)).toEqual({ requests, windowMs });
  });

  it.each(['0/1s', '5/0s', '5/1', '5/1h', 'x5/1s', '5/1sx', '5x/1s', '5/1xs', '5/x1s', '5 per 1s', '-5/1s', ''])(
    'refuses %j, quoting it',
    (text) => {
      expect(() => parseRateBudget(text)).toThrow(`rate limit "${text}" is not N/<duration>`);
    },
  );
});

describe('the rolling window', () => {
  it('the window is the budget plus a 2% margin: the fourth request of 3/1s waits until 1020 ms after the first', async () => {
    const t = limiterFor(parseRateBudget('3/1s'));
    for (let i = 0; i < 3; i++) expect(await t.acquire()).toBe(0);
    expect(await t.acquire()).toBe(1020);
    expect(t.waits).toEqual([{ ms: 1020, reason: 'rate budget 3 per 1000 ms (configured) in use' }]);
  });

  it('the margin is at least 10 ms (2% of a 100 ms window is 2)', async () => {
    const t = limiterFor({ requests: 1, windowMs: 100 });
    await t.acquire();
    expect(await t.acquire()).toBe(110);
  });

  it('a request ages out exactly one window (with margin) after it was sent, not a millisecond later', async () => {
    const t = limiterFor({ requests: 1, windowMs: 1000 });
    await t.acquire();
    t.clock.advance(1019);
    expect(await t.acquire()).toBe(1);
    t.clock.advance(1020);
    expect(await t.acquire()).toBe(0);
    expect(t.clock.sleeps).toEqual([1]);
  });

  it('waits only for the oldest request to age out, not the whole window', async () => {
    const t = limiterFor({ requests: 2, windowMs: 1000 });
    await t.acquire();
    t.clock.advance(500);
    await t.acquire();
    // The first was sent 500 ms ago: 520 ms more frees its slot.
    expect(await t.acquire()).toBe(520);
  });
});

describe('adapting to the X-HubSpot-RateLimit headers', () => {
  it('adopts a tighter Max with its interval, and says where the budget came from', async () => {
    const t = limiterFor({ requests: 100, windowMs: 10_000 });
    t.limiter.observe({ 'x-hubspot-ratelimit-max': '2', 'x-hubspot-ratelimit-interval-milliseconds': '1000' });
    expect(t.limiter.current()).toEqual({ requests: 2, windowMs: 1000 });
    await t.acquire();
    await t.acquire();
    await t.acquire();
    expect(t.waits.map((w) => w.reason)).toEqual([
      'rate budget 2 per 1000 ms (from the X-HubSpot-RateLimit headers) in use',
    ]);
  });

  it('reads the secondly Max when there is no Max, and keeps the configured window without an interval', () => {
    const t = limiterFor({ requests: 100, windowMs: 10_000 });
    t.limiter.observe({ 'x-hubspot-ratelimit-secondly': '5' });
    expect(t.limiter.current()).toEqual({ requests: 5, windowMs: 10_000 });
  });

  it('prefers Max over the secondly Max', () => {
    const t = limiterFor({ requests: 100, windowMs: 10_000 });
    t.limiter.observe({ 'x-hubspot-ratelimit-max': '9', 'x-hubspot-ratelimit-secondly': '5' });
    expect(t.limiter.current()).toEqual({ requests: 9, windowMs: 10_000 });
  });

  it('an interval of 0 is no interval: the configured window stays', () => {
    const t = limiterFor({ requests: 100, windowMs: 10_000 });
    t.limiter.observe({ 'x-hubspot-ratelimit-max': '10', 'x-hubspot-ratelimit-interval-milliseconds': '0' });
    expect(t.limiter.current()).toEqual({ requests: 10, windowMs: 10_000 });
  });

  it('ignores a Max of 0, a Max that is not a whole number, and one as loose as the configured budget', () => {
    const t = limiterFor({ requests: 100, windowMs: 10_000 });
    for (const max of ['0', '5.5', '5x', 'x5', '-5', ''])
      t.limiter.observe({ 'x-hubspot-ratelimit-max': max, 'x-hubspot-ratelimit-interval-milliseconds': '1000' });
    // 10 per second is the configured rate exactly: nothing to tighten.
    t.limiter.observe({ 'x-hubspot-ratelimit-max': '10', 'x-hubspot-ratelimit-interval-milliseconds': '1000' });
    expect(t.limiter.current()).toEqual({ requests: 100, windowMs: 10_000 });
  });

  it('reads a number padded with spaces', () => {
    const t = limiterFor({ requests: 100, windowMs: 10_000 });
    t.limiter.observe({ 'x-hubspot-ratelimit-max': ' 4 ' });
    expect(t.limiter.current()).toEqual({ requests: 4, windowMs: 10_000 });
  });
});

describe('Remaining: 0 pauses the limiter', () => {
  it("for the server's interval, saying so", async () => {
    const t = limiterFor({ requests: 100, windowMs: 10_000 });
    t.limiter.observe({ 'x-hubspot-ratelimit-remaining': '0', 'x-hubspot-ratelimit-interval-milliseconds': '1500' });
    expect(await t.acquire()).toBe(1500);
    expect(t.waits).toEqual([{ ms: 1500, reason: 'X-HubSpot-RateLimit-Remaining: 0 (interval 1500 ms)' }]);
  });

  it('without an interval, until the oldest request leaves the configured window', async () => {
    const t = limiterFor({ requests: 100, windowMs: 10_000 });
    await t.acquire();
    t.clock.advance(4000);
    t.limiter.observe({ 'x-hubspot-ratelimit-secondly-remaining': '0' });
    expect(await t.acquire()).toBe(6000);
    expect(t.waits).toEqual([{ ms: 6000, reason: 'X-HubSpot-RateLimit-Remaining: 0' }]);
  });

  it('without an interval and nothing sent yet, for the configured window', async () => {
    const t = limiterFor({ requests: 100, windowMs: 10_000 });
    t.limiter.observe({ 'x-hubspot-ratelimit-remaining': '0', 'x-hubspot-ratelimit-interval-milliseconds': '0' });
    expect(await t.acquire()).toBe(10_000);
    // An interval of 0 is no interval: the reason does not name one.
    expect(t.waits).toEqual([{ ms: 10_000, reason: 'X-HubSpot-RateLimit-Remaining: 0' }]);
  });

  it('a Remaining above 0, or unreadable, pauses nothing', async () => {
    const t = limiterFor({ requests: 100, windowMs: 10_000 });
    t.limiter.observe({ 'x-hubspot-ratelimit-remaining': '1', 'x-hubspot-ratelimit-interval-milliseconds': '1500' });
    t.limiter.observe({ 'x-hubspot-ratelimit-remaining': 'none', 'x-hubspot-ratelimit-secondly-remaining': '3' });
    expect(await t.acquire()).toBe(0);
  });

  it('Remaining is read before the secondly Remaining', async () => {
    const t = limiterFor({ requests: 100, windowMs: 10_000 });
    t.limiter.observe({
      'x-hubspot-ratelimit-remaining': '4',
      'x-hubspot-ratelimit-secondly-remaining': '0',
      'x-hubspot-ratelimit-interval-milliseconds': '1500',
    });
    expect(await t.acquire()).toBe(0);
  });
});

describe('pauseFor', () => {
  it('a longer pause replaces a shorter one with its reason; a shorter one changes nothing', async () => {
    const t = limiterFor({ requests: 100, windowMs: 10_000 });
    t.limiter.pauseFor(1000, 'first');
    t.limiter.pauseFor(3000, 'longest');
    t.limiter.pauseFor(2000, 'shorter');
    expect(await t.acquire()).toBe(3000);
    expect(t.waits).toEqual([{ ms: 3000, reason: 'longest' }]);
  });

  it('a pause exactly as long as the one in force keeps the first reason', async () => {
    const t = limiterFor({ requests: 100, windowMs: 10_000 });
    t.limiter.pauseFor(1000, 'first');
    t.limiter.pauseFor(1000, 'second');
    await t.acquire();
    expect(t.waits).toEqual([{ ms: 1000, reason: 'first' }]);
  });

  it('says it was a 429 when no reason is given; a negative pause is none', async () => {
    const t = limiterFor({ requests: 100, windowMs: 10_000 });
    t.limiter.pauseFor(-5000, 'negative');
    expect(await t.acquire()).toBe(0);
    t.limiter.pauseFor(700);
    expect(await t.acquire()).toBe(700);
    expect(t.waits).toEqual([{ ms: 700, reason: 'paused after a 429' }]);
  });

  it('a pause as long as the budget wait is named as the pause', async () => {
    const t = limiterFor({ requests: 1, windowMs: 1000 });
    await t.acquire();
    t.limiter.pauseFor(1020, 'the pause');
    expect(await t.acquire()).toBe(1020);
    expect(t.waits).toEqual([{ ms: 1020, reason: 'the pause' }]);
  });
});

describe('acquire: in order, refusable, interruptible', () => {
  it('a beforeWait that throws refuses the wait and claims no slot', async () => {
    const t = limiterFor({ requests: 1, windowMs: 1000 });
    await t.acquire();
    const refusal = new Error('too long');
    await expect(
      t.limiter.acquire({
        beforeWait: () => {
          throw refusal;
        },
      }),
    ).rejects.toBe(refusal);
    expect(t.clock.sleeps).toEqual([]);
    // The refused call took no slot: the next one waits for the first request only.
    expect(await t.acquire()).toBe(1020);
  });

  it('an already aborted signal rejects with its reason and claims nothing', async () => {
    const t = limiterFor({ requests: 1, windowMs: 1000 });
    const reason = new Error('SIGINT');
    await expect(t.limiter.acquire({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(await t.acquire()).toBe(0);
  });

  it('a signal that never aborts lets the slot be claimed', async () => {
    const t = limiterFor({ requests: 1, windowMs: 1000 });
    expect(await t.limiter.acquire({ signal: new AbortController().signal })).toBe(0);
    expect(await t.limiter.acquire({ signal: new AbortController().signal })).toBe(1020);
  });

  it('a failed turn does not stop the queue: the next call is served', async () => {
    const t = limiterFor({ requests: 1, windowMs: 1000 });
    await t.acquire();
    const refused = t.limiter.acquire({
      beforeWait: () => {
        throw new Error('no');
      },
    });
    const next = t.acquire();
    await expect(refused).rejects.toThrow('no');
    expect(await next).toBe(1020);
  });
});

describe('acquire: aborts and refusals while queued', () => {
  /** A limiter whose sleeps wait for the spec to advance time. */
  function heldLimiter(budget: RateBudget) {
    const clock = new VirtualClock(undefined, { autoAdvance: false });
    return { clock, limiter: new RateLimiter(budget, clock) };
  }

  it('an already aborted call rejects at once, without waiting for its turn behind a long wait', async () => {
    const { clock, limiter } = heldLimiter({ requests: 1, windowMs: 1000 });
    await limiter.acquire();
    const waiting = limiter.acquire();
    await clock.nextSleep();
    const reason = new Error('SIGINT');
    await expect(limiter.acquire({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(clock.sleeping).toBe(1);
    clock.advance(1020);
    expect(await waiting).toBe(1020);
  });

  it('a call aborted while queued claims no slot when its turn comes', async () => {
    const { clock, limiter } = heldLimiter({ requests: 2, windowMs: 1000 });
    await limiter.acquire();
    await limiter.acquire();
    const waiting = limiter.acquire();
    await clock.nextSleep();
    const controller = new AbortController();
    const queued = limiter.acquire({ signal: controller.signal });
    controller.abort(new Error('SIGINT'));
    await expect(queued).rejects.toThrow('SIGINT');
    clock.advance(1020);
    await waiting;
    // Two slots: the one the waiting call took, and one still free for the next call.
    expect(await limiter.acquire()).toBe(0);
  });

  it('a refusal from beforeWait rejects a call that also has a signal', async () => {
    const { limiter } = heldLimiter({ requests: 1, windowMs: 1000 });
    await limiter.acquire();
    const refusal = new Error('too long');
    const refused = limiter.acquire({
      signal: new AbortController().signal,
      beforeWait: () => {
        throw refusal;
      },
    });
    await expect(refused).rejects.toBe(refusal);
  });
});
