import { AsyncLocalStorage } from 'node:async_hooks';
import { escapeRegExp } from '../text.js';

/**
 * Token redaction by value, after decoding. Key-name based masking (Schemathesis' approach,
 * PEERS.md §1.1) misses a token echoed in an innocent field or an error message, and matching the
 * raw text alone misses a token a provider echoes encoded: a JSON body with the token as `\u`
 * escapes parses to the token, and every report that shows the parsed value (a finding's
 * `actual`) or pretty-prints the body (a HAR viewer) decodes it back (issue 12). hsac therefore
 * matches every spelling of the secret a provider can echo, in one precompiled matcher:
 *
 * - raw, in any letter case;
 * - JSON / JavaScript string escapes (`\u0070`, `\x70`, `\"`, `\\`, `\/`, also nested: `\\u0070`),
 *   percent-encoding (`%70`, either case of hex digit, `+` for a space) and HTML / XML character
 *   references (`&#112;`, `&#x70;`, `&amp;`), each character spelled any of these ways, mixed;
 * - base64 and base64url of the secret in its own, lower and upper case, at each of the three
 *   byte alignments (so also inside `Basic user:<token>` or `Bearer <token>`, at any offset inside
 *   a longer base64 run), matched case-insensitively (a lower-cased base64 run, e.g. as an HTTP
 *   header name, is recoverable group by group);
 * - hex of the secret (any case of digit).
 *
 * The same matcher is the first half of the final scan ({@link guardOutput}): every writer passes
 * what it is about to write through it, after decoding escapes, base64 runs, hex runs and percent
 * runs, and refuses ({@link RedactionFailure}) when any form is left. The scan fails closed; the
 * redactor keeps that from ever happening in practice.
 */

/** What every form of a secret is replaced with. */
export const REDACTED = '[REDACTED]';

/**
 * Secrets shorter than this are not matched: a three-letter "secret" cannot be told from text, and
 * redacting it everywhere would blank the reports. Real tokens are dozens of characters.
 */
export const MIN_SECRET_LENGTH = 4;

/** Characters of a base64 or base64url run (padding only ends one). */
const BASE64_CHAR = /[A-Za-z0-9+/_-]/;

/** The spellings of a secret's letter case a redactor and the scan consider for encoded forms. */
function caseVariants(secret: string): string[] {
  return [...new Set([secret, secret.toLowerCase(), secret.toUpperCase()])];
}

/**
 * Base64 and base64url of `bytes` at each of the three byte alignments: the characters that depend
 * on `bytes` alone. Any base64 text of a byte string holding `bytes` (after `Bearer `, inside a
 * Basic credential, anywhere in a longer value) holds one of these.
 */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  // Stryker disable next-line EqualityOperator: a fourth alignment is the first one again, three zero bytes later
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const core = encoded.slice(Math.ceil((shift * 8) / 6), Math.floor(((shift + bytes.length) * 8) / 6));
    cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

function hex2(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/**
 * Literal spellings of a secret (raw and case-changed, base64 / base64url padded, unpadded and at
 * every alignment, hex, percent-encoded, JSON-escaped), longest first. The matcher does not use
 * this list (it matches per character, see the module comment); it is for byte scanners and
 * documentation, e.g. a test that greps files for the token.
 */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>();
  for (const variant of caseVariants(secret)) {
    // Buffer.from and byteLength read a string as UTF-8.
    const bytes = Buffer.from(variant);
    const base64 = bytes.toString('base64');
    const hex = bytes.toString('hex');
    const percent = [...bytes].map((byte) => `%${hex2(byte)}`).join('');
    for (const form of [
      variant,
      base64,
      // "=" only ever pads the end.
      base64.replace(/=/g, ''),
      bytes.toString('base64url'),
      ...base64Cores(bytes),
      hex,
      hex.toUpperCase(),
      encodeURIComponent(variant),
      percent,
      percent.toUpperCase(),
    ])
      forms.add(form);
    forms.add(
      Array.from(
        { length: variant.length },
        (_, i) => `\\u${(variant.charCodeAt(i) | 0x10000).toString(16).slice(1)}`,
      ).join(''),
    );
  }
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/** JSON's two-character escapes, by the character they stand for. */
const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  '\b': 'b',
  '\f': 'f',
  '\n': 'n',
  '\r': 'r',
  '\t': 't',
};
const NAMED_ENTITIES: Readonly<Record<string, readonly string[]>> = {
  '&': ['amp'],
  '<': ['lt'],
  '>': ['gt'],
  '"': ['quot'],
  "'": ['apos'],
};

/**
 * Every way one character of the secret can be spelled in text a provider sends or hsac writes:
 * itself (the `i` flag covers its case), a JSON `\u` escape, a `\x` escape, a two-character JSON
 * escape, percent-encoded UTF-8, an HTML / XML character reference. Escapes may sit behind more
 * than one backslash (a body quoted inside report.json is two deep, inside a HAR string three).
 * For the secret's first character only the last backslash is matched and the ones before it are
 * taken in when the match is widened ({@link SecretMatcher.spans}): that group is tried at every
 * position of the text, so a provider's run of a million backslashes must cost one step per
 * position there, not a bounded backtrack; later characters are tried only after a first one.
 */
function characterPattern(ch: string, first: boolean): string {
  const backslashes = first ? '\\\\' : '\\\\{1,16}';
  const alternatives = [escapeRegExp(ch)];
  // Stryker disable next-line ArrayDeclaration: a filler alternative matches only text spelling it behind a backslash
  const escapes: string[] = [];
  // A case-changed token may be encoded too (`%50` is `P`): every encoding, of every case of it.
  for (const variant of new Set([ch, ch.toLowerCase(), ch.toUpperCase()])) {
    const units = Array.from({ length: variant.length }, (_, i) => variant.charCodeAt(i));
    escapes.push(units.map((unit) => `u${(unit | 0x10000).toString(16).slice(1)}`).join('\\\\{1,16}'));
    const bytes = [...Buffer.from(variant)];
    if (bytes.length === 1) escapes.push(`x${hex2(bytes[0] ?? 0)}`);
    const short = SHORT_ESCAPES[variant];
    if (short !== undefined) escapes.push(escapeRegExp(short));
    alternatives.push(bytes.map((byte) => `%${hex2(byte)}`).join(''));
    const codePoint = variant.codePointAt(0) ?? 0;
    alternatives.push(`&#0*${codePoint};`, `&#x0*${codePoint.toString(16)};`);
    // Stryker disable next-line ArrayDeclaration: a filler entity name matches only text that spells it as an entity
    for (const name of NAMED_ENTITIES[variant] ?? []) alternatives.push(`&${name};`);
  }
  alternatives.push(`${backslashes}(?:${escapes.join('|')})`);
  // application/x-www-form-urlencoded spells a space as `+`.
  if (ch === ' ') alternatives.push('\\+');
  return `(?:${alternatives.join('|')})`;
}

/** The secret spelled character by character, each character any way {@link characterPattern} allows. */
function spelledPattern(secret: string): string {
  return Array.from(secret, (ch, index) => characterPattern(ch, index === 0)).join('');
}

/** A region of text that holds a secret, and which family of form it is. */
export interface SecretSpan {
  readonly start: number;
  readonly end: number;
  /** `spelled`: raw, any case, escaped, percent-encoded or entity-encoded; `encoded`: base64, base64url or hex. */
  readonly kind: 'spelled' | 'encoded';
}

/**
 * A partial escape left of a match (`\u00` then `70` matched raw, `%` then `7`...): the match is
 * widened over it, so a redaction never leaves half an escape (which would break a JSON body).
 */
const PARTIAL_ESCAPE_BEFORE = /(?:\\+(?:u[0-9a-fA-F]{0,3}|x[0-9a-fA-F]?)?|%[0-9a-fA-F]?|&#?[xX]?[0-9a-zA-Z]{0,8})$/;

/** Most passes of {@link SecretMatcher.replace} over one text (each one after a marker spelled a secret anew). */
const REDACTION_ROUNDS = 4;

/**
 * The one precompiled matcher for a set of secrets: a single regular expression (flags `gi`) whose
 * first group spells every secret character by character in any of the spellings above, and whose
 * second group lists the encoded literals (base64 cores, hex). One pass over the text finds every
 * form; there is no loop per form.
 */
export class SecretMatcher {
  private readonly pattern: RegExp;
  /** The secrets' UTF-8 bytes in lower case, as latin1 strings, for searching decoded bytes. */
  readonly loweredBytes: readonly string[];
  /** The shortest secret, in UTF-8 bytes: runs that decode to fewer bytes cannot hold one. */
  readonly minBytes: number;

  constructor(readonly secrets: readonly string[]) {
    const spelled = secrets.map(spelledPattern);
    const literals = new Set<string>();
    for (const secret of secrets) {
      for (const variant of caseVariants(secret)) {
        const bytes = Buffer.from(variant);
        literals.add(bytes.toString('hex'));
        // A core of a secret of MIN_SECRET_LENGTH characters or more is never shorter than that.
        for (const core of base64Cores(bytes)) literals.add(core);
      }
    }
    // In any order: a match is widened to the whole base64 or hex run it sits in.
    const encoded = [...literals].map(escapeRegExp);
    this.pattern = new RegExp(`(${spelled.join('|')})|(${encoded.join('|')})`, 'gi');
    this.loweredBytes = secrets.map((secret) => Buffer.from(secret.toLowerCase()).toString('latin1'));
    this.minBytes = Math.min(...secrets.map((secret) => Buffer.byteLength(secret)));
  }

  /** True when `text` holds any form of any secret. */
  test(text: string): boolean {
    this.pattern.lastIndex = 0;
    const found = this.pattern.test(text);
    this.pattern.lastIndex = 0;
    return found;
  }

  /**
   * Every region holding a secret, in order, not overlapping. A base64 or hex match is widened to
   * the whole run it sits in (the bytes around the token, `Bearer ` included, go with it); a
   * spelled match is widened over a partial escape on its left.
   */
  spans(text: string): SecretSpan[] {
    const spans: SecretSpan[] = [];
    const pattern = this.pattern;
    pattern.lastIndex = 0;
    let previousEnd = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      let start = match.index;
      let end = start + match[0].length;
      const kind: SecretSpan['kind'] = match[1] !== undefined ? 'spelled' : 'encoded';
      if (kind === 'encoded') {
        while (start > previousEnd && BASE64_CHAR.test(text.charAt(start - 1))) start--;
        // Past the end charAt gives '', which is neither: no bound needed.
        while (BASE64_CHAR.test(text.charAt(end))) end++;
        while (text.charAt(end) === '=') end++;
      } else {
        const before = PARTIAL_ESCAPE_BEFORE.exec(text.slice(Math.max(previousEnd, start - 64), start));
        if (before) start -= before[0].length;
      }
      spans.push({ start, end, kind });
      previousEnd = end;
      pattern.lastIndex = end;
    }
    pattern.lastIndex = 0;
    return spans;
  }

  /**
   * `text` with every region holding a secret replaced by {@link REDACTED}. A secret holding `[` or `]` can be spelled
   * anew by a marker and the text beside it (`]abc` in `]abcabc` leaves `[REDACTED]abc`), so the text is redacted
   * again while a secret is left, at most {@link REDACTION_ROUNDS} times: a secret the markers themselves spell
   * (`dact`) never goes, and the final scan refuses what is left.
   */
  replace(text: string): string {
    let out = this.replaceOnce(text);
    for (let round = 1; round < REDACTION_ROUNDS; round++) {
      // Stryker disable next-line ConditionalExpression: a round over text with no secret left gives the text back
      if (!this.test(out)) break;
      out = this.replaceOnce(out);
    }
    return out;
  }

  private replaceOnce(text: string): string {
    let out = '';
    let at = 0;
    for (const span of this.spans(text)) {
      out += text.slice(at, span.start) + REDACTED;
      at = span.end;
    }
    return out + text.slice(at);
  }
}

/** Builds the matcher for `secrets`, or undefined when none is long enough to match. */
export function compileSecretMatcher(secrets: Iterable<string | undefined>): SecretMatcher | undefined {
  const usable = [
    ...new Set(
      [...secrets].filter(
        (secret): secret is string => typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH,
      ),
    ),
  ];
  return usable.length > 0 ? new SecretMatcher(usable) : undefined;
}

// ---------------------------------------------------------------------------------------------
// The final scan: look again after decoding.

/** One form of a secret the final scan found; never the secret itself. */
export interface LeakHit {
  /** How it was spelled: `raw or case-changed`, `escaped`, `base64`, `hex`, ... */
  readonly form: string;
  /** Where, in the text as written (for a form found after decoding: the start of the decoded run or view). */
  readonly offset: number;
  /** What was decoded first to find it, e.g. `JSON / HTML / percent escapes (2 levels)`. */
  readonly after?: string;
}

/** One level of unescaping: JSON and JS escapes, HTML / XML character references, percent runs. */
const ESCAPE =
  /\\+u([0-9a-fA-F]{4})|\\+x([0-9a-fA-F]{2})|\\+([^ux])|&(amp|lt|gt|quot|apos);|&#([0-9]{1,7});|&#[xX]([0-9a-fA-F]{1,6});|((?:%[0-9a-fA-F]{2})+)/g;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const JSON_SHORT: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function fromCodePoint(value: number): string {
  // Stryker disable next-line StringLiteral: past Unicode there is no character, so nothing a secret holds either way
  return value <= 0x10ffff ? String.fromCodePoint(value) : '\uFFFD';
}

/** Decodes one level of every escape the scan knows; a viewer may apply any of them. */
function unescapeOnce(text: string): string {
  return text.replace(
    ESCAPE,
    (
      whole,
      u?: string,
      x?: string,
      short?: string,
      named?: string,
      decimal?: string,
      hex?: string,
      percent?: string,
    ) => {
      if (u !== undefined) return String.fromCharCode(parseInt(u, 16));
      if (x !== undefined) return String.fromCharCode(parseInt(x, 16));
      if (short !== undefined) return JSON_SHORT[short] ?? short;
      if (named !== undefined) return NAMED[named] ?? whole;
      if (decimal !== undefined) return fromCodePoint(Number(decimal));
      if (hex !== undefined) return fromCodePoint(parseInt(hex, 16));
      // Stryker disable next-line ConditionalExpression: the pattern matched and no other group did, so this one did
      if (percent !== undefined) return Buffer.from(percent.replace(/%/g, ''), 'hex').toString('utf8');
      return whole;
    },
  );
}

/** Levels of escaping undone: a body in a HAR string in a JSON report is three deep. */
const UNESCAPE_LEVELS = 4;

/** Whether decoded bytes hold a secret in any letter case. */
function bytesHold(bytes: Buffer, matcher: SecretMatcher): boolean {
  const lowered = bytes.toString('latin1').toLowerCase();
  return matcher.loweredBytes.some((secret) => lowered.includes(secret));
}

/** Base64 (either alphabet) and hex runs of `view` decoded at every alignment, searched for the secrets. */
function decodedRunHits(view: string, matcher: SecretMatcher, after: string | undefined): LeakHit[] {
  const hits: LeakHit[] = [];
  // Stryker disable next-line ArithmeticOperator: a lower bound only decodes more runs too short to hold a secret
  const shortestBase64 = Math.ceil((matcher.minBytes * 4) / 3);
  // Maximal runs, then their length: `[...]{59,}` would re-scan up to 59 characters from every
  // start inside every shorter run (most of a report), a run of its own costs one pass.
  const base64Runs = /[A-Za-z0-9+/_-]+/g;
  for (let run = base64Runs.exec(view); run !== null; run = base64Runs.exec(view)) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: saves decoding, a shorter run holds no secret
    if (run[0].length < shortestBase64) continue;
    // Stryker disable next-line EqualityOperator: a fifth alignment decodes what the first did, less its first group
    for (let shift = 0; shift < 4; shift++) {
      // The whole rest of the run, its unpadded tail included: a run that ends the text (base64
      // with its "=" stripped) keeps the secret's last bytes in a partial group. Node's base64 decoder reads
      // either alphabet.
      const usable = run[0].slice(shift);
      if (bytesHold(Buffer.from(usable, 'base64'), matcher)) {
        hits.push({ form: 'base64', offset: run.index, ...(after ? { after } : {}) });
        break;
      }
    }
  }
  const hexRuns = /[0-9a-fA-F]+/g;
  for (let run = hexRuns.exec(view); run !== null; run = hexRuns.exec(view)) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: a shorter run holds none
    if (run[0].length < matcher.minBytes * 2) continue;
    // Stryker disable next-line EqualityOperator: a third alignment decodes what the first did, less its first byte
    for (let shift = 0; shift < 2; shift++) {
      // Node's hex decoder stops before an odd last digit.
      const usable = run[0].slice(shift);
      if (bytesHold(Buffer.from(usable, 'hex'), matcher)) {
        hits.push({ form: 'hex', offset: run.index, ...(after ? { after } : {}) });
        break;
      }
    }
  }
  return hits;
}

function formOf(found: string, span: SecretSpan): string {
  if (span.kind === 'encoded') return /^[0-9a-f]+$/i.test(found) ? 'hex' : 'base64';
  if (found.includes('\\')) return 'escaped';
  if (/%[0-9a-f]{2}/i.test(found)) return 'percent-encoded';
  if (/&#?\w+;/.test(found)) return 'entity-encoded';
  return 'raw or case-changed';
}

/**
 * The final scan: every form of every secret in `text`, looked for in the text as it is, then
 * after undoing up to {@link UNESCAPE_LEVELS} levels of JSON / JS escapes, HTML / XML references and
 * percent-encoding, and in every base64 / base64url run and hex run (at every alignment) of each of
 * those views, case-insensitively. Empty when the text is clean.
 */
export function scanForSecrets(text: string, matcher: SecretMatcher): LeakHit[] {
  const hits: LeakHit[] = [];
  let view = text;
  for (let level = 0; level <= UNESCAPE_LEVELS; level++) {
    const after = level === 0 ? undefined : `JSON / HTML / percent escapes (${level} level${level === 1 ? '' : 's'})`;
    for (const span of matcher.spans(view))
      hits.push({
        form: formOf(view.slice(span.start, span.end), span),
        offset: level === 0 ? span.start : 0,
        ...(after ? { after } : {}),
      });
    hits.push(...decodedRunHits(view, matcher, after));
    if (hits.length > 0) return hits;
    const next = unescapeOnce(view);
    // Stryker disable next-line ConditionalExpression: an unchanged view scans clean again; this only saves the passes
    if (next === view) break;
    view = next;
  }
  return hits;
}

// ---------------------------------------------------------------------------------------------
// Redactors.

/** A redactor for a fixed set of secrets: removes them from text, bodies, headers; finds what is left. */
export interface Redactor {
  /** `value` with every form of every secret replaced by {@link REDACTED}. */
  text(value: string): string;
  /**
   * A body: its raw text redacted (escapes included, so no viewer can decode the token back) and,
   * when it is JSON, its decoded values too. The text is changed only where a secret was, so a
   * clean body is kept byte for byte (big numbers, duplicate keys, formatting).
   */
  body(value: string): string;
  /** Header names and values redacted; `Authorization` is masked whole (its scheme says enough). */
  headers(headers: Readonly<Record<string, string>>): Record<string, string>;
  /** True when `value` still holds any form of a secret (as the redactor matches them). */
  leaks(value: string): boolean;
  /** The final scan of `value` (see {@link scanForSecrets}): empty when clean. */
  scan(value: string): LeakHit[];
}

/** A parsed JSON value with every string and key redacted (keys made unique again). */
function redactValue(value: unknown, matcher: SecretMatcher): unknown {
  if (typeof value === 'string') return matcher.replace(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, matcher));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      out[uniqueName(matcher.replace(key), out)] = redactValue(item, matcher);
    return out;
  }
  return value;
}

/** `name`, or `name#2`, `name#3`... when a redacted name collides with one already there. */
function uniqueName(name: string, taken: Readonly<Record<string, unknown>>): string {
  if (!Object.hasOwn(taken, name)) return name;
  let n = 2;
  while (Object.hasOwn(taken, `${name}#${n}`)) n++;
  return `${name}#${n}`;
}

/**
 * An `Authorization` value masked whole: its scheme is kept (`Bearer [REDACTED]`), redacted like any text (a token
 * sent without a scheme looks like one), and a value with no scheme is all credential.
 */
function maskCredentials(value: string, text: (value: string) => string): string {
  if (value === '') return value;
  const scheme = /^\S+\s+/.exec(value)?.[0];
  return scheme === undefined ? REDACTED : `${text(scheme)}${REDACTED}`;
}

/** The identity redactor: no secrets, nothing to remove. */
const NO_SECRETS: Redactor = {
  text: (value) => value,
  body: (value) => value,
  headers: (headers) => ({ ...headers }),
  leaks: () => false,
  scan: () => [],
};

/** Builds a redactor; with no secret (of at least {@link MIN_SECRET_LENGTH} characters) it is the identity. */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const matcher = compileSecretMatcher(secrets);
  if (!matcher) return NO_SECRETS;
  const text = (value: string): string => matcher.replace(value);
  return {
    text,
    body(value) {
      const spans = matcher.spans(value);
      // The common case costs one pass: a body with no match holds no secret in any decoded value
      // either, since every JSON spelling of every character is one of the matcher's spellings.
      // Stryker disable next-line ConditionalExpression: with no span every path below returns the body unchanged
      if (spans.length === 0) return value;
      const redacted = matcher.replace(value);
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        return redacted;
      }
      // The redacted text holds no secret (save one its rounds could not remove, left to the final scan), so neither
      // do its decoded values: every JSON spelling of a character is one of the matcher's.
      try {
        JSON.parse(redacted);
        return redacted;
      } catch {
        // A redaction that cut through an escape the matcher did not see coming: fall back below.
      }
      // Rare (a secret made of backslashes and quotes): re-serialise the redacted values. The
      // body loses its formatting, never the secret's absence.
      return JSON.stringify(redactValue(parsed, matcher));
    },
    headers(headers) {
      const out: Record<string, string> = {};
      for (const [name, value] of Object.entries(headers)) {
        // A provider can send the token as a header name (lower-cased on the way): the name is
        // redacted like any text, and kept unique.
        const safeName = uniqueName(text(name), out);
        out[safeName] = name.toLowerCase() === 'authorization' ? maskCredentials(value, text) : text(value);
      }
      return out;
    },
    leaks: (value) => matcher.test(value),
    scan: (value) => scanForSecrets(value, matcher),
  };
}

// ---------------------------------------------------------------------------------------------
// The final scan every writer passes through, and the secrets it guards.

/**
 * An artifact (a report file, the journal, a console line) was not written because the final scan
 * found a form of the access token in it. It names the artifact and the forms, never the token.
 * `hsac` turns it into exit 3 (inconclusive).
 */
export class RedactionFailure extends Error {
  override readonly name = 'RedactionFailure';
  /** What was not written, one entry per artifact. */
  readonly artifacts: readonly string[];
  constructor(
    /** What was not written: `report.json`, `journal.jsonl`, `a line on stderr`... (or several). */
    artifact: string | readonly string[],
    /** The forms found (no token), e.g. `base64`, `escaped after JSON / HTML / percent escapes (1 level)`. */
    readonly forms: readonly string[],
    /** For a batch of artifacts: the paths that were clean and were written. */
    readonly written: readonly string[] = [],
  ) {
    const artifacts = typeof artifact === 'string' ? [artifact] : [...artifact];
    super(
      `${artifacts.join(', ')} ${artifacts.length === 1 ? 'was' : 'were'} not written: ${artifacts.length === 1 ? 'it' : 'they'} would have held the access token in an encoded form (found: ${[...new Set(forms)].join('; ')})`,
    );
    this.artifacts = artifacts;
  }

  /** The artifacts, as one phrase. */
  get artifact(): string {
    return this.artifacts.join(', ');
  }
}

/** The secrets of one `hsac` invocation, and what the final scan withheld in it. */
interface SecretScope {
  readonly secrets: Set<string>;
  matcher: SecretMatcher | undefined;
  compiled: boolean;
  readonly withheld: RedactionFailure[];
}

const scopes = new AsyncLocalStorage<SecretScope>();

/**
 * Runs `fn` with `secrets` guarded: inside it (across awaits), every {@link guardOutput} scans for
 * them, and every {@link HubSpotClient} adds its own token ({@link guardSecret}). `hsac`'s `main`
 * opens one scope per invocation, so concurrent in-process runs (tests) guard their own tokens
 * only. A nested scope inherits the outer one's secrets.
 */
export function withSecretScope<T>(secrets: Iterable<string | undefined>, fn: () => T): T {
  const outer = scopes.getStore();
  const own = [...secrets].filter((secret): secret is string => typeof secret === 'string' && secret.length > 0);
  return scopes.run(
    { secrets: new Set([...(outer?.secrets ?? []), ...own]), matcher: undefined, compiled: false, withheld: [] },
    fn,
  );
}

/** Adds a secret to the current scope (no scope: nothing to add it to). */
export function guardSecret(secret: string | undefined): void {
  const scope = scopes.getStore();
  if (!scope || !secret || scope.secrets.has(secret)) return;
  scope.secrets.add(secret);
  scope.compiled = false;
}

/** The secrets the current scope guards. */
export function guardedSecrets(): readonly string[] {
  return [...(scopes.getStore()?.secrets ?? [])];
}

/** A redactor for every secret the current scope guards (for messages hsac did not build itself). */
export function scopeRedactor(): Redactor {
  return createRedactor(guardedSecrets());
}

/** What the final scan withheld in the current scope (also when the caller swallowed the error). */
export function withheldOutputs(): readonly RedactionFailure[] {
  return [...(scopes.getStore()?.withheld ?? [])];
}

/** A planted fault, for the suites that prove the scan and the redactor can fail (never set in hsac itself). */
interface PlantedRedactionFault {
  /** `off`: {@link guardOutput} passes everything (as hsac was before the final scan). */
  readonly finalScan?: 'off';
  /** Replaces the redactor every client builds (e.g. the raw-text redactor hsac had before issue 12). */
  readonly redactor?: (secrets: readonly (string | undefined)[]) => Redactor;
}

let planted: PlantedRedactionFault | undefined;

/**
 * Test-only seam: plants a redaction fault until the returned function is called. The suites use
 * it to show that their property fails when the final scan is off and the redactor is the old one
 * (the check can fail). Not exported from the transport index.
 */
export function plantRedactionFault(fault: PlantedRedactionFault): () => void {
  const before = planted;
  planted = fault;
  return () => {
    planted = before;
  };
}

/** The redactor a client builds for its token (a planted one, in the suites that prove the scan). */
export function redactorFor(secrets: readonly (string | undefined)[]): Redactor {
  return planted?.redactor ? planted.redactor(secrets) : createRedactor(secrets);
}

function scopeMatcher(scope: SecretScope): SecretMatcher | undefined {
  // Stryker disable next-line ConditionalExpression: compiling again gives the same matcher; the flag only caches it
  if (!scope.compiled) {
    scope.matcher = compileSecretMatcher(scope.secrets);
    // Stryker disable next-line BooleanLiteral: compiling again gives the same matcher; the flag only caches it
    scope.compiled = true;
  }
  return scope.matcher;
}

/** Options of {@link guardOutput}. */
export interface GuardOptions {
  /** Secrets to guard besides the current scope's (e.g. a library caller's token). */
  readonly secrets?: readonly (string | undefined)[];
}

/**
 * The one final scan every writer passes its output through (report files, the journal, console
 * lines): returns `text` when no form of a guarded secret is in it (after decoding), and otherwise
 * throws {@link RedactionFailure} naming `artifact` (the caller then does not write it). The failure
 * is also remembered in the scope ({@link withheldOutputs}), so `hsac` exits 3 even when a caller
 * swallows it (a wait notice's listener).
 */
export function guardOutput(artifact: string, text: string, options: GuardOptions = {}): string {
  if (planted?.finalScan === 'off') return text;
  const scope = scopes.getStore();
  const matcher =
    // Stryker disable next-line ConditionalExpression: the scope's secrets compiled afresh match as its cached matcher
    options.secrets === undefined
      ? scope && scopeMatcher(scope)
      : // Stryker disable next-line ArrayDeclaration: with no scope, a filler secret adds text no output holds
        compileSecretMatcher([...(scope?.secrets ?? []), ...options.secrets]);
  if (!matcher) return text;
  const hits = scanForSecrets(text, matcher);
  if (hits.length === 0) return text;
  const failure = new RedactionFailure(
    artifact,
    hits.map((hit) => (hit.after ? `${hit.form} after ${hit.after}` : hit.form)),
  );
  scope?.withheld.push(failure);
  throw failure;
}
