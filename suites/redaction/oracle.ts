import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The oracle of the redaction suites: does a text hold the token in any form a viewer could turn
 * back into it? Written apart from hsac's redactor and scan (src/transport/redact.ts) and on
 * purpose simpler: it undoes escapes level by level (JSON and JS escapes, HTML and XML references,
 * percent-encoding) and, in every level, looks for the token in any letter case, its hex, and the
 * characters of its base64 / base64url that the token alone decides, found by comparing two
 * encodings with different bytes around it (no bit arithmetic shared with hsac). It names forms,
 * never the token, so a failure can be printed.
 */

/** Base64 (both alphabets) characters that depend on the token alone, at each byte alignment. */
function base64Cores(token: string): string[] {
  const bytes = Buffer.from(token, 'utf8');
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    // The same token between all-zero bytes and between all-one bytes: where the two encodings
    // agree, the character is decided by the token's bits only.
    const zeros = Buffer.concat([Buffer.alloc(shift, 0x00), bytes, Buffer.alloc(3, 0x00)]).toString('base64');
    const ones = Buffer.concat([Buffer.alloc(shift, 0xff), bytes, Buffer.alloc(3, 0xff)]).toString('base64');
    let start = 0;
    while (start < zeros.length && zeros[start] !== ones[start]) start++;
    let end = start;
    while (end < zeros.length && zeros[end] === ones[end]) end++;
    const core = zeros.slice(start, end);
    cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...new Set(cores)].filter((core) => core.length >= 6);
}

/** One level of every escape a viewer may undo. */
function unescapeLevel(text: string): string {
  return text
    .replace(/\\+u([0-9a-fA-F]{4})/g, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)))
    .replace(/\\+x([0-9a-fA-F]{2})/g, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)))
    .replace(/\\+(["\\/])/g, '$1')
    .replace(/&#x([0-9a-fA-F]+);/g, (_, code: string) =>
      String.fromCodePoint(Math.min(0x10ffff, Number.parseInt(code, 16))),
    )
    .replace(/&#([0-9]+);/g, (_, code: string) => String.fromCodePoint(Math.min(0x10ffff, Number(code))))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('latin1'));
}

/** Where the token was found: the form and how many levels of escapes were undone first. */
export interface OracleHit {
  readonly form: 'token, any case' | 'hex' | 'base64';
  readonly level: number;
}

/** Every form of `token` in `text` (empty when none). */
export function oracleHits(text: string, token: string): OracleHit[] {
  const lowerToken = token.toLowerCase();
  // The token in latin1 (how percent runs are decoded above) matches its UTF-8 bytes read that way.
  const lowerLatin1 = Buffer.from(lowerToken, 'utf8').toString('latin1');
  const hexToken = Buffer.from(token, 'utf8').toString('hex');
  const cores = base64Cores(token).map((core) => core.toLowerCase());
  const hits: OracleHit[] = [];
  let view = text;
  for (let level = 0; level < 5; level++) {
    const lower = view.toLowerCase();
    if (lower.includes(lowerToken) || lower.includes(lowerLatin1)) hits.push({ form: 'token, any case', level });
    if (lower.includes(hexToken)) hits.push({ form: 'hex', level });
    // Case-insensitive on purpose: a header name is lower-cased on the way, and lower-cased
    // base64 is recoverable four characters at a time.
    if (cores.some((core) => lower.includes(core))) hits.push({ form: 'base64', level });
    const next = unescapeLevel(view);
    if (next === view) break;
    view = next;
  }
  return hits;
}

/** What one case wrote and printed, by name (file names, `stdout`, `stderr`). */
export type Outputs = Readonly<Record<string, string>>;

/** Every file under `dir` (one level: reports and the journal), read as UTF-8 text. */
export function readOutputs(dir: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true }))
    if (entry.isFile()) outputs[entry.name] = readFileSync(join(dir, entry.name), 'utf8');
  return outputs;
}

/** One leak: which output, which form, after how many levels of unescaping. */
export interface Leak {
  readonly output: string;
  readonly form: string;
  readonly level: number;
}

/** Every leak of `token` in `outputs` (empty when none), described without the token. */
export function leaksIn(outputs: Outputs, token: string): Leak[] {
  return Object.entries(outputs).flatMap(([output, text]) =>
    oracleHits(text, token).map((hit) => ({ output, form: hit.form, level: hit.level })),
  );
}

/** Leaks as one line (no token). */
export function describeLeaks(leaks: readonly Leak[]): string {
  return leaks
    .map((leak) => `${leak.output}: ${leak.form}${leak.level > 0 ? ` after ${leak.level} level(s) of unescaping` : ''}`)
    .join('; ');
}
