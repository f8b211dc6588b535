import type { Format } from 'ajv';
import { rememberWholeSecondMillis, utcMillis } from './instants.js';

/**
 * The `date-time` format an ajv instance already has (the structure vocabulary's: ajv-formats'
 * full-mode calendar check, with a `T` required), answered faster for the shape every HubSpot stamp
 * has: `YYYY-MM-DDTHH:MM:SS[.f](Z|±HH:MM)` is checked with one regular expression and the same
 * arithmetic as ajv-formats; any other string goes to the instance's own format. Same answers,
 * about a third of the cost: date-time checks were two thirds of checking a small batch body
 * (bench `validate.two-result-bodies-per-second`). `date-time-format.spec.ts` compares the two.
 */

/** The common shape (`[Tt]`, `[Zz]`: ajv-formats' patterns are case-insensitive); fields sit at fixed positions. */
const COMMON = /^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d:\d\d)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Two ASCII digits at `at` (the pattern has checked they are digits). */
function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + (text.charCodeAt(at + 1) - 48);
}

/**
 * ajv-formats' full `date-time` arithmetic on a string of the common shape, reading the fixed
 * positions directly. Whole seconds stand for ajv-formats' fractional ones: `s < 60` and `s < 61`
 * hold for `SS.fff` exactly when they hold for `SS`.
 */
function commonShapeIsValid(value: string): boolean {
  const year = twoDigits(value, 0) * 100 + twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  // Month 0 has 0 days and months past 12 no entry (0 days): no day is in range.
  if (!(day >= 1 && day <= (month === 2 && isLeapYear(year) ? 29 : (DAYS[month] ?? 0)))) return false;
  const hr = twoDigits(value, 11);
  const min = twoDigits(value, 14);
  const sec = twoDigits(value, 17);
  const last = value.charCodeAt(value.length - 1);
  const zulu = last === 90 /* Z */ || last === 122; /* z */
  const tzSign = !zulu && value.charCodeAt(value.length - 6) === 45 /* - */ ? -1 : 1;
  const tzH = zulu ? 0 : twoDigits(value, value.length - 5);
  const tzM = zulu ? 0 : twoDigits(value, value.length - 2);
  if (tzH > 23 || tzM > 59) return false;
  if (hr <= 23 && min <= 59 && sec < 60) {
    // In range: the instant the timestamps-ordered rule would compute (it skips Date.parse only
    // for an upper-case T and a four-digit year), remembered so the rule need not parse it again.
    if (year >= 100 && value.charCodeAt(10) === 84 /* T */) {
      rememberWholeSecondMillis(value, utcMillis(year, month, day, hr, min, sec, tzSign * (tzH * 60 + tzM)));
    }
    return true;
  }
  // A leap second is valid only at 23:59 UTC, as ajv-formats reads it.
  // Stryker disable next-line ArithmeticOperator: tzSign is 1 or -1, so dividing by it is multiplying
  const utcMin = min - tzM * tzSign;
  // Stryker disable next-line ArithmeticOperator,EqualityOperator: as above; a minute of 0 is no leap second either way
  const utcHr = hr - tzH * tzSign - (utcMin < 0 ? 1 : 0);
  return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
}

type Validate = (value: string) => boolean;

function validateOf(format: Format | undefined): Validate {
  if (typeof format === 'function') return format;
  if (format instanceof RegExp) return (value) => format.test(value);
  if (typeof format === 'object' && 'validate' in format) {
    const inner = format.validate;
    if (typeof inner === 'function') return inner as Validate;
    if (inner instanceof RegExp) return (value) => inner.test(value);
  }
  throw new Error('the ajv instance has no usable date-time format to speed up');
}

/** The faster equivalent of an instance's `date-time` format (its `compare`, if any, is kept). */
export function fastDateTimeFormat(existing: Format | undefined): Format {
  const fallback = validateOf(existing);
  const validate = (value: string): boolean => {
    return COMMON.test(value) ? commonShapeIsValid(value) : fallback(value);
  };
  // A function or a pattern has no `compare`: only a format definition may carry one.
  const compare = (existing as { readonly compare?: (a: string, b: string) => number | undefined }).compare;
  return compare ? { type: 'string', validate, compare } : { type: 'string', validate };
}
