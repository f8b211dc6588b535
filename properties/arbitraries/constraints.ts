/**
 * Constraint checks for the builders: a bad constraint throws at once, naming the builder, the
 * constraint and the bad value (fast-check's `uuid.ts` does the same), instead of producing an
 * arbitrary that fails later, far from the call.
 */

/** A builder was given a constraint it cannot honour. */
export class ArbitraryConstraintError extends RangeError {
  override readonly name = 'ArbitraryConstraintError';
}

/** Throws unless `value` is an integer in `min..max`. */
export function integerIn(builder: string, constraint: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ArbitraryConstraintError(
      `${builder}: ${constraint} must be an integer in ${min}..${max}, got ${String(value)}`,
    );
  }
  return value;
}

/** Throws unless `min <= max` (both already checked). */
export function ordered(
  builder: string,
  lower: string,
  min: number | bigint,
  upper: string,
  max: number | bigint,
): void {
  if (min > max)
    throw new ArbitraryConstraintError(
      `${builder}: ${lower} (${String(min)}) must not exceed ${upper} (${String(max)})`,
    );
}

/** Throws unless `value` is one of `allowed`. */
export function oneOf<T>(builder: string, constraint: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    throw new ArbitraryConstraintError(
      `${builder}: ${constraint} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}
