import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RedactionFailure, withSecretScope } from '../transport/redact.js';
import { writeGuarded } from './guarded-write.js';

/**
 * The one writer every report file passes: the final scan decides, file by file, what reaches the disk.
 * Assertions compare names, booleans and counts, never a leaky text (a failing assertion must not print the token).
 */

const TOKEN = 'pat-na1-' + '7c1f0e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const LEAKY = JSON.stringify({ actual: Buffer.from(`Bearer ${TOKEN}`).toString('base64') });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-guarded-write-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The failure `fn` throws, which must be a RedactionFailure. */
function redactionFailure(fn: () => unknown): RedactionFailure {
  try {
    fn();
  } catch (error) {
    if (error instanceof RedactionFailure) return error;
    throw error;
  }
  throw new Error('expected a RedactionFailure');
}

describe('writeGuarded: every file through the final scan', () => {
  it('writes clean files into a directory it creates, as UTF-8, and returns their paths in order', () => {
    const target = join(dir, 'nested', 'out');
    const written = withSecretScope([TOKEN], () =>
      writeGuarded(target, [
        ['a.json', () => '{"ok":"é"}'],
        ['b.md', () => '# clean'],
      ]),
    );
    expect(written).toEqual([join(target, 'a.json'), join(target, 'b.md')]);
    expect(readFileSync(join(target, 'a.json'), 'utf8')).toBe('{"ok":"é"}');
    expect(readFileSync(join(target, 'b.md'), 'utf8')).toBe('# clean');
  });

  it('withholds every leaky file (removing a stale one of its name), writes the clean ones, then throws naming both', () => {
    writeFileSync(join(dir, 'report.json'), 'from an earlier run');
    const failure = withSecretScope([TOKEN], () =>
      redactionFailure(() =>
        writeGuarded(dir, [
          ['report.json', () => LEAKY],
          ['summary.md', () => 'clean'],
          ['junit.xml', () => `<x>${TOKEN}</x>`],
        ]),
      ),
    );
    expect(failure.artifacts).toEqual(['report.json', 'junit.xml']);
    expect(failure.written).toEqual([join(dir, 'summary.md')]);
    // One form per file at least, the encoded one named as such, and never the token.
    expect(failure.forms.some((form) => form.startsWith('base64'))).toBe(true);
    expect(failure.forms).toContain('raw or case-changed');
    expect(failure.message.includes(TOKEN)).toBe(false);
    expect(existsSync(join(dir, 'report.json'))).toBe(false);
    expect(existsSync(join(dir, 'junit.xml'))).toBe(false);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toBe('clean');
  });

  it('guards the secrets a caller names, also outside any scope', () => {
    const failure = redactionFailure(() => writeGuarded(dir, [['report.json', () => LEAKY]], { secrets: [TOKEN] }));
    expect(failure.artifacts).toEqual(['report.json']);
    expect(failure.written).toEqual([]);
    expect(existsSync(join(dir, 'report.json'))).toBe(false);
  });

  it('a render that fails for another reason is not a withheld file: its error goes through as it is', () => {
    const broken = new TypeError('render bug');
    const render = (): string => {
      throw broken;
    };
    expect(() => withSecretScope([TOKEN], () => writeGuarded(dir, [['report.json', render]]))).toThrow(broken);
  });
});
