import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProperty } from '../properties/run.js';
import { shown, SHOWN_MAX_LENGTH } from './json.js';

describe('shown: any value as short message text', () => {
  it.each([
    ['a string as itself', 'HUBSPOT_DEFINED', 'HUBSPOT_DEFINED'],
    ['a number', 279, '279'],
    ['a number JSON cannot write', Number.POSITIVE_INFINITY, 'Infinity'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['an object whose toString is data', { toString: 1 }, '{"toString":1}'],
    ['an object whose valueOf is data', { valueOf: {} }, '{"valueOf":{}}'],
    ['an own __proto__ key, as JSON.parse makes it', JSON.parse('{"__proto__":{"x":1}}'), '{"__proto__":{"x":1}}'],
    ['an array', [1, 'a'], '[1,"a"]'],
    ['a function', () => 1, 'a function'],
  ])('%s', (_what, value, text) => {
    expect(shown(value)).toBe(text);
  });

  it('cuts a long value at the bound, with an ellipsis', () => {
    expect(shown('x'.repeat(1000))).toBe(`${'x'.repeat(SHOWN_MAX_LENGTH)}…`);
    expect(shown({ long: 'y'.repeat(1000) }, 10)).toBe('{"long":"y…');
  });

  it('never throws, and never returns more than the bound and its ellipsis', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(shown(cyclic)).toBe('an object');
    expect(shown([10n])).toBe('an array');
    checkProperty(
      fc.property(fc.anything({ withBigInt: true, withNullPrototype: true, withBoxedValues: true }), (value) => {
        expect(shown(value).length).toBeLessThanOrEqual(SHOWN_MAX_LENGTH + 1);
      }),
      { name: 'never throws, and never returns more than the bound and its ellipsis', file: 'src/json.spec.ts' },
    );
  });
});
