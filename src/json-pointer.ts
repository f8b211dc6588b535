/**
 * JSON Pointer (RFC 6901), written once (shared kernel): findings, schema walks, audit reports,
 * the compiler's `$ref`s and the property layer's mutation sites all build and read pointers here.
 * Reading goes by own properties only, so a document's `__proto__` or `constructor` key is data.
 */

/** Escapes one reference token: `~` -> `~0` first, then `/` -> `~1` (the other order would corrupt `/`). */
export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Unescapes one reference token: `~1` -> `/` first, then `~0` -> `~` (so `~01` is `~1`, not `/`). */
export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** A pointer, parsed into unescaped tokens; or why it is not a pointer. */
export type ParsedPointer =
  | { readonly ok: true; readonly tokens: string[] }
  | { readonly ok: false; readonly problem: 'no-leading-slash' }
  | { readonly ok: false; readonly problem: 'invalid-escape'; readonly token: string };

/** Parses a pointer (`''` is the whole document; else `/`-led tokens with only `~0` and `~1` escapes). */
export function parsePointer(pointer: string): ParsedPointer {
  if (pointer === '') return { ok: true, tokens: [] };
  if (!pointer.startsWith('/')) return { ok: false, problem: 'no-leading-slash' };
  const tokens: string[] = [];
  for (const raw of pointer.slice(1).split('/')) {
    if (/~(?![01])/.test(raw)) return { ok: false, problem: 'invalid-escape', token: raw };
    tokens.push(unescapeToken(raw));
  }
  return { ok: true, tokens };
}

/** The unescaped tokens of a pointer; throws a `RangeError` naming the pointer when it is malformed. */
export function pointerTokens(pointer: string): string[] {
  const parsed = parsePointer(pointer);
  if (parsed.ok) return parsed.tokens;
  const why =
    parsed.problem === 'no-leading-slash' ? 'does not start with "/"' : `has an invalid escape in "${parsed.token}"`;
  throw new RangeError(`"${pointer}" is not a JSON Pointer: it ${why} (RFC 6901)`);
}

/** The pointer of a token path (`[]` is `''`, the whole document). */
export function formatPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((token) => `/${escapeToken(String(token))}`).join('');
}

/** `parent` extended by each token, escaped: `childPointer('/a', 'b/c', 0)` is `/a/b~1c/0`. */
export function childPointer(parent: string, ...tokens: readonly (string | number)[]): string {
  return parent + formatPointer(tokens);
}

/**
 * A pointer with its array indices generalised, `/results/3/to/0/toObjectId` as `/results/*\/to/*\/toObjectId`: where
 * one finding stands for all of its kind (the gate's aggregates, what a replay calls the same finding again).
 */
export function pointerPattern(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, '/*');
}

// RFC 6901 §4: an array index is `0` or digits without a leading zero (`-`, `01` and `1e0` name nothing).
const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

/** The value at a pointer, or undefined when the pointer is malformed or any step is missing. */
export function valueAt(document: unknown, pointer: string): unknown {
  const parsed = parsePointer(pointer);
  if (!parsed.ok) return undefined;
  let current: unknown = document;
  for (const token of parsed.tokens) {
    if (Array.isArray(current)) {
      if (!ARRAY_INDEX.test(token)) return undefined;
      current = current[Number(token)];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else return undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

/**
 * The pointer in a URI fragment identifier (RFC 6901 §6: `#/a%20b` -> `/a b`), or undefined when
 * `ref` does not start with `#` or its percent-encoding is malformed. The result may still be no
 * pointer (`#x` -> `x`): {@link parsePointer} says.
 */
export function fragmentToPointer(ref: string): string | undefined {
  if (!ref.startsWith('#')) return undefined;
  try {
    return decodeURIComponent(ref.slice(1));
  } catch {
    return undefined;
  }
}

/** The URI fragment identifier of a pointer (`/a b` -> `#/a%20b`): percent-encodes what a fragment cannot hold. */
export function pointerToFragment(pointer: string): string {
  const encoded = pointer.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/gu, (char) => {
    try {
      return encodeURIComponent(char);
    } catch {
      // A lone surrogate has no UTF-8 encoding; U+FFFD (what a decoder makes of it) keeps the fragment valid.
      return '%EF%BF%BD';
    }
  });
  return `#${encoded}`;
}
