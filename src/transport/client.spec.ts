import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DailyLimitReached, HubSpotClient } from './client.js';
import { REDACTED } from './redact.js';
import { parseRateBudget, RateLimiter } from './rate-limiter.js';
import { VirtualClock } from './test-clock.js';

const BASE = 'https://api.hubapi.test';
const TOKEN = 'pat-na1-' + '7c1f0e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const PATH = '/crm/associations/2026-03/contacts/companies/batch/read';
const OK_BODY = {
  status: 'COMPLETE',
  results: [],
  startedAt: '2026-11-20T09:15:02Z',
  completedAt: '2026-11-20T09:15:03Z',
};

function client(
  clock = new VirtualClock(),
  extra: Partial<ConstructorParameters<typeof HubSpotClient>[0]> = {},
): HubSpotClient {
  return new HubSpotClient({ baseUrl: BASE, token: TOKEN, clock, random: () => 0.5, ...extra });
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe('sending and recording', () => {
  it('sends the bearer token and JSON, and records the exchange with the token redacted', async () => {
    nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } })
      .post(PATH, { inputs: [{ id: '1' }] })
      .reply(200, OK_BODY, { 'content-type': 'application/json;charset=utf-8' });
    const exchange = await client().send({ method: 'POST', path: PATH, body: { inputs: [{ id: '1' }] } });
    expect(exchange.response?.status).toBe(200);
    expect(JSON.parse(exchange.response?.body ?? '')).toEqual(OK_BODY);
    expect(exchange.request.headers.authorization).toBe(`Bearer ${REDACTED}`);
    expect(exchange.attempts).toHaveLength(1);
    expect(JSON.stringify(exchange)).not.toContain(TOKEN);
    expect(exchange.response?.echoedToken).toBeUndefined();
  });

  it('omits the token when asked (to prove auth is enforced)', async () => {
    nock(BASE, { badheaders: ['authorization'] })
      .post(PATH)
      .reply(401, { status: 'error', message: 'Authentication credentials not found.' });
    const exchange = await client().send({ method: 'POST', path: PATH, body: {}, auth: false });
    expect(exchange.response?.status).toBe(401);
  });

  it('redacts a token the provider echoes in a header, a body field and an error message, in every encoding', async () => {
    const base64 = Buffer.from(TOKEN).toString('base64');
    nock(BASE)
      .post(PATH)
      .reply(
        400,
        { status: 'error', message: `token ${TOKEN} is not valid`, echo: base64, url: encodeURIComponent(TOKEN) },
        { 'x-echo': `Bearer ${TOKEN}` },
      );
    const exchange = await client().send({ method: 'POST', path: PATH, body: { note: TOKEN } });
    const recorded = JSON.stringify(exchange);
    expect(recorded).not.toContain(TOKEN);
    expect(recorded).not.toContain(base64.replace(/=+$/, ''));
    expect(recorded).not.toContain(encodeURIComponent(TOKEN));
    expect(exchange.response?.headers['x-echo']).toBe(`Bearer ${REDACTED}`);
    expect(exchange.request.body).toBe(JSON.stringify({ note: REDACTED }));
    expect(exchange.response?.echoedToken).toEqual(['headers', 'body']);
  });
});

describe('retries', () => {
  it('retries 5xx with growing, jittered backoff and records every attempt', async () => {
    nock(BASE).post(PATH).reply(502, '<html>Bad Gateway</html>').post(PATH).reply(503).post(PATH).reply(200, OK_BODY);
    const clock = new VirtualClock();
    const exchange = await client(clock).send({ method: 'POST', path: PATH, body: {} });
    expect(exchange.response?.status).toBe(200);
    expect(exchange.attempts.map((a) => a.status)).toEqual([502, 503, 200]);
    // random() = 0.5 -> 0.75 x the exponential delay: 200 -> 150, 400 -> 300.
    expect(exchange.attempts.map((a) => a.retry?.waitMs)).toEqual([150, 300, undefined]);
  });

  it('gives up after maxRetries and returns the last answer as data', async () => {
    nock(BASE)
      .post(PATH)
      .times(4)
      .reply(500, { status: 'error', message: 'boom', correlationId: 'x', category: 'INTERNAL' });
    const exchange = await client().send({ method: 'POST', path: PATH, body: {} });
    expect(exchange.response?.status).toBe(500);
    expect(exchange.attempts).toHaveLength(4);
  });

  it('retries a connection reset and classifies it', async () => {
    // An Error instance: nock 14's fetch interceptor mishandles a plain object here.
    nock(BASE)
      .post(PATH)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
      .post(PATH)
      .reply(200, OK_BODY);
    const exchange = await client().send({ method: 'POST', path: PATH, body: {} });
    expect(exchange.attempts[0]?.failure?.kind).toBe('reset');
    expect(exchange.response?.status).toBe(200);
  });

  it('does not retry 4xx answers', async () => {
    nock(BASE)
      .post(PATH)
      .reply(400, { status: 'error', message: 'bad', correlationId: 'x', category: 'VALIDATION_ERROR' });
    const exchange = await client().send({ method: 'POST', path: PATH, body: {} });
    expect(exchange.attempts).toHaveLength(1);
  });
});

describe('rate limits', () => {
  it('waits out a 429 TEN_SECONDLY_ROLLING for Retry-After, then retries', async () => {
    nock(BASE)
      .post(PATH)
      .reply(
        429,
        {
          status: 'error',
          message: 'You have reached your ten_secondly_rolling limit.',
          errorType: 'RATE_LIMIT',
          policyName: 'TEN_SECONDLY_ROLLING',
        },
        { 'retry-after': '3' },
      )
      .post(PATH)
      .reply(200, OK_BODY);
    const clock = new VirtualClock();
    const exchange = await client(clock).send({ method: 'POST', path: PATH, body: {} });
    expect(exchange.response?.status).toBe(200);
    expect(exchange.attempts[0]?.retry).toEqual({
      reason: 'Retry-After: 3 on a 429 TEN_SECONDLY_ROLLING',
      waitMs: 3000,
    });
  });

  it('without Retry-After waits the window', async () => {
    nock(BASE).post(PATH).reply(429, { policyName: 'TEN_SECONDLY_ROLLING' }).post(PATH).reply(200, OK_BODY);
    const exchange = await client(new VirtualClock(), { rateLimit: { requests: 100, windowMs: 10_000 } }).send({
      method: 'POST',
      path: PATH,
      body: {},
    });
    expect(exchange.attempts[0]?.retry?.waitMs).toBe(10_000);
  });

  it('stops on 429 DAILY with DailyLimitReached (the run is inconclusive)', async () => {
    nock(BASE).post(PATH).reply(429, {
      status: 'error',
      message: 'You have reached your daily limit.',
      errorType: 'RATE_LIMIT',
      policyName: 'DAILY',
    });
    const sut = client();
    await expect(sut.send({ method: 'POST', path: PATH, body: {} })).rejects.toBeInstanceOf(DailyLimitReached);
    expect(sut.exchanges).toHaveLength(1);
  });

  it('never sends more than the budget within a rolling window', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter(parseRateBudget('3/1s'), clock);
    const sentAt: number[] = [];
    for (let i = 0; i < 7; i++) {
      await limiter.acquire();
      sentAt.push(clock.now());
    }
    for (let i = 3; i < sentAt.length; i++)
      expect((sentAt[i] ?? 0) - (sentAt[i - 3] ?? 0)).toBeGreaterThanOrEqual(1000);
    // Two windows of 1 s plus the 2% edge margin each.
    expect(sentAt[6]! - sentAt[0]!).toBeLessThanOrEqual(2040);
  });

  it('adapts to a smaller X-HubSpot-RateLimit-Max and pauses on Remaining 0', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter(parseRateBudget('100/10s'), clock);
    await limiter.acquire();
    limiter.observe({
      'x-hubspot-ratelimit-max': '10',
      'x-hubspot-ratelimit-remaining': '0',
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
    });
    expect(limiter.current()).toEqual({ requests: 10, windowMs: 10_000 });
    // A looser server budget (50/s > 10/10s) never raises the configured one.
    limiter.observe({ 'x-hubspot-ratelimit-max': '50', 'x-hubspot-ratelimit-interval-milliseconds': '1000' });
    expect(limiter.current()).toEqual({ requests: 10, windowMs: 10_000 });
    const waited = await limiter.acquire();
    expect(waited).toBe(10_000);
  });

  it("a Remaining of 0 pauses for the server's own interval, not the configured ten seconds", async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter(parseRateBudget('100/10s'), clock);
    await limiter.acquire();
    limiter.observe({
      'x-hubspot-ratelimit-max': '50',
      'x-hubspot-ratelimit-remaining': '0',
      'x-hubspot-ratelimit-interval-milliseconds': '1000',
    });
    expect(await limiter.acquire()).toBe(1000);
  });

  it('parses budgets and names a bad one', () => {
    expect(parseRateBudget('190/10s')).toEqual({ requests: 190, windowMs: 10_000 });
    expect(parseRateBudget('600/1m')).toEqual({ requests: 600, windowMs: 60_000 });
    expect(() => parseRateBudget('fast')).toThrow(/"fast"/);
  });
});

describe('against a real loopback server', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/slow') {
        setTimeout(() => response.end('{}'), 2000).unref();
        return;
      }
      if (request.url === '/reset') {
        request.socket.destroy();
        return;
      }
      if (request.url === '/huge') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(`{"pad":"${'x'.repeat(5000)}"}`);
        return;
      }
      response.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const noRetry = { maxRetries: 0, maxRateLimitRetries: 0, baseDelayMs: 1, maxDelayMs: 1 };

  it('a response slower than the timeout is a timeout failure', async () => {
    const exchange = await new HubSpotClient({ baseUrl: base, timeoutMs: 100, retry: noRetry }).send({
      method: 'GET',
      path: '/slow',
    });
    expect(exchange.failure?.kind).toBe('timeout');
    expect(exchange.response).toBeUndefined();
  });

  it('a destroyed socket is a reset', async () => {
    const exchange = await new HubSpotClient({ baseUrl: base, retry: noRetry }).send({ method: 'GET', path: '/reset' });
    expect(exchange.failure?.kind).toBe('reset');
  });

  it('stops reading a body over the limit and does not retry it', async () => {
    const exchange = await new HubSpotClient({ baseUrl: base, maxResponseBytes: 1000 }).send({
      method: 'GET',
      path: '/huge',
    });
    expect(exchange.failure?.kind).toBe('body-too-large');
    expect(exchange.response?.truncated).toBe(true);
    expect(exchange.attempts).toHaveLength(1);
  });

  it('an unreachable target is a network failure after the retries', async () => {
    const exchange = await new HubSpotClient({
      baseUrl: 'http://127.0.0.1:9',
      retry: { ...noRetry, maxRetries: 1 },
    }).send({ method: 'GET', path: '/' });
    expect(exchange.failure?.kind).toBe('network');
    expect(exchange.attempts).toHaveLength(2);
  });
});

/** A fetch that answers from a list and keeps what each call was given. */
function capturingFetch(answers: readonly (() => Promise<Response>)[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fake = (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    calls.push({ url: url instanceof URL ? url.href : typeof url === 'string' ? url : url.url, init: init ?? {} });
    const answer = answers[calls.length - 1];
    return answer ? answer() : Promise.reject(new Error(`unexpected request ${calls.length}`));
  };
  return { fetch: fake, calls };
}

const answer =
  (status: number, body?: string, headers: Record<string, string> = {}) =>
  (): Promise<Response> =>
    Promise.resolve(new Response(body ?? null, { status, headers }));
const failWith = (error: unknown) => (): Promise<Response> => Promise.reject(error);
const NO_RETRY = { maxRetries: 0, maxRateLimitRetries: 0, baseDelayMs: 1, maxDelayMs: 1 };

describe('what a request carries', () => {
  it('a GET: accept JSON, the default user agent, the bearer token, no content type and no body', async () => {
    const t = capturingFetch([answer(200, '{}')]);
    const exchange = await client(new VirtualClock(), { fetch: t.fetch }).send({ method: 'GET', path: '/a' });
    const sent = t.calls[0]?.init;
    expect(sent?.method).toBe('GET');
    expect(sent?.headers).toEqual({
      accept: 'application/json',
      'user-agent': 'hsac',
      authorization: `Bearer ${TOKEN}`,
    });
    expect(sent?.body).toBeUndefined();
    expect(sent?.redirect).toBe('manual');
    expect(exchange.request).toStrictEqual({
      method: 'GET',
      url: `${BASE}/a`,
      headers: { accept: 'application/json', 'user-agent': 'hsac', authorization: `Bearer ${REDACTED}` },
    });
  });

  it("query parameters, the caller's user agent and headers (which win over the defaults)", async () => {
    const t = capturingFetch([answer(200, '{}')]);
    await client(new VirtualClock(), { fetch: t.fetch, userAgent: 'hsac/1.2.3' }).send({
      method: 'POST',
      path: '/a',
      query: { after: 'x y', limit: '10' },
      body: { n: 1 },
      headers: { 'content-type': 'text/plain' },
    });
    expect(t.calls[0]?.url).toBe(`${BASE}/a?after=x+y&limit=10`);
    expect(t.calls[0]?.init.headers).toMatchObject({ 'user-agent': 'hsac/1.2.3', 'content-type': 'text/plain' });
    expect(t.calls[0]?.init.body).toBe('{"n":1}');
  });

  it('no token, no authorization header; the token in a query parameter is redacted from the recorded URL', async () => {
    const t = capturingFetch([answer(200, '{}'), answer(200, '{}')]);
    const anonymous = await new HubSpotClient({ baseUrl: BASE, fetch: t.fetch }).send({ method: 'GET', path: '/a' });
    expect(Object.keys(t.calls[0]?.init.headers ?? {})).not.toContain('authorization');
    expect(anonymous.request.headers.authorization).toBeUndefined();
    const echoed = await client(new VirtualClock(), { fetch: t.fetch }).send({
      method: 'GET',
      path: '/a',
      query: { hapikey: TOKEN },
    });
    expect(echoed.request.url).toBe(`${BASE}/a?hapikey=${REDACTED}`);
  });

  it('numbers exchanges from 1 per client and records them in order, through onExchange too', async () => {
    const t = capturingFetch([answer(200, '{}'), answer(204)]);
    const seen: number[] = [];
    const sut = client(new VirtualClock(), { fetch: t.fetch, onExchange: (exchange) => seen.push(exchange.id) });
    const first = await sut.send({ method: 'GET', path: '/a' });
    const second = await sut.send({ method: 'DELETE', path: '/b' });
    expect([first.id, second.id]).toEqual([1, 2]);
    expect(seen).toEqual([1, 2]);
    expect(sut.exchanges).toEqual([first, second]);
    // An empty body is no body; its byte count is 0.
    expect(second.response).toStrictEqual({ status: 204, headers: {}, bytes: 0 });
  });

  it('times each attempt and the exchange on the client clock, waits included', async () => {
    const clock = new VirtualClock();
    const t = capturingFetch([answer(503), answer(200, '{}')]);
    const start = clock.now();
    const exchange = await client(clock, { fetch: t.fetch }).send({ method: 'GET', path: '/a' });
    expect(exchange.startedAt).toBe(new Date(start).toISOString());
    expect(exchange.attempts.map((a) => a.startedAt)).toEqual([
      new Date(start).toISOString(),
      new Date(start + 150).toISOString(),
    ]);
    expect(exchange.attempts.map((a) => a.durationMs)).toEqual([0, 0]);
    expect(exchange.durationMs).toBe(150);
  });

  it('response header names are recorded lower-cased; the echo is noted only where the token was', async () => {
    const base64 = Buffer.from(TOKEN).toString('base64');
    const t = capturingFetch([
      answer(200, '{}', { 'X-Echo': base64 }),
      answer(200, `{"echo":"${TOKEN.toUpperCase()}"}`, { 'X-Clean': 'yes' }),
    ]);
    const sut = client(new VirtualClock(), { fetch: t.fetch });
    const inHeaders = await sut.send({ method: 'GET', path: '/a' });
    expect(inHeaders.response?.headers).toEqual({ 'content-type': 'text/plain;charset=UTF-8', 'x-echo': REDACTED });
    expect(inHeaders.response?.echoedToken).toEqual(['headers']);
    const inBody = await sut.send({ method: 'GET', path: '/a' });
    expect(inBody.response?.headers['x-clean']).toBe('yes');
    expect(inBody.response?.echoedToken).toEqual(['body']);
    expect(inBody.response?.body).toBe(`{"echo":"${REDACTED}"}`);
  });

  it('the body is decoded as UTF-8 with a byte-order mark kept, and its byte count recorded', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('{"é":1}')]);
    const t = capturingFetch([() => Promise.resolve(new Response(bytes, { status: 200 }))]);
    const exchange = await client(new VirtualClock(), { fetch: t.fetch }).send({ method: 'GET', path: '/a' });
    expect(exchange.response?.body).toBe('\uFEFF{"é":1}');
    expect(exchange.response?.bytes).toBe(bytes.byteLength);
  });
});

describe('failures of an attempt', () => {
  it.each([
    [
      'ECONNRESET',
      { cause: { code: 'ECONNRESET', message: 'read ECONNRESET' } },
      'reset',
      'connection reset (ECONNRESET)',
    ],
    [
      'UND_ERR_SOCKET',
      { cause: { code: 'UND_ERR_SOCKET', message: 'x' } },
      'reset',
      'connection reset (UND_ERR_SOCKET)',
    ],
    ['EPIPE, on the error itself', { code: 'EPIPE', message: 'x' }, 'reset', 'connection reset (EPIPE)'],
    [
      '"other side closed"',
      { cause: { message: 'other side closed' } },
      'reset',
      'connection reset (other side closed)',
    ],
    ['"terminated"', new Error('Terminated'), 'reset', 'connection reset (Terminated)'],
    ['"socket hang up"', new Error('socket hang up'), 'reset', 'connection reset (socket hang up)'],
    [
      'ECONNREFUSED',
      { cause: { code: 'ECONNREFUSED', message: 'connect refused' } },
      'network',
      'ECONNREFUSED: connect refused',
    ],
    ['an error without a code', new Error('DNS said no'), 'network', 'network error: DNS said no'],
    ['a thrown string', 'odd', 'network', 'network error: odd'],
    ['nothing thrown', undefined, 'network', 'network error: undefined'],
  ])('%s: %s', async (_name, error, kind, message) => {
    const t = capturingFetch([failWith(error)]);
    const exchange = await client(new VirtualClock(), { fetch: t.fetch, retry: NO_RETRY }).send({
      method: 'GET',
      path: '/a',
    });
    expect(exchange.failure).toEqual({ kind, message });
    expect(exchange.attempts[0]?.failure).toEqual({ kind, message });
    expect(exchange.response).toBeUndefined();
  });

  it('a failure message that quotes the token is redacted', async () => {
    const t = capturingFetch([failWith(new Error(`bad header Bearer ${TOKEN}`))]);
    const exchange = await client(new VirtualClock(), { fetch: t.fetch, retry: NO_RETRY }).send({
      method: 'GET',
      path: '/a',
    });
    expect(exchange.failure?.message).toBe(`network error: bad header Bearer ${REDACTED}`);
  });

  it('the default timeout is 30 s per attempt; limitTimeouts lowers it, never raises it, never below 1 ms', async () => {
    vi.useFakeTimers();
    try {
      // Answers nothing: only the attempt's own timeout ends it.
      const hang = (): Promise<Response> => new Promise(() => undefined);
      const t = capturingFetch([hang, hang, hang]);
      const sut = client(new VirtualClock(), { fetch: t.fetch, retry: NO_RETRY });
      /** Whether request `n`'s signal has aborted after `ms` more milliseconds. */
      const abortedAfter = async (n: number, ms: number): Promise<boolean | undefined> => {
        await vi.advanceTimersByTimeAsync(ms);
        return t.calls[n]?.init.signal?.aborted;
      };
      void sut.send({ method: 'GET', path: '/a' });
      expect([await abortedAfter(0, 29_999), await abortedAfter(0, 1)]).toEqual([false, true]);
      sut.limitTimeouts(5000);
      sut.limitTimeouts(60_000);
      void sut.send({ method: 'GET', path: '/b' });
      expect([await abortedAfter(1, 4999), await abortedAfter(1, 1)]).toEqual([false, true]);
      sut.limitTimeouts(-5);
      void sut.send({ method: 'GET', path: '/c' });
      expect([await abortedAfter(2, 0), await abortedAfter(2, 1)]).toEqual([false, true]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('an answered attempt leaves no timer behind', async () => {
    vi.useFakeTimers();
    try {
      const t = capturingFetch([answer(200, '{}')]);
      await client(new VirtualClock(), { fetch: t.fetch }).send({ method: 'GET', path: '/a' });
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a maxWaitMs of 0 is a bound like any other: no wait at all', () => {
    expect(() => client(new VirtualClock(), { maxWaitMs: 0 })).not.toThrow();
  });

  it('a recorded URL that no longer parses after redaction is named as it is', async () => {
    const t = capturingFetch([answer(503)]);
    const sut = new HubSpotClient({
      baseUrl: `https://${TOKEN}.example.test`,
      token: TOKEN,
      clock: new VirtualClock(),
      fetch: t.fetch,
      maxWaitMs: 1,
    });
    const error = await sut.send({ method: 'GET', path: '/a' }).catch((caught: unknown) => caught);
    expect((error as Error).message.startsWith(`GET https://${REDACTED}.example.test/a: asked to wait`)).toBe(true);
  });
});
