import { ArbitraryConstraintError } from './constraints.js';

/**
 * RFC 3339 date-times to and from nanoseconds since the epoch. Written here, apart from the
 * validator's own parser (`timestamps-ordered`), so generated timestamps and the "unordered
 * timestamps" mutations do not trust the code they test. Nanoseconds because HubSpot sends up to
 * microseconds and two stamps a few microseconds apart must still order correctly.
 */

const NANOS_PER_MILLI = 1_000_000n;
const NANOS_PER_SECOND = 1_000_000_000n;
const NANOS_PER_MINUTE = 60n * NANOS_PER_SECOND;
const STRICT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** How one date-time is written: its UTC offset and the digits of its fraction. */
export interface DateTimeStyle {
  /** Minutes east of UTC; `undefined` writes `Z`. */
  readonly offsetMinutes?: number;
  /** Digits after the decimal point, 0 (none) to 9. */
  readonly fractionDigits: number;
}

/** The smallest step a style can write, in nanoseconds (1 s with no fraction, 1 ms with 3 digits). */
export function resolution(fractionDigits: number): bigint {
  return 10n ** BigInt(9 - fractionDigits);
}

function pad(value: number | bigint, width: number): string {
  return String(value).padStart(width, '0');
}

function formatOffset(offsetMinutes: number | undefined): string {
  if (offsetMinutes === undefined) return 'Z';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

/**
 * Writes an instant in a style. Throws when the instant is finer than the style can write
 * (truncating would silently reorder stamps) or the offset is outside -23:59..+23:59.
 */
export function formatDateTime(epochNanos: bigint, style: DateTimeStyle): string {
  const { offsetMinutes, fractionDigits } = style;
  if (!Number.isInteger(fractionDigits) || fractionDigits < 0 || fractionDigits > 9) {
    throw new ArbitraryConstraintError(
      `formatDateTime: fractionDigits must be an integer in 0..9, got ${String(fractionDigits)}`,
    );
  }
  if (offsetMinutes !== undefined && (!Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) >= 24 * 60)) {
    throw new ArbitraryConstraintError(
      `formatDateTime: offsetMinutes must be an integer in -1439..1439, got ${String(offsetMinutes)}`,
    );
  }
  if (epochNanos % resolution(fractionDigits) !== 0n) {
    throw new ArbitraryConstraintError(
      `formatDateTime: ${epochNanos} ns cannot be written with ${fractionDigits} fraction digits`,
    );
  }
  const local = epochNanos + BigInt(offsetMinutes ?? 0) * NANOS_PER_MINUTE;
  if (local < 0n) throw new ArbitraryConstraintError(`formatDateTime: ${epochNanos} ns is before 1970 in its offset`);
  const date = new Date(Number(local / NANOS_PER_MILLI));
  const fraction = pad(local % NANOS_PER_SECOND, 9).slice(0, fractionDigits);
  const clock = `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`;
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
  return `${day}T${clock}${fractionDigits > 0 ? `.${fraction}` : ''}${formatOffset(offsetMinutes)}`;
}

/** A parsed date-time: the instant and the style it was written in. */
export interface ParsedDateTime extends DateTimeStyle {
  readonly epochNanos: bigint;
}

/**
 * Reads the strict RFC 3339 form hsac generates (`T`, `Z` or `±hh:mm`, 0-9 fraction digits), or
 * undefined. Calendar-checked: 30 February is not a date.
 */
export function parseDateTime(text: string): ParsedDateTime | undefined {
  const match = STRICT.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction = '', zone = 'Z'] = match;
  const fields = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = fields;
  const millis = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(millis);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return undefined;
  }
  let offsetMinutes: number | undefined;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const hours = Number(zone.slice(1, 3));
    const minutes = Number(zone.slice(4, 6));
    if (hours > 23 || minutes > 59) return undefined;
    offsetMinutes = sign * (hours * 60 + minutes);
  }
  const local = BigInt(millis) * NANOS_PER_MILLI + BigInt((fraction + '000000000').slice(0, 9));
  const epochNanos = local - BigInt(offsetMinutes ?? 0) * NANOS_PER_MINUTE;
  return offsetMinutes === undefined
    ? { epochNanos, fractionDigits: fraction.length }
    : { epochNanos, fractionDigits: fraction.length, offsetMinutes };
}
