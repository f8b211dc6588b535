import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scaledRuns, timeoutForRuns } from '../../../properties/settings.js';
import { addStructureVocabulary } from '../../structure/index.js';
import { fastDateTimeFormat } from '../date-time-format.js';
import { recallWholeSecondMillis } from '../instants.js';
import { epochNanos, timestampsOrdered } from './timestamps-ordered.js';
import type { BodyContext } from './rule.js';

/**
 * The rule compares stamps without BigInts and skips `Date.parse` for ordinary stamps (a bench
 * fast path); it must order exactly as `epochNanos` (Date.parse + nanoseconds) does, for ordinary
 * stamps and odd ones alike.
 */

const context = {} as BodyContext;
/** Runs per property: 5000 at the default HSAC_RUNS (a run costs ~0.05 ms). */
const RUNS = scaledRuns(5000);
const TIMEOUT_MS = timeoutForRuns(RUNS, 0.05);
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * RFC 3339-shaped strings, ordinary and odd: lower-case t, a space, leap seconds, 30 February, hour 24, two-digit
 * years, long fractions, -00:00.
 */
const stamp = fc
  .record({
    year: fc.oneof(
      fc.integer({ min: 2015, max: 2035 }),
      fc.integer({ min: 100, max: 9999 }),
      fc.constantFrom(50, 99, 100, 1900, 2000, 2024, 2025, 9999),
    ),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 60 }),
    separator: fc.constantFrom('T', 't', ' '),
    fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^\.\d{1,12}$/)),
    offset: fc.oneof(
      fc.constantFrom('Z', 'z', '-00:00', '+24:00', '+23:59', '-12:60'),
      fc
        .record({ sign: fc.constantFrom('+', '-'), h: fc.integer({ min: 0, max: 23 }), m: fc.constantFrom(0, 30, 45) })
        .map(({ sign, h, m }) => `${sign}${pad(h)}:${pad(m)}`),
    ),
  })
  .map(
    (p) =>
      `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}${p.separator}${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${p.fraction}${p.offset}`,
  );

describe('timestamps-ordered orders exactly as epochNanos', () => {
  it(
    'reports completedAt before startedAt exactly when epochNanos says so',
    () => {
      fc.assert(
        fc.property(stamp, stamp, (startedAt, completedAt) => {
          const findings = timestampsOrdered.check({ startedAt, completedAt }, context);
          const a = epochNanos(startedAt);
          const b = epochNanos(completedAt);
          expect(findings.length).toBe(a !== undefined && b !== undefined && b < a ? 1 : 0);
        }),
        { seed: 20261122, numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it('compares each present stamp with the previous present one', () => {
    const findings = timestampsOrdered.check(
      { requestedAt: '2026-11-20T10:00:00Z', startedAt: 'nonsense', completedAt: '2026-11-20T09:59:59.999999999Z' },
      context,
    );
    expect(findings).toEqual([
      expect.objectContaining({ instancePath: '/completedAt', expected: '>= 2026-11-20T10:00:00Z' }),
    ]);
  });
});

describe('the instants the date-time format remembers for the rule (instants.ts)', () => {
  const ajv = new Ajv2020({ strict: true });
  addStructureVocabulary(ajv);
  const format = fastDateTimeFormat(ajv.formats['date-time']);
  if (typeof format !== 'object' || format instanceof RegExp || typeof format.validate !== 'function') {
    throw new Error('unexpected date-time format shape');
  }
  const readByFormat = format.validate as (value: string) => boolean;

  it(
    'are what epochNanos reads, to the whole second, and only of stamps the format accepts',
    () => {
      fc.assert(
        fc.property(stamp, (value) => {
          const accepted = readByFormat(value);
          const remembered = recallWholeSecondMillis(value);
          if (remembered === undefined) return;
          expect(accepted).toBe(true);
          expect(BigInt(remembered) * 1_000_000n).toBe(epochNanos(value.replace(/\.\d+/, '')));
        }),
        { seed: 20261122, numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'leave the order as epochNanos says when the format read both stamps first (as in a full check)',
    () => {
      fc.assert(
        fc.property(stamp, stamp, (startedAt, completedAt) => {
          readByFormat(startedAt);
          readByFormat(completedAt);
          const findings = timestampsOrdered.check({ startedAt, completedAt }, context);
          const a = epochNanos(startedAt);
          const b = epochNanos(completedAt);
          expect(findings.length).toBe(a !== undefined && b !== undefined && b < a ? 1 : 0);
        }),
        { seed: 20261123, numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});
