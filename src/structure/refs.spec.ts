import { describe, expect, it } from 'vitest';
import { defsRef, jsonSchemaPointer, parseRefFragment } from './refs.js';

describe('parseRefFragment', () => {
  it.each([
    ['#/definitions/A', ['definitions', 'A']],
    ['#/definitions/Ns/Type', ['definitions', 'Ns', 'Type']],
    ['#/definitions/a~1b/c~0d', ['definitions', 'a/b', 'c~d']],
    ['#/%24defs/Valid', ['$defs', 'Valid']],
    ['#', []],
  ])('parses %s', (ref, tokens) => {
    expect(parseRefFragment(ref)).toEqual({ ok: true, tokens });
  });

  it.each([
    ['/definitions/A', 'local JSON Pointer fragment'],
    ['../other.json#/definitions/A', 'local JSON Pointer fragment'],
    ['https://example.com/x.json', 'local JSON Pointer fragment'],
    ['##/definitions/A', 'cannot hold'],
    ['#\\definitions\\A', 'cannot hold'],
    ['#.definitions.A', 'not a JSON Pointer'],
    ['#/definitions/has spaces', 'cannot hold'],
    ['#/definitions/~2bad', 'invalid escape'],
    ['#/definitions/%E0%A4%A', 'cannot hold'],
    ['#/definitions/%FF', 'malformed percent-encoding'],
  ])('rejects %s', (ref, reason) => {
    const parsed = parseRefFragment(ref);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });

  it('rejects non-strings', () => {
    expect(parseRefFragment(42)).toEqual({ ok: false, reason: 'must be a string' });
  });
});

describe('jsonSchemaPointer', () => {
  it('flattens namespaces into one $defs key', () => {
    expect(jsonSchemaPointer('#/definitions/Ns/Type')).toBe('#/$defs/Ns.Type');
    expect(jsonSchemaPointer('#/definitions/Flat')).toBe('#/$defs/Flat');
  });

  it('escapes and percent-encodes what a fragment cannot hold', () => {
    expect(jsonSchemaPointer('#/definitions/a~1b')).toBe('#/$defs/a~1b');
    expect(defsRef('has space%')).toBe('#/$defs/has%20space%25');
  });

  it('throws a RangeError for pointers outside #/definitions or malformed ones', () => {
    expect(() => jsonSchemaPointer('#/components/schemas/X')).toThrow(RangeError);
    expect(() => jsonSchemaPointer('#/definitions')).toThrow(RangeError);
    expect(() => jsonSchemaPointer('definitions/X')).toThrow(RangeError);
  });
});
