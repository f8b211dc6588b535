/**
 * Seeded randomness for the sandbox's data and ids. One seed gives the same records, association
 * types, correlation ids and request ids, so a faulted sandbox and a clean one started with the same
 * seed answer the same request sequence byte for byte except where a fault acts.
 */
import { seededSource, type RandomSource } from '../src/random.js';

/** The kernel's seeded source plus the ids the sandbox mints. */
export interface Random extends RandomSource {
  /** An RFC 4122 version-4 UUID built from this source. */
  uuid(): string;
}

/** The sandbox's source for `seed`, drawn from the one seeded PRNG (`src/random.ts`). */
export function sandboxRandom(seed: number): Random {
  const source = seededSource(seed);
  const hex = (digits: number): string => Array.from({ length: digits }, () => source.int(0, 15).toString(16)).join('');
  return {
    next: () => source.next(),
    int: (min, max) => source.int(min, max),
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'.charAt(source.int(0, 3))}${hex(3)}-${hex(12)}`,
  };
}
