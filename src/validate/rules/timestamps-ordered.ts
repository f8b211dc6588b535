import type { Finding } from '../../registry/finding.js';
import { checkDeclaration, withDeclaredSeverity } from '../../registry/index.js';
import type { BodyRule } from './rule.js';
import { own } from './rule.js';
import { recallWholeSecondMillis, utcMillis } from '../instants.js';

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
  const [, wholeSeconds, fraction = ''] = match;
  // Stryker disable next-line StringLiteral: RFC3339 requires an offset, so the default never applies
  const offset = match[3] ?? 'Z';
  // Stryker disable next-line MethodExpression: V8's Date.parse reads a lower-case z as Z (the upper case is ES's form)
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

/** {@link RFC3339} without its capture groups: `test` allocates nothing, and the fields sit at fixed positions. */
const RFC3339_SHAPE = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
/** Length of `YYYY-MM-DDTHH:MM:SS`, where the fraction (if any) starts. */
const WHOLE_SECONDS_LENGTH = 19;

/** Where the offset (`Z` or `±HH:MM`) starts in a stamp of the {@link RFC3339} shape. */
function offsetStart(value: string): number {
  const last = value.charCodeAt(value.length - 1);
  return last === 90 /* Z */ || last === 122 /* z */ ? value.length - 1 : value.length - 6;
}

/**
 * `Date.parse` of a stamp's whole seconds and offset (`value` has the {@link RFC3339} shape, its
 * offset at `offsetAt`), computed directly when every field is in range (then `Date.parse` and
 * `Date.UTC` agree exactly); anything unusual (a lower-case `t`, a leap second, 30 February, a
 * two-digit year) goes to `Date.parse` itself, so the result is always what `Date.parse` says.
 */
function wholeSecondMillis(value: string, offsetAt: number): number {
  const year = twoDigits(value, 0) * 100 + twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  const hour = twoDigits(value, 11);
  const minute = twoDigits(value, 14);
  const second = twoDigits(value, 17);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  // A month outside 1..12 has no entry: 0 days, so no day is in range.
  const monthDays = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  const separator = value.charCodeAt(10);
  const numericOffset = value.length - offsetAt === 6;
  let offsetMinutes = 0;
  let offsetInRange = true;
  if (numericOffset) {
    const hours = twoDigits(value, offsetAt + 1);
    const minutes = twoDigits(value, offsetAt + 4);
    offsetInRange = hours <= 23 && minutes <= 59;
    offsetMinutes = (value.charCodeAt(offsetAt) === 45 /* - */ ? -1 : 1) * (hours * 60 + minutes);
  }
  const inRange =
    year >= 100 && day >= 1 && day <= monthDays && hour <= 23 && minute <= 59 && second <= 59 && offsetInRange;
  if (!inRange || (separator !== 84 /* T */ && separator !== 32) /* space */) {
    const wholeSeconds = value.slice(0, WHOLE_SECONDS_LENGTH);
    // Stryker disable next-line MethodExpression: V8's Date.parse reads a lower-case z as Z (upper: ES's form)
    return Date.parse(`${wholeSeconds}${value.slice(offsetAt).toUpperCase()}`.replace(' ', 'T'));
  }
  return utcMillis(year, month, day, hour, minute, second, offsetMinutes);
}

/**
 * Nanoseconds into the second of a stamp whose offset starts at `offsetAt` (digits past the ninth
 * are dropped, as in {@link epochNanos}).
 */
function fractionNanos(value: string, offsetAt: number): number {
  let nanos = 0;
  let digits = 0;
  for (let at = WHOLE_SECONDS_LENGTH + 1; at < offsetAt && digits < 9; at++, digits++) {
    nanos = nanos * 10 + (value.charCodeAt(at) - 48);
  }
  // Stryker disable next-line EqualityOperator: one more factor of ten for every stamp keeps their order
  for (; digits < 9; digits++) nanos *= 10;
  return nanos;
}

/**
 * The instant of a stamp to the whole second, as {@link epochNanos} reads it; NaN when the value is
 * not a stamp. The `date-time` format has usually just read the same text and remembered it
 * (instants.ts; it remembers only texts of the RFC 3339 shape). A capture-free test, not
 * `RFC3339.exec`: three stamps are read per checked body, and the match arrays were most of the cost.
 */
function wholeSecondMillisOf(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN;
  const remembered = recallWholeSecondMillis(value);
  // Stryker disable next-line ConditionalExpression: a cache of this very computation (instants.ts); a miss computes it
  if (remembered !== undefined) return remembered;
  return RFC3339_SHAPE.test(value) ? wholeSecondMillis(value, offsetStart(value)) : Number.NaN;
}

/**
 * Whether stamp `later` is before stamp `earlier`, ordered exactly as their {@link epochNanos}
 * without BigInts: by whole-second millis, then (in the same second only) by the fraction.
 */
function isBefore(laterMillis: number, later: string, earlierMillis: number, earlier: string): boolean {
  // Stryker disable next-line EqualityOperator: the millis differ here, so < and <= agree
  if (laterMillis !== earlierMillis) return laterMillis < earlierMillis;
  return fractionNanos(later, offsetStart(later)) < fractionNanos(earlier, offsetStart(earlier));
}

const ORDER = ['requestedAt', 'startedAt', 'completedAt'] as const;

/**
 * `requestedAt <= startedAt <= completedAt`: a batch cannot start before it was requested nor end
 * before it started. Clients compute durations and timeouts from these; a reversed pair is a
 * server bug, so an error under every profile. Absent or null stamps are skipped (requestedAt is
 * optional and null in the wild).
 */
export const timestampsOrdered: BodyRule = {
  ...checkDeclaration('timestamps-ordered'),
  check(body) {
    let findings: Finding[] | undefined;
    let earlierName: (typeof ORDER)[number] | undefined;
    // Stryker disable next-line StringLiteral: read only once an earlier stamp has set it
    let earlierText = '';
    let earlierMillis = Number.NaN;
    // Each present stamp is compared with the previous present one, as the rule has always done.
    for (const name of ORDER) {
      const text = own(body, name);
      const millis = wholeSecondMillisOf(text);
      if (Number.isNaN(millis)) continue;
      // A stamp is a string (wholeSecondMillisOf read one).
      const stamp = text as string;
      // Stryker disable next-line ConditionalExpression: no earlier stamp: its millis are NaN, nothing is before NaN
      if (earlierName !== undefined && isBefore(millis, stamp, earlierMillis, earlierText)) {
        findings ??= [];
        findings.push(
          withDeclaredSeverity({
            check: this.id,
            instancePath: `/${name}`,
            message: `${name} (${String(own(body, name))}) is before ${earlierName} (${String(own(body, earlierName))})`,
            expected: `>= ${String(own(body, earlierName))}`,
            actual: own(body, name),
          }),
        );
      }
      earlierName = name;
      earlierText = stamp;
      earlierMillis = millis;
    }
    return findings ?? [];
  },
};
