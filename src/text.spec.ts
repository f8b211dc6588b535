import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { escapeRegExp, shellQuote, shellWord } from './text.js';

describe('escapeRegExp', () => {
  it.each([
    'a.b*c+d?e^f$g{1}(h)|i[j]\\k',
    '/path/with-dashes/',
    '(?:x)|(?=y)',
    '\\u0070 \\x70 %70 &#112;',
    '\u0000\u001f\u007f',
    'lone \uD800 surrogate',
    '',
  ])('matches %j literally, with and without the u flag', (value) => {
    for (const flags of ['', 'u', 'i']) {
      const pattern = new RegExp(`^${escapeRegExp(value)}$`, flags);
      expect(pattern.test(value)).toBe(true);
      expect(pattern.test(`${value}x`)).toBe(false);
    }
  });

  it('makes every single UTF-16 code unit a literal (no character starts a construct)', () => {
    for (let unit = 0; unit <= 0xffff; unit++) {
      const char = String.fromCharCode(unit);
      expect(new RegExp(`^${escapeRegExp(char)}$`, 'u').test(char), `U+${unit.toString(16)}`).toBe(true);
    }
  });

  it('escapes only syntax characters, so a pattern reads as its value', () => {
    expect(escapeRegExp('Bearer pat-na1-00/ab')).toBe('Bearer pat-na1-00/ab');
    expect(escapeRegExp('a.b|c')).toBe('a\\.b\\|c');
  });
});

describe('shellQuote / shellWord', () => {
  const HOSTILE = ["it's", 'a b', '$(rm -rf /)', '`id`', 'x;y|z&', '"quoted"', '\\back', 'new\nline', '*.ts', "''", ''];

  it.each(HOSTILE)('%j reaches a POSIX shell as exactly itself', (value) => {
    for (const quoted of [shellQuote(value), shellWord(value)]) {
      expect(execFileSync('sh', ['-c', `printf %s ${quoted}`], { encoding: 'utf8' })).toBe(value);
    }
  });

  it('quotes always or only when needed', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('plain')).toBe("'plain'");
    expect(shellWord('hsac.config.json')).toBe('hsac.config.json');
    expect(shellWord('http://127.0.0.1:8080/x-y')).toBe('http://127.0.0.1:8080/x-y');
    expect(shellWord('a b')).toBe("'a b'");
  });
});
