/**
 * The one seeded PRNG (shared kernel): fast-check's own `pure-rand`, with the generator fast-check
 * uses by default (xorshift128+), so the sandbox's data, the runner's backoff jitter and fast-check's
 * sequences all draw from one well-tested implementation instead of hand-copied bit twiddling.
 * Test data and timing only: never use it for secrets.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xorshift128plus } from 'pure-rand/generator/xorshift128plus';

/** A seeded source of uniform numbers; one seed, the same sequence. */
export interface RandomSource {
  /** A float in [0, 1). */
  next(): number;
  /** A whole number in [min, max], both safe integers (the range may exceed 2^32). */
  int(min: number, max: number): number;
}

/** A seeded source; throws a `RangeError` for a seed that is not an integer (it would replay nothing). */
export function seededSource(seed: number): RandomSource {
  if (!Number.isInteger(seed)) throw new RangeError(`seededSource: seed must be an integer, got ${String(seed)}`);
  // pure-rand takes a 32-bit seed; reduce larger ones explicitly so 2^32 + n and n are visibly the same stream.
  const generator = xorshift128plus(seed | 0);
  return {
    next: () => uniformFloat64(generator),
    int: (min, max) => {
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
        throw new RangeError(`RandomSource.int: need safe integers min <= max, got ${String(min)}, ${String(max)}`);
      }
      return uniformInt(generator, min, max);
    },
  };
}

/** Floats in [0, 1) from `seed`: the shape `Math.random` has, for code that takes a `() => number`. */
export function seededRandom(seed: number): () => number {
  const source = seededSource(seed);
  return () => source.next();
}
