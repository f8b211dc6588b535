import { describe, expect, it } from 'vitest';
import { operation, type EndpointId } from '../catalogue/index.js';
import type { Exchange } from '../exchange.js';
import { createValidator } from '../validate/index.js';
import { authEnforced } from './auth-enforced.js';
import { inputLimitEnforced } from './input-limit-enforced.js';
import { invalidRequestRejected } from './invalid-request-rejected.js';
import { observeExchange } from './observed.js';
import { statusFamilyCheck } from './status-family.js';
import { isUnchecked, transportCheck } from './transport.js';
import type { ExchangeIntent, ObservedExchange } from './types.js';

/**
 * The checks that judge the status an exchange got for what it was sent to do (`intent`): the transport check (no
 * answer, or a 5xx after every retry), a valid request's 2xx, the probes' 401 and 4xx, an invalid body's 4xx. Each
 * judges only a status that speaks to its condition: a 5xx or a 429 is the transport's or the rate-limit contract's.
 */
const context = { profile: 'strict' as const, validator: createValidator({ profile: 'strict' }) };
const STARTED = '2026-11-20T09:15:02.000Z';
const ERROR_BODY = JSON.stringify({
  status: 'error',
  message: 'x',
  correlationId: '3f7c2a34-6a8f-4f7a-9c55-1e0f9f6e2b11',
  category: 'VALIDATION_ERROR',
});

/** An exchange as the session hands it over: answered `status`, or failed (`failure`), or neither (never sent). */
function observed(options: {
  intent?: ExchangeIntent;
  endpoint?: EndpointId;
  status?: number;
  failure?: Exchange['failure'];
  unanswered?: boolean;
  attempts?: number;
  invalidity?: string;
}): ObservedExchange {
  const op = operation(options.endpoint ?? 'batch-read', '2026-03');
  const answer =
    options.failure !== undefined
      ? { failure: options.failure }
      : options.unanswered
        ? {}
        : {
            response: {
              status: options.status ?? 200,
              headers: { 'content-type': 'application/json' },
              body: ERROR_BODY,
              bytes: ERROR_BODY.length,
            },
          };
  const exchange: Exchange = {
    id: 5,
    request: { method: op.method, url: `http://127.0.0.1${op.pathTemplate}`, headers: {} },
    ...answer,
    attempts: Array.from({ length: options.attempts ?? 1 }, () => ({ startedAt: STARTED, durationMs: 3 })),
    startedAt: STARTED,
    durationMs: 3,
  };
  return observeExchange({
    operation: op,
    intent: options.intent ?? 'conformance',
    exchange,
    replay: 'hsac run --seed 42',
    ...(options.invalidity === undefined ? {} : { invalidity: options.invalidity }),
  });
}

const RESET = { kind: 'reset', message: 'socket hang up' } as const;
const tagged = { endpoint: 'batch-read', apiVersion: '2026-03', replay: 'hsac run --seed 42', exchangeId: 5 };

describe('transport', () => {
  it('reports an exchange that failed, with the failure kind and the attempts made', () => {
    expect(transportCheck.check(observed({ failure: RESET, attempts: 2 }), context)).toEqual([
      {
        check: 'transport',
        severity: 'warning',
        instancePath: '',
        message: 'no checkable answer after 2 attempt(s): reset: socket hang up',
        actual: 'reset',
        ...tagged,
      },
    ]);
  });

  it('reports a 5xx after every retry, and no other status', () => {
    expect(transportCheck.check(observed({ status: 503, attempts: 3 }), context)).toEqual([
      {
        check: 'transport',
        severity: 'warning',
        instancePath: '',
        message: 'the server answered 503 after 3 attempt(s)',
        actual: 503,
        ...tagged,
      },
    ]);
    for (const status of [200, 207, 400, 404, 429])
      expect(transportCheck.check(observed({ status }), context), String(status)).toEqual([]);
  });

  it('has nothing to report on an exchange that holds neither an answer nor a failure', () => {
    expect(transportCheck.check(observed({ unanswered: true }), context)).toEqual([]);
  });

  it('counts every exchange as a case, answered or not', () => {
    expect(transportCheck.exercised(observed({ status: 200 }), context)).toBe(1);
    expect(transportCheck.exercised(observed({ failure: RESET }), context)).toBe(1);
  });

  it('isUnchecked: a failure or a 5xx leaves an exchange unjudged; any other answer, or none recorded, does not', () => {
    expect(isUnchecked(observed({ failure: RESET }))).toBe(true);
    expect(isUnchecked(observed({ status: 500 }))).toBe(true);
    expect(isUnchecked(observed({ status: 599 }))).toBe(true);
    for (const status of [200, 404, 429]) expect(isUnchecked(observed({ status })), String(status)).toBe(false);
    expect(isUnchecked(observed({ unanswered: true }))).toBe(false);
  });
});

describe('auth-enforced', () => {
  const probe = (status: number): ObservedExchange => observed({ intent: 'no-auth', status });

  it('is exercised by a tokenless probe answered with a status that speaks to auth', () => {
    expect(authEnforced.exercised(probe(401), context)).toBe(1);
    expect(authEnforced.exercised(probe(200), context)).toBe(1);
    for (const status of [429, 500, 503])
      expect(authEnforced.exercised(probe(status), context), String(status)).toBe(0);
    expect(authEnforced.exercised(observed({ intent: 'no-auth', failure: RESET }), context)).toBe(0);
    expect(authEnforced.exercised(observed({ intent: 'conformance', status: 401 }), context)).toBe(0);
  });

  it('fires on any answer to a tokenless probe but 401 (a 2xx, or another 4xx)', () => {
    expect(authEnforced.check(probe(200), context)).toEqual([
      {
        check: 'auth-enforced',
        severity: 'error',
        instancePath: '',
        message: 'a request without a token got 200, not 401',
        expected: 401,
        actual: 200,
        ...tagged,
      },
    ]);
    expect(authEnforced.check(probe(403), context)).toMatchObject([{ check: 'auth-enforced', actual: 403 }]);
  });

  it('is silent on a 401, on a 429 or 5xx (not about auth), on no answer, and on requests that carried a token', () => {
    for (const status of [401, 429, 500])
      expect(authEnforced.check(probe(status), context), String(status)).toEqual([]);
    expect(authEnforced.check(observed({ intent: 'no-auth', failure: RESET }), context)).toEqual([]);
    expect(authEnforced.check(observed({ intent: 'conformance', status: 200 }), context)).toEqual([]);
  });
});

describe('input-limit-enforced', () => {
  const overLimit = (status: number): ObservedExchange => observed({ intent: 'over-limit', status });

  it('is exercised by an over-limit probe answered with a status that speaks to the limit', () => {
    expect(inputLimitEnforced.exercised(overLimit(400), context)).toBe(1);
    expect(inputLimitEnforced.exercised(overLimit(200), context)).toBe(1);
    for (const status of [429, 503])
      expect(inputLimitEnforced.exercised(overLimit(status), context), String(status)).toBe(0);
    expect(inputLimitEnforced.exercised(observed({ intent: 'over-limit', failure: RESET }), context)).toBe(0);
    expect(inputLimitEnforced.exercised(observed({ intent: 'conformance', status: 400 }), context)).toBe(0);
  });

  it('fires on an over-limit batch answered 2xx, pointing at /inputs and naming the limit', () => {
    expect(inputLimitEnforced.check(overLimit(200), context)).toEqual([
      {
        check: 'input-limit-enforced',
        severity: 'error',
        instancePath: '/inputs',
        message: '1000+1 inputs were answered 200, not refused with a 4xx',
        expected: '4xx',
        actual: 200,
        ...tagged,
      },
    ]);
  });

  it('is silent on a 4xx (a 429 included), a 5xx, no answer, and other requests', () => {
    for (const status of [400, 413, 429, 500])
      expect(inputLimitEnforced.check(overLimit(status), context), String(status)).toEqual([]);
    expect(inputLimitEnforced.check(observed({ intent: 'over-limit', failure: RESET }), context)).toEqual([]);
    expect(inputLimitEnforced.check(observed({ intent: 'conformance', status: 200 }), context)).toEqual([]);
  });
});

describe('invalid-request-rejected', () => {
  const invalid = (status: number, attempts = 1): ObservedExchange =>
    observed({ intent: 'invalid-request', status, attempts, invalidity: 'required-removed:/inputs' });

  it('is exercised by an invalid body answered, a 5xx included; not by a 429, no answer, or a valid body', () => {
    for (const status of [200, 400, 500])
      expect(invalidRequestRejected.exercised(invalid(status), context), String(status)).toBe(1);
    expect(invalidRequestRejected.exercised(invalid(429), context)).toBe(0);
    expect(invalidRequestRejected.exercised(observed({ intent: 'invalid-request', failure: RESET }), context)).toBe(0);
    expect(invalidRequestRejected.exercised(observed({ intent: 'conformance', status: 400 }), context)).toBe(0);
  });

  it('fires on a 2xx, naming how the body was broken', () => {
    expect(invalidRequestRejected.check(invalid(200), context)).toEqual([
      {
        check: 'invalid-request-rejected',
        severity: 'error',
        instancePath: '',
        message: 'an invalid batch-read body (required-removed:/inputs) was answered 200, not refused with a 4xx',
        expected: '4xx',
        actual: 200,
        ...tagged,
      },
    ]);
    const unnamed = observed({ intent: 'invalid-request', status: 200 });
    expect(invalidRequestRejected.check(unnamed, context)[0]?.message).toBe(
      'an invalid batch-read body (breaks the request schema) was answered 200, not refused with a 4xx',
    );
  });

  it('fires on a 5xx after every retry, saying how many attempts failed', () => {
    expect(invalidRequestRejected.check(invalid(500, 3), context)).toEqual([
      {
        check: 'invalid-request-rejected',
        severity: 'error',
        instancePath: '',
        message:
          'an invalid batch-read body (required-removed:/inputs) was answered 500 after 3 attempt(s), not refused with a 4xx',
        expected: '4xx',
        actual: 500,
        ...tagged,
      },
    ]);
  });

  it('is silent on a 4xx (a 429 included), no answer, and valid requests', () => {
    for (const status of [400, 422, 429])
      expect(invalidRequestRejected.check(invalid(status), context), String(status)).toEqual([]);
    expect(invalidRequestRejected.check(observed({ intent: 'invalid-request', failure: RESET }), context)).toEqual([]);
    expect(invalidRequestRejected.check(observed({ intent: 'conformance', status: 200 }), context)).toEqual([]);
  });
});

describe('status-family', () => {
  it('is exercised by a valid request answered with a status of its own to judge (not a 429 or 5xx)', () => {
    for (const status of [200, 207, 404])
      expect(statusFamilyCheck.exercised(observed({ status }), context), String(status)).toBe(1);
    for (const status of [429, 500]) expect(statusFamilyCheck.exercised(observed({ status }), context)).toBe(0);
    expect(statusFamilyCheck.exercised(observed({ failure: RESET }), context)).toBe(0);
    expect(statusFamilyCheck.exercised(observed({ intent: 'no-auth', status: 401 }), context)).toBe(0);
  });

  it('fires on a valid request answered outside 2xx, expecting the statuses its version declares', () => {
    expect(statusFamilyCheck.check(observed({ status: 404 }), context)).toEqual([
      {
        check: 'status-family',
        severity: 'error',
        instancePath: '',
        message: 'a valid POST batch-read got 404; 2026-03 declares 200/207',
        expected: '200/207',
        actual: 404,
        ...tagged,
      },
    ]);
    expect(statusFamilyCheck.check(observed({ status: 301 }), context)).toMatchObject([{ actual: 301 }]);
  });

  it('is silent on a 2xx, a 429, a 5xx, no answer, and the probes', () => {
    for (const status of [200, 201, 207, 429, 503])
      expect(statusFamilyCheck.check(observed({ status }), context), String(status)).toEqual([]);
    expect(statusFamilyCheck.check(observed({ failure: RESET }), context)).toEqual([]);
    expect(statusFamilyCheck.check(observed({ intent: 'no-auth', status: 401 }), context)).toEqual([]);
  });
});
