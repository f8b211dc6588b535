import fc from 'fast-check';
import { ArbitraryConstraintError, integerIn, oneOf, ordered } from './constraints.js';
import { formatDateTime, resolution, type DateTimeStyle } from './instants.js';

/**
 * Date-times as HubSpot writes them: mostly UTC with milliseconds, sometimes without a fraction,
 * with microseconds, or with an offset (`+05:30`); and batch envelopes whose stamps are ordered
 * (`requestedAt <= startedAt <= completedAt`), equal stamps included.
 */

/** 2015-01-01T00:00:00Z and 2035-12-31T23:59:59Z: around the API's lifetime, far from any edge. */
const DEFAULT_MIN = Date.UTC(2015, 0, 1);
const DEFAULT_MAX = Date.UTC(2035, 11, 31, 23, 59, 59);

/** Real UTC offsets, `Z` first so shrinking ends on the common form; `+00:00` is not `Z` textually. */
const OFFSETS: readonly (number | undefined)[] = [undefined, 0, 60, -300, 330, -210, 540, 840, -720, 345];

/** Fraction digits seen from HubSpot (none, ms, µs) plus the RFC 3339 extremes. */
const FRACTION_DIGITS = [3, 0, 6, 1, 9] as const;

/** Constraints of {@link dateTime}. */
export interface DateTimeConstraints {
  /** Earliest instant, ms since the epoch (default 2015-01-01). */
  readonly min?: number;
  /** Latest instant, ms since the epoch (default 2035-12-31). */
  readonly max?: number;
  /** Allowed fraction digits (default 3, 0, 6, 1, 9). */
  readonly fractionDigits?: readonly number[];
  /** Whether offsets other than `Z` may appear (default true). */
  readonly offsets?: boolean;
}

function styleArbitrary(builder: string, constraints: DateTimeConstraints): fc.Arbitrary<DateTimeStyle> {
  const digits = constraints.fractionDigits ?? FRACTION_DIGITS;
  if (digits.length === 0) throw new ArbitraryConstraintError(`${builder}: fractionDigits must not be empty`);
  for (const d of digits) integerIn(builder, 'fractionDigits[]', d, 0, 9);
  const offsets = (constraints.offsets ?? true) ? OFFSETS : [undefined];
  // Every (offset, digits) pair in one table, `Z` with the first width first: one integer draw per
  // stamp (a batch body has three), shrinking to index 0, the most common form.
  const styles = offsets.flatMap((offsetMinutes) =>
    digits.map((fractionDigits): DateTimeStyle =>
      offsetMinutes === undefined ? { fractionDigits } : { fractionDigits, offsetMinutes },
    ),
  );
  return fc.integer({ min: 0, max: styles.length - 1 }).map((index) => styles[index]!);
}

function range(builder: string, constraints: DateTimeConstraints): { min: number; max: number } {
  const min = integerIn(builder, 'min', constraints.min ?? DEFAULT_MIN, Date.UTC(1971, 0, 1), Date.UTC(9998, 11, 31));
  const max = integerIn(builder, 'max', constraints.max ?? DEFAULT_MAX, Date.UTC(1971, 0, 1), Date.UTC(9998, 11, 31));
  ordered(builder, 'min', min, 'max', max);
  return { min, max };
}

/** Rounds up to a multiple of `step`: moving a stamp later never breaks `<=` with an earlier one. */
function ceilTo(nanos: bigint, step: bigint): bigint {
  const rest = nanos % step;
  return rest === 0n ? nanos : nanos + step - rest;
}

/** One RFC 3339 date-time string, valid for ajv's `date-time` and for hsac's ordering rule. */
export function dateTime(constraints: DateTimeConstraints = {}): fc.Arbitrary<string> {
  const { min, max } = range('dateTime', constraints);
  return fc
    .tuple(
      fc.integer({ min: 0, max: max - min }),
      fc.integer({ min: 0, max: 999_999 }),
      styleArbitrary('dateTime', constraints),
    )
    .map(([millis, subMilli, style]) => {
      const raw = BigInt(min + millis) * 1_000_000n + BigInt(subMilli);
      const step = resolution(style.fractionDigits);
      // Rounding down stays within [min, max]; the step never exceeds one second.
      return formatDateTime(raw - (raw % step), style);
    });
}

/** The three envelope stamps; `requestedAt` is optional in every version. */
export interface BatchTimestamps {
  requestedAt?: string;
  startedAt: string;
  completedAt: string;
}

/** Constraints of {@link batchTimestamps}. */
export interface BatchTimestampsConstraints extends DateTimeConstraints {
  /** Whether `requestedAt` appears: `always`, `never` or `sometimes` (default). */
  readonly requestedAt?: 'always' | 'never' | 'sometimes';
  /** Longest gap between consecutive stamps, in ms (default 2 hours). */
  readonly maxGapMillis?: number;
}

/**
 * Ordered envelope stamps. Each stamp has its own style (offset, fraction digits), and each is
 * rounded up to what its style can write, so the order holds in time, not just in text: a stamp
 * in `+05:30` may read "later" than the next one in `Z` and still be earlier.
 */
export function batchTimestamps(constraints: BatchTimestampsConstraints = {}): fc.Arbitrary<BatchTimestamps> {
  const builder = 'batchTimestamps';
  const { min, max } = range(builder, constraints);
  const presence = oneOf(builder, 'requestedAt', constraints.requestedAt ?? 'sometimes', [
    'always',
    'never',
    'sometimes',
  ] as const);
  const maxGap = integerIn(
    builder,
    'maxGapMillis',
    constraints.maxGapMillis ?? 2 * 3600 * 1000,
    0,
    365 * 24 * 3600 * 1000,
  );
  const gap = fc.integer({ min: 0, max: maxGap * 1000 }).map((micros) => BigInt(micros) * 1000n);
  const style = styleArbitrary(builder, constraints);
  const withRequested =
    presence === 'always' ? fc.constant(true) : presence === 'never' ? fc.constant(false) : fc.boolean();
  return fc
    .record(
      {
        start: fc.integer({ min: 0, max: max - min }),
        firstGap: gap,
        secondGap: gap,
        styles: fc.tuple(style, style, style),
        withRequested,
      },
      { noNullPrototype: true },
    )
    .map(
      ({
        start,
        firstGap,
        secondGap,
        styles: [requestedStyle, startedStyle, completedStyle],
        withRequested: hasRequested,
      }) => {
        const requested = ceilTo(BigInt(min + start) * 1_000_000n, resolution(requestedStyle.fractionDigits));
        const started = ceilTo(requested + firstGap, resolution(startedStyle.fractionDigits));
        const completed = ceilTo(started + secondGap, resolution(completedStyle.fractionDigits));
        const stamps: BatchTimestamps = {
          startedAt: formatDateTime(started, startedStyle),
          completedAt: formatDateTime(completed, completedStyle),
        };
        if (hasRequested) stamps.requestedAt = formatDateTime(requested, requestedStyle);
        return stamps;
      },
    );
}
