import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { checkProperty } from '../../properties/run.js';
import { auxiliaryOperation, operation } from '../catalogue/index.js';
import type { Finding } from '../registry/finding.js';
import type { Attempt, Exchange, RecordedResponse } from '../exchange.js';
import { createValidator } from '../validate/index.js';
import { rateLimitContract } from './rate-limit-contract.js';
import { observeAuxiliary, observeExchange } from './observed.js';
import type { ObservedExchange } from './types.js';

const context = { profile: 'strict' as const, validator: createValidator({ profile: 'strict' }) };
const STARTED = '2026-11-20T09:15:02.000Z';
const JSON_TYPE = { 'content-type': 'application/json;charset=utf-8' };
const POLICY_BODY = (policyName?: unknown): string =>
  JSON.stringify({
    status: 'error',
    message: 'You have reached your ten_secondly_rolling limit.',
    errorType: 'RATE_LIMIT',
    correlationId: '3f7c2a34-6a8f-4f7a-9c55-1e0f9f6e2b11',
    ...(policyName === undefined ? {} : { policyName }),
    requestId: '3f7c2a34-6a8f-4f7a-9c55-1e0f9f6e2b12',
  });
const OK: RecordedResponse = { status: 200, headers: JSON_TYPE, body: '{"status":"COMPLETE","results":[]}', bytes: 34 };

function answer(
  status: number,
  body: string | undefined,
  headers: Record<string, string> = JSON_TYPE,
): RecordedResponse {
  return { status, headers, ...(body === undefined ? {} : { body }), bytes: body?.length ?? 0 };
}

/** A 429 as HubSpot sends it: JSON, TEN_SECONDLY_ROLLING, Retry-After. */
const WELL_FORMED = answer(429, POLICY_BODY('TEN_SECONDLY_ROLLING'), { ...JSON_TYPE, 'retry-after': '1' });

/** An exchange whose answers came in this order, as the client records them (every 429 kept in its attempt). */
function exchangeOf(answers: readonly RecordedResponse[]): Exchange {
  const attempts: Attempt[] = answers.map((response, index) => ({
    startedAt: STARTED,
    durationMs: 3,
    status: response.status,
    ...(response.status === 429 ? { rateLimited: response } : {}),
    ...(index < answers.length - 1 ? { retry: { reason: 'test', waitMs: 1000 } } : {}),
  }));
  const last = answers.at(-1);
  return {
    id: 1,
    request: {
      method: 'POST',
      url: 'http://127.0.0.1/crm/associations/2026-03/contacts/companies/batch/read',
      headers: {},
    },
    ...(last ? { response: last } : {}),
    attempts,
    startedAt: STARTED,
    durationMs: 3,
  };
}

function observed(answers: readonly RecordedResponse[]): ObservedExchange {
  const op = operation('batch-read', '2026-03');
  const exchange = exchangeOf(answers);
  return observeExchange({ operation: op, intent: 'conformance', exchange, replay: 'hsac run --seed 42' });
}

const judge = (...answers: RecordedResponse[]): Finding[] => rateLimitContract.check(observed(answers), context);
const errors = (findings: readonly Finding[]): Finding[] => findings.filter((finding) => finding.severity === 'error');

describe('rate-limit-contract: shown failing on each malformed 429', () => {
  it('a body that is not JSON (an HTML gateway page)', () => {
    const page = '<!DOCTYPE html><html><body><h1>429 Too Many Requests</h1></body></html>';
    const findings = judge(answer(429, page, { 'content-type': 'text/html; charset=utf-8', 'retry-after': '1' }), OK);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      check: 'rate-limit-contract',
      severity: 'error',
      endpoint: 'batch-read',
      apiVersion: '2026-03',
      replay: 'hsac run --seed 42',
    });
    expect(findings[0]?.message).toBe(
      'attempt 1 of 2 (waited out and retried): a 429 whose body is not a JSON error (text/html; charset=utf-8, an HTML page): clients cannot read its policy',
    );
  });

  it.each([
    ['an empty body', undefined],
    ['plain text', 'Too Many Requests'],
    ['a JSON array', '[{"policyName":"DAILY"}]'],
    ['JSON null', 'null'],
    ['truncated JSON', '{"policyName":"TEN_SECON'],
  ])('a body that is not a JSON object: %s', (_name, body) => {
    const findings = judge(answer(429, body, { ...JSON_TYPE, 'retry-after': '1' }));
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^a 429 whose body is not a JSON error \(application\/json;charset=utf-8, .+\): clients cannot read its policy$/,
      ),
    ]);
  });

  it('no policyName', () => {
    const findings = judge(answer(429, POLICY_BODY(), { ...JSON_TYPE, 'retry-after': '1' }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'error',
      instancePath: '/policyName',
      actual: 'absent',
      expected: ['TEN_SECONDLY_ROLLING', 'DAILY', 'SECONDLY'],
    });
    expect(findings[0]?.message).toContain('a 429 without policyName');
  });

  it.each([['MINUTELY'], ['ten_secondly_rolling'], [7], [null], [{ name: 'DAILY' }]])(
    'an unknown or ill-typed policyName: %j',
    (policyName) => {
      const findings = judge(answer(429, POLICY_BODY(policyName), { ...JSON_TYPE, 'retry-after': '1' }));
      expect(findings).toHaveLength(1);
      expect(findings[0]?.message).toContain(`policyName is ${JSON.stringify(policyName)}, not one HubSpot documents`);
    },
  );

  it('no retry signal: no Retry-After, no interval with a zero Remaining', () => {
    for (const headers of [
      JSON_TYPE,
      { ...JSON_TYPE, 'x-hubspot-ratelimit-interval-milliseconds': '10000', 'x-hubspot-ratelimit-remaining': '3' },
      { ...JSON_TYPE, 'x-hubspot-ratelimit-remaining': '0' },
    ]) {
      const findings = judge(answer(429, POLICY_BODY('TEN_SECONDLY_ROLLING'), headers));
      expect(findings.map((f) => f.message)).toEqual([
        'a 429 that does not say when to retry: no Retry-After, and no X-HubSpot-RateLimit-Interval-Milliseconds with a zero Remaining',
      ]);
    }
  });

  // Date.parse reads "2026-11-20" and "1 Dec" as dates; an HTTP-date they are not.
  it.each([
    ['soon'],
    ['-5'],
    ['1e3'],
    ['2026-11-20'],
    ['1 Dec'],
    ['Fri, 31 Feb 2026 09:00:00 GMT'],
    ['Fri, 20 Nov 2026 09:00:00 UTC'],
    [''],
  ])('a Retry-After that is garbage: %j', (retryAfter) => {
    const findings = judge(
      answer(429, POLICY_BODY('TEN_SECONDLY_ROLLING'), { ...JSON_TYPE, 'retry-after': retryAfter }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', actual: retryAfter });
    expect(findings[0]?.message).toContain('is neither delta-seconds nor an HTTP-date');
  });

  it('a garbage Retry-After is an error even when the interval headers say when', () => {
    const headers = {
      ...JSON_TYPE,
      'retry-after': 'later',
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
      'x-hubspot-ratelimit-remaining': '0',
    };
    expect(errors(judge(answer(429, POLICY_BODY('DAILY'), headers)))).toHaveLength(1);
  });

  it('a fractional Retry-After is a warning: hsac waits it, but it is not delta-seconds', () => {
    const findings = judge(answer(429, POLICY_BODY('TEN_SECONDLY_ROLLING'), { ...JSON_TYPE, 'retry-after': '1.5' }));
    expect(findings.map((f) => f.severity)).toEqual(['warning']);
  });

  it('each malformed 429 of an exchange is judged once, naming its attempt; the final one is not judged twice', () => {
    const noPolicy = answer(429, POLICY_BODY(), { ...JSON_TYPE, 'retry-after': '1' });
    const findings = judge(noPolicy, WELL_FORMED, noPolicy);
    expect(findings.map((f) => f.message.replace(/: a 429 .*/, ''))).toEqual([
      'attempt 1 of 3 (waited out and retried)',
      'the final answer (attempt 3 of 3)',
    ]);
  });

  it('a final 429 that no attempt carries (an older record) is judged too', () => {
    const old = observed([answer(429, POLICY_BODY())]);
    const exchange: Exchange = { ...old.exchange, attempts: [{ startedAt: STARTED, durationMs: 3, status: 429 }] };
    const findings = rateLimitContract.check({ ...old, exchange }, context);
    expect(errors(findings).map((f) => f.message)).toEqual([
      expect.stringContaining('without policyName'),
      expect.stringContaining('does not say when to retry'),
    ]);
    expect(rateLimitContract.exercised({ ...old, exchange }, context)).toBe(1);
  });

  it('the rate-limit headers stay judged on every answer', () => {
    const findings = judge(
      answer(200, OK.body, {
        ...JSON_TYPE,
        'x-hubspot-ratelimit-max': '100',
        'x-hubspot-ratelimit-remaining': '101',
        'x-hubspot-ratelimit-daily': 'lots',
      }),
    );
    expect(findings.map((f) => f.message)).toEqual([
      'x-hubspot-ratelimit-daily is "lots", not a whole number',
      'x-hubspot-ratelimit-remaining (101) exceeds x-hubspot-ratelimit-max (100)',
    ]);
    const retried = judge(
      answer(429, POLICY_BODY('TEN_SECONDLY_ROLLING'), {
        ...JSON_TYPE,
        'retry-after': '1',
        'x-hubspot-ratelimit-secondly': '10',
        'x-hubspot-ratelimit-secondly-remaining': '11',
      }),
      OK,
    );
    expect(retried.map((f) => f.message)).toEqual([
      'attempt 1 of 2 (waited out and retried): x-hubspot-ratelimit-secondly-remaining (11) exceeds x-hubspot-ratelimit-secondly (10)',
    ]);
  });
});

describe('rate-limit-contract: silent on a well-formed 429', () => {
  it.each([
    ['Retry-After in seconds', { 'retry-after': '10' }],
    ['Retry-After 0', { 'retry-after': '0' }],
    ['Retry-After as an IMF-fixdate', { 'retry-after': 'Fri, 20 Nov 2026 09:15:12 GMT' }],
    ['Retry-After as an RFC 850 date', { 'retry-after': 'Friday, 20-Nov-26 09:15:12 GMT' }],
    ['Retry-After as an asctime date', { 'retry-after': 'Fri Nov 20 09:15:12 2026' }],
    [
      'the interval with a zero Remaining',
      {
        'x-hubspot-ratelimit-max': '100',
        'x-hubspot-ratelimit-remaining': '0',
        'x-hubspot-ratelimit-interval-milliseconds': '10000',
      },
    ],
    [
      'the interval with a zero Secondly-Remaining',
      {
        'x-hubspot-ratelimit-secondly': '10',
        'x-hubspot-ratelimit-secondly-remaining': '0',
        'x-hubspot-ratelimit-interval-milliseconds': '1000',
      },
    ],
  ])('%s', (_name, headers: Record<string, string>) => {
    for (const policy of ['TEN_SECONDLY_ROLLING', 'DAILY', 'SECONDLY']) {
      expect(judge(answer(429, POLICY_BODY(policy), { ...JSON_TYPE, ...headers }), OK)).toEqual([]);
    }
  });

  it('a DAILY 429 as HubSpot documents it (no Retry-After, daily headers) needs no retry signal: it says stop', () => {
    const body = JSON.stringify({
      status: 'error',
      message: 'You have reached your daily limit.',
      errorType: 'RATE_LIMIT',
      correlationId: '3f7c2a34-6a8f-4f7a-9c55-1e0f9f6e2b11',
      policyName: 'DAILY',
      requestId: 'r1',
    });
    expect(
      judge(
        answer(429, body, {
          ...JSON_TYPE,
          'x-hubspot-ratelimit-daily': '250000',
          'x-hubspot-ratelimit-daily-remaining': '0',
        }),
      ),
    ).toEqual([]);
    // A ten-secondly one with the same silence still fails: a client cannot tell when to come back.
    expect(errors(judge(answer(429, POLICY_BODY('TEN_SECONDLY_ROLLING'), JSON_TYPE)))).toHaveLength(1);
  });

  it('a JSON error behind a byte-order mark is still readable', () => {
    expect(judge(answer(429, `\uFEFF${POLICY_BODY('DAILY')}`, { ...JSON_TYPE, 'retry-after': '3600' }))).toEqual([]);
  });
});

describe('rate-limit-contract: exercised once per 429 met', () => {
  it('an exchange with no 429 exercises nothing; each 429 met counts once, retried or final', () => {
    expect(rateLimitContract.exercised(observed([OK]), context)).toBe(0);
    expect(rateLimitContract.exercised(observed([]), context)).toBe(0);
    expect(rateLimitContract.exercised(observed([WELL_FORMED, OK]), context)).toBe(1);
    expect(rateLimitContract.exercised(observed([WELL_FORMED, WELL_FORMED, WELL_FORMED]), context)).toBe(3);
  });

  it('says why it may not be exercised', () => {
    expect(rateLimitContract.notExercisedWhy).toContain('no answer was a 429');
  });

  it('never throws, whatever the answer', () => {
    const odd = [
      answer(429, '\u0000\uFFFD{'),
      answer(429, '{"policyName":'.repeat(1000)),
      answer(429, undefined, {}),
      answer(429, '"x"', { 'retry-after': ' '.repeat(10_000) }),
    ];
    for (const response of odd) expect(() => judge(response)).not.toThrow();
  });
});

describe('rate-limit-contract on auxiliary calls (provisioning, cleanup)', () => {
  const auxiliary = auxiliaryOperation('objects-batch-create', '2026-03');

  it('judges their 429s, tagged with the auxiliary operation (the unnamed 429 of rate-limit-unnamed-auxiliary)', () => {
    const unnamed = answer(
      429,
      JSON.stringify({
        status: 'error',
        message: 'You have reached your rate limit.',
        category: 'RATE_LIMITS',
        correlationId: 'c',
      }),
      {
        ...JSON_TYPE,
        'x-hubspot-ratelimit-interval-milliseconds': '1000',
        'x-hubspot-ratelimit-max': '100',
        'x-hubspot-ratelimit-remaining': '0',
      },
    );
    const exchange = exchangeOf([unnamed, answer(201, '{}')]);
    const observed = observeAuxiliary({ auxiliary, exchange, replay: 'hsac run --seed 42' });
    const findings = rateLimitContract.checkAuxiliary?.(observed, context) ?? [];
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      check: 'rate-limit-contract',
      severity: 'error',
      endpoint: 'objects-batch-create',
      apiVersion: '2026-03',
      replay: 'hsac run --seed 42',
      instancePath: '/policyName',
    });
    expect(findings[0]?.message).toContain('attempt 1 of 2 (waited out and retried): a 429 without policyName');
    expect(rateLimitContract.exercisedAuxiliary?.(observeAuxiliary({ auxiliary, exchange }))).toBe(1);
  });

  it('is silent and unexercised on an auxiliary call that met no 429', () => {
    const exchange = exchangeOf([answer(201, '{}')]);
    expect(rateLimitContract.checkAuxiliary?.(observeAuxiliary({ auxiliary, exchange }), context)).toEqual([]);
    expect(rateLimitContract.exercisedAuxiliary?.(observeAuxiliary({ auxiliary, exchange }))).toBe(0);
  });
});

describe('rate-limit-contract: a 429 body is read once', () => {
  const RETRIED = 'attempt 1 of 2 (waited out and retried): ';
  const messages = (findings: readonly Finding[], prefix = ''): string[] =>
    findings.map((finding) => finding.message.replace(prefix, ''));

  it('judges the final answer by the body its exchange already read: JSON.parse runs once for both', () => {
    const final = observed([answer(429, POLICY_BODY('SOMETHING_ELSE'), { ...JSON_TYPE, 'retry-after': '1' })]);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      // What the response-body check does first in a run: the exchange's one read.
      expect(final.body?.ok).toBe(true);
      const findings = rateLimitContract.check(final, context);
      expect(rateLimitContract.exercised(final, context)).toBe(1);
      expect(messages(findings)).toEqual([
        'a 429 whose policyName is "SOMETHING_ELSE", not one HubSpot documents: clients cannot tell a ten-secondly ' +
          'limit (retry) from the daily one (stop)',
      ]);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });

  it('reads a retried 429 from its text (no observation holds it): one parse for it, one for the final answer', () => {
    const retried = observed([answer(429, POLICY_BODY('DAILY'), JSON_TYPE), OK]);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expect(retried.body?.ok).toBe(true);
      rateLimitContract.check(retried, context);
      expect(parse).toHaveBeenCalledTimes(2);
    } finally {
      parse.mockRestore();
    }
  });

  it('says the same of a body read by the exchange as of the same text read on its own (any text)', () => {
    const deep = `${'{"a":'.repeat(70)}1${'}'.repeat(70)}`;
    const text = fc.oneof(
      fc.string(),
      fc.json(),
      fc.constantFrom(
        '<foo/>',
        '<?xml version="1.0"?><error/>',
        '<!DOCTYPE html><html></html>',
        '   ',
        '\uFEFF{"policyName":"DAILY"}',
        '{"policyName":"DAILY","policyName":"SECONDLY"}',
        deep,
        '1e309',
      ),
      fc.jsonValue().map((policyName) => POLICY_BODY(policyName)),
      fc.constant(undefined),
    );
    checkProperty(
      fc.property(text, (body) => {
        const headers = { ...JSON_TYPE, 'retry-after': '1' };
        const asFinal = messages(judge(answer(429, body, headers)));
        const asRetried = messages(judge(answer(429, body, headers), OK), RETRIED);
        expect(asFinal).toEqual(asRetried);
      }),
      {
        name: 'says the same of a body read by the exchange as of the same text read on its own',
        file: 'src/checks/rate-limit-contract.spec.ts',
      },
    );
  });
});

describe('rate-limit-contract: what each finding states (where it points, what it expected, what it met)', () => {
  const retryIn = (seconds: string) => ({ ...JSON_TYPE, 'retry-after': seconds });

  it('a body that is not a JSON error: its content type (or that it had none) and what the body is', () => {
    const page = '<!DOCTYPE html><html><body>Too Many Requests</body></html>';
    expect(judge(answer(429, page, { 'content-type': 'text/html', 'retry-after': '1' }))).toMatchObject([
      {
        instancePath: '',
        expected: 'a JSON error object with policyName',
        actual: 'text/html: an HTML page',
      },
    ]);
    expect(judge(answer(429, page, { 'retry-after': '1' }))).toMatchObject([
      {
        message: 'a 429 whose body is not a JSON error (no content type, an HTML page): clients cannot read its policy',
        actual: 'no content type: an HTML page',
      },
    ]);
  });

  it('a body without a known policy needs a retry signal as much as one with a ten-secondly policy', () => {
    const noSignal = 'Retry-After, or the interval with Remaining 0';
    expect(judge(answer(429, '<html></html>', { 'content-type': 'text/html' })).map((f) => f.expected)).toEqual([
      'a JSON error object with policyName',
      noSignal,
    ]);
    expect(judge(answer(429, POLICY_BODY('MINUTELY'), JSON_TYPE)).map((f) => f.expected)).toEqual([
      ['TEN_SECONDLY_ROLLING', 'DAILY', 'SECONDLY'],
      noSignal,
    ]);
  });

  it('a Retry-After it cannot read, a fractional one, and none at all', () => {
    const policy = POLICY_BODY('TEN_SECONDLY_ROLLING');
    expect(judge(answer(429, policy, retryIn('soon')))).toMatchObject([
      { instancePath: '', expected: 'delta-seconds or an HTTP-date', actual: 'soon' },
    ]);
    expect(judge(answer(429, policy, retryIn('2.5')))).toEqual([
      expect.objectContaining({
        severity: 'warning',
        instancePath: '',
        message:
          'a 429 whose Retry-After "2.5" has a fraction: delta-seconds is a whole number (RFC 9110 §10.2.3), and some clients reject it',
        expected: 'a whole number of seconds',
        actual: '2.5',
      }),
    ]);
    expect(judge(answer(429, policy, JSON_TYPE))).toMatchObject([
      {
        severity: 'error',
        instancePath: '',
        expected: 'Retry-After, or the interval with Remaining 0',
        actual: 'absent',
      },
    ]);
  });

  it('a rate-limit header that is not a whole number, and a Remaining over its limit', () => {
    const judged = (headers: Record<string, string>): Finding[] =>
      judge(answer(200, OK.body, { ...JSON_TYPE, ...headers }));
    expect(judged({ 'x-hubspot-ratelimit-max': '1e2' })).toMatchObject([
      {
        instancePath: '',
        message: 'x-hubspot-ratelimit-max is "1e2", not a whole number',
        expected: 'a whole number',
        actual: '1e2',
      },
    ]);
    expect(judged({ 'x-hubspot-ratelimit-daily': '250000', 'x-hubspot-ratelimit-daily-remaining': '250001' })).toEqual([
      expect.objectContaining({ instancePath: '', expected: '<= 250000', actual: 250001 }),
    ]);
  });

  it('a whole number is digits only, white space around it aside', () => {
    const judged = (value: string): string[] =>
      judge(answer(200, OK.body, { ...JSON_TYPE, 'x-hubspot-ratelimit-remaining': value })).map((f) => f.message);
    expect(judged('x100')).toEqual(['x-hubspot-ratelimit-remaining is "x100", not a whole number']);
    expect(judged('100x')).toEqual(['x-hubspot-ratelimit-remaining is "100x", not a whole number']);
    expect(judged(' 100 ')).toEqual([]);
  });

  it('a Remaining equal to its limit, or without its limit, or a limit without its Remaining, is consistent', () => {
    const judged = (headers: Record<string, string>): Finding[] =>
      judge(answer(200, OK.body, { ...JSON_TYPE, ...headers }));
    expect(judged({ 'x-hubspot-ratelimit-max': '100', 'x-hubspot-ratelimit-remaining': '100' })).toEqual([]);
    expect(judged({ 'x-hubspot-ratelimit-remaining': '100' })).toEqual([]);
    expect(judged({ 'x-hubspot-ratelimit-secondly': '10' })).toEqual([]);
  });

  it('quotes a value of up to 60 characters whole, a longer one cut at 60', () => {
    const message = (value: string): string | undefined =>
      judge(answer(200, OK.body, { ...JSON_TYPE, 'x-hubspot-ratelimit-max': value }))[0]?.message;
    // Quoted as JSON: 58 characters and their two quotes make 60.
    expect(message('a'.repeat(58))).toBe(`x-hubspot-ratelimit-max is "${'a'.repeat(58)}", not a whole number`);
    expect(message('a'.repeat(59))).toBe(`x-hubspot-ratelimit-max is "${'a'.repeat(59)}..., not a whole number`);
  });
});

describe('rate-limit-contract: every answer of an exchange judged once, whatever its record holds', () => {
  it('judges the final answer after two retried 429s for its headers (the last attempt, not the second, decides)', () => {
    const over = answer(200, OK.body, {
      ...JSON_TYPE,
      'x-hubspot-ratelimit-max': '1',
      'x-hubspot-ratelimit-remaining': '2',
    });
    expect(judge(WELL_FORMED, WELL_FORMED, over).map((f) => f.message)).toEqual([
      'x-hubspot-ratelimit-remaining (2) exceeds x-hubspot-ratelimit-max (1)',
    ]);
  });

  it('judges a record without attempts (built by hand): its final answer, a 429 or not', () => {
    const withoutAttempts = (response: RecordedResponse): ObservedExchange => {
      const built = observed([response]);
      return { ...built, exchange: { ...built.exchange, attempts: [] } };
    };
    const unsignalled = withoutAttempts(answer(429, POLICY_BODY('TEN_SECONDLY_ROLLING'), JSON_TYPE));
    expect(rateLimitContract.check(unsignalled, context).map((f) => f.message)).toEqual([
      'a 429 that does not say when to retry: no Retry-After, and no X-HubSpot-RateLimit-Interval-Milliseconds with a zero Remaining',
    ]);
    expect(rateLimitContract.exercised(unsignalled, context)).toBe(1);
    const over = answer(200, OK.body, {
      ...JSON_TYPE,
      'x-hubspot-ratelimit-max': '1',
      'x-hubspot-ratelimit-remaining': '2',
    });
    expect(rateLimitContract.check(withoutAttempts(over), context)).toHaveLength(1);
  });
});

describe('rate-limit-contract: a final 429 the reader refused is read as a client reads it, once', () => {
  it('a body nested deeper than the reader parses is read from its text: its policy counts', () => {
    const deep = POLICY_BODY('TEN_SECONDLY_ROLLING').replace(/}$/, `,"nested":${'['.repeat(100)}${']'.repeat(100)}}`);
    const final = observed([answer(429, deep, { ...JSON_TYPE, 'retry-after': '1' })]);
    expect(final.body?.findings.map((finding) => finding.check)).toEqual(['body-depth']);
    expect(rateLimitContract.check(final, context)).toEqual([]);
  });

  it('a body that is not JSON is not parsed again: the reader already said so', () => {
    for (const text of ['{"policyName":', '\uFEFF{"policyName":']) {
      const final = observed([answer(429, text, { ...JSON_TYPE, 'retry-after': '1' })]);
      expect(final.body?.ok).toBe(false);
      const parse = vi.spyOn(JSON, 'parse');
      try {
        expect(rateLimitContract.check(final, context)).toMatchObject([
          { actual: 'application/json;charset=utf-8: text that is not JSON' },
        ]);
        expect(parse).not.toHaveBeenCalled();
      } finally {
        parse.mockRestore();
      }
    }
  });
});
