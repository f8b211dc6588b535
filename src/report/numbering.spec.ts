import { describe, expect, it } from 'vitest';
import { numberRanges } from './numbering.js';

describe('numberRanges', () => {
  it('names every number, in order, runs folded into ranges', () => {
    expect(numberRanges([45, 21, 22, 23, 47, 48, 49, 60])).toBe('21–23, 45, 47–49, 60');
    expect(numberRanges([7])).toBe('7');
    expect(numberRanges([3, 3, 4])).toBe('3–4');
  });

  it('past the runs it shows, says how many numbers are left unsaid', () => {
    expect(numberRanges([1, 3, 5, 6, 7, 9], 2)).toBe('1, 3, … (4 more)');
  });
});
