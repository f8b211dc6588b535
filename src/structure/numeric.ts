/**
 * Exact arithmetic for the string-encoded numbers (int64..uint128, decimal). JSON numbers lose
 * precision past 2^53, which is why JSON Structure encodes these as strings; checking them with
 * `Number` would reintroduce the very loss the encoding avoids, so we use BigInt throughout.
 */

/** RFC 8259 `[minus] int`: no leading zeros, no sign but minus, no fraction. */
export const INTEGER_STRING = /^-?(?:0|[1-9][0-9]*)$/;
/** RFC 8259 `int`: the unsigned form. */
export const UNSIGNED_INTEGER_STRING = /^(?:0|[1-9][0-9]*)$/;
/**
 * `[minus] int [frac]`: the draft's grammar says `int frac`, but both SDKs accept integers
 * ("150") and the samples rely on that, so the fraction is optional. No exponent.
 */
export const DECIMAL_STRING = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

/** An exact decimal: value = unscaled / 10^scale, with trailing fractional zeros removed. */
export interface Decimal {
  readonly unscaled: bigint;
  readonly scale: number;
}

/** Parses a decimal string (or an integer string); undefined when it is not one. */
export function parseDecimal(text: string): Decimal | undefined {
  if (!DECIMAL_STRING.test(text)) return undefined;
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const [whole = '0', rawFraction = ''] = body.split('.');
  const fraction = rawFraction.replace(/0+$/, '');
  const unscaled = BigInt(whole + fraction);
  return { unscaled: negative ? -unscaled : unscaled, scale: fraction.length };
}

function rescale(value: Decimal, scale: number): bigint {
  return value.unscaled * 10n ** BigInt(scale - value.scale);
}

/** Compares two decimals exactly: negative, zero or positive like a sort comparator. */
export function compareDecimal(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const x = rescale(a, scale);
  const y = rescale(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Whether `value` is an exact multiple of `step` (step must be positive). */
export function isMultipleOf(value: Decimal, step: Decimal): boolean {
  const scale = Math.max(value.scale, step.scale);
  const divisor = rescale(step, scale);
  return divisor !== 0n && rescale(value, scale) % divisor === 0n;
}

/**
 * Significant digits of a decimal string, SQL `DECIMAL(p, s)` style: integer digits without
 * leading zeros, fractional digits without trailing zeros ("0.0875" -> 0 and 4; "1500.00" -> 4 and 0).
 */
export function decimalDigits(text: string): { integer: number; fraction: number } | undefined {
  if (!DECIMAL_STRING.test(text)) return undefined;
  const body = text.startsWith('-') ? text.slice(1) : text;
  const [whole = '', fraction = ''] = body.split('.');
  return { integer: whole.replace(/^0+/, '').length, fraction: fraction.replace(/0+$/, '').length };
}

/** Expands JavaScript's exponent notation ("1e-300", "-1.5e+21") into plain decimal digits, exactly. */
function expandExponent(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]?\d+)$/i.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponentText);
  const expanded =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  const trimmed = expanded.includes('.') ? expanded.replace(/0+$/, '').replace(/\.$/, '') : expanded;
  return sign + (trimmed.replace(/^0+(?=\d)/, '') || '0');
}

/**
 * A constraint value for a string-encoded type as a decimal string. The spec says these MUST be
 * strings; a JSON number is accepted (the linter warns) and converted without rounding: the
 * shortest round-trip rendering JavaScript gives, with any exponent expanded.
 */
export function constraintText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  if (Number.isInteger(value)) return BigInt(value).toString();
  return expandExponent(String(value));
}
