import { describe, expect, it } from 'vitest';
import { sandboxRandom } from './random.js';

describe('sandboxRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const take = (seed: number) => {
      const random = sandboxRandom(seed);
      return [random.uuid(), random.int(1, 1_000_000), random.next()];
    };
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
  });

  it('makes RFC 4122 version-4 UUIDs and stays in range', () => {
    const random = sandboxRandom(1);
    for (let i = 0; i < 200; i++) {
      expect(random.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const n = random.int(5, 7);
      expect(n >= 5 && n <= 7).toBe(true);
    }
    expect(() => sandboxRandom(1.5)).toThrow(/integer/);
  });
});
