import { describe, expect, it } from 'vitest';
import {
  compileSecretMatcher,
  createRedactor,
  guardedSecrets,
  guardOutput,
  guardSecret,
  plantRedactionFault,
  REDACTED,
  RedactionFailure,
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
const redactor = createRedactor([TOKEN]);

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

  it('a body that is not JSON is redacted as text', () => {
    expect(redactor.leaks(redactor.body(`<html>${jsonEscaped(TOKEN)} ${percentAll(TOKEN)}</html>`))).toBe(false);
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
