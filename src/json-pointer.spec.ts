import { describe, expect, it } from 'vitest';
import {
  childPointer,
  escapeToken,
  formatPointer,
  fragmentToPointer,
  parsePointer,
  pointerToFragment,
  pointerTokens,
  unescapeToken,
  valueAt,
} from './json-pointer.js';

// RFC 6901 §5's example document, parsed (`JSON.parse` so "__proto__"-like keys stay own data).
const RFC_DOCUMENT: unknown = JSON.parse(
  '{"foo":["bar","baz"],"":0,"a/b":1,"c%d":2,"e^f":3,"g|h":4,"i\\\\j":5,"k\\"l":6," ":7,"m~n":8}',
);

describe('escapeToken / unescapeToken', () => {
  it.each([
    ['a/b', 'a~1b'],
    ['m~n', 'm~0n'],
    ['~1', '~01'],
    ['/~', '~1~0'],
    ['a~/b', 'a~0~1b'],
    ['b/c~d', 'b~1c~0d'],
    ['', ''],
    ['__proto__', '__proto__'],
  ])('%j <-> %j', (token, escaped) => {
    expect(escapeToken(token)).toBe(escaped);
    expect(unescapeToken(escaped)).toBe(token);
  });

  it('unescapes ~1 before ~0, so ~01 is the two characters ~1 and never /', () => {
    expect(unescapeToken('~01')).toBe('~1');
  });
});

describe('parsePointer / pointerTokens / formatPointer', () => {
  it.each([
    ['', []],
    ['/', ['']],
    ['/foo', ['foo']],
    ['/foo/0', ['foo', '0']],
    ['/a~1b', ['a/b']],
    ['/m~0n', ['m~n']],
    ['//', ['', '']],
    ['/__proto__/constructor', ['__proto__', 'constructor']],
  ])('%j has the tokens %j and formats back', (pointer, tokens) => {
    expect(pointerTokens(pointer)).toEqual(tokens);
    expect(formatPointer(tokens)).toBe(pointer);
  });

  it('says why a text is not a pointer', () => {
    expect(parsePointer('foo')).toEqual({ ok: false, problem: 'no-leading-slash' });
    expect(parsePointer('#/foo')).toEqual({ ok: false, problem: 'no-leading-slash' });
    expect(parsePointer('/a/b~2c')).toEqual({ ok: false, problem: 'invalid-escape', token: 'b~2c' });
    expect(parsePointer('/a~')).toEqual({ ok: false, problem: 'invalid-escape', token: 'a~' });
    expect(() => pointerTokens('foo')).toThrow(RangeError);
    expect(() => pointerTokens('/~x')).toThrow(/invalid escape in "~x"/);
  });

  it('childPointer escapes each token it appends, numbers as their decimal', () => {
    expect(childPointer('', 'properties', 'a/b', 0)).toBe('/properties/a~1b/0');
    expect(childPointer('/a', 'b/c~d')).toBe('/a/b~1c~0d');
    expect(childPointer('/a')).toBe('/a');
    expect(childPointer('/a', '')).toBe('/a/');
  });
});

describe('valueAt', () => {
  it.each<[string, unknown]>([
    ['', RFC_DOCUMENT],
    ['/foo', ['bar', 'baz']],
    ['/foo/0', 'bar'],
    ['/', 0],
    ['/a~1b', 1],
    ['/c%d', 2],
    ['/e^f', 3],
    ['/g|h', 4],
    ['/i\\j', 5],
    ['/k"l', 6],
    ['/ ', 7],
    ['/m~0n', 8],
  ])('RFC 6901 §5: %j', (pointer, expected) => {
    expect(valueAt(RFC_DOCUMENT, pointer)).toEqual(expected);
  });

  it('reads own properties only: __proto__ and constructor are data or nothing', () => {
    const hostile: unknown = JSON.parse('{"__proto__":{"polluted":true},"list":[]}');
    expect(valueAt(hostile, '/__proto__/polluted')).toBe(true);
    expect(valueAt({}, '/__proto__')).toBeUndefined();
    expect(valueAt({}, '/constructor')).toBeUndefined();
    expect(valueAt(hostile, '/list/length')).toBeUndefined();
    expect(valueAt({ a: [{ 'b/c~d': 5 }] }, '/a/0/b~1c~0d')).toBe(5);
    expect(valueAt('text', '/length')).toBeUndefined();
  });

  it('takes only canonical array indexes and stops at the first missing step', () => {
    const document = { list: ['a', 'b'] };
    expect(valueAt(document, '/list/1')).toBe('b');
    expect(valueAt(document, '/list/01')).toBeUndefined();
    expect(valueAt(document, '/list/-')).toBeUndefined();
    expect(valueAt(document, '/list/2')).toBeUndefined();
    expect(valueAt(document, '/list/')).toBeUndefined();
    expect(valueAt(document, '/missing/0')).toBeUndefined();
    expect(valueAt(document, 'list')).toBeUndefined();
  });
});

describe('URI fragments (RFC 6901 §6)', () => {
  it.each([
    ['#', ''],
    ['#/foo', '/foo'],
    ['#/foo/0', '/foo/0'],
    ['#/', '/'],
    ['#/a~1b', '/a~1b'],
    ['#/c%25d', '/c%d'],
    ['#/e%5Ef', '/e^f'],
    ['#/g%7Ch', '/g|h'],
    ['#/i%5Cj', '/i\\j'],
    ['#/k%22l', '/k"l'],
    ['#/%20', '/ '],
    ['#/m~0n', '/m~0n'],
  ])('%s is the pointer %j and back', (fragment, pointer) => {
    expect(fragmentToPointer(fragment)).toBe(pointer);
    expect(fragmentToPointer(pointerToFragment(pointer))).toBe(pointer);
  });

  it('is undefined for a reference that is no fragment or has a malformed percent-encoding', () => {
    expect(fragmentToPointer('/foo')).toBeUndefined();
    expect(fragmentToPointer('other.json#/foo')).toBeUndefined();
    expect(fragmentToPointer('#/%FF')).toBeUndefined();
  });

  it('encodes a lone surrogate as U+FFFD rather than throwing', () => {
    expect(pointerToFragment('/a\uD800')).toBe('#/a%EF%BF%BD');
  });
});
