import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { scaledRuns, timeoutForRuns } from '../../../properties/settings.js';
import { addStructureVocabulary } from '../../structure/index.js';
import { fastDateTimeFormat } from '../date-time-format.js';
import { recallWholeSecondMillis, rememberWholeSecondMillis } from '../instants.js';
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

describe('timestamps-ordered findings', () => {
  it('says which stamp is before which, at the later one', () => {
    const body = { requestedAt: '2026-11-20T10:00:00Z', startedAt: '2026-11-20T09:00:00Z', completedAt: null };
    expect(timestampsOrdered.check(body, context)).toEqual([
      {
        check: 'timestamps-ordered',
        severity: 'error',
        instancePath: '/startedAt',
        message: 'startedAt (2026-11-20T09:00:00Z) is before requestedAt (2026-11-20T10:00:00Z)',
        expected: '>= 2026-11-20T10:00:00Z',
        actual: '2026-11-20T09:00:00Z',
      },
    ]);
  });

  it('reports each reversed pair of neighbours', () => {
    const body = {
      requestedAt: '2026-11-20T10:00:02Z',
      startedAt: '2026-11-20T10:00:01Z',
      completedAt: '2026-11-20T10:00:00Z',
    };
    expect(timestampsOrdered.check(body, context).map((finding) => finding.instancePath)).toEqual([
      '/startedAt',
      '/completedAt',
    ]);
  });

  it('skips stamps that are absent, null or not stamps, and equal stamps are in order', () => {
    const at = '2026-11-20T10:00:00.500Z';
    expect(timestampsOrdered.check({ requestedAt: at, startedAt: at, completedAt: at }, context)).toEqual([]);
    expect(
      timestampsOrdered.check({ requestedAt: 1e15, startedAt: at, completedAt: '2026-11-20T10:00:00Z' }, context),
    ).toHaveLength(1);
    expect(timestampsOrdered.check({ startedAt: at }, context)).toEqual([]);
    expect(timestampsOrdered.check({ completedAt: at }, context)).toEqual([]);
    expect(timestampsOrdered.check({}, context)).toEqual([]);
  });

  it('orders within a second by the fraction, to the nanosecond, and across offsets by the instant', () => {
    const check = (startedAt: string, completedAt: string) =>
      timestampsOrdered.check({ startedAt, completedAt }, context).length;
    expect(check('2026-11-20T10:00:00.000000002Z', '2026-11-20T10:00:00.000000001Z')).toBe(1);
    expect(check('2026-11-20T10:00:00.000000001Z', '2026-11-20T10:00:00.000000002Z')).toBe(0);
    expect(check('2026-11-20T10:00:00.1Z', '2026-11-20T10:00:00.09Z')).toBe(1);
    expect(check('2026-11-20T10:00:00.1Z', '2026-11-20T10:00:00Z')).toBe(1);
    expect(check('2026-11-20T10:00:00Z', '2026-11-20T10:00:00.0Z')).toBe(0);
    expect(check('2026-11-20T10:00:00.0000000019Z', '2026-11-20T10:00:00.0000000011Z')).toBe(0);
    expect(check('2026-11-20T10:30:00+01:00', '2026-11-20T09:45:00Z')).toBe(0);
    expect(check('2026-11-20T10:30:00-01:00', '2026-11-20T10:45:00Z')).toBe(1);
    expect(check('2026-11-20T10:30:00+01:00', '2026-11-20T09:15:00Z')).toBe(1);
    expect(check('2026-11-20T10:30:00.5+01:00', '2026-11-20T09:30:00.4z')).toBe(1);
    expect(check('2026-11-20T10:00:00.21Z', '2026-11-20T10:00:00.12Z')).toBe(1);
    expect(check('2026-11-20T10:00:00.12Z', '2026-11-20T10:00:00.21Z')).toBe(0);
    expect(check('2026-11-20T10:00:00+01:30', '2026-11-20T09:00:00Z')).toBe(0);
    expect(check('2026-11-20T10:00:00-01:30', '2026-11-20T11:15:00Z')).toBe(1);
  });
});

describe('epochNanos', () => {
  it('reads a stamp to the nanosecond, and nothing else', () => {
    expect(epochNanos('1970-01-01T00:00:01.000000001Z')).toBe(1_000_000_001n);
    expect(epochNanos('1970-01-01T01:00:00+01:00')).toBe(0n);
    expect(epochNanos('1970-01-01 00:00:00.5z')).toBe(500_000_000n);
    expect(epochNanos('1970-01-01T00:00:00.1234567899Z')).toBe(123_456_789n);
    // Not even a value whose text is a stamp.
    const textIsAStamp = { toString: () => '1970-01-01T00:00:00Z' };
    for (const value of [textIsAStamp, ['1970-01-01T00:00:00Z']]) expect(epochNanos(value)).toBeUndefined();
    for (const value of [undefined, 0, '1970-01-01T00:00:00', '1970-01-01T00:00:60.5Zx', '1970-13-01T00:00:00Z'])
      expect(epochNanos(value), String(value)).toBeUndefined();
  });
});

describe('timestamps-ordered computes an ordinary stamp itself and leaves only the unusual ones to Date.parse', () => {
  /** Whether ordering `stamp` asked Date.parse, with nothing remembered for it (instants.ts). */
  function askedDateParse(stamp: string): boolean {
    for (let slot = 0; slot < 4; slot++) rememberWholeSecondMillis(`timestamps-ordered.spec.ts flush ${slot}`, 0);
    const parse = vi.spyOn(Date, 'parse');
    try {
      timestampsOrdered.check({ startedAt: stamp, completedAt: '9999-12-31T23:59:59Z' }, context);
      return parse.mock.calls.some(([text]) => text.startsWith(stamp.slice(0, 19).replace(' ', 'T')));
    } finally {
      parse.mockRestore();
    }
  }

  it.each([
    '0100-01-01T00:00:00Z',
    '2024-02-29T23:59:59Z',
    '2000-02-29T12:00:00Z',
    '2024-01-31T00:00:00Z',
    '2026-12-31T00:00:00+23:59',
    '2026-04-30T00:00:00-00:00',
    '2026-11-20 09:15:02Z',
    '2026-11-20T09:15:02.123456789+05:30',
  ])('%s: computed', (stamp) => {
    expect(askedDateParse(stamp)).toBe(false);
  });

  it.each([
    '1900-02-29T00:00:00Z',
    '2026-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-10T00:00:00Z',
    '2026-11-00T00:00:00Z',
    '0099-12-31T00:00:00Z',
    '2026-11-20T24:00:00Z',
    '2026-11-20T23:60:00Z',
    '2026-11-20T23:59:60Z',
    '2026-11-20T10:00:00+24:00',
    '2026-11-20T10:00:00+23:60',
    '2026-11-20t10:00:00Z',
  ])('%s: read by Date.parse', (stamp) => {
    expect(askedDateParse(stamp)).toBe(true);
  });
});
