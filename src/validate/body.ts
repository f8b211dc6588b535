import type { Finding } from '../registry/finding.js';
import { withDeclaredSeverity, type CheckIdOfKind } from '../registry/index.js';
import { childPointer } from '../json-pointer.js';
import type { Profile } from './profiles.js';

/** Limits that keep a hostile or broken body from hanging or crashing a check. */
export interface BodyLimits {
  /** Largest body read, in bytes. HubSpot batch bodies are far smaller; past this hsac says so instead of parsing. */
  readonly maxBytes: number;
  /** Deepest nesting accepted. Real association bodies nest about 8 levels. */
  readonly maxDepth: number;
}

/** Defaults: 32 MiB comfortably holds a 1000-input batch read; 64 levels is 8x the real depth. */
export const DEFAULT_BODY_LIMITS: BodyLimits = { maxBytes: 32 * 1024 * 1024, maxDepth: 64 };

/** A body read from bytes: the parsed value, or the findings that say why it could not be read. */
export type ReadBody =
  | { readonly ok: true; readonly value: unknown; readonly findings: readonly Finding[] }
  | { readonly ok: false; readonly findings: readonly Finding[] };

const BOM = '\uFEFF';

/** A body that cannot be read, said under one of the reader's checks (src/registry/body-reader.ts). */
function fail(check: CheckIdOfKind<'body-reader'>, message: string, actual?: unknown): ReadBody {
  const finding = withDeclaredSeverity({ check, instancePath: '', message });
  if (actual !== undefined) finding.actual = actual;
  return { ok: false, findings: [finding] };
}

/** A short, printable excerpt of what was received, for messages. */
function excerpt(text: string): string {
  const flat = text.slice(0, 60).replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${flat}…` : flat;
}

/**
 * The deepest nesting of arrays and objects in JSON text, found by one linear scan that skips
 * strings. Scanning before parsing means a 100,000-deep body is refused in O(n) without building
 * it, and no later walker (ajv, the lenient policy, reporters) ever meets unbounded depth.
 */
export function jsonNestingDepth(text: string, stopAt = Number.POSITIVE_INFINITY): number {
  return scanJsonText(text, stopAt, 0).deepest;
}

/**
 * Reads a response or request body from bytes or text. Never throws: empty input, HTML error
 * pages, malformed JSON, oversized and over-deep bodies become findings. A UTF-8 byte-order mark
 * is removed with a warning (RFC 8259 §8.1: senders MUST NOT add one; parsers MAY ignore it).
 */
export function readBody(
  input: string | Uint8Array | { readonly byteLength: number },
  limits: BodyLimits = DEFAULT_BODY_LIMITS,
  profile: Profile = 'strict',
): ReadBody {
  // Stryker disable next-line StringLiteral: UTF-8 is Buffer.byteLength's default, for a missing or empty encoding
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > limits.maxBytes) {
    return fail(
      'body-size',
      `body is ${size.toLocaleString('en-US')} bytes, over the ${limits.maxBytes.toLocaleString('en-US')}-byte limit; not parsed`,
      size,
    );
  }
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
    // Only a size was given (a file too large to read); it is within the limit, so nothing to read.
    return fail('body-not-json', 'no body bytes were read');
  }
  const text =
    typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(input);
  const findings: Finding[] = [];
  // The mark is said here and dropped by the trim below (U+FEFF is ECMAScript white space).
  if (text.startsWith(BOM)) {
    findings.push(
      withDeclaredSeverity({
        check: 'body-encoding',
        instancePath: '',
        message: 'body starts with a UTF-8 byte-order mark (RFC 8259 §8.1: JSON senders must not add one); ignored',
      }),
    );
  }
  const trimmed = text.trim();
  if (trimmed.length === 0) return fail('body-not-json', 'body is empty; expected a JSON document');
  if (/^<(!doctype|html|\?xml|head|body)/i.test(trimmed)) {
    return fail('body-not-json', `body is an HTML/XML page, not JSON: "${excerpt(trimmed)}"`, excerpt(trimmed));
  }
  // One pass finds both the depth (checked before parsing) and the duplicate keys (said after it).
  const scanned = scanJsonText(trimmed, limits.maxDepth, MAX_DUPLICATE_KEYS + 1);
  if (scanned.deepest > limits.maxDepth) {
    return fail('body-depth', `body nests deeper than ${limits.maxDepth} levels; not parsed`, `> ${limits.maxDepth}`);
  }
  let value: unknown;
  try {
    // JSON.parse defines `__proto__` and `constructor` keys as own data properties; it never
    // touches a prototype, and the checks downstream treat them as unknown fields.
    value = JSON.parse(trimmed);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail('body-not-json', `body is not valid JSON (${reason}): "${excerpt(trimmed)}"`, excerpt(trimmed));
  }
  // Said only for a body that parses: a malformed one is said once, as not JSON.
  for (const finding of duplicateKeyFindings(scanned.duplicates, profile)) findings.push(finding);
  return { ok: true, value, findings };
}

/** One key that an object of a JSON text holds more than once. */
export interface DuplicateKey {
  /** JSON Pointer of the object (`''`: the top-level object). */
  readonly pointer: string;
  /** The key, decoded (`"\u0061"` and `"a"` are the same key, as every parser compares them). */
  readonly key: string;
}

/** Duplicates listed per body: a hostile body could repeat a key a million times; the first few say it all. */
export const MAX_DUPLICATE_KEYS = 20;

/** Keys per object compared by a linear scan; past this a Set is cheaper (HubSpot objects hold under 10). */
const LINEAR_KEYS = 8;

/**
 * The keys that appear more than once in one object of `text`, in the order they are met (each
 * object and key once), at most `limit`. A leading byte-order mark is skipped. On text that is not
 * JSON it ends without looping or throwing, but what it finds there means nothing.
 *
 * Why a scanner: `JSON.parse` keeps the last of two equal keys without a word, and other parsers
 * keep the first or refuse the body (RFC 8259 §4: names SHOULD be unique; "the behavior of
 * software that receives such an object is unpredictable"), so a client and hsac may read two
 * different bodies. The parsed value has lost the evidence; only the text has it.
 */
export function duplicateKeys(text: string, limit = MAX_DUPLICATE_KEYS): DuplicateKey[] {
  return scanJsonText(text, Number.POSITIVE_INFINITY, limit).duplicates;
}

/**
 * One linear pass over JSON text: the deepest nesting (stopping once past `maxDepth`) and up to
 * `limit` duplicate keys (none looked for when `limit` is 0). readBody needs both, before and after
 * its parse: sharing the depth scan's pass is what keeps bodies without duplicates cheap (a second
 * pass of its own would cost about as much as JSON.parse of the same body).
 *
 * It allocates nothing per value: only keys are sliced (and decoded only when they hold an
 * escape), per-depth key lists are reused, and a pointer is built only when a duplicate is found.
 */
function scanJsonText(text: string, maxDepth: number, limit: number): { deepest: number; duplicates: DuplicateKey[] } {
  const found: DuplicateKey[] = [];
  const reported = new Set<string>();
  // Per depth: whether the container is an object, the keys seen in it (reused from object to
  // object at the same depth), a Set once it grows past LINEAR_KEYS, and the current key or index
  // (the child's pointer token).
  // Stryker disable next-line ArrayDeclaration: a depth's slot is written when its container opens, before any read
  const isObject: boolean[] = [];
  const keys: string[][] = [];
  // Stryker disable next-line ArrayDeclaration: a depth's slot is set to 0 when its object opens, before any read
  const keyCount: number[] = [];
  const keySets: (Set<string> | undefined)[] = [];
  // Stryker disable next-line ArrayDeclaration: in JSON text a token (key, index) is set before a child opens
  const token: (string | number)[] = [];
  // `depth` indexes the open container (-1: none); the nesting is depth + 1.
  let depth = -1;
  let deepest = 0;
  // Stryker disable next-line BooleanLiteral: in JSON text a string before any container is the whole document
  let expectKey = false;
  let collecting = limit > 0;
  const n = text.length;
  // A leading byte-order mark needs no case of its own: like any character outside strings that is no bracket or
  // comma, it is stepped over.
  let i = 0;
  // Stryker disable next-line EqualityOperator: charCodeAt(n) is NaN, which no case matches: one more step, no effect
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Walked char by char: measured faster than indexOf per string (strings here are short), and
      // it learns on the way whether the string holds an escape (then only is it decoded).
      let end = i + 1;
      let escaped = false;
      // Bounded by n: on text that is not JSON (an unterminated string) the scan ends, never loops.
      // Stryker disable next-line EqualityOperator: NaN at end === n is no quote; end passes n, the break below ends it
      while (end < n) {
        const d = text.charCodeAt(end);
        if (d === 0x22) break;
        if (d === 0x5c) {
          escaped = true;
          end += 2;
        } else end++;
      }
      if (end >= n) break;
      if (expectKey && collecting) {
        expectKey = false;
        const key = escaped ? decodeKey(text.slice(i, end + 1)) : text.slice(i + 1, end);
        token[depth] = key;
        const list = keys[depth]!;
        const count = keyCount[depth]!;
        let seen = false;
        // Stryker disable next-line ConditionalExpression: the Set is a speed-up; the linear scan finds the same keys
        if (count < LINEAR_KEYS) {
          for (let k = 0; k < count; k++) if (list[k] === key) seen = true;
          list[count] = key;
        } else {
          // Built (or cleared and refilled) as this object's key count reaches LINEAR_KEYS, so defined past it.
          if (count === LINEAR_KEYS) {
            const built = keySets[depth] ?? new Set<string>();
            built.clear();
            // Stryker disable next-line EqualityOperator: list[count] is unwritten (keys 9 on go to the Set)
            for (let k = 0; k < count; k++) built.add(list[k]!);
            keySets[depth] = built;
          }
          const set = keySets[depth]!;
          seen = set.has(key);
          set.add(key);
        }
        keyCount[depth] = count + 1;
        if (seen) {
          let pointer = '';
          for (let d = 0; d < depth; d++) pointer = childPointer(pointer, token[d]!);
          const id = `${pointer}\u0000${key}`;
          if (!reported.has(id)) {
            reported.add(id);
            found.push({ pointer, key });
            if (found.length >= limit) {
              // Enough said; the depth may still need the rest of the text.
              // Stryker disable next-line ConditionalExpression: a shortcut; scanning on, collecting stops below
              if (maxDepth === Number.POSITIVE_INFINITY) return { deepest, duplicates: found };
              // Stryker disable next-line BooleanLiteral: only readBody gets here and it lists the first 20 of its 21
              collecting = false;
            }
          }
        }
      }
      i = end + 1;
    } else if (c === 0x7b /* { */) {
      depth++;
      if (depth >= deepest && (deepest = depth + 1) > maxDepth) return { deepest, duplicates: found };
      isObject[depth] = true;
      // Stryker disable next-line ArrayDeclaration: a list's slot k is written (key count k) before it is read
      keys[depth] ??= [];
      keyCount[depth] = 0;
      expectKey = true;
      i++;
    } else if (c === 0x5b /* [ */) {
      depth++;
      if (depth >= deepest && (deepest = depth + 1) > maxDepth) return { deepest, duplicates: found };
      isObject[depth] = false;
      token[depth] = 0;
      expectKey = false;
      i++;
    } else if (c === 0x2c /* , */) {
      if (isObject[depth]) expectKey = true;
      else token[depth] = (token[depth] as number) + 1;
      i++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
      // An empty object leaves expectKey set; what follows a close is never a key.
      expectKey = false;
      i++;
    } else i++;
  }
  return { deepest, duplicates: found };
}

/** A key that holds an escape, decoded; on text that is not JSON (a bad escape) its raw spelling will do. */
function decodeKey(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted;
  }
}

/**
 * `duplicate-key` findings for the duplicates a scan found (at most {@link MAX_DUPLICATE_KEYS}
 * listed, the last saying when there were more): an error under `strict`, a warning under `lenient`
 * (HubSpot never sends duplicates, but a robust client survives them; parsers disagree on which
 * value wins, so it is never silently dropped).
 */
export function duplicateKeyFindings(duplicates: readonly DuplicateKey[], profile: Profile = 'strict'): Finding[] {
  const listed = duplicates.slice(0, MAX_DUPLICATE_KEYS);
  return listed.map(({ pointer, key }, index) => ({
    check: 'duplicate-key',
    severity: profile === 'strict' ? 'error' : 'warning',
    instancePath: pointer,
    message:
      `the object has the key ${JSON.stringify(key)} more than once; JSON parsers disagree on which value wins (JSON.parse and hsac keep the last, others the first or refuse the body; RFC 8259 §4)` +
      (index === MAX_DUPLICATE_KEYS - 1 && duplicates.length > MAX_DUPLICATE_KEYS
        ? `; only the first ${MAX_DUPLICATE_KEYS} duplicates are listed`
        : ''),
    expected: 'unique keys',
    actual: key,
  }));
}
