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
    [
      // The Set one depth reuses is refilled from the second object's own first 8 keys: its "k8" is no duplicate.
      'sibling objects past the linear scan do not share keys',
      `[{${Array.from({ length: 10 }, (_, i) => `"k${i}":1`).join(',')}},` +
        `{${Array.from({ length: 8 }, (_, i) => `"m${i}":1`).join(',')},"x":1,"k8":1}]`,
      [],
    ],
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

describe('readBody: the limits and the shapes it refuses', () => {
  const limits = { maxBytes: 12, maxDepth: 3 };

  it('reads a body of exactly the size limit, in UTF-8 bytes, and refuses one byte more', () => {
    expect(readBody('{"a":"1234"}', limits)).toMatchObject({ ok: true, findings: [] });
    const over = readBody('{"a":"123é"}', limits);
    expect(over).toEqual({
      ok: false,
      findings: [
        {
          check: 'body-size',
          severity: 'error',
          instancePath: '',
          message: 'body is 13 bytes, over the 12-byte limit; not parsed',
          actual: 13,
        },
      ],
    });
    expect(readBody(new Uint8Array(13), limits).findings[0]).toMatchObject({ check: 'body-size', actual: 13 });
  });

  it('says large sizes with thousands separators', () => {
    const read = readBody({ byteLength: 2_000_000 }, { maxBytes: 1_048_576, maxDepth: 64 });
    expect(read.findings[0]?.message).toBe('body is 2,000,000 bytes, over the 1,048,576-byte limit; not parsed');
  });

  it('a size alone (a file too large to read) within the limit: nothing was read', () => {
    expect(readBody({ byteLength: 5 }, limits)).toEqual({
      ok: false,
      findings: [{ check: 'body-not-json', severity: 'error', instancePath: '', message: 'no body bytes were read' }],
    });
    // A finding with nothing received to show carries no `actual` at all (report.json omits it).
    expect(readBody({ byteLength: 5 }, limits).findings[0]).not.toHaveProperty('actual');
    expect(readBody('  ').findings[0]).not.toHaveProperty('actual');
  });

  it('reads a body nested exactly as deep as the limit, and refuses one level more', () => {
    const deep = { maxBytes: 1000, maxDepth: 3 };
    expect(readBody('[[[1]]]', deep).ok).toBe(true);
    expect(readBody('{"a":{"b":[[]]}}', deep)).toEqual({
      ok: false,
      findings: [
        {
          check: 'body-depth',
          severity: 'error',
          instancePath: '',
          message: 'body nests deeper than 3 levels; not parsed',
          actual: '> 3',
        },
      ],
    });
  });

  it.each([
    '<!DOCTYPE html><html></html>',
    '<!doctype html>',
    '<HTML lang="en">',
    '<?xml version="1.0"?><error/>',
    '<head><title>502</title></head>',
    '<body>Bad gateway</body>',
    '  \n<html>',
  ])('an HTML or XML page is not JSON: %j', (page) => {
    const read = readBody(page);
    expect(read.ok).toBe(false);
    expect(read.findings).toEqual([
      {
        check: 'body-not-json',
        severity: 'error',
        instancePath: '',
        actual: page.trim(),
        message: `body is an HTML/XML page, not JSON: "${page.trim()}"`,
      },
    ]);
  });

  it('text that merely starts with "<" is malformed JSON, not a page', () => {
    expect(readBody('<div>').findings[0]?.message).toMatch(/^body is not valid JSON \(.+\): "<div>"$/);
  });

  it('shows at most 60 characters of what was received, on one line', () => {
    const page = `<html>${'\n  x'.repeat(40)}`;
    // The first 60 characters (13 lines of "\n  x" and a "\n ") with their white space collapsed and trimmed.
    const excerpt = `<html>${' x'.repeat(13)}…`;
    expect(readBody(page).findings[0]).toMatchObject({
      actual: excerpt,
      message: `body is an HTML/XML page, not JSON: "${excerpt}"`,
    });
    const sixty = `{"a":${'1'.repeat(55)}`;
    expect(sixty).toHaveLength(60);
    expect(readBody(sixty).findings[0]?.actual).toBe(sixty);
    expect(readBody(`${sixty}2`).findings[0]?.actual).toBe(`${sixty}…`);
  });

  it('an empty or blank body, a BOM alone included, is not JSON', () => {
    for (const text of ['', '  \n\t', '\uFEFF', '\uFEFF  ']) {
      expect(readBody(text).findings, JSON.stringify(text)).toEqual([
        expect.objectContaining({ check: 'body-not-json', message: 'body is empty; expected a JSON document' }),
      ]);
    }
  });

  it('removes a BOM from text as from bytes, with one warning', () => {
    expect(readBody('\uFEFF{"a":1}')).toEqual({
      ok: true,
      value: { a: 1 },
      findings: [
        {
          check: 'body-encoding',
          severity: 'warning',
          instancePath: '',
          message: 'body starts with a UTF-8 byte-order mark (RFC 8259 §8.1: JSON senders must not add one); ignored',
        },
      ],
    });
    // Only a leading one: a BOM inside a string is data.
    expect(readBody('{"a":"\uFEFF"}')).toEqual({ ok: true, value: { a: '\uFEFF' }, findings: [] });
  });

  it('says what the parser said of a malformed body', () => {
    const read = readBody('{"a":1,}');
    expect(read.ok).toBe(false);
    expect(read.findings[0]).toMatchObject({ check: 'body-not-json', actual: '{"a":1,}' });
    expect(read.findings[0]?.message).toMatch(/^body is not valid JSON \(.*JSON.*\): "\{"a":1,\}"$/);
  });

  it('still measures the depth after the most duplicates it lists', () => {
    const manyThenDeep = `{${Array.from({ length: 25 }, (_, i) => `"k${i}":{"d":1,"d":2}`).join(',')},"z":[[[[1]]]]}`;
    expect(readBody(manyThenDeep, { maxBytes: 10_000, maxDepth: 4 }).findings).toEqual([
      expect.objectContaining({ check: 'body-depth', actual: '> 4' }),
    ]);
    expect(readBody(manyThenDeep, { maxBytes: 10_000, maxDepth: 5 }).findings).toHaveLength(MAX_DUPLICATE_KEYS);
  });

  it('decodes bytes that are not UTF-8 without throwing, as replacement characters', () => {
    const read = readBody(new Uint8Array([0xff, 0x7b, 0x7d]));
    expect(read.ok).toBe(false);
    expect(read.findings).toEqual([expect.objectContaining({ check: 'body-not-json', actual: '\uFFFD{}' })]);
    expect(readBody(new Uint8Array([0x22, 0xc3, 0x22]))).toMatchObject({ ok: true, value: '\uFFFD' });
  });

  it('a JSON document that mentions a page is JSON', () => {
    expect(readBody('{"message":"<html>502</html>"}')).toMatchObject({ ok: true, findings: [] });
    expect(readBody('"<html>"')).toMatchObject({ ok: true, value: '<html>' });
  });

  it('says duplicates of a body that also nests deep only when the depth is within the limit', () => {
    expect(
      readBody('{"a":1,"a":{"b":{"c":{}}}}', { maxBytes: 1000, maxDepth: 3 }).findings.map((finding) => finding.check),
    ).toEqual(['body-depth']);
  });
});

describe('duplicate keys: how many are said', () => {
  const repeated = (count: number) => `{${Array.from({ length: count }, (_, i) => `"k${i}":{"d":1,"d":2}`).join(',')}}`;

  it('twenty duplicates are listed without a word about more', () => {
    const findings = readBody(repeated(MAX_DUPLICATE_KEYS)).findings;
    expect(findings).toHaveLength(MAX_DUPLICATE_KEYS);
    expect(findings.some((finding) => finding.message.includes('only the first'))).toBe(false);
    expect(findings[0]).toEqual({
      check: 'duplicate-key',
      severity: 'error',
      instancePath: '/k0',
      message:
        'the object has the key "d" more than once; JSON parsers disagree on which value wins (JSON.parse and hsac keep the last, others the first or refuse the body; RFC 8259 §4)',
      expected: 'unique keys',
      actual: 'd',
    });
  });

  it('twenty-one: the twentieth finding says only the first twenty are listed', () => {
    const findings = readBody(repeated(MAX_DUPLICATE_KEYS + 1)).findings;
    expect(findings).toHaveLength(MAX_DUPLICATE_KEYS);
    expect(findings.map((finding) => finding.message.endsWith('; only the first 20 duplicates are listed'))).toEqual(
      Array.from({ length: MAX_DUPLICATE_KEYS }, (_, index) => index === MAX_DUPLICATE_KEYS - 1),
    );
  });

  it('duplicateKeys stops at the limit it is given, and finds none when the limit is 0', () => {
    expect(duplicateKeys(repeated(5), 2)).toEqual([
      { pointer: '/k0', key: 'd' },
      { pointer: '/k1', key: 'd' },
    ]);
    expect(duplicateKeys(repeated(5), 0)).toEqual([]);
    expect(MAX_DUPLICATE_KEYS).toBe(20);
    expect(duplicateKeys(repeated(25))).toHaveLength(MAX_DUPLICATE_KEYS);
  });

  it('keys compared past the linear scan: sibling objects with many keys do not share them', () => {
    const wide = `{${Array.from({ length: 12 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
    expect(duplicateKeys(`[${wide},${wide},${wide}]`)).toEqual([]);
    const wideThenRepeat = `{${Array.from({ length: 12 }, (_, i) => `"k${i}":${i}`).join(',')},"k0":0,"k11":1}`;
    expect(duplicateKeys(`[${wide},${wideThenRepeat}]`)).toEqual([
      { pointer: '/1', key: 'k0' },
      { pointer: '/1', key: 'k11' },
    ]);
  });

  it('the ninth key is compared with the first eight', () => {
    const keys = Array.from({ length: 8 }, (_, i) => `"k${i}":${i}`).join(',');
    expect(duplicateKeys(`{${keys},"k0":1}`)).toEqual([{ pointer: '', key: 'k0' }]);
    expect(duplicateKeys(`{${keys},"k7":1}`)).toEqual([{ pointer: '', key: 'k7' }]);
    expect(duplicateKeys(`{${keys},"k8":1}`)).toEqual([]);
  });

  it('an unterminated string ends the scan without a finding', () => {
    expect(duplicateKeys('{"a":1,"a')).toEqual([]);
    expect(jsonNestingDepth('[[{"a":"[[[[')).toBe(3);
  });

  it('a key with an escape is decoded; a malformed escape is compared as written', () => {
    expect(duplicateKeys('{"\\q":1,"\\q":2}')).toEqual([{ pointer: '', key: '"\\q"' }]);
    expect(duplicateKeys('{"a\\n":1,"a\\u000a":2}')).toEqual([{ pointer: '', key: 'a\n' }]);
  });
});
