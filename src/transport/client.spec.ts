import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
