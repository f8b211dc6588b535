import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { secretForms } from '../../src/transport/index.js';

/**
 * The redaction scanner: every byte of every file under some directories, searched for every
 * form a token can take on the wire. It reads files as bytes (not text), so no decoding step can
 * hide a copy.
 */

/**
 * Base64 of the token when it does not start on a 3-byte boundary (after "Bearer ", inside a
 * Basic credential, in a longer encoded value): the characters that depend on the token alone,
 * for each of the three alignments, in both alphabets.
 */
function shiftedBase64(token: string): string[] {
  const bytes = Buffer.from(token, 'utf8');
  const forms: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const from = Math.ceil((shift * 8) / 6);
    const to = Math.floor(((shift + bytes.length) * 8) / 6);
    const core = encoded.slice(from, to);
    forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

/**
 * Every form searched: hsac's own `secretForms` (raw, base64, base64url, percent-encoded) plus base64 at every
 * alignment.
 */
export function tokenForms(token: string): string[] {
  return [...new Set([...secretForms(token), ...shiftedBase64(token)])].filter((form) => form.length >= 8);
}

/** One copy of a form found in a file. */
export interface Copy {
  readonly file: string;
  readonly form: string;
  readonly offset: number;
}

/** What a scan looked at and found. */
export interface ScanResult {
  readonly files: readonly string[];
  readonly bytes: number;
  readonly forms: readonly string[];
  readonly copies: readonly Copy[];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

/** Scans every file under `dirs` (recursively) for every form of `token`. */
export function scanForToken(dirs: readonly string[], token: string): ScanResult {
  const forms = tokenForms(token);
  const files = dirs.flatMap(filesUnder).sort();
  const copies: Copy[] = [];
  let bytes = 0;
  for (const file of files) {
    const content = readFileSync(file);
    bytes += content.length;
    for (const form of forms) {
      const needle = Buffer.from(form, 'utf8');
      for (let at = content.indexOf(needle); at >= 0; at = content.indexOf(needle, at + 1))
        copies.push({ file, form, offset: at });
    }
  }
  // Every file was read whole: sizes on disk add up to the bytes scanned.
  if (bytes !== files.reduce((sum, file) => sum + statSync(file).size, 0))
    throw new Error('scan read fewer bytes than the files hold');
  return { files, bytes, forms, copies };
}
