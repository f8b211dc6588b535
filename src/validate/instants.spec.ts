import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPropertySettings, scaledRuns } from '../../properties/settings.js';
import { recallWholeSecondMillis, rememberWholeSecondMillis, utcMillis } from './instants.js';

describe('utcMillis', () => {
  it('is Date.UTC of every in-range wall-clock second, shifted by the offset', () => {
    const { seed } = readPropertySettings();
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: -1439, max: 1439 }),
        (year, month, day, hour, minute, second, offset) => {
          const utc = Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60_000;
          expect(utcMillis(year, month, day, hour, minute, second, offset)).toBe(utc);
        },
      ),
      { seed, numRuns: scaledRuns(2000) },
    );
  });

  it.each([
    [2026, 11, 20, 9, 15, 2, 0, '2026-11-20T09:15:02Z'],
    [2026, 11, 20, 10, 15, 2, 60, '2026-11-20T10:15:02+01:00'],
    [2026, 11, 20, 4, 15, 2, -300, '2026-11-20T04:15:02-05:00'],
    [2024, 2, 29, 0, 0, 0, 0, '2024-02-29T00:00:00Z'],
    [2000, 3, 1, 0, 0, 0, 0, '2000-03-01T00:00:00Z'],
    [1900, 2, 28, 23, 59, 59, 0, '1900-02-28T23:59:59Z'],
    [1600, 1, 1, 0, 0, 0, 0, '1600-01-01T00:00:00Z'],
    [1970, 1, 1, 0, 0, 0, 0, '1970-01-01T00:00:00Z'],
    [100, 1, 1, 0, 0, 0, 0, '0100-01-01T00:00:00Z'],
    [9999, 12, 31, 23, 59, 59, 0, '9999-12-31T23:59:59Z'],
  ])('%i-%i-%i %i:%i:%i at %i minutes is %s', (year, month, day, hour, minute, second, offset, stamp) => {
    expect(utcMillis(year, month, day, hour, minute, second, offset)).toBe(Date.parse(stamp));
  });
});

describe('the remembered instants', () => {
  // Texts no stamp has: the cache is shared with the date-time format and the ordering rule of every other spec.
  const text = (n: number) => `instants.spec.ts text ${n}`;

  it('recalls what was remembered for a text, and nothing for a text never remembered', () => {
    rememberWholeSecondMillis(text(1), 1000);
    expect(recallWholeSecondMillis(text(1))).toBe(1000);
    expect(recallWholeSecondMillis(text(0))).toBeUndefined();
  });

  it('holds the four newest texts, and recalls the newest value of a text remembered twice', () => {
    for (let n = 10; n < 14; n++) rememberWholeSecondMillis(text(n), n);
    expect([10, 11, 12, 13].map((n) => recallWholeSecondMillis(text(n)))).toEqual([10, 11, 12, 13]);
    rememberWholeSecondMillis(text(14), 14);
    expect(recallWholeSecondMillis(text(10))).toBeUndefined();
    expect(recallWholeSecondMillis(text(14))).toBe(14);
    rememberWholeSecondMillis(text(13), 130);
    expect(recallWholeSecondMillis(text(13))).toBe(130);
    expect(recallWholeSecondMillis(text(11))).toBeUndefined();
    expect([12, 14].map((n) => recallWholeSecondMillis(text(n)))).toEqual([12, 14]);
  });

  it('looks from the newest back: a text remembered twice, then another, recalls its newer value', () => {
    rememberWholeSecondMillis(text(20), 1);
    rememberWholeSecondMillis(text(20), 2);
    rememberWholeSecondMillis(text(21), 3);
    expect(recallWholeSecondMillis(text(20))).toBe(2);
  });
});
