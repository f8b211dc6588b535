import { describe, expect, it } from 'vitest';
import { jsonNestingDepth, readBody } from './body.js';
import { epochNanos } from './rules/timestamps-ordered.js';
import { childPointer, pointerTokens, valueAt } from './pointer.js';

describe('readBody', () => {
  it('parses JSON and reports nothing', () => {
    expect(readBody('{"a":[1,2]}')).toEqual({ ok: true, value: { a: [1, 2] }, findings: [] });
  });

  it.each([
    ['', 'body-not-json', /empty/],
    ['<html><body>502</body></html>', 'body-not-json', /HTML/],
    ['{"a":', 'body-not-json', /not valid JSON/],
    ['[[[[1]]]]', 'body-depth', /deeper than 3/],
  ])('%j -> %s', (text, check, message) => {
    const read = readBody(text, { maxBytes: 1000, maxDepth: 3 });
    expect(read.ok).toBe(false);
    expect(read.findings[0]).toMatchObject({ check, severity: 'error' });
    expect(read.findings[0]?.message).toMatch(message);
  });

  it('refuses a body over the size limit without parsing it', () => {
    expect(readBody('{"a":"0123456789"}', { maxBytes: 10, maxDepth: 64 }).findings[0]).toMatchObject({ check: 'body-size', actual: 18 });
  });

  it('strips a BOM with a warning', () => {
    const read = readBody(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]));
    expect(read).toMatchObject({ ok: true, value: {}, findings: [{ check: 'body-encoding', severity: 'warning' }] });
  });

  it('keeps __proto__ as data', () => {
    const read = readBody('{"__proto__":{"x":1}}');
    expect(read.ok && Object.keys(read.value as object)).toEqual(['__proto__']);
    expect(read.ok && Object.getPrototypeOf(read.value)).toBe(Object.prototype);
  });
});

describe('jsonNestingDepth', () => {
  it('ignores brackets in strings and escaped quotes', () => {
    expect(jsonNestingDepth('{"a":"[[[\\"{{"}')).toBe(1);
    expect(jsonNestingDepth('[[],[[]]]')).toBe(3);
    expect(jsonNestingDepth('1')).toBe(0);
  });
});

describe('pointers', () => {
  it('escapes and reads own properties only', () => {
    expect(childPointer('/a', 'b/c~d')).toBe('/a/b~1c~0d');
    expect(pointerTokens('/a/b~1c~0d')).toEqual(['a', 'b/c~d']);
    expect(valueAt({ a: [{ 'b/c~d': 5 }] }, '/a/0/b~1c~0d')).toBe(5);
    expect(valueAt({}, '/constructor')).toBeUndefined();
  });
});

describe('epochNanos', () => {
  it('orders sub-millisecond stamps and offsets exactly', () => {
    const a = epochNanos('2026-11-20T09:15:02.2039Z');
    const b = epochNanos('2026-11-20T09:15:02.204Z');
    expect(a !== undefined && b !== undefined && a < b).toBe(true);
    expect(epochNanos('2026-11-20T10:15:02+01:00')).toBe(epochNanos('2026-11-20T09:15:02Z'));
    expect(epochNanos('not a date')).toBeUndefined();
  });
});
