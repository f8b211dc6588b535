import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Format } from 'ajv';
import { describe, expect, it } from 'vitest';
import { scaledRuns, timeoutForRuns } from '../../properties/settings.js';
import { addStructureVocabulary } from '../structure/index.js';
import { fastDateTimeFormat } from './date-time-format.js';

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
