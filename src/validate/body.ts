import type { Finding } from '../finding.js';

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

function fail(check: string, message: string, actual?: unknown): ReadBody {
  const finding: Finding = { check, severity: 'error', instancePath: '', message };
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
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAt) return deepest;
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return deepest;
}

/**
 * Reads a response or request body from bytes or text. Never throws: empty input, HTML error
 * pages, malformed JSON, oversized and over-deep bodies become findings. A UTF-8 byte-order mark
 * is removed with a warning (RFC 8259 §8.1: senders MUST NOT add one; parsers MAY ignore it).
 */
export function readBody(input: string | Uint8Array | { readonly byteLength: number }, limits: BodyLimits = DEFAULT_BODY_LIMITS): ReadBody {
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
  let text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(input);
  const findings: Finding[] = [];
  if (text.startsWith(BOM)) {
    text = text.slice(1);
    findings.push({
      check: 'body-encoding',
      severity: 'warning',
      instancePath: '',
      message: 'body starts with a UTF-8 byte-order mark (RFC 8259 §8.1: JSON senders must not add one); ignored',
    });
  }
  const trimmed = text.trim();
  if (trimmed.length === 0) return fail('body-not-json', 'body is empty; expected a JSON document');
  if (/^<(!doctype|html|\?xml|head|body)/i.test(trimmed)) {
    return fail('body-not-json', `body is an HTML/XML page, not JSON: "${excerpt(trimmed)}"`, excerpt(trimmed));
  }
  const depth = jsonNestingDepth(trimmed, limits.maxDepth);
  if (depth > limits.maxDepth) {
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
  return { ok: true, value, findings };
}
