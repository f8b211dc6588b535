import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProperty } from '../../properties/run.js';
import {
  decodeBody,
  exhaustedInterval,
  parseHttpDate,
  parseRetryAfter,
  rateLimitDecision,
  readRateLimitBody,
} from './rate-limit-policy.js';

const NOW = Date.UTC(2026, 10, 20, 9, 0, 0);
const AT = Date.UTC(1994, 10, 6, 8, 49, 37);

describe('parseHttpDate: the three forms of RFC 9110 §5.6.7, nothing else', () => {
  it.each([
    ['IMF-fixdate', 'Sun, 06 Nov 1994 08:49:37 GMT'],
    ['RFC 850', 'Sunday, 06-Nov-94 08:49:37 GMT'],
    ['asctime', 'Sun Nov  6 08:49:37 1994'],
    ['IMF-fixdate with surrounding space', '  Sun, 06 Nov 1994 08:49:37 GMT '],
  ])('%s', (_form, value) => {
    expect(parseHttpDate(value, NOW)).toBe(AT);
  });

  it('reads a two-digit year more than 50 years ahead as the past century', () => {
    expect(parseHttpDate('Friday, 20-Nov-26 09:00:00 GMT', NOW)).toBe(NOW);
    expect(parseHttpDate('Thursday, 20-Nov-80 09:00:00 GMT', NOW)).toBe(Date.UTC(1980, 10, 20, 9));
  });

  it('round-trips what Date#toUTCString writes', () => {
    expect(parseHttpDate(new Date(NOW + 7000).toUTCString(), NOW)).toBe(NOW + 7000);
  });

  it.each([
    ['2026-11-20'],
    ['2026-11-20T09:00:00Z'],
    ['1 Dec'],
    ['Sun, 06 Nov 1994 08:49:37 UTC'],
    ['Sun, 31 Feb 1994 08:49:37 GMT'],
    ['Sun, 06 Nov 1994 24:00:00 GMT'],
    ['sun, 06 nov 1994 08:49:37 gmt'],
    ['86400'],
    [''],
  ])('refuses %j (Date.parse would read some of these)', (value) => {
    expect(parseHttpDate(value, NOW)).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('delta-seconds, whole or fractional (rounded up to the millisecond)', () => {
    expect(parseRetryAfter('3', NOW)).toEqual({ kind: 'seconds', ms: 3000, fractional: false });
    expect(parseRetryAfter(' 1.5 ', NOW)).toEqual({ kind: 'seconds', ms: 1500, fractional: true });
    expect(parseRetryAfter('0.0001', NOW)).toEqual({ kind: 'seconds', ms: 1, fractional: true });
    expect(parseRetryAfter('0', NOW)).toEqual({ kind: 'seconds', ms: 0, fractional: false });
  });

  it('an HTTP-date: the time left, 0 when past', () => {
    expect(parseRetryAfter(new Date(NOW + 7000).toUTCString(), NOW)).toEqual({ kind: 'date', ms: 7000 });
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', NOW)).toEqual({ kind: 'date', ms: 0 });
  });

  it.each([[undefined], ['-1'], ['1e3'], ['.5'], ['soon'], ['3 s']])('nothing for %j', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

describe('readRateLimitBody', () => {
  it('reads policyName and message of a JSON object, own properties only', () => {
    expect(readRateLimitBody('{"policyName":"DAILY","message":"m"}')).toEqual({
      kind: 'json-object',
      policyName: 'DAILY',
      message: 'm',
    });
    expect(readRateLimitBody('\uFEFF {"policyName":7}')).toEqual({
      kind: 'json-object',
      policyName: 7,
      message: undefined,
    });
    expect(readRateLimitBody('{"__proto__":{"policyName":"DAILY"}}')).toEqual({
      kind: 'json-object',
      policyName: undefined,
      message: undefined,
    });
  });

  it.each([
    [undefined, 'an empty body'],
    ['  ', 'an empty body'],
    ['<!DOCTYPE html><html></html>', 'an HTML page'],
    ['<error/>', 'markup, not JSON'],
    ['Too Many Requests', 'text that is not JSON'],
    ['[1]', 'a JSON array, not an object'],
    ['null', 'a JSON null, not an object'],
    ['"DAILY"', 'a JSON string, not an object'],
  ])('%j is unreadable: %s', (body, what) => {
    expect(readRateLimitBody(body)).toEqual({ kind: 'unreadable', what });
  });
});

describe('decodeBody', () => {
  const body = '{"policyName":"DAILY","message":"Überschritten"}';
  it('follows a byte-order mark, else the charset, else UTF-8', () => {
    expect(decodeBody(new Uint8Array([0xff, 0xfe, ...Buffer.from(body, 'utf16le')]), 'application/json')).toBe(body);
    expect(decodeBody(Buffer.from(body, 'latin1'), 'application/json; charset="ISO-8859-1"')).toBe(body);
    expect(decodeBody(Buffer.from(body), 'application/json; charset=no-such-charset')).toBe(body);
    expect(decodeBody(Buffer.from(body), undefined)).toBe(body);
  });
});

describe('exhaustedInterval', () => {
  it('needs an interval above 0 and a zero Remaining (or Secondly-Remaining)', () => {
    expect(
      exhaustedInterval({ 'x-hubspot-ratelimit-interval-milliseconds': '10000', 'x-hubspot-ratelimit-remaining': '0' }),
    ).toEqual({ ms: 10_000, remainingHeader: 'x-hubspot-ratelimit-remaining' });
    expect(
      exhaustedInterval({
        'x-hubspot-ratelimit-interval-milliseconds': '1000',
        'x-hubspot-ratelimit-secondly-remaining': '0',
      })?.ms,
    ).toBe(1000);
    expect(
      exhaustedInterval({ 'x-hubspot-ratelimit-interval-milliseconds': '10000', 'x-hubspot-ratelimit-remaining': '1' }),
    ).toBeUndefined();
    expect(
      exhaustedInterval({ 'x-hubspot-ratelimit-interval-milliseconds': '0', 'x-hubspot-ratelimit-remaining': '0' }),
    ).toBeUndefined();
    expect(exhaustedInterval({ 'x-hubspot-ratelimit-remaining': '0' })).toBeUndefined();
  });
});

describe('rateLimitDecision: the order of what a 429 says', () => {
  const everything = {
    'retry-after': '3',
    'x-hubspot-ratelimit-interval-milliseconds': '2500',
    'x-hubspot-ratelimit-remaining': '0',
  };
  const decide = (headers: Record<string, string>, body?: string, previous = 0) =>
    rateLimitDecision({ headers, ...(body === undefined ? {} : { body }) }, { now: NOW, previous });

  it('DAILY stops, whatever else the 429 says', () => {
    expect(decide(everything, '{"policyName":"DAILY"}')).toEqual({ action: 'stop', reason: 'a 429 DAILY' });
  });

  it('Retry-After, then the interval with Remaining 0, then the policy, then backoff', () => {
    expect(decide(everything, '{"policyName":"TEN_SECONDLY_ROLLING"}')).toMatchObject({ ms: 3000 });
    const { 'retry-after': _dropped, ...interval } = everything;
    expect(decide(interval, '{"policyName":"SECONDLY"}')).toMatchObject({ ms: 2500 });
    expect(decide({}, '{"policyName":"TEN_SECONDLY_ROLLING"}')).toMatchObject({ ms: 10_000 });
    expect(decide({}, '{"policyName":"SECONDLY"}')).toMatchObject({ ms: 1000 });
    expect(decide({}, '{"message":"You have reached your secondly limit."}')).toMatchObject({ ms: 1000 });
    expect([0, 1, 2, 3].map((previous) => decide({}, '<html></html>', previous))).toMatchObject([
      { ms: 10_000 },
      { ms: 20_000 },
      { ms: 40_000 },
      { ms: 80_000 },
    ]);
  });

  it('a garbage Retry-After falls through to what else the 429 says', () => {
    expect(decide({ 'retry-after': 'soon' }, '{"policyName":"TEN_SECONDLY_ROLLING"}')).toMatchObject({ ms: 10_000 });
  });

  it('hsac caps its own backoff at maxBackoffMs, never under the ten-second window', () => {
    expect(rateLimitDecision({ headers: {} }, { now: NOW, previous: 5, maxBackoffMs: 60_000 })).toMatchObject({
      ms: 60_000,
    });
    expect(rateLimitDecision({ headers: {} }, { now: NOW, previous: 0, maxBackoffMs: 1000 })).toMatchObject({
      ms: 10_000,
    });
  });

  it('never throws and always decides, on any headers and body', () => {
    const headerName = fc.constantFrom(
      'retry-after',
      'x-hubspot-ratelimit-interval-milliseconds',
      'x-hubspot-ratelimit-remaining',
      'x-hubspot-ratelimit-secondly-remaining',
      'content-type',
    );
    const body = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((value) => JSON.stringify({ policyName: value, message: value })),
      fc.constant(undefined),
    );
    checkProperty(
      fc.property(
        fc.dictionary(headerName, fc.oneof(fc.string(), fc.nat().map(String))),
        body,
        fc.nat({ max: 10 }),
        (headers, text, previous) => {
          const decision = rateLimitDecision(
            { headers, ...(text === undefined ? {} : { body: text }) },
            { now: NOW, previous, maxBackoffMs: 60_000 },
          );
          expect(decision.reason.length).toBeGreaterThan(0);
          if (decision.action === 'wait') expect(decision.ms).toBeGreaterThanOrEqual(0);
        },
      ),
      {
        name: 'never throws and always decides, on any headers and body',
        file: 'src/catalogue/rate-limit-policy.spec.ts',
      },
    );
  });
});
