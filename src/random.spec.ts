import { describe, expect, it } from 'vitest';
import { seededRandom, seededSource } from './random.js';

describe('seededSource', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const take = (seed: number) => {
      const source = seededSource(seed);
      return [source.next(), source.int(1, 1_000_000), source.next()];
    };
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
  });

  it('keeps floats in [0, 1) and integers in [min, max], also for ranges wider than 2^32', () => {
    const source = seededSource(7);
    for (let i = 0; i < 500; i++) {
      const float = source.next();
      expect(float >= 0 && float < 1).toBe(true);
      const small = source.int(-3, 3);
      expect(small >= -3 && small <= 3 && Number.isInteger(small)).toBe(true);
      const wide = source.int(5_000_000_000, 19_000_000_000);
      expect(wide >= 5_000_000_000 && wide <= 19_000_000_000 && Number.isInteger(wide)).toBe(true);
    }
    expect(source.int(9, 9)).toBe(9);
  });

  it('refuses a seed that is not an integer and a range that is empty or unsafe', () => {
    expect(() => seededSource(1.5)).toThrow(/integer/);
    expect(() => seededSource(Number.NaN)).toThrow(/integer/);
    const source = seededSource(1);
    expect(() => source.int(2, 1)).toThrow(/min <= max/);
    expect(() => source.int(0, 2 ** 53)).toThrow(/safe integers/);
  });
});

describe('seededRandom', () => {
  it('is the source as a () => number, the same numbers for the same seed', () => {
    const random = seededRandom(42);
    const source = seededSource(42);
    expect([random(), random(), random()]).toEqual([source.next(), source.next(), source.next()]);
  });
});
