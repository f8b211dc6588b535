import type { Finding } from '../../registry/finding.js';
import type { BodyRule } from './rule.js';
import { own } from './rule.js';

const RFC3339 = /^(\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * An RFC 3339 date-time as nanoseconds since the epoch, or undefined when it is not one (the
 * `format` check reports that). Nanoseconds, because HubSpot sends up to microseconds and
 * `Date.parse` keeps only milliseconds: two stamps 300 µs apart would otherwise compare equal.
 */
export function epochNanos(value: unknown): bigint | undefined {
  if (typeof value !== 'string') return undefined;
  const match = RFC3339.exec(value);
  if (!match) return undefined;
  const [, wholeSeconds, fraction = '', offset = 'Z'] = match;
  const millis = Date.parse(`${wholeSeconds}${offset.toUpperCase()}`.replace(' ', 'T'));
  if (Number.isNaN(millis)) return undefined;
  const fractionNanos = BigInt((fraction.slice(1) + '000000000').slice(0, 9));
  return BigInt(millis) * 1_000_000n + fractionNanos;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two ASCII digits at `at` as a number (the regex has already checked they are digits). */
function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + (text.charCodeAt(at + 1) - 48);
}

/**
 * `Date.parse` of `YYYY-MM-DDTHH:MM:SS` plus an offset, computed directly when every field is in
 * range (then `Date.parse` and `Date.UTC` agree exactly); anything unusual (a lower-case `t`, a
 * leap second, 30 February, a two-digit year) goes to `Date.parse` itself, so the result is always
 * what `Date.parse` says. Three of these run per checked body, so they must be cheap.
 */
function parseWholeSeconds(wholeSeconds: string, offset: string): number {
  const year = twoDigits(wholeSeconds, 0) * 100 + twoDigits(wholeSeconds, 2);
  const month = twoDigits(wholeSeconds, 5);
  const day = twoDigits(wholeSeconds, 8);
  const hour = twoDigits(wholeSeconds, 11);
  const minute = twoDigits(wholeSeconds, 14);
  const second = twoDigits(wholeSeconds, 17);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month >= 1 && month <= 12 ? (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0)) : 0;
  const separator = wholeSeconds.charCodeAt(10);
  let offsetMinutes = 0;
  let offsetInRange = true;
  if (offset.length === 6) {
    const hours = twoDigits(offset, 1);
    const minutes = twoDigits(offset, 4);
    offsetInRange = hours <= 23 && minutes <= 59;
    offsetMinutes = (offset.charCodeAt(0) === 45 /* - */ ? -1 : 1) * (hours * 60 + minutes);
  }
  const inRange = year >= 100 && day >= 1 && day <= monthDays && hour <= 23 && minute <= 59 && second <= 59 && offsetInRange;
  if (!inRange || (separator !== 84 /* T */ && separator !== 32) /* space */) {
    return Date.parse(`${wholeSeconds}${offset.toUpperCase()}`.replace(' ', 'T'));
  }
  return (daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second) * 1000 - offsetMinutes * 60_000;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`): what
 * `Date.UTC` computes for in-range dates, in integer arithmetic without a builtin call.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The same instant as {@link epochNanos}, as `[whole-second millis, nanoseconds into the second]`:
 * ordered exactly as the BigInt form (the millis are whole seconds, the nanoseconds below one
 * second) without allocating BigInts.
 */
function instant(value: unknown): readonly [number, number] | undefined {
  if (typeof value !== 'string') return undefined;
  const match = RFC3339.exec(value);
  if (!match) return undefined;
  // Indexing, not destructuring: this runs three times per checked body.
  const wholeSeconds = match[1] ?? '';
  const fraction = match[2];
  const millis = parseWholeSeconds(wholeSeconds, match[3] ?? 'Z');
  if (Number.isNaN(millis)) return undefined;
  return [millis, fraction !== undefined && fraction.length > 1 ? Number((fraction.slice(1) + '000000000').slice(0, 9)) : 0];
}

function isBefore(later: readonly [number, number], earlier: readonly [number, number]): boolean {
  return later[0] < earlier[0] || (later[0] === earlier[0] && later[1] < earlier[1]);
}

const ORDER = ['requestedAt', 'startedAt', 'completedAt'] as const;

/**
 * `requestedAt <= startedAt <= completedAt`: a batch cannot start before it was requested nor end
 * before it started. Clients compute durations and timeouts from these; a reversed pair is a
 * server bug, so an error under every profile. Absent or null stamps are skipped (requestedAt is
 * optional and null in the wild).
 */
export const timestampsOrdered: BodyRule = {
  id: 'timestamps-ordered',
  description: 'requestedAt <= startedAt <= completedAt',
  check(body) {
    let findings: Finding[] | undefined;
    let earlierName: (typeof ORDER)[number] | undefined;
    let earlierAt: readonly [number, number] | undefined;
    // Each present stamp is compared with the previous present one, as the rule has always done.
    for (const name of ORDER) {
      const at = instant(own(body, name));
      if (at === undefined) continue;
      if (earlierAt !== undefined && earlierName !== undefined && isBefore(at, earlierAt)) {
        findings ??= [];
        findings.push({
          check: this.id,
          severity: 'error',
          instancePath: `/${name}`,
          message: `${name} (${String(own(body, name))}) is before ${earlierName} (${String(own(body, earlierName))})`,
          expected: `>= ${String(own(body, earlierName))}`,
          actual: own(body, name),
        });
      }
      earlierName = name;
      earlierAt = at;
    }
    return findings ?? [];
  },
};
