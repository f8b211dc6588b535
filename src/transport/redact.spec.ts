import { beforeEach, describe, expect, it } from 'vitest';
import {
  compileSecretMatcher,
  createRedactor,
  guardedSecrets,
  guardOutput,
  guardSecret,
  plantRedactionFault,
  REDACTED,
  redactorFor,
  type Redactor,
  type SecretMatcher,
  RedactionFailure,
  scanForSecrets,
  scopeRedactor,
  secretForms,
  withheldOutputs,
  withSecretScope,
} from './redact.js';

/**
 * The redactor and the final scan, form by form. Assertions compare booleans and counts, never
 * the text: a failing assertion must not print the token (not even this test one). The unit
 * specs of what the redactor does; suites/redaction proves it end to end.
 */

const TOKEN = 'pat-na1-' + '7c1f0e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
// Matchers are built for each test, not at load: Stryker switches a mutant on in its own hooks and counts what each
// test runs, so a matcher built while the spec loads (or once per file) would never be tested with the mutant.
let redactor: Redactor;
beforeEach(() => {
  redactor = createRedactor([TOKEN]);
});

/** Same strings in the same order (compared without printing them). */
const same = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((value, i) => value === b[i]);

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const jsonEscaped = (text: string, upper = false): string =>
  [...text]
    .map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .map((e) => (upper ? e.toUpperCase().replace('\\U', '\\u') : e))
    .join('');
const percentAll = (text: string, upper = false): string =>
  [...utf8(text)]
    .map((b) => `%${b.toString(16).padStart(2, '0')}`)
    .map((e) => (upper ? e.toUpperCase() : e))
    .join('');
const mixedCase = (text: string): string =>
  [...text].map((ch, i) => (i % 2 === 0 ? ch.toUpperCase() : ch.toLowerCase())).join('');

/** Every spelling of the token a provider can echo, by name: each must be found and removed. */
const SPELLINGS: Readonly<Record<string, string>> = {
  raw: TOKEN,
  'lower case': TOKEN.toLowerCase(),
  'upper case': TOKEN.toUpperCase(),
  'mixed case': mixedCase(TOKEN),
  'JSON \\u escapes': jsonEscaped(TOKEN),
  'JSON \\u escapes, upper-case hex': jsonEscaped(TOKEN, true),
  'JSON \\u escapes, every other character': [...TOKEN].map((ch, i) => (i % 2 === 0 ? jsonEscaped(ch) : ch)).join(''),
  'JSON \\u escapes quoted again (a body inside report.json)': jsonEscaped(TOKEN).replace(/\\/g, '\\\\'),
  '\\x escapes': [...TOKEN].map((ch) => `\\x${ch.charCodeAt(0).toString(16)}`).join(''),
  'percent, every byte, lower-case hex': percentAll(TOKEN),
  'percent, every byte, upper-case hex': percentAll(TOKEN, true),
  'percent of Bearer <token>': encodeURIComponent(`Bearer ${TOKEN}`),
  'HTML character references': [...TOKEN].map((ch) => `&#${ch.charCodeAt(0)};`).join(''),
  'HTML hex references': [...TOKEN].map((ch) => `&#x${ch.charCodeAt(0).toString(16)};`).join(''),
  base64: utf8(TOKEN).toString('base64'),
  base64url: utf8(TOKEN).toString('base64url'),
  'base64 of Bearer <token>': utf8(`Bearer ${TOKEN}`).toString('base64'),
  'base64url of Bearer <token>': utf8(`Bearer ${TOKEN}`).toString('base64url'),
  'base64, one byte in': utf8(`x${TOKEN}`).toString('base64'),
  'base64, two bytes in, with a tail': utf8(`xy${TOKEN}zz`).toString('base64'),
  'base64 in a Basic credential': `Basic ${utf8(`user:${TOKEN}`).toString('base64')}`,
  'base64, lower-cased (a header name)': utf8(TOKEN).toString('base64').toLowerCase(),
  hex: utf8(TOKEN).toString('hex'),
  'hex, upper case': utf8(TOKEN).toString('hex').toUpperCase(),
  'hex of Bearer <token>': utf8(`Bearer ${TOKEN}`).toString('hex'),
};

describe('redaction by value, in every form', () => {
  it.each(Object.keys(SPELLINGS))('%s: found, and gone after redaction', (name) => {
    const spelled = SPELLINGS[name] ?? '';
    const text = `before ${spelled} after`;
    expect(redactor.leaks(text)).toBe(true);
    const redacted = redactor.text(text);
    expect(redacted.includes(REDACTED)).toBe(true);
    expect(redactor.leaks(redacted)).toBe(false);
    expect(redactor.scan(redacted)).toEqual([]);
    // What was around the token is kept.
    expect(redacted.startsWith('before ')).toBe(true);
    expect(redacted.endsWith(' after')).toBe(true);
  });

  it('leaves text without the token as it is', () => {
    const text = '{"status":"COMPLETE","results":[],"id":"pat-na1-not-the-token","x":"cGF0LW5hMS0="}';
    expect(redactor.text(text)).toBe(text);
    expect(redactor.body(text)).toBe(text);
    expect(redactor.scan(text)).toEqual([]);
  });

  it('with no secret (or one too short to tell from text) it is the identity', () => {
    for (const r of [createRedactor([]), createRedactor([undefined]), createRedactor(['abc'])]) {
      expect(r.text('abc abc')).toBe('abc abc');
      expect(r.leaks('abc')).toBe(false);
    }
    expect(compileSecretMatcher(['', 'ab'])).toBeUndefined();
    expect(createRedactor([]).scan('abc abc')).toEqual([]);
    // Headers are copied, not handed back.
    const headers = { a: '1' };
    const copied = createRedactor([]).headers(headers);
    expect(copied).toEqual(headers);
    expect(copied).not.toBe(headers);
  });

  it('secretForms lists literal spellings, longest first, none shorter than 4', () => {
    const forms = secretForms(TOKEN);
    expect(forms.length).toBeGreaterThanOrEqual(12);
    expect(forms.every((form, i) => form.length >= 4 && (i === 0 || (forms[i - 1]?.length ?? 0) >= form.length))).toBe(
      true,
    );
    for (const form of forms) expect(redactor.leaks(form), `form #${forms.indexOf(form)}`).toBe(true);
  });
});

describe('bodies: the raw text and the decoded values', () => {
  it('a JSON body with the token as \\u escapes stays JSON, and no decoded value holds it', () => {
    const body = `{"f":"${jsonEscaped(TOKEN)}","g":"see ${jsonEscaped(TOKEN.slice(0, 10))}${TOKEN.slice(10)}","${jsonEscaped(TOKEN)}":1,"n":12345678901234567890}`;
    const redacted = redactor.body(body);
    const parsed = JSON.parse(redacted) as Record<string, unknown>;
    expect(parsed.f === REDACTED).toBe(true);
    expect(parsed.g === `see ${REDACTED}`).toBe(true);
    expect(Object.keys(parsed).includes(REDACTED)).toBe(true);
    expect(redactor.leaks(JSON.stringify(parsed))).toBe(false);
    // Only the token changed: the big number is kept digit for digit.
    expect(redacted.endsWith('"n":12345678901234567890}')).toBe(true);
  });

  it('a token after an escape (\\n then the token) is removed with the escape, so the JSON stays valid', () => {
    const body = JSON.stringify({ f: `line\n${TOKEN}`, g: `\\${TOKEN}` });
    const redacted = redactor.body(body);
    expect((): unknown => JSON.parse(redacted)).not.toThrow();
    expect(redactor.leaks(redacted)).toBe(false);
  });

  it('a body whose redaction would break an escape falls back to its redacted values', () => {
    const token = 'ab\\"cd\\ef\\\\';
    const quoted = createRedactor([token]);
    const body = JSON.stringify({ f: `${token}\\"x`, n: 1 });
    const redacted = quoted.body(body);
    expect(quoted.leaks(redacted)).toBe(false);
    expect((JSON.parse(redacted) as { n: number }).n).toBe(1);
  });

  it('the fallback redacts every string and key, at any depth, and keeps colliding keys apart', () => {
    // A secret ending in a backslash: its redaction eats half of the next escape, so the body is rebuilt from values.
    const secret = 'abc/\\';
    const body = JSON.stringify({
      [`${secret}x`]: `${secret}\\`,
      [`${REDACTED}x`]: 1,
      [`${secret.toUpperCase()}x`]: 2,
      list: [`${secret}\\`, 2, null, true, { n: `${secret}\\` }],
    });
    const redacted = createRedactor([secret]).body(body);
    const gone = `${REDACTED}\\`;
    expect(redacted).toBe(
      JSON.stringify({
        [`${REDACTED}x`]: gone,
        [`${REDACTED}x#2`]: 1,
        [`${REDACTED}x#3`]: 2,
        list: [gone, 2, null, true, { n: gone }],
      }),
    );
  });

  it('a body that is not JSON is redacted as text', () => {
    expect(redactor.leaks(redactor.body(`<html>${jsonEscaped(TOKEN)} ${percentAll(TOKEN)}</html>`))).toBe(false);
    expect(redactor.body(`<html>${jsonEscaped(TOKEN)} ${percentAll(TOKEN)}</html>`)).toBe(
      `<html>${REDACTED} ${REDACTED}</html>`,
    );
  });
});

describe('a marker beside text that spells a secret again', () => {
  // A secret holding `[` or `]` can be completed by the marker that replaced an earlier copy of it: `]abc` in `]abcabc`
  // leaves `[REDACTED]abc`, which holds `]abc` again. The redactor goes over its own output until none is left.
  it('a secret the marker completes on its right or its left is redacted again, in text and in a JSON body', () => {
    const closing = createRedactor([']abc']);
    expect(closing.text(']abcabc') === `[REDACTED${REDACTED}`).toBe(true);
    expect(closing.leaks(closing.text('x ]abcABC y'))).toBe(false);
    const opening = createRedactor(['a[re']);
    expect(opening.leaks(opening.text('aa[re'))).toBe(false);
    // The body keeps its formatting: only the secret changed, and its values hold none.
    const body = closing.body('{"a": "]abcabc", "n": 1}');
    expect(body === `{"a": "[REDACTED${REDACTED}", "n": 1}`).toBe(true);
    expect(closing.scan(body)).toEqual([]);
  });

  it('a chain of four completions is removed; a fifth is left to the final scan, as is a secret the marker spells', () => {
    const closing = createRedactor([']abc']);
    expect(closing.leaks(closing.text(`]abc${'abc'.repeat(3)}`))).toBe(false);
    expect(closing.leaks(closing.text(`]abc${'abc'.repeat(4)}`))).toBe(true);
    // `dact` is in every marker: four rounds, each putting a marker inside the last one, then the scan refuses it.
    const inMarker = createRedactor(['dact']);
    expect(inMarker.text('dact') === `[RE[RE[RE${REDACTED}ED]ED]ED]`).toBe(true);
    expect(inMarker.scan(inMarker.text('dact')).length).toBeGreaterThan(0);
  });
});

describe('headers: names and values', () => {
  it('redacts a header value, a header name (lower-cased, in any encoding), and masks Authorization whole', () => {
    const headers = redactor.headers({
      authorization: `Bearer ${TOKEN}`,
      'x-echo': `Bearer ${TOKEN.toUpperCase()}`,
      [TOKEN.toLowerCase()]: '1',
      [utf8(TOKEN).toString('base64url').toLowerCase()]: '2',
      [percentAll(TOKEN)]: '3',
    });
    expect(headers.authorization === `Bearer ${REDACTED}`).toBe(true);
    expect(headers['x-echo'] === `Bearer ${REDACTED}`).toBe(true);
    expect(Object.keys(headers).filter((name) => name.startsWith(REDACTED))).toHaveLength(3);
    expect(redactor.leaks(JSON.stringify(headers))).toBe(false);
  });

  it('masks Authorization whole in any case of its name and any value: a scheme is kept, a bare credential is not', () => {
    const headers = redactor.headers({
      Authorization: TOKEN,
      AUTHORIZATION: 'Basic dXNlcjpwYXNz\nmore',
      authorization: `${TOKEN} trailing`,
    });
    expect(headers.Authorization === REDACTED).toBe(true);
    expect(headers.AUTHORIZATION === `Basic ${REDACTED}`).toBe(true);
    expect(headers.authorization === `${REDACTED} ${REDACTED}`).toBe(true);
    // The scheme is the first word, whatever spaces follow it; a value that starts with a space has none.
    expect(redactor.headers({ authorization: `Bearer  ${TOKEN}` }).authorization === `Bearer  ${REDACTED}`).toBe(true);
    expect(redactor.headers({ authorization: ` Bearer ${TOKEN}` }).authorization === REDACTED).toBe(true);
    // An empty value has nothing to mask.
    expect(redactor.headers({ authorization: '' })).toEqual({ authorization: '' });
  });

  it('header names that redact alike are kept apart: the second and third get #2 and #3', () => {
    const headers = redactor.headers({
      [TOKEN]: 'a',
      [TOKEN.toUpperCase()]: 'b',
      [utf8(TOKEN).toString('hex')]: 'c',
      'x-kept': TOKEN,
    });
    expect(headers).toEqual({
      [REDACTED]: 'a',
      [`${REDACTED}#2`]: 'b',
      [`${REDACTED}#3`]: 'c',
      'x-kept': REDACTED,
    });
  });
});

describe('the final scan: every form after decoding, failing closed', () => {
  it.each(Object.keys(SPELLINGS))('finds %s, also quoted inside JSON twice and inside HTML', (name) => {
    const spelled = SPELLINGS[name] ?? '';
    const twice = JSON.stringify(JSON.stringify({ v: spelled }));
    const html = `<pre>${twice.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}</pre>`;
    for (const text of [spelled, twice, html]) expect(redactor.scan(text).length).toBeGreaterThan(0);
  });

  it('finds forms the redactor does not spell out: base64 of a title-cased token, hex of a mixed-case one, percent inside escapes', () => {
    const title = mixedCase(TOKEN);
    expect(redactor.scan(utf8(`Bearer ${title}`).toString('base64')).map((hit) => hit.form)).toContain('base64');
    expect(redactor.scan(`id=${utf8(title).toString('hex')}`).map((hit) => hit.form)).toContain('hex');
    expect(redactor.scan(JSON.stringify(percentAll(TOKEN).replace(/%/g, '\\u0025'))).length).toBeGreaterThan(0);
  });

  it('names the form and where, never the token', () => {
    const hits = redactor.scan(`x ${utf8(TOKEN).toString('base64')} y`);
    expect(hits.length).toBeGreaterThan(0);
    expect(redactor.leaks(JSON.stringify(hits))).toBe(false);
  });

  it('guardOutput passes clean text, refuses a leak with a RedactionFailure naming the artifact only', () => {
    withSecretScope([TOKEN], () => {
      expect(guardOutput('report.json', '{"ok":true}')).toBe('{"ok":true}');
      let failure: unknown;
      try {
        guardOutput('report.json', JSON.stringify({ actual: jsonEscaped(TOKEN) }));
      } catch (error) {
        failure = error;
      }
      expect(failure).toBeInstanceOf(RedactionFailure);
      const message = (failure as Error).message;
      expect(
        message.startsWith('report.json was not written: it would have held the access token in an encoded form'),
      ).toBe(true);
      expect(redactor.leaks(message)).toBe(false);
      expect(withheldOutputs().map((f) => f.artifact)).toEqual(['report.json']);
    });
  });

  it('scopes: a client token joins its scope, nested scopes inherit, scopes do not see each other', async () => {
    const other = 'pat-eu1-' + '00000000-1111-2222-3333-444444444444';
    await Promise.all([
      withSecretScope([TOKEN], async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect(same(guardedSecrets(), [TOKEN])).toBe(true);
        expect(() => guardOutput('a', TOKEN)).toThrow(RedactionFailure);
      }),
      withSecretScope([], async () => {
        guardSecret(other);
        await new Promise((resolve) => setTimeout(resolve, 1));
        expect(same(guardedSecrets(), [other])).toBe(true);
        expect(guardOutput('a', TOKEN) === TOKEN).toBe(true);
        withSecretScope([TOKEN], () => expect(same(guardedSecrets(), [other, TOKEN])).toBe(true));
      }),
    ]);
    // Outside any scope nothing is guarded, unless the caller names the secrets.
    expect(guardOutput('a', TOKEN) === TOKEN).toBe(true);
    expect(() => guardOutput('a', TOKEN, { secrets: [TOKEN] })).toThrow(RedactionFailure);
  });

  it('the test-only seam turns the scan off until it is restored', () => {
    withSecretScope([TOKEN], () => {
      const restore = plantRedactionFault({ finalScan: 'off' });
      expect(guardOutput('a', TOKEN) === TOKEN).toBe(true);
      restore();
      expect(() => guardOutput('a', TOKEN)).toThrow(RedactionFailure);
    });
  });
});

describe('large and hostile bodies: one precompiled matcher (speed: bench/redact.bench.ts)', () => {
  /** A 1 MB batch-read body, HubSpot-shaped. */
  function megabyteBody(): string {
    const results = Array.from({ length: 7600 }, (_, i) => ({
      from: { id: String(1_000_000 + i) },
      to: [
        { toObjectId: 2_000_000 + i, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279, label: null }] },
      ],
    }));
    return JSON.stringify({
      status: 'COMPLETE',
      results,
      startedAt: '2026-11-20T09:15:02Z',
      completedAt: '2026-11-20T09:15:03Z',
    });
  }

  it('redacts a 1 MB body holding an escaped token, and leaves and scans a clean one as it is', () => {
    const body = megabyteBody();
    expect(body.length).toBeGreaterThan(1_000_000);
    const leaky = `${body.slice(0, -1)},"echo":"${jsonEscaped(TOKEN)}"}`;
    expect(redactor.body(body)).toBe(body);
    expect(redactor.leaks(redactor.body(leaky))).toBe(false);
    expect(redactor.scan(body)).toEqual([]);
  });

  it('stays linear on hostile bodies (a million backslashes, endless near-matches)', () => {
    // No clock: the sizes are the proof. On these megabyte inputs a matcher that backtracked or
    // rescanned per character would do ~10^12 steps (hours); a linear one takes milliseconds, so
    // the test's timeout is the only guard needed. bench/redact.bench.ts measures the speed.
    for (const body of [
      JSON.stringify({ f: '\\'.repeat(1_000_000) }),
      JSON.stringify({ f: `${TOKEN.slice(0, -1)}!`.repeat(25_000) }),
      '%70%61%74'.repeat(110_000),
      '&#112;'.repeat(160_000),
    ]) {
      expect(redactor.leaks(redactor.body(body))).toBe(false);
      expect(redactor.scan(body)).toEqual([]);
    }
  });
});

describe('the final scan reads the unpadded tail of a base64 run', () => {
  it('base64 of a case-changed token, "=" stripped, standing alone: found', async () => {
    const { compileSecretMatcher, scanForSecrets } = await import('./redact.js');
    const token = 'pat-na1-' + '7c1f0e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
    const capitalised = `P${token.slice(1)}`;
    const matcher = compileSecretMatcher([token]);
    if (!matcher) throw new Error('no matcher for a real token');
    for (const variant of [capitalised, token.toUpperCase()]) {
      const encoded = Buffer.from(variant, 'utf8').toString('base64').replace(/=+$/, '');
      expect(scanForSecrets(`{"f":"${encoded}"}`, matcher).length).toBeGreaterThan(0);
    }
  });
});

describe('the spellings of special characters, each removed by the redactor itself', () => {
  // A secret holding every character with a spelling of its own: a space, JSON's short escapes, HTML's named
  // entities, a slash, a letter of two UTF-8 bytes and both letter cases.
  const SPECIAL = 'Ab c&d"e/f\'g<h>iéJ';
  let special: Redactor;
  beforeEach(() => {
    special = createRedactor([SPECIAL]);
  });
  const percentUpper = (text: string): string => percentAll(text, true);
  const byCharacter = (spell: (ch: string) => string): string => [...SPECIAL].map(spell).join('');
  const spellings: Readonly<Record<string, string>> = {
    'form-urlencoded (a space as +)': new URLSearchParams({ t: SPECIAL }).toString().slice(2),
    'percent, upper-case hex': percentUpper(SPECIAL),
    'percent of the lower-case secret': percentAll(SPECIAL.toLowerCase()),
    'percent of the upper-case secret': percentAll(SPECIAL.toUpperCase()),
    'JSON string (quote and slash escaped)': JSON.stringify(SPECIAL).slice(1, -1).replace('/', '\\/'),
    'JSON \\u escapes of the upper-case secret': jsonEscaped(SPECIAL.toUpperCase()),
    'named entities': byCharacter(
      (ch) => ({ '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' })[ch] ?? ch,
    ),
    'decimal references with leading zeros': byCharacter((ch) => `&#000${ch.codePointAt(0)};`),
    'hex references, upper-case X and digits': byCharacter(
      (ch) => `&#X00${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()};`,
    ),
    'decimal references of the lower-case secret': [...SPECIAL.toLowerCase()]
      .map((ch) => `&#${ch.codePointAt(0)};`)
      .join(''),
    '\\x escapes of the one-byte characters': byCharacter((ch) =>
      ch.length === 1 && ch < '\u0080' ? `\\x${ch.charCodeAt(0).toString(16)}` : ch,
    ),
    'escapes behind three backslashes (a body inside a HAR string)': jsonEscaped(SPECIAL).replace(/\\/g, '\\\\\\'),
    'base64 of the upper-case secret': utf8(SPECIAL.toUpperCase()).toString('base64'),
    'base64 of the lower-case secret, two bytes in': utf8(`xy${SPECIAL.toLowerCase()}`).toString('base64'),
    'hex of the upper-case secret': utf8(SPECIAL.toUpperCase()).toString('hex'),
  };

  it.each(Object.keys(spellings))('%s: matched and replaced whole', (name) => {
    const spelled = spellings[name] ?? '';
    expect(special.leaks(spelled)).toBe(true);
    expect(special.text(`<${spelled}>`) === `<${REDACTED}>`).toBe(true);
  });

  it('a \\x escape spells one byte only: \\xc3 is not the two-byte é', () => {
    expect(special.leaks(SPECIAL.replace('é', '\\xc3'))).toBe(false);
    expect(special.leaks(SPECIAL.replace('é', '\\u00e9'))).toBe(true);
  });

  it('names what it found by family: an entity, a percent escape, a raw % that is no escape', () => {
    const forms = (secret: string, text: string): string[] => {
      const m = compileSecretMatcher([secret]);
      if (!m) throw new Error('no matcher');
      return scanForSecrets(text, m).map((hit) => hit.form);
    };
    expect(forms('a&b&c', 'x a&amp;b&amp;c y')).toEqual(['entity-encoded']);
    expect(forms('key%1zq', 'x key%1zq y')).toEqual(['raw or case-changed']);
    expect(forms('key%zzq', 'x key%zzq y')).toEqual(['raw or case-changed']);
    expect(forms('key/zq', 'x key%2Fzq y')).toEqual(['percent-encoded']);
  });

  it('escapes need their backslash, also before the first character; a control character is two hex digits', () => {
    expect(redactor.leaks(`u0070${TOKEN.slice(1)}`)).toBe(false);
    expect(redactor.leaks(`\\u0070${TOKEN.slice(1)}`)).toBe(true);
    const tab = createRedactor(['ab\tcd']);
    expect(tab.leaks('ab%09cd')).toBe(true);
    expect(tab.leaks('ab&#9;cd')).toBe(true);
  });

  it('a + stands for a space only: elsewhere it is not the secret', () => {
    expect(special.leaks(`Ab+c&d"e/f'g<h>iéJ`)).toBe(true);
    expect(special.leaks(`Ab+c+d"e/f'g<h>iéJ`)).toBe(false);
    expect(createRedactor(['abc+def']).leaks('abc def')).toBe(false);
  });

  it('the first character behind a run of backslashes: the whole run goes with the match', () => {
    const spelled = `${'\\'.repeat(5)}u0041${SPECIAL.slice(1)}`;
    expect(special.text(`x${spelled}y`) === `x${REDACTED}y`).toBe(true);
  });

  it('the widening over backslashes looks back 64 characters past the one the first character takes, no further', () => {
    // A bounded look-back keeps a match's cost bounded; the matcher itself takes one backslash before the first
    // character (and up to 16 before later ones), so a run of 70 keeps its first 70 - 1 - 64 = 5.
    const behind = (count: number): string => redactor.text(`x${'\\'.repeat(count)}u0070${TOKEN.slice(1)}y`);
    expect(behind(65) === `x${REDACTED}y`).toBe(true);
    expect(behind(70) === `x${'\\'.repeat(5)}${REDACTED}y`).toBe(true);
  });

  it('an escape cut in half on the left of a match is removed with it, so a JSON string stays valid', () => {
    // The secret starts with hex digits: `\u007c1f...` holds it raw, behind half an escape.
    const hexLike = createRedactor(['7c1f0e2a-3b4d']);
    for (const before of ['\\u00', '\\x', '%', '&#x', '\\\\\\u00'])
      expect(hexLike.text(`"${before}7c1f0e2a-3b4d"`) === `"${REDACTED}"`, JSON.stringify(before)).toBe(true);
    // Only as far as the previous match: the first redaction keeps its own text.
    expect(hexLike.text('7c1f0e2a-3b4d%7c1f0e2a-3b4d') === `${REDACTED}${REDACTED}`).toBe(true);
  });
});

describe('encoded forms: every alignment, both alphabets, the whole run removed', () => {
  // Its base64 holds "+" and "/" at every alignment, so base64url differs from base64 in each.
  const PLUS_SLASH = 'pat-t?xt1?qkb9fspmkt>>?e';
  let plusSlash: Redactor;
  beforeEach(() => {
    plusSlash = createRedactor([PLUS_SLASH]);
  });

  it.each(['', 'x', 'xy'])('base64 and base64url with %j before the secret', (before) => {
    for (const encoding of ['base64', 'base64url'] as const) {
      const encoded = utf8(`${before}${PLUS_SLASH}`).toString(encoding);
      expect(plusSlash.leaks(encoded), encoding).toBe(true);
      expect(plusSlash.text(`[${encoded}]`) === `[${REDACTED}]`, encoding).toBe(true);
    }
  });

  it('a base64 run is removed whole, padding included, and nothing around it', () => {
    const basic = utf8(`user:${TOKEN}`).toString('base64');
    expect(basic.endsWith('=')).toBe(true);
    expect(redactor.text(`Basic ${basic}, next`) === `Basic ${REDACTED}, next`).toBe(true);
    expect(redactor.text(`${basic}.${basic}`) === `${REDACTED}.${REDACTED}`).toBe(true);
  });

  it('a hex run is removed whole', () => {
    const hex = utf8(`Bearer ${TOKEN}`).toString('hex');
    expect(redactor.text(`id=${hex}&x=1`) === `id=${REDACTED}&x=1`).toBe(true);
  });

  it('spans: a raw match then an encoded one right after it do not overlap, and say which family each is', () => {
    const matcher = compileSecretMatcher([TOKEN]);
    const encoded = utf8(TOKEN).toString('base64');
    const text = `${TOKEN}${encoded}`;
    expect(matcher?.spans(text)).toEqual([
      { start: 0, end: TOKEN.length, kind: 'spelled' },
      { start: TOKEN.length, end: text.length, kind: 'encoded' },
    ]);
    // A match is not widened back into the one before it, even over what looks like half an entity.
    const entity = compileSecretMatcher(['q&abcd']);
    expect(entity?.spans('q&abcdq&abcd')).toEqual([
      { start: 0, end: 6, kind: 'spelled' },
      { start: 6, end: 12, kind: 'spelled' },
    ]);
    // The matcher can be used again and again: no state is left between calls.
    expect([matcher?.test(text), matcher?.test(text), matcher?.spans(text).length]).toEqual([true, true, 2]);
  });
});

describe('which secrets are matched', () => {
  it('four characters are enough, three are not; undefined and empty ones are skipped', () => {
    expect(createRedactor(['abcd']).text('x abcd y') === `x ${REDACTED} y`).toBe(true);
    expect(createRedactor(['abc', undefined, '']).text('x abc y')).toBe('x abc y');
    expect(compileSecretMatcher(['abc', 'abcd'])?.secrets).toEqual(['abcd']);
    expect(compileSecretMatcher(['abcd', 'abcd'])?.secrets).toEqual(['abcd']);
  });

  it('several secrets: each is matched, and the shortest sets the size of a run worth decoding', () => {
    const short = 'qz9-' + 'kx';
    const matcher = compileSecretMatcher([TOKEN, short]);
    if (!matcher) throw new Error('no matcher');
    expect(matcher.minBytes).toBe(6);
    // Base64 of the short secret in a case the matcher does not spell: only the decoding scan can find it.
    const encoded = utf8(`qZ${short.slice(2)}`).toString('base64');
    expect(matcher.test(encoded)).toBe(false);
    expect(scanForSecrets(` ${encoded} `, matcher).map((hit) => hit.form)).toEqual(['base64']);
  });
});

describe('secretForms: the literal spellings, for byte scanners', () => {
  it('lists the raw, case-changed, base64, hex, percent and \\u spellings of each case variant', () => {
    const forms = secretForms('Ab/c?');
    const bytes = (text: string): Buffer => utf8(text);
    for (const variant of ['Ab/c?', 'ab/c?', 'AB/C?']) {
      const expected = [
        variant,
        bytes(variant).toString('base64'),
        bytes(variant).toString('base64').replace(/=+$/, ''),
        bytes(variant).toString('base64url'),
        bytes(variant).toString('hex'),
        bytes(variant).toString('hex').toUpperCase(),
        encodeURIComponent(variant),
        percentAll(variant),
        percentAll(variant, true),
        jsonEscaped(variant),
      ];
      for (const form of expected) expect(forms.includes(form), form).toBe(true);
    }
    expect(secretForms('')).toEqual([]);
    // Forms of four characters are kept, shorter ones dropped: "ab" itself is too short, its hex is not.
    expect(secretForms('ab').includes('6162')).toBe(true);
    expect(secretForms('ab').includes('ab')).toBe(false);
    // Two "=" of padding are both stripped, in the standard alphabet as well as in base64url.
    expect(secretForms('??>a').includes('Pz8+YQ')).toBe(true);
    expect(secretForms('??>a').includes('Pz8-YQ')).toBe(true);
  });
});

describe('the final scan: what it decodes, and what it says', () => {
  let matcher: SecretMatcher;
  beforeEach(() => {
    const compiled = compileSecretMatcher([TOKEN]);
    if (!compiled) throw new Error('no matcher');
    matcher = compiled;
  });
  const title = `P${TOKEN.slice(1)}`;
  const titleBase64 = utf8(title).toString('base64');

  it('a raw hit is named with its offset; an encoded one as base64 or hex', () => {
    expect(scanForSecrets(`ab ${TOKEN}`, matcher)).toEqual([{ form: 'raw or case-changed', offset: 3 }]);
    // Found twice, by the matcher and by decoding the run: both name the same form and place.
    expect(scanForSecrets(`ab ${utf8(TOKEN).toString('hex')}`, matcher)).toEqual([
      { form: 'hex', offset: 3 },
      { form: 'hex', offset: 3 },
    ]);
    expect(scanForSecrets(`ab ${utf8(TOKEN).toString('base64')}`, matcher)).toEqual([
      { form: 'base64', offset: 3 },
      { form: 'base64', offset: 3 },
    ]);
  });

  it('a base64 run is named base64 also when it starts or ends with a hex digit', () => {
    const forms = scanForSecrets(`ab 9${utf8(TOKEN).toString('base64url')}9`, matcher).map((hit) => hit.form);
    expect(new Set(forms)).toEqual(new Set(['base64']));
  });

  it('a clean long run of hex or base64 characters is no secret', () => {
    const digest = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(scanForSecrets(`sha256=${digest}${digest}`, matcher)).toEqual([]);
    expect(scanForSecrets(`id=${'QUJD'.repeat(40)}`, matcher)).toEqual([]);
  });

  it('base64 that starts part-way into a group (stray characters before it) is decoded at its alignment', () => {
    for (const stray of ['Q', 'QU', 'QUJ'])
      expect(
        scanForSecrets(`{"f":"${stray}${titleBase64}"}`, matcher).map((hit) => hit.form),
        stray,
      ).toEqual(['base64']);
  });

  it.each([
    ['escaped', jsonEscaped(TOKEN)],
    ['escaped', [...TOKEN].map((ch) => `\\x${ch.charCodeAt(0).toString(16)}`).join('')],
    ['percent-encoded', percentAll(TOKEN)],
    ['entity-encoded', [...TOKEN].map((ch) => `&#${ch.charCodeAt(0)};`).join('')],
    ['raw or case-changed', mixedCase(TOKEN)],
  ])('names a %s form as such', (form, spelled) => {
    expect(scanForSecrets(spelled, matcher).map((hit) => hit.form)).toEqual([form]);
  });

  it('decoded runs: base64 of a title-cased token and hex of it, at the offset of their run', () => {
    expect(scanForSecrets(`ab ${titleBase64}`, matcher)).toEqual([{ form: 'base64', offset: 3 }]);
    const hex = utf8(title).toString('hex');
    expect(scanForSecrets(`ab ${hex}`, matcher)).toEqual([{ form: 'hex', offset: 3 }]);
    // Hex at an odd offset inside a longer run of hex digits.
    expect(scanForSecrets(`ab a${hex}`, matcher)).toEqual([{ form: 'hex', offset: 3 }]);
    // Base64 at every offset inside a longer run.
    for (const before of ['x', 'xy', 'xyz'])
      expect(
        new Set(scanForSecrets(utf8(`${before}${title}`).toString('base64url'), matcher).map((hit) => hit.form)),
      ).toEqual(new Set(['base64']));
  });

  /** `text` with every character spelled as a decimal character reference. */
  const references = (text: string): string => [...text].map((ch) => `&#${ch.charCodeAt(0)};`).join('');

  it.each([
    ['JSON \\u escapes', jsonEscaped(titleBase64), 'base64'],
    ['upper-case \\u escapes', jsonEscaped(titleBase64, true), 'base64'],
    ['\\x escapes', [...titleBase64].map((ch) => `\\x${ch.charCodeAt(0).toString(16)}`).join(''), 'base64'],
    ['percent-encoding', percentAll(titleBase64), 'base64'],
    ['decimal references', references(titleBase64), 'base64'],
    ['hex references', [...titleBase64].map((ch) => `&#x${ch.charCodeAt(0).toString(16)};`).join(''), 'base64'],
    ['decimal references of hex', references(utf8(title).toString('hex')), 'hex'],
  ])('base64 or hex spelled as %s: found after one level of decoding', (_name, spelled, form) => {
    expect(scanForSecrets(`"${spelled}"`, matcher)).toEqual([
      { form, offset: 1, after: 'JSON / HTML / percent escapes (1 level)' },
    ]);
  });

  it('a spelled form found only after decoding is named with the levels it took, at offset 0', () => {
    const percentInEscapes = percentAll(TOKEN).replace(/%/g, '\\u0025');
    expect(scanForSecrets(`"${percentInEscapes}"`, matcher)).toEqual([
      { form: 'percent-encoded', offset: 0, after: 'JSON / HTML / percent escapes (1 level)' },
    ]);
  });

  it('JSON short escapes decode to the characters they stand for: `\\n` is a line break, not an n', () => {
    const broken = `${TOKEN.slice(0, 4)}\\n${TOKEN.slice(5)}`;
    expect(TOKEN.charAt(4)).toBe('n');
    expect(scanForSecrets(broken, matcher)).toEqual([]);
  });

  it('a named entity cutting a base64 run is decoded, a level at a time', () => {
    const viewed = `${titleBase64.slice(0, 10)}&amp;#${titleBase64.charCodeAt(10)};${titleBase64.slice(11)}`;
    expect(scanForSecrets(viewed, matcher)).toEqual([
      { form: 'base64', offset: 0, after: 'JSON / HTML / percent escapes (2 levels)' },
    ]);
  });

  it('four levels of escaping are undone', () => {
    let deep = references(titleBase64);
    for (let level = 1; level < 4; level++) deep = deep.replace(/&/g, '&amp;');
    expect(scanForSecrets(deep, matcher).map((hit) => hit.after)).toEqual(['JSON / HTML / percent escapes (4 levels)']);
  });

  it('the last code point of Unicode is decoded as itself', () => {
    const secret = 'ab\u{10FFFF}cd';
    const edge = compileSecretMatcher([secret]);
    if (!edge) throw new Error('no matcher');
    // One reference read once; the other characters are referenced twice (`&amp;#97;`), so only decoding finds it.
    const twice = (ch: string): string => `&amp;#${ch.codePointAt(0)};`;
    const text = `${twice('a')}${twice('b')}&#1114111;${twice('c')}${twice('d')}`;
    expect(scanForSecrets(text, edge).map((hit) => hit.after)).toEqual(['JSON / HTML / percent escapes (1 level)']);
    // Its JSON spelling is a surrogate pair: two escapes, each behind its backslash.
    expect(edge.test('ab\\udbff\\udfffcd')).toBe(true);
    expect(edge.test('ab\\udbffudfffcd')).toBe(false);
  });

  it('character references past Unicode decode to a replacement character, never throw', () => {
    expect(scanForSecrets('&#9999999; &#x10FFFF; &#xFFFFFF; &bogus; \\q', matcher)).toEqual([]);
  });

  it('a JSON short escape decodes to its character, an unknown one to the character itself', () => {
    // The token with its dashes written as `\-` (an escape JSON does not have): a viewer shows the dash.
    const escapedDashes = utf8(TOKEN.toUpperCase()).toString('hex').replace(/2d/g, '\\2d');
    expect(scanForSecrets(escapedDashes, matcher).length).toBeGreaterThan(0);
  });
});

describe('scopes and the test-only seam, in detail', () => {
  it('a scope keeps only real secrets; adding an empty one, undefined or a duplicate changes nothing', () => {
    withSecretScope(['', undefined, TOKEN], () => {
      guardSecret('');
      guardSecret(undefined);
      guardSecret(TOKEN);
      expect(same(guardedSecrets(), [TOKEN])).toBe(true);
    });
    // No scope: nothing to add to, and nothing guarded.
    guardSecret(TOKEN);
    expect(guardedSecrets()).toEqual([]);
    expect(withheldOutputs()).toEqual([]);
  });

  it("scopeRedactor redacts every secret of the scope, a client's added one too", () => {
    const other = 'pat-eu1-' + '00000000-1111-2222-3333-444444444444';
    withSecretScope([TOKEN], () => {
      guardSecret(other);
      expect(scopeRedactor().text(`${TOKEN} ${other}`) === `${REDACTED} ${REDACTED}`).toBe(true);
    });
    expect(scopeRedactor().text(TOKEN) === TOKEN).toBe(true);
  });

  it('a secret added after the scan has run is guarded from then on', () => {
    const other = 'pat-eu1-' + '00000000-1111-2222-3333-444444444444';
    withSecretScope([TOKEN], () => {
      expect(guardOutput('a', other)).toBe(other);
      guardSecret(other);
      expect(() => guardOutput('a', other)).toThrow(RedactionFailure);
    });
  });

  it('secrets named by the caller are guarded together with the scope', () => {
    const other = 'pat-eu1-' + '00000000-1111-2222-3333-444444444444';
    withSecretScope([TOKEN], () => {
      expect(() => guardOutput('a', TOKEN, { secrets: [other] })).toThrow(RedactionFailure);
      expect(() => guardOutput('a', other, { secrets: [undefined, other] })).toThrow(RedactionFailure);
      expect(guardOutput('a', 'clean', { secrets: [undefined] })).toBe('clean');
    });
  });

  it('the failure names every form found once, and what it withheld is kept, each artifact in turn', () => {
    withSecretScope([TOKEN], () => {
      const text = `${TOKEN} ${TOKEN} ${utf8(TOKEN).toString('hex')}`;
      expect(() => guardOutput('junit.xml', text)).toThrow(
        'junit.xml was not written: it would have held the access token in an encoded form (found: raw or case-changed; hex)',
      );
      expect(() => guardOutput('summary.md', jsonEscaped(utf8(`x${TOKEN}`).toString('base64')))).toThrow(
        '(found: base64 after JSON / HTML / percent escapes (1 level))',
      );
      expect(withheldOutputs().map((failure) => failure.artifact)).toEqual(['junit.xml', 'summary.md']);
    });
  });

  it('a failure for several artifacts names them all', () => {
    const failure = new RedactionFailure(['a.json', 'b.md'], ['hex', 'hex'], ['c.xml']);
    expect(failure.artifacts).toEqual(['a.json', 'b.md']);
    expect(failure.artifact).toBe('a.json, b.md');
    expect(failure.written).toEqual(['c.xml']);
    expect(failure.name).toBe('RedactionFailure');
    expect(failure.message).toBe(
      'a.json, b.md were not written: they would have held the access token in an encoded form (found: hex)',
    );
    expect(new RedactionFailure('x', []).written).toEqual([]);
  });

  it('a planted redactor is what every client builds until it is restored; plants nest', () => {
    const identity = createRedactor([]);
    const restoreOuter = plantRedactionFault({ redactor: () => identity });
    expect(redactorFor([TOKEN])).toBe(identity);
    const restoreInner = plantRedactionFault({ finalScan: 'off' });
    expect(redactorFor([TOKEN]).text(TOKEN) === REDACTED).toBe(true);
    restoreInner();
    expect(redactorFor([TOKEN])).toBe(identity);
    restoreOuter();
    expect(redactorFor([TOKEN]).text(TOKEN) === REDACTED).toBe(true);
  });
});
