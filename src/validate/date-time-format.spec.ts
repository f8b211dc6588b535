import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Format } from 'ajv';
import { describe, expect, it } from 'vitest';
import { scaledRuns, timeoutForRuns } from '../../properties/settings.js';
import { addStructureVocabulary } from '../structure/index.js';
import { fastDateTimeFormat } from './date-time-format.js';
import { recallWholeSecondMillis } from './instants.js';

/** The vocabulary's own date-time (what the fast one must agree with) and the fast one built on it. */
function validateOf(format: Format | undefined): (value: string) => boolean {
  if (typeof format === 'function') return format;
  if (typeof format === 'object' && !(format instanceof RegExp) && typeof format.validate === 'function')
    return format.validate as (value: string) => boolean;
  throw new Error('unexpected date-time format shape');
}
const ajv = new Ajv2020({ strict: true });
addStructureVocabulary(ajv);
const reference = validateOf(ajv.formats['date-time']);
const fast = validateOf(fastDateTimeFormat(ajv.formats['date-time']));
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Strings near RFC 3339: every field in and out of range, every separator and offset form ajv-formats reads. */
const nearDateTime = fc
  .record({
    year: fc.oneof(fc.integer({ min: 1900, max: 2100 }), fc.constantFrom(0, 4, 100, 400, 1600, 1700, 2000, 9999)),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    separator: fc.constantFrom('T', 't', ' ', '\t', 'x', 'TT'),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.integer({ min: 0, max: 61 }),
    fraction: fc.oneof(fc.constant(''), fc.constant('.'), fc.stringMatching(/^\.\d{1,12}$/)),
    offset: fc.oneof(
      fc.constantFrom('Z', 'z', '', '+0100', '-05', '+24:00', '-00:00', '+23:59', '+01:60', 'Zz', ' Z'),
      fc
        .record({
          sign: fc.constantFrom('+', '-'),
          h: fc.integer({ min: 0, max: 25 }),
          m: fc.integer({ min: 0, max: 61 }),
        })
        .map(({ sign, h, m }) => `${sign}${pad(h)}:${pad(m)}`),
    ),
  })
  .map(
    (p) =>
      `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}${p.separator}${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${p.fraction}${p.offset}`,
  );

describe("the fast date-time format answers as the vocabulary's", () => {
  it(
    'on near-RFC 3339 strings',
    () => {
      fc.assert(
        fc.property(nearDateTime, (value) => {
          expect(fast(value)).toBe(reference(value));
        }),
        { seed: 20261122, numRuns: scaledRuns(20_000) },
      );
    },
    timeoutForRuns(scaledRuns(20_000), 0.02),
  );

  it(
    'on any string',
    () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 40 }), (value) => {
          expect(fast(value)).toBe(reference(value));
        }),
        { seed: 7, numRuns: scaledRuns(5_000) },
      );
    },
    timeoutForRuns(scaledRuns(5_000), 0.02),
  );

  it.each([
    ['2026-11-20T09:15:02.118Z', true],
    ['2026-11-20T23:59:60Z', true],
    ['2026-11-20T22:59:60-01:00', true],
    ['2026-11-20T09:59:60Z', false],
    ['2024-02-29T00:00:00Z', true],
    ['2025-02-29T00:00:00Z', false],
    ['2026-11-20T09:15:02+0100', true],
    ['2026-11-20T09:15:02', false],
    ['2026-11-20T09:15:02+24:00', false],
  ] as const)('%s is %s', (value, valid) => {
    expect(fast(value)).toBe(valid);
    expect(reference(value)).toBe(valid);
  });
});

describe('fastDateTimeFormat over the format an instance has', () => {
  /** A stand-in format that accepts one string: which strings reach it shows what the fast check answers itself. */
  const asked: string[] = [];
  const onlyFallback = (value: string): boolean => {
    asked.push(value);
    return value === 'fallback';
  };

  it('answers the common shape itself and hands any other string to the existing format', () => {
    asked.length = 0;
    const validate = validateOf(fastDateTimeFormat(onlyFallback));
    expect(validate('2026-11-20T09:15:02Z')).toBe(true);
    expect(validate('2026-11-20t09:15:02.5z')).toBe(true);
    expect(validate('2026-11-20T09:15:02+01:00')).toBe(true);
    expect(validate('2026-13-20T09:15:02Z')).toBe(false);
    expect(asked).toEqual([]);
    expect(validate('fallback')).toBe(true);
    expect(validate('2026-11-20 09:15:02Z')).toBe(false);
    expect(validate('2026-11-20T09:15:02+0100')).toBe(false);
    expect(validate('2026-11-20T09:15:02.Z')).toBe(false);
    expect(validate('x2026-11-20T09:15:02Z')).toBe(false);
    expect(validate('2026-11-20T09:15:02Zx')).toBe(false);
    expect(asked).toEqual([
      'fallback',
      '2026-11-20 09:15:02Z',
      '2026-11-20T09:15:02+0100',
      '2026-11-20T09:15:02.Z',
      'x2026-11-20T09:15:02Z',
      '2026-11-20T09:15:02Zx',
    ]);
  });

  it('takes the existing format as a function, a pattern, or an object with either, keeping its compare', () => {
    const compare = (a: string, b: string): number => a.localeCompare(b);
    for (const existing of [/^fallback$/, { validate: /^fallback$/ }, { validate: onlyFallback }]) {
      const format = fastDateTimeFormat(existing);
      expect(Object.keys(format).sort()).toEqual(['type', 'validate']);
      expect(format).toMatchObject({ type: 'string' });
      expect(validateOf(format)('fallback')).toBe(true);
      expect(validateOf(format)('2026-11-20T09:15:02')).toBe(false);
    }
    const withCompare = fastDateTimeFormat({ validate: onlyFallback, compare });
    expect(withCompare).toMatchObject({ type: 'string', compare });
    expect(fastDateTimeFormat({ validate: onlyFallback, compare: undefined })).not.toHaveProperty('compare');
  });

  it('refuses an instance without a usable date-time format', () => {
    const message = 'the ajv instance has no usable date-time format to speed up';
    expect(() => fastDateTimeFormat(undefined)).toThrow(message);
    // What no ajv format is: a boolean, and a definition whose `validate` is neither a function nor a pattern.
    const unusable: unknown[] = [true, { async: true, validate: 'x' }];
    for (const format of unusable) expect(() => fastDateTimeFormat(format as Format)).toThrow(message);
  });

  it('reads every field at its place: each out-of-range one alone makes a stamp invalid', () => {
    for (const [stamp, valid] of [
      ['2026-00-20T09:15:02Z', false],
      ['2026-11-00T09:15:02Z', false],
      ['2026-11-31T09:15:02Z', false],
      ['2026-12-31T09:15:02Z', true],
      ['2026-01-31T09:15:02Z', true],
      ['2026-04-31T09:15:02Z', false],
      ['2000-02-29T09:15:02Z', true],
      ['1900-02-29T09:15:02Z', false],
      ['2026-11-20T24:00:00Z', false],
      ['2026-11-20T23:60:00Z', false],
      ['2026-11-20T23:59:59+24:00', false],
      ['2026-11-20T23:59:59-23:60', false],
      ['2026-11-20T23:59:59-23:59', true],
      ['2026-11-20T23:59:61Z', false],
      ['2026-11-21T00:59:60+01:00', true],
      ['2026-11-20T23:59:60-00:00', true],
      ['2026-11-20T22:59:60-01:00', true],
      ['2026-11-20T23:58:60Z', false],
      ['2026-11-20T23:00:60-00:59', true],
      ['2026-11-20T00:00:60+00:01', true],
    ] as const) {
      expect(fast(stamp), stamp).toBe(valid);
      expect(reference(stamp), stamp).toBe(valid);
    }
  });
});

describe('the instants the fast format remembers for the ordering rule', () => {
  it('remembers an in-range stamp with an upper-case T and a year from 100 on, as Date.parse reads it', () => {
    for (const stamp of ['0100-01-01T00:00:00Z', '2026-11-20T09:15:02.5+01:30', '2024-02-29T23:59:59-00:00']) {
      expect(fast(stamp)).toBe(true);
      expect(recallWholeSecondMillis(stamp), stamp).toBe(Date.parse(stamp.replace(/\.\d+/, '')));
    }
  });

  it('remembers nothing of a lower-case t, a year before 100, a leap second, or an invalid stamp', () => {
    for (const stamp of [
      '2026-11-19t09:15:02Z',
      '0099-11-19T09:15:02Z',
      '2026-11-19T23:59:60Z',
      '2026-11-31T09:15:02Z',
    ]) {
      fast(stamp);
      expect(recallWholeSecondMillis(stamp), stamp).toBeUndefined();
    }
  });
});
