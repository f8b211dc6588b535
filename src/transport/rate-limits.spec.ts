import { describe, expect, it } from 'vitest';
import {
  DailyLimitReached,
  HubSpotClient,
  SendInterrupted,
  WaitTooLong,
  type ClientOptions,
  type WaitNotice,
} from './client.js';
import type { Exchange } from '../exchange.js';
import { REDACTED } from './redact.js';
import { VirtualClock } from './test-clock.js';

// 429s of any shape, every wait bounded and interruptible (issues 11 and 12). A fake fetch answers
// from a script and the virtual clock stands in for time: nothing here sleeps or reads the wall clock.

const BASE = 'https://api.hubapi.test';
const TOKEN = 'pat-na1-' + '7c1f0e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const PATH = '/crm/associations/2026-03/contacts/companies/batch/read';
const OK = {
  status: 200,
  body: JSON.stringify({
    status: 'COMPLETE',
    results: [],
    startedAt: '2026-11-20T09:15:02Z',
    completedAt: '2026-11-20T09:15:03Z',
  }),
};
const JSON_TYPE = { 'content-type': 'application/json;charset=utf-8' };
const TEN_SECONDLY = JSON.stringify({
  status: 'error',
  message: 'You have reached your ten_secondly_rolling limit.',
  errorType: 'RATE_LIMIT',
  correlationId: 'c',
  policyName: 'TEN_SECONDLY_ROLLING',
  requestId: 'r',
});
const DAILY = JSON.stringify({
  status: 'error',
  message: 'You have reached your daily limit.',
  errorType: 'RATE_LIMIT',
  correlationId: 'c',
  policyName: 'DAILY',
  requestId: 'r',
});

/** One scripted answer; `hang` never answers until the request is aborted. */
type Reply =
  { readonly status: number; readonly body?: string | Uint8Array; readonly headers?: Record<string, string> } | 'hang';

function scriptedFetch(replies: readonly Reply[]): { readonly fetch: typeof fetch; readonly calls: () => number } {
  let calls = 0;
  const fake = (_url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const reply = replies[calls++];
    if (reply === undefined) return Promise.reject(new Error(`unexpected request ${calls}`));
    if (reply === 'hang') {
      return new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), {
          once: true,
        }),
      );
    }
    return Promise.resolve(
      new Response(reply.body ?? null, { status: reply.status, headers: reply.headers ?? JSON_TYPE }),
    );
  };
  return { fetch: fake, calls: () => calls };
}

function setup(replies: readonly Reply[], options: Partial<ClientOptions> & { clock?: VirtualClock } = {}) {
  const clock = options.clock ?? new VirtualClock();
  const scripted = scriptedFetch(replies);
  const waits: WaitNotice[] = [];
  const recorded: Exchange[] = [];
  const client = new HubSpotClient({
    baseUrl: BASE,
    token: TOKEN,
    random: () => 0.5,
    fetch: scripted.fetch,
    onWait: (wait) => waits.push(wait),
    onExchange: (exchange) => recorded.push(exchange),
    ...options,
    clock,
  });
  const send = (signal?: AbortSignal): Promise<Exchange> =>
    client.send({ method: 'POST', path: PATH, body: { inputs: [{ id: '1' }] }, ...(signal ? { signal } : {}) });
  return { client, clock, waits, recorded, send, calls: scripted.calls };
}

/** The rejection of `promise`, which must reject. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('429 of any shape is waited out, in order of what it says', () => {
  it('Retry-After wins over a zero Remaining with a long interval on the same 429: the retry waits 1 s, not the window', async () => {
    const headers = {
      ...JSON_TYPE,
      'retry-after': '1',
      'x-hubspot-ratelimit-max': '100',
      'x-hubspot-ratelimit-remaining': '0',
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
    };
    const t = setup([{ status: 429, body: TEN_SECONDLY, headers }, OK]);
    const exchange = await t.send();
    expect(exchange.response?.status).toBe(200);
    expect(t.clock.sleeps.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(1000);
  });

  it('TEN_SECONDLY_ROLLING with Retry-After: waits the seconds given, says so, and retries', async () => {
    const t = setup([{ status: 429, body: TEN_SECONDLY, headers: { ...JSON_TYPE, 'retry-after': '3' } }, OK]);
    const exchange = await t.send();
    expect(exchange.response?.status).toBe(200);
    expect(t.clock.sleeps).toEqual([3000]);
    expect(exchange.attempts[0]?.retry).toEqual({
      reason: 'Retry-After: 3 on a 429 TEN_SECONDLY_ROLLING',
      waitMs: 3000,
    });
    expect(t.waits).toEqual([
      { reason: 'Retry-After: 3 on a 429 TEN_SECONDLY_ROLLING', ms: 3000, method: 'POST', path: PATH },
    ]);
  });

  it('Retry-After as an HTTP-date: waits until then on the client clock', async () => {
    const clock = new VirtualClock();
    const at = new Date(clock.now() + 7000).toUTCString();
    const t = setup([{ status: 429, body: TEN_SECONDLY, headers: { ...JSON_TYPE, 'retry-after': at } }, OK], { clock });
    const exchange = await t.send();
    expect(t.clock.sleeps).toEqual([7000]);
    expect(exchange.attempts[0]?.retry?.reason).toBe(`Retry-After: ${at} on a 429 TEN_SECONDLY_ROLLING`);
  });

  it('Retry-After in fractional seconds: waits them, rounded up to the millisecond', async () => {
    const t = setup([
      { status: 429, body: TEN_SECONDLY, headers: { ...JSON_TYPE, 'retry-after': '1.5' } },
      { status: 429, body: TEN_SECONDLY, headers: { ...JSON_TYPE, 'retry-after': '0.0004' } },
      OK,
    ]);
    await t.send();
    expect(t.clock.sleeps).toEqual([1500, 1]);
  });

  it('no Retry-After but the interval header with a zero Remaining: waits the interval', async () => {
    const headers = {
      ...JSON_TYPE,
      'x-hubspot-ratelimit-max': '100',
      'x-hubspot-ratelimit-remaining': '0',
      'x-hubspot-ratelimit-interval-milliseconds': '2500',
    };
    const t = setup([{ status: 429, body: '{"status":"error","message":"slow down"}', headers }, OK], {
      adaptToHeaders: false,
    });
    const exchange = await t.send();
    expect(t.clock.sleeps).toEqual([2500]);
    expect(exchange.attempts[0]?.retry?.reason).toBe(
      'X-HubSpot-RateLimit-Interval-Milliseconds: 2500 with x-hubspot-ratelimit-remaining: 0 on a 429 with no policyName',
    );
  });

  it('the secondly Remaining counts too', async () => {
    const headers = {
      ...JSON_TYPE,
      'x-hubspot-ratelimit-secondly-remaining': '0',
      'x-hubspot-ratelimit-interval-milliseconds': '1000',
    };
    const t = setup([{ status: 429, body: '{}', headers }, OK], { adaptToHeaders: false });
    await t.send();
    expect(t.clock.sleeps).toEqual([1000]);
  });

  it('TEN_SECONDLY_ROLLING alone: the ten-second window; the search API secondly message: one second', async () => {
    const secondly = JSON.stringify({
      status: 'error',
      message: 'You have reached your secondly limit.',
      errorType: 'RATE_LIMIT',
    });
    const t = setup([
      { status: 429, body: TEN_SECONDLY },
      { status: 429, body: secondly },
      { status: 429, body: '{"policyName":"SECONDLY"}' },
      OK,
    ]);
    await t.send();
    expect(t.clock.sleeps).toEqual([10_000, 1000, 1000]);
  });

  it('no policy and no headers: the ten-second window, doubled per further 429 (10 s then 20 s)', async () => {
    const t = setup([
      { status: 429, body: '{"status":"error","message":"Too many requests"}' },
      { status: 429, body: '{"status":"error"}' },
      OK,
    ]);
    const exchange = await t.send();
    expect(exchange.response?.status).toBe(200);
    expect(t.clock.sleeps).toEqual([10_000, 20_000]);
    expect(exchange.attempts.map((a) => a.retry?.reason)).toEqual([
      'backoff 10 s (ten-second window, doubled per further 429) on a 429 with no policyName',
      'backoff 20 s (ten-second window, doubled per further 429) on a 429 with no policyName',
      undefined,
    ]);
  });

  it('an unknown policy backs off the same way; the backoff never grows past maxWaitMs', async () => {
    const unknown = { status: 429, body: '{"policyName":"MINUTELY"}' };
    const t = setup([unknown, unknown, unknown, unknown, OK], { maxWaitMs: 30_000 });
    const exchange = await t.send();
    expect(t.clock.sleeps).toEqual([10_000, 20_000, 30_000, 30_000]);
    expect(exchange.attempts[0]?.retry?.reason).toContain('unknown policyName "MINUTELY"');
  });

  it('an HTML 429 page with Retry-After: retried after it, and the page is kept for the contract check', async () => {
    const page =
      '<!DOCTYPE html><html><head><title>429 Too Many Requests</title></head><body><h1>Slow down</h1></body></html>';
    const t = setup([{ status: 429, body: page, headers: { 'content-type': 'text/html', 'retry-after': '2' } }, OK]);
    const exchange = await t.send();
    expect(t.clock.sleeps).toEqual([2000]);
    expect(exchange.attempts[0]?.retry?.reason).toBe('Retry-After: 2 on a 429 whose body is an HTML page');
    expect(exchange.attempts[0]?.rateLimited).toMatchObject({
      status: 429,
      body: page,
      headers: { 'content-type': 'text/html', 'retry-after': '2' },
    });
  });

  it('bodies of any shape or encoding never throw: empty, a JSON array, null, malformed, binary', async () => {
    const shapes: Reply[] = [
      '',
      '[]',
      'null',
      '{"policyName":',
      new Uint8Array([0xff, 0x00, 0xc3, 0x28]),
      '{"policyName":{"deep":[1,2]}}',
    ].map((body) => ({ status: 429, body, headers: { 'content-type': 'application/octet-stream' } }));
    const t = setup([...shapes, OK], { maxWaitMs: 10_000 });
    const exchange = await t.send();
    expect(exchange.response?.status).toBe(200);
    expect(t.clock.sleeps).toEqual([10_000, 10_000, 10_000, 10_000, 10_000, 10_000]);
  });

  it('after maxRateLimitRetries the 429 is the answer, as data', async () => {
    const t = setup(
      [
        { status: 429, body: TEN_SECONDLY },
        { status: 429, body: TEN_SECONDLY },
      ],
      { retry: { maxRetries: 0, maxRateLimitRetries: 1, baseDelayMs: 1, maxDelayMs: 1 } },
    );
    const exchange = await t.send();
    expect(exchange.response?.status).toBe(429);
    expect(exchange.attempts).toHaveLength(2);
    // The final answer is the last attempt's rateLimited: the same record, not a second one.
    expect(exchange.attempts[1]?.rateLimited).toBe(exchange.response);
  });

  it('DAILY rejects with DailyLimitReached at once, even with a Retry-After, and the 429 is recorded', async () => {
    const t = setup([{ status: 429, body: DAILY, headers: { ...JSON_TYPE, 'retry-after': '5' } }]);
    const error = await rejection(t.send());
    expect(error).toBeInstanceOf(DailyLimitReached);
    expect(t.clock.sleeps).toEqual([]);
    expect(t.calls()).toBe(1);
    expect((error as DailyLimitReached).exchange.attempts[0]?.rateLimited?.body).toBe(DAILY);
    expect(t.recorded).toHaveLength(1);
  });

  it('DAILY is read in the charset the content type names (UTF-16, no byte-order mark)', async () => {
    const utf16 = new Uint8Array(Buffer.from(DAILY, 'utf16le'));
    const t = setup([{ status: 429, body: utf16, headers: { 'content-type': 'application/json; charset=utf-16le' } }]);
    expect(await rejection(t.send())).toBeInstanceOf(DailyLimitReached);
  });

  it('the errors a send rejects with say which they are by name', async () => {
    const daily = await rejection(setup([{ status: 429, body: DAILY }]).send());
    const tooLong = await rejection(setup([{ status: 429, body: TEN_SECONDLY }], { maxWaitMs: 1 }).send());
    const interrupted = await rejection(setup([OK]).send(AbortSignal.abort()));
    expect([daily, tooLong, interrupted].map((error) => (error as Error).name)).toEqual([
      'DailyLimitReached',
      'WaitTooLong',
      'SendInterrupted',
    ]);
  });

  it('DAILY is read in any encoding the body names (UTF-16 with a byte-order mark)', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(DAILY, 'utf16le')]);
    const t = setup([{ status: 429, body: utf16, headers: { 'content-type': 'application/json; charset=utf-16' } }]);
    expect(await rejection(t.send())).toBeInstanceOf(DailyLimitReached);
  });
});

describe('every 429 is recorded, the token in none of them', () => {
  it('each 429 attempt carries rateLimited, redacted like the final response, also when the provider echoes the token', async () => {
    const base64 = Buffer.from(TOKEN).toString('base64');
    const echo = JSON.stringify({
      status: 'error',
      message: `limit reached for ${TOKEN}`,
      policyName: 'TEN_SECONDLY_ROLLING',
      auth: base64,
    });
    const headers = {
      ...JSON_TYPE,
      'retry-after': '1',
      'x-echo': `Bearer ${TOKEN}`,
      'x-token': encodeURIComponent(TOKEN),
    };
    const t = setup([{ status: 429, body: echo, headers }, { status: 429, body: echo, headers }, OK]);
    const exchange = await t.send();
    expect(exchange.attempts.map((a) => a.rateLimited?.status)).toEqual([429, 429, undefined]);
    // Exactly as the final response is redacted: the same answer, given up on, is the response.
    const final = await setup([{ status: 429, body: echo, headers }], {
      retry: { maxRetries: 0, maxRateLimitRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
    }).send();
    for (const attempt of exchange.attempts.slice(0, 2)) {
      expect(attempt.rateLimited).toEqual(final.response);
      expect(attempt.rateLimited?.headers['x-echo']).toBe(`Bearer ${REDACTED}`);
      expect(attempt.rateLimited?.body).toContain(REDACTED);
      expect(attempt.rateLimited?.echoedToken).toEqual(['headers', 'body']);
      expect(attempt.rateLimited?.headers['retry-after']).toBe('1');
    }
    const written = JSON.stringify([exchange, t.waits]);
    for (const form of [TOKEN, base64.replace(/=+$/, ''), encodeURIComponent(TOKEN)])
      expect(written).not.toContain(form);
  });

  it('a token in the policyName never reaches the retry reason or onWait', async () => {
    const t = setup([{ status: 429, body: JSON.stringify({ policyName: TOKEN }) }, OK]);
    const exchange = await t.send();
    expect(exchange.attempts[0]?.retry?.reason).toContain(REDACTED);
    expect(JSON.stringify([exchange, t.waits])).not.toContain(TOKEN);
  });
});

describe('every wait is bounded', () => {
  it('Retry-After: 86400 with maxWaitMs 60000: WaitTooLong naming the wait, nothing waited, the 429 recorded', async () => {
    const t = setup([{ status: 429, body: TEN_SECONDLY, headers: { ...JSON_TYPE, 'retry-after': '86400' } }], {
      maxWaitMs: 60_000,
    });
    const error = await rejection(t.send());
    expect(error).toBeInstanceOf(WaitTooLong);
    const tooLong = error as WaitTooLong;
    expect(tooLong.waitMs).toBe(86_400_000);
    expect(tooLong.maxWaitMs).toBe(60_000);
    expect(tooLong.reason).toBe('Retry-After: 86400 on a 429 TEN_SECONDLY_ROLLING');
    expect(tooLong.message).toContain('86400 s');
    expect(tooLong.message).toContain('60 s');
    expect(t.clock.sleeps).toEqual([]);
    expect(t.waits).toEqual([]);
    expect(tooLong.exchange.attempts).toHaveLength(1);
    expect(tooLong.exchange.attempts[0]?.retry).toBeUndefined();
    expect(tooLong.exchange.attempts[0]?.rateLimited?.status).toBe(429);
    expect(t.recorded).toEqual([tooLong.exchange]);
  });

  it('the default bound is 60 s', async () => {
    const t = setup([{ status: 429, body: TEN_SECONDLY, headers: { ...JSON_TYPE, 'retry-after': '61' } }]);
    expect(await rejection(t.send())).toBeInstanceOf(WaitTooLong);
    const ok = setup([{ status: 429, body: TEN_SECONDLY, headers: { ...JSON_TYPE, 'retry-after': '60' } }, OK]);
    await ok.send();
    expect(ok.clock.sleeps).toEqual([60_000]);
  });

  it('a budget the server imposes (one request a day) is refused in the limiter, before sending', async () => {
    const headers = {
      ...JSON_TYPE,
      'x-hubspot-ratelimit-max': '1',
      'x-hubspot-ratelimit-interval-milliseconds': '86400000',
    };
    const t = setup([{ ...OK, headers }]);
    await t.send();
    const error = await rejection(t.send());
    expect(error).toBeInstanceOf(WaitTooLong);
    expect((error as WaitTooLong).reason).toContain(
      'rate budget 1 per 86400000 ms (from the X-HubSpot-RateLimit headers)',
    );
    expect((error as WaitTooLong).exchange.attempts).toEqual([]);
    expect(t.calls()).toBe(1);
    expect(t.recorded).toHaveLength(1);
  });

  it('a pause set from outside over the bound is refused too', async () => {
    const t = setup([OK]);
    t.client.pauseFor(86_400_000, 'Retry-After: 86400 seen by the rate-limit probe');
    const error = await rejection(t.send());
    expect((error as WaitTooLong).reason).toBe('Retry-After: 86400 seen by the rate-limit probe');
  });

  it('announces limiter and backoff waits through onWait', async () => {
    const t = setup([OK, { status: 503 }, OK], { rateLimit: { requests: 1, windowMs: 1000 } });
    await t.send();
    await t.send();
    expect(t.waits.map((w) => w.reason)).toEqual([
      'rate budget 1 per 1000 ms (configured) in use',
      'status 503',
      'rate budget 1 per 1000 ms (configured) in use',
    ]);
  });

  it('a listener that throws changes nothing', async () => {
    const t = setup([{ status: 429, body: TEN_SECONDLY, headers: { ...JSON_TYPE, 'retry-after': '1' } }, OK], {
      onWait: () => {
        throw new Error('EPIPE');
      },
    });
    expect((await t.send()).response?.status).toBe(200);
  });

  it('a bad maxWaitMs is refused at construction, naming it', () => {
    expect(() => new HubSpotClient({ baseUrl: BASE, maxWaitMs: Number.NaN })).toThrow(/maxWaitMs.*NaN/);
    expect(() => new HubSpotClient({ baseUrl: BASE, maxWaitMs: -1 })).toThrow(/maxWaitMs.*-1/);
  });
});

describe('every wait is interruptible', () => {
  it('abort during a 45 s Retry-After wait: SendInterrupted at once, the clock never advanced', async () => {
    const clock = new VirtualClock(undefined, { autoAdvance: false });
    const t = setup([{ status: 429, body: TEN_SECONDLY, headers: { ...JSON_TYPE, 'retry-after': '45' } }, OK], {
      clock,
    });
    const start = clock.now();
    const controller = new AbortController();
    const sent = t.send(controller.signal);
    expect(await clock.nextSleep()).toBe(45_000);
    expect(clock.sleeping).toBe(1);
    controller.abort(new Error('SIGINT'));
    const error = await rejection(sent);
    expect(error).toBeInstanceOf(SendInterrupted);
    expect(clock.now()).toBe(start);
    expect(clock.sleeping).toBe(0);
    expect(t.calls()).toBe(1);
    const { exchange } = error as SendInterrupted;
    // The wait was not made, so the attempt does not say it was; its 429 is kept and recorded.
    expect(exchange.attempts).toHaveLength(1);
    expect(exchange.attempts[0]?.retry).toBeUndefined();
    expect(exchange.attempts[0]?.rateLimited?.status).toBe(429);
    expect(t.recorded).toEqual([exchange]);
    expect((error as SendInterrupted).cause).toEqual(new Error('SIGINT'));
  });

  it('abort during a backoff after a 5xx', async () => {
    const clock = new VirtualClock(undefined, { autoAdvance: false });
    const t = setup([{ status: 503 }, OK], { clock });
    const controller = new AbortController();
    const sent = t.send(controller.signal);
    await clock.nextSleep();
    controller.abort();
    expect(await rejection(sent)).toBeInstanceOf(SendInterrupted);
  });

  it("abort during the limiter's wait, also of a send queued behind another", async () => {
    const clock = new VirtualClock(undefined, { autoAdvance: false });
    const t = setup([OK], { clock, rateLimit: { requests: 1, windowMs: 10_000 } });
    await t.send();
    const first = new AbortController();
    const second = new AbortController();
    const waiting = t.send(first.signal);
    const queued = t.send(second.signal);
    await clock.nextSleep();
    second.abort();
    const queuedError = await rejection(queued);
    expect(queuedError).toBeInstanceOf(SendInterrupted);
    expect((queuedError as SendInterrupted).exchange.attempts).toEqual([]);
    first.abort();
    expect(await rejection(waiting)).toBeInstanceOf(SendInterrupted);
    expect(t.calls()).toBe(1);
    // An exchange that sent nothing is not recorded.
    expect(t.recorded).toHaveLength(1);
  });

  it('abort while the request is in flight aborts the fetch', async () => {
    const t = setup(['hang']);
    const controller = new AbortController();
    const sent = t.send(controller.signal);
    // Past the limiter: the request is on its way.
    while (t.calls() === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const error = await rejection(sent);
    expect(error).toBeInstanceOf(SendInterrupted);
    expect((error as SendInterrupted).exchange.attempts).toEqual([]);
  });

  it('an already aborted signal sends nothing', async () => {
    const t = setup([OK]);
    expect(await rejection(t.send(AbortSignal.abort()))).toBeInstanceOf(SendInterrupted);
    expect(t.calls()).toBe(0);
  });

  it('the system clock ends a sleep on abort and leaves no timer behind', async () => {
    const { systemClock } = await import('./clock.js');
    const controller = new AbortController();
    const sleeping = systemClock.sleep(45_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    await expect(systemClock.sleep(1, AbortSignal.abort())).rejects.toBeInstanceOf(DOMException);
  });
});

describe('after Ctrl-C, cleanup requests are bounded too', () => {
  it('limitTimeouts lowers the per-attempt timeout (never raises it): a target that stopped answering cannot hold the exit', async () => {
    const t = setup(['hang'], {
      timeoutMs: 600_000,
      retry: { maxRetries: 0, maxRateLimitRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
    });
    t.client.limitTimeouts(20);
    t.client.limitTimeouts(60_000);
    const exchange = await t.send();
    expect(exchange.failure?.kind).toBe('timeout');
  });
});

describe('the client knobs a run turns after Ctrl-C, and what waits say', () => {
  it('limitWaits lowers the bound (never raises it, never below 0): a wait over it is refused', async () => {
    const t = setup([{ status: 429, body: TEN_SECONDLY, headers: { ...JSON_TYPE, 'retry-after': '2' } }], {
      maxWaitMs: 30_000,
    });
    t.client.limitWaits(1000);
    t.client.limitWaits(90_000);
    const error = await rejection(t.send());
    expect(error).toBeInstanceOf(WaitTooLong);
    expect((error as WaitTooLong).maxWaitMs).toBe(1000);
    const zero = setup([{ status: 503 }]);
    zero.client.limitWaits(-5);
    expect(((await rejection(zero.send())) as WaitTooLong).maxWaitMs).toBe(0);
  });

  it('a wait exactly at the bound is made', async () => {
    const t = setup([{ status: 429, body: TEN_SECONDLY, headers: { ...JSON_TYPE, 'retry-after': '2' } }, OK], {
      maxWaitMs: 2000,
    });
    expect((await t.send()).response?.status).toBe(200);
    expect(t.clock.sleeps).toEqual([2000]);
  });

  it('limitRetries lowers both retry counts (never raises them, never below 0)', async () => {
    const t = setup([{ status: 503 }, { status: 503 }, OK]);
    t.client.limitRetries(1);
    t.client.limitRetries(9);
    const exchange = await t.send();
    expect(exchange.attempts.map((a) => a.status)).toEqual([503, 503]);
    const limited = setup([{ status: 429, body: TEN_SECONDLY }, { status: 429, body: TEN_SECONDLY }, OK]);
    limited.client.limitRetries(1);
    expect((await limited.send()).attempts.map((a) => a.status)).toEqual([429, 429]);
    const none = setup([{ status: 429, body: TEN_SECONDLY }]);
    none.client.limitRetries(-1);
    expect((await none.send()).attempts).toHaveLength(1);
  });

  it('maxRetries counts 5xx and failures together: the fourth failure is the answer', async () => {
    const t = setup([{ status: 500 }, { status: 502 }, { status: 504 }, { status: 503 }, OK]);
    const exchange = await t.send();
    expect(exchange.response?.status).toBe(503);
    expect(exchange.attempts.map((a) => a.retry?.reason)).toEqual([
      'status 500',
      'status 502',
      'status 504',
      undefined,
    ]);
    // Each backoff is announced with the retry it precedes, from 1.
    expect(t.waits.map((w) => [w.retry, w.ms])).toEqual([
      [1, 150],
      [2, 300],
      [3, 600],
    ]);
  });

  it('a 429 wait is announced without a retry number, and pauses the client for every other send', async () => {
    const t = setup([{ status: 429, body: TEN_SECONDLY, headers: { ...JSON_TYPE, 'retry-after': '2' } }, OK, OK]);
    const first = t.send();
    await first;
    expect(t.waits[0]).toEqual({
      reason: 'Retry-After: 2 on a 429 TEN_SECONDLY_ROLLING',
      ms: 2000,
      method: 'POST',
      path: PATH,
    });
    expect(Object.keys(t.waits[0] ?? {})).not.toContain('retry');
  });

  it('a 429 pauses the limiter for its wait: a send that starts during it waits the rest', async () => {
    const clock = new VirtualClock(undefined, { autoAdvance: false });
    const t = setup([{ status: 429, body: TEN_SECONDLY, headers: { ...JSON_TYPE, 'retry-after': '2' } }, OK, OK], {
      clock,
    });
    const first = t.send();
    expect(await clock.nextSleep()).toBe(2000);
    const second = t.send();
    expect(await clock.nextSleep()).toBe(2000);
    expect(t.waits.map((w) => w.reason)).toEqual([
      'Retry-After: 2 on a 429 TEN_SECONDLY_ROLLING',
      'Retry-After: 2 on a 429 TEN_SECONDLY_ROLLING',
    ]);
    clock.advance(2000);
    expect((await first).response?.status).toBe(200);
    expect((await second).response?.status).toBe(200);
  });

  it('a 5xx does not pause other sends, and a zero wait sleeps not at all', async () => {
    const t = setup([{ status: 503 }, OK, OK], {
      retry: { maxRetries: 1, maxRateLimitRetries: 0, baseDelayMs: 0, maxDelayMs: 0 },
    });
    await t.send();
    await t.send();
    expect(t.clock.sleeps).toEqual([]);
    expect(t.waits).toEqual([]);
  });

  it('pauseFor and rateBudget: a pause set from outside holds the next send, the budget adapts to the headers', async () => {
    const headers = {
      ...JSON_TYPE,
      'x-hubspot-ratelimit-max': '5',
      'x-hubspot-ratelimit-interval-milliseconds': '1000',
    };
    const t = setup([{ ...OK, headers }, OK]);
    expect(t.client.rateBudget()).toEqual({ requests: 100, windowMs: 10_000 });
    await t.send();
    expect(t.client.rateBudget()).toEqual({ requests: 5, windowMs: 1000 });
    t.client.pauseFor(1500, 'another client met a 429');
    await t.send();
    expect(t.waits).toEqual([{ reason: 'another client met a 429', ms: 1500, method: 'POST', path: PATH }]);
  });

  it('a 429 without Retry-After adapts the budget to its headers like any answer', async () => {
    const headers = {
      ...JSON_TYPE,
      'x-hubspot-ratelimit-max': '5',
      'x-hubspot-ratelimit-interval-milliseconds': '1000',
    };
    const t = setup([{ status: 429, body: TEN_SECONDLY, headers }, OK]);
    await t.send();
    expect(t.client.rateBudget()).toEqual({ requests: 5, windowMs: 1000 });
  });

  it('adaptToHeaders: false keeps the configured budget', async () => {
    const headers = {
      ...JSON_TYPE,
      'x-hubspot-ratelimit-max': '5',
      'x-hubspot-ratelimit-interval-milliseconds': '1000',
    };
    const t = setup([{ ...OK, headers }], { adaptToHeaders: false });
    await t.send();
    expect(t.client.rateBudget()).toEqual({ requests: 100, windowMs: 10_000 });
  });

  it('a 200 with Remaining 0 pauses the next send for the interval; a 429 with Retry-After does not add to it', async () => {
    const zero = {
      ...JSON_TYPE,
      'x-hubspot-ratelimit-remaining': '0',
      'x-hubspot-ratelimit-interval-milliseconds': '5000',
    };
    const t = setup([{ ...OK, headers: zero }, OK]);
    await t.send();
    await t.send();
    expect(t.clock.sleeps).toEqual([5000]);
    const retryAfter = { ...zero, 'retry-after': '1' };
    const r = setup([{ status: 429, body: TEN_SECONDLY, headers: retryAfter }, OK]);
    await r.send();
    expect(r.clock.sleeps).toEqual([1000]);
    // A 429 without Retry-After is read by its headers like any answer.
    const n = setup([{ status: 429, body: '{}', headers: zero }, OK]);
    await n.send();
    expect(n.clock.sleeps).toEqual([5000]);
    expect(n.waits.map((w) => w.reason)).toEqual([
      'X-HubSpot-RateLimit-Interval-Milliseconds: 5000 with x-hubspot-ratelimit-remaining: 0 on a 429 with no policyName',
    ]);
  });

  it('the token in a path is redacted in what a wait says', async () => {
    const t = setup([{ status: 503 }, OK]);
    await t.client.send({ method: 'GET', path: `/x/${TOKEN}` });
    expect(t.waits.map((w) => w.path)).toEqual([`/x/${REDACTED}`]);
  });

  it('the token in a pause reason is redacted in WaitTooLong and in onWait', async () => {
    const t = setup([OK]);
    t.client.pauseFor(2000, `pause for ${TOKEN}`);
    await t.send();
    expect(t.waits.map((w) => w.reason)).toEqual([`pause for ${REDACTED}`]);
    const long = setup([OK]);
    long.client.pauseFor(86_400_000, `pause for ${TOKEN}`);
    expect(((await rejection(long.send())) as WaitTooLong).reason).toBe(`pause for ${REDACTED}`);
  });

  it('WaitTooLong and SendInterrupted name the request by method and path', async () => {
    const t = setup([{ status: 429, body: TEN_SECONDLY, headers: { ...JSON_TYPE, 'retry-after': '90.5' } }]);
    expect(((await rejection(t.send())) as Error).message).toBe(
      `POST ${PATH}: asked to wait 90.5 s (Retry-After: 90.5 on a 429 TEN_SECONDLY_ROLLING), over the 60 s bound on a single wait (maxWaitMs)`,
    );
    const i = setup([OK]);
    expect(((await rejection(i.send(AbortSignal.abort()))) as Error).message).toBe(
      `POST ${PATH}: interrupted after 0 attempt(s)`,
    );
  });

  it('the redactor a client hands out is the one for its token', () => {
    const t = setup([]);
    expect(t.client.redaction().text(`a ${TOKEN}`)).toBe(`a ${REDACTED}`);
  });
});

describe('the response size cap', () => {
  it('keeps the bytes of the chunks within the cap, records the truncation and does not retry', async () => {
    const chunks = [new Uint8Array(400).fill(0x61), new Uint8Array(400).fill(0x62), new Uint8Array(400).fill(0x63)];
    const stream = (): ReadableStream<Uint8Array> =>
      new ReadableStream({
        pull(controller) {
          const next = chunks.shift();
          if (next) controller.enqueue(next);
          else controller.close();
        },
      });
    const client = new HubSpotClient({
      baseUrl: BASE,
      clock: new VirtualClock(),
      maxResponseBytes: 1000,
      fetch: () => Promise.resolve(new Response(stream(), { status: 200 })),
    });
    const exchange = await client.send({ method: 'GET', path: '/big' });
    expect(exchange.response?.bytes).toBe(800);
    expect(exchange.response?.body).toBe(`${'a'.repeat(400)}${'b'.repeat(400)}`);
    expect(exchange.response?.truncated).toBe(true);
    expect(exchange.failure).toEqual({
      kind: 'body-too-large',
      message: 'response body over 1000 bytes; reading stopped',
    });
    expect(exchange.attempts).toHaveLength(1);
  });

  it('a body exactly at the cap is read whole', async () => {
    const client = new HubSpotClient({
      baseUrl: BASE,
      clock: new VirtualClock(),
      maxResponseBytes: 4,
      fetch: () => Promise.resolve(new Response('{"a"', { status: 200 })),
    });
    const exchange = await client.send({ method: 'GET', path: '/' });
    expect(exchange.response).toEqual({
      status: 200,
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: '{"a"',
      bytes: 4,
    });
    expect(exchange.failure).toBeUndefined();
  });

  it('a 429 cut off by the cap is read for its policy as far as it came, and waited out', async () => {
    const t = setup([{ status: 429, body: DAILY }, { status: 204 }], { maxResponseBytes: 10 });
    const exchange = await t.send();
    // Its policyName was past the cap: a 429 of no known policy, so the ten-second window.
    expect(t.clock.sleeps).toEqual([10_000]);
    expect(exchange.attempts[0]?.failure?.kind).toBe('body-too-large');
    expect(exchange.response?.status).toBe(204);
  });
});

describe('the bound on a limiter wait, and a clock that fails', () => {
  it('a limiter wait exactly at maxWaitMs is made; one a millisecond over it is refused', async () => {
    const at = setup([OK, OK], { rateLimit: { requests: 1, windowMs: 1000 }, maxWaitMs: 1020 });
    await at.send();
    await at.send();
    expect(at.clock.sleeps).toEqual([1020]);
    const over = setup([OK], { rateLimit: { requests: 1, windowMs: 1000 }, maxWaitMs: 1019 });
    await over.send();
    expect(await rejection(over.send())).toBeInstanceOf(WaitTooLong);
  });

  it('a sleep that fails for another reason than an abort fails the send with its error', async () => {
    const broken = new Error('the clock broke');
    const clock = new VirtualClock();
    clock.sleep = () => Promise.reject(broken);
    const backoff = setup([{ status: 503 }, OK], { clock });
    expect(await rejection(backoff.send())).toBe(broken);
    const limiter = setup([OK, OK], { clock, rateLimit: { requests: 1, windowMs: 1000 } });
    await limiter.send();
    expect(await rejection(limiter.send())).toBe(broken);
  });
});

describe('what one send does to the others', () => {
  it('a 5xx backoff does not hold other sends back', async () => {
    const clock = new VirtualClock(undefined, { autoAdvance: false });
    const t = setup([{ status: 503 }, OK, OK], { clock });
    const first = t.send();
    expect(await clock.nextSleep()).toBe(150);
    const anotherWait = clock.nextSleep().then(() => 'waited');
    const other = t.send().then(() => 'answered');
    expect(await Promise.race([other, anotherWait])).toBe('answered');
    clock.advance(150);
    expect((await first).response?.status).toBe(200);
  });

  it('a limiter wait refused after an attempt: the exchange so far is recorded with its attempt', async () => {
    const t = setup([{ status: 503 }], { rateLimit: { requests: 1, windowMs: 100_000 } });
    const error = await rejection(t.send());
    expect(error).toBeInstanceOf(WaitTooLong);
    expect((error as WaitTooLong).exchange.attempts.map((a) => a.status)).toEqual([503]);
    expect(t.recorded).toEqual([(error as WaitTooLong).exchange]);
  });
});
