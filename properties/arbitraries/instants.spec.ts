import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateTime, parseDateTime } from './instants.js';

describe('RFC 3339 instants', () => {
  it('format and parse are inverse, for every offset and fraction width', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 0, 1) }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: -1439, max: 1439 }),
        (millis, subMilli, offsetMinutes) => {
          const nanos = BigInt(millis) * 1_000_000n + BigInt(subMilli);
          const text = formatDateTime(nanos, { fractionDigits: 9, offsetMinutes });
          expect(parseDateTime(text)).toEqual({ epochNanos: nanos, fractionDigits: 9, offsetMinutes });
        },
      ),
      { seed: 11 },
    );
  });

  it('agrees with Date for UTC milliseconds', () => {
    const text = formatDateTime(BigInt(Date.UTC(2026, 10, 20, 9, 15, 2, 118)) * 1_000_000n, { fractionDigits: 3 });
    expect(text).toBe('2026-11-20T09:15:02.118Z');
    expect(
      formatDateTime(BigInt(Date.UTC(2026, 10, 20, 9, 15, 2)) * 1_000_000n, { fractionDigits: 0, offsetMinutes: 330 }),
    ).toBe('2026-11-20T14:45:02+05:30');
  });

  it('refuses what it cannot write exactly', () => {
    expect(() => formatDateTime(1_500_000n, { fractionDigits: 0 })).toThrow(/cannot be written with 0 fraction digits/);
    expect(() => formatDateTime(0n, { fractionDigits: 3, offsetMinutes: 1440 })).toThrow(
      /offsetMinutes must be an integer in -1439..1439, got 1440/,
    );
  });

  it('rejects dates that are not on the calendar', () => {
    expect(parseDateTime('2026-02-30T09:15:02Z')).toBeUndefined();
    expect(parseDateTime('2026-11-20T24:00:00Z')).toBeUndefined();
    expect(parseDateTime('2026-11-20T09:15:02')).toBeUndefined();
    expect(parseDateTime('2024-02-29T00:00:00Z')?.epochNanos).toBe(BigInt(Date.UTC(2024, 1, 29)) * 1_000_000n);
  });
});
