import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPropertySettings, scaledRuns, timeoutForRuns } from '../../properties/settings.js';
import { childPointer } from '../json-pointer.js';
import { duplicateKeys, jsonNestingDepth, MAX_DUPLICATE_KEYS, readBody } from './body.js';
import { epochNanos } from './rules/timestamps-ordered.js';

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
    expect(readBody('{"a":"0123456789"}', { maxBytes: 10, maxDepth: 64 }).findings[0]).toMatchObject({
      check: 'body-size',
      actual: 18,
    });
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
    expect(jsonNestingDepth('[[[[[[', 3)).toBe(4);
  });

  /** The depth scan as it was before it shared its pass with the duplicate-key scan: the reference. */
  const reference = (text: string): number => {
    let depth = 0;
    let deepest = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') deepest = Math.max(deepest, ++depth);
      else if (c === '}' || c === ']') depth--;
    }
    return deepest;
  };

  it(
    'agrees with the reference on any text, JSON or not, and readBody never throws on it',
    () => {
      const { seed } = readPropertySettings();
      const jsonish = fc.string({
        unit: fc.constantFrom('{', '}', '[', ']', '"', '\\', ',', ':', 'a', '1', ' ', 'u'),
        maxLength: 60,
      });
      fc.assert(
        fc.property(jsonish, (text) => {
          expect(jsonNestingDepth(text)).toBe(reference(text));
          expect(() => readBody(text)).not.toThrow();
          expect(() => duplicateKeys(text)).not.toThrow();
        }),
        { seed, numRuns: scaledRuns(2000) },
      );
    },
    timeoutForRuns(scaledRuns(2000), 0.1),
  );
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

describe('duplicate keys', () => {
  const body = '{"status":"CANCELLED","results":[],"status":"COMPLETE"}';

  it('are an error under strict and a warning under lenient, at the pointer of the object', () => {
    const strict = readBody(body);
    expect(strict.ok && strict.value).toEqual({ status: 'COMPLETE', results: [] });
    expect(strict.findings).toEqual([
      expect.objectContaining({ check: 'duplicate-key', severity: 'error', instancePath: '', actual: 'status' }),
    ]);
    expect(readBody(body, undefined, 'lenient').findings).toEqual([
      expect.objectContaining({ check: 'duplicate-key', severity: 'warning', instancePath: '' }),
    ]);
  });

  it.each([
    [
      'nested in arrays',
      '{"results":[{"a":1},{"to":[{"x":1},{"typeId":1,"typeId":2}]}]}',
      [{ pointer: '/results/1/to/1', key: 'typeId' }],
    ],
    ['keys compared decoded (escapes)', '{"a":1,"\\u0061":2}', [{ pointer: '', key: 'a' }]],
    [
      'an escaped quote inside a key',
      '{"a\\"b":1,"x":{"k":[1,"]}\\\\"],"k":0},"a\\"b":2}',
      [
        { pointer: '/x', key: 'k' },
        { pointer: '', key: 'a"b' },
      ],
    ],
    ['pointer tokens escaped', '{"a/b":{"~":{"q":1,"q":2}}}', [{ pointer: '/a~1b/~0', key: 'q' }]],
    ['a BOM before the text', '\uFEFF{"a":1,"a":1}', [{ pointer: '', key: 'a' }]],
    ['a key three times is said once', '{"a":1,"a":2,"a":3}', [{ pointer: '', key: 'a' }]],
    ['values equal to keys are not keys', '{"a":"a","b":["a","a"],"c":{"a":"b"}}', []],
    [
      'many keys (the Set path)',
      `{${Array.from({ length: 30 }, (_, i) => `"k${i}":${i}`).join(',')},"k7":0}`,
      [{ pointer: '', key: 'k7' }],
    ],
    ['sibling objects at one depth do not share keys', '[{"a":1,"b":2},{"a":1,"b":2}]', []],
    ['a string after an empty object is a value, not a key', '[{},"",{"a":1,"a":2}]', [{ pointer: '/2', key: 'a' }]],
  ])('%s', (_name, text, expected) => {
    expect(duplicateKeys(text)).toEqual(expected);
  });

  it('lists at most MAX_DUPLICATE_KEYS, and says there are more', () => {
    const many = `{${Array.from({ length: 50 }, (_, i) => `"k${i}":{"d":1,"d":2}`).join(',')}}`;
    const read = readBody(many);
    expect(read.findings).toHaveLength(MAX_DUPLICATE_KEYS);
    expect(read.findings.at(-1)?.message).toMatch(/only the first 20/);
  });

  it('a malformed body is reported once, as not JSON', () => {
    expect(readBody('{"a":1,"a":').findings.map((f) => f.check)).toEqual(['body-not-json']);
  });

  /**
   * Objects as lists of [key, value] pairs (so keys may repeat), written with escapes and spacing a
   * provider may use; the scanner must find exactly the repeats the tree has, at their pointers.
   */
  type Node =
    | { kind: 'object'; pairs: [string, Node][] }
    | { kind: 'array'; items: Node[] }
    | { kind: 'leaf'; value: string | number | boolean | null };
  const { node } = fc.letrec<{ node: Node }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({
        kind: fc.constant('leaf' as const),
        value: fc.oneof(
          fc.string(),
          fc.integer(),
          fc.boolean(),
          fc.constant(null),
          fc.constantFrom('"', '\\', '{"a":1,"a":2}'),
        ),
      }),
      fc.record({ kind: fc.constant('array' as const), items: fc.array(tie('node'), { maxLength: 4 }) }),
      fc.record({
        kind: fc.constant('object' as const),
        pairs: fc.array(fc.tuple(fc.constantFrom('a', 'b', 'a"b', 'c\\d', 'x/y', '~', 'é', ''), tie('node')), {
          maxLength: 5,
        }),
      }),
    ),
  }));
  /** A key as JSON, sometimes with every character as a \u escape (the same key to any parser). */
  const writeKey = (key: string, escapeAll: boolean): string =>
    escapeAll
      ? `"${[...key].map((ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`).join('')}"`
      : JSON.stringify(key);
  const write = (n: Node, escapeAll: boolean, space: string): string =>
    n.kind === 'leaf'
      ? JSON.stringify(n.value)
      : n.kind === 'array'
        ? `[${space}${n.items.map((item) => write(item, escapeAll, space)).join(`,${space}`)}]`
        : `{${space}${n.pairs.map(([key, value]) => `${writeKey(key, escapeAll)}${space}:${space}${write(value, escapeAll, space)}`).join(`,${space}`)}}`;
  /**
   * In text order (a pair's value is scanned before the next key); each pointer and key said once, as two objects under
   * one repeated key share a pointer.
   */
  const expected = (n: Node, pointer: string, out: { pointer: string; key: string }[]): void => {
    if (n.kind === 'array') n.items.forEach((item, index) => expected(item, `${pointer}/${index}`, out));
    if (n.kind !== 'object') return;
    const seen = new Set<string>();
    for (const [key, value] of n.pairs) {
      if (seen.has(key) && !out.some((d) => d.pointer === pointer && d.key === key)) out.push({ pointer, key });
      seen.add(key);
      expected(value, childPointer(pointer, key), out);
    }
  };

  it(
    'finds exactly the repeated keys of any tree, in any spelling and spacing',
    () => {
      const { seed } = readPropertySettings();
      fc.assert(
        fc.property(node, fc.boolean(), fc.constantFrom('', ' ', '\n  ', '\t'), (tree, escapeAll, space) => {
          const text = write(tree, escapeAll, space);
          JSON.parse(text);
          const want: { pointer: string; key: string }[] = [];
          expected(tree, '', want);
          expect(duplicateKeys(text, 1000)).toEqual(want);
        }),
        { seed, numRuns: scaledRuns(500) },
      );
    },
    timeoutForRuns(scaledRuns(500), 0.5),
  );
});
