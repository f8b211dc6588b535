import { describe, expect, it } from 'vitest';
import { describeType, formatRelation, limitChanges, typeRelation } from './compare.js';

describe('typeRelation', () => {
  it.each([
    [['integer'], ['integer'], 'same'],
    [['integer'], ['number'], 'wider'],
    [['number'], ['integer'], 'narrower'],
    [['integer'], ['string'], 'incompatible'],
    [[], ['object'], 'narrower'],
    [['object'], [], 'wider'],
    [['string'], ['string', 'integer'], 'wider'],
  ] as const)('%j -> %j is %s', (before, after, relation) => {
    expect(typeRelation(before, after)).toBe(relation);
  });
});

describe('formatRelation', () => {
  it.each([
    ['int32', 'int32', 'same'],
    ['int32', 'int64', 'wider'],
    ['int64', 'int32', 'narrower'],
    ['date-time', undefined, 'wider'],
    [undefined, 'date-time', 'narrower'],
    ['date', 'date-time', 'incompatible'],
    ['float', 'double', 'wider'],
  ] as const)('%s -> %s is %s', (before, after, relation) => {
    expect(formatRelation(before, after)).toBe(relation);
  });
});

describe('limitChanges', () => {
  it('classifies each bound by whether it admits fewer values', () => {
    expect(
      limitChanges(
        { maxItems: 1000, minimum: 1, pattern: 'a' },
        { maxItems: 100, minimum: 0, pattern: 'b', maxLength: 5 },
      ),
    ).toEqual([
      { key: 'minimum', old: 1, new: 0, effect: 'looser' },
      { key: 'maxLength', new: 5, effect: 'tighter' },
      { key: 'pattern', old: 'a', new: 'b', effect: 'incomparable' },
      { key: 'maxItems', old: 1000, new: 100, effect: 'tighter' },
    ]);
  });

  it('multipleOf tightens to a multiple and loosens to a divisor', () => {
    expect(limitChanges({ multipleOf: 2 }, { multipleOf: 4 })[0]?.effect).toBe('tighter');
    expect(limitChanges({ multipleOf: 4 }, { multipleOf: 2 })[0]?.effect).toBe('looser');
    expect(limitChanges({ multipleOf: 2 }, { multipleOf: 3 })[0]?.effect).toBe('incomparable');
  });

  it('reports nothing for equal limits', () => {
    expect(limitChanges({ maxItems: 3 }, { maxItems: 3 })).toEqual([]);
  });
});

describe('describeType', () => {
  it('writes types, format and null', () => {
    expect(describeType({ types: ['integer'], format: 'int32', nullable: false })).toBe('integer/int32');
    expect(describeType({ types: [], nullable: true })).toBe('any|null');
  });
});
