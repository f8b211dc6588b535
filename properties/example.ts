import fc from 'fast-check';

/**
 * One value of an arbitrary, reproducibly: the first value fast-check draws for `seed`. This is
 * an example, not a property run: fixtures, contracts and documentation use it when they need a
 * single valid body. Throws when the arbitrary yields nothing (it never should).
 */
export function exampleOf<T>(arbitrary: fc.Arbitrary<T>, seed: number): T {
  // numRuns 1: one drawn value is the point here (an example, not a property run).
  const [value] = fc.sample(arbitrary, { seed, numRuns: 1 });
  if (value === undefined) throw new Error(`exampleOf: the arbitrary gave no value for seed ${seed}`);
  return value;
}
