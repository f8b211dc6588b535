/**
 * JSON Pointer (RFC 6901) helpers for both sides of the compiler: pointers into the structure
 * document (issue paths, `$ref`/`$extends`/`$root` values) and `$ref`s into the compiled `$defs`.
 */

/** Escapes one reference token: `~` -> `~0`, `/` -> `~1`. */
export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Appends tokens to a pointer, escaping each (`''` is the root). */
export function childPath(base: string, ...tokens: (string | number)[]): string {
  return base + tokens.map((token) => `/${escapeToken(String(token))}`).join('');
}

/** A `$ref`-style fragment pointer, parsed; or why it is not one. */
export type ParsedRef = { ok: true; tokens: string[] } | { ok: false; reason: string };

// RFC 3986 `fragment` = *( pchar / "/" / "?" ), pchar = unreserved / pct-encoded / sub-delims / ":" / "@".
const FRAGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$/;

/**
 * Parses a JSON Pointer fragment identifier (`#/definitions/A/B`, RFC 6901 §6). The spec only
 * allows references inside the same document, so anything not starting with `#` is rejected,
 * as are characters a URI fragment cannot hold (spaces, backslashes, a second `#`) and `~`
 * escapes other than `~0`/`~1`.
 */
export function parseRefFragment(ref: unknown): ParsedRef {
  if (typeof ref !== 'string') return { ok: false, reason: 'must be a string' };
  if (!ref.startsWith('#')) {
    return { ok: false, reason: 'must be a local JSON Pointer fragment starting with "#/" (external and relative references are not allowed)' };
  }
  const fragment = ref.slice(1);
  if (!FRAGMENT.test(fragment)) return { ok: false, reason: 'contains characters a URI fragment cannot hold' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    return { ok: false, reason: 'has a malformed percent-encoding' };
  }
  if (decoded === '') return { ok: true, tokens: [] };
  if (!decoded.startsWith('/')) return { ok: false, reason: 'is not a JSON Pointer (must start with "#/")' };
  const raw = decoded.slice(1).split('/');
  const tokens: string[] = [];
  for (const token of raw) {
    if (/~(?![01])/.test(token)) return { ok: false, reason: `has an invalid escape in "${token}" (only ~0 and ~1 exist)` };
    tokens.push(token.replace(/~1/g, '/').replace(/~0/g, '~'));
  }
  return { ok: true, tokens };
}

/** Percent-encodes what a URI fragment cannot hold, so ajv (which decodes fragments) gets the name back. */
function encodeFragmentToken(token: string): string {
  return token.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@]/gu, (char) => {
    try {
      return encodeURIComponent(char);
    } catch {
      // A lone surrogate cannot be UTF-8 encoded; no valid definition name contains one.
      return '%EF%BF%BD';
    }
  });
}

/** The flattened `$defs` key of a definition: namespace path joined with dots (`Ns.Type`). */
export function definitionKey(namespacePath: readonly string[]): string {
  return namespacePath.join('.');
}

/** A `$ref` to a compiled definition by its flattened key. */
export function defsRef(key: string): string {
  return `#/$defs/${encodeFragmentToken(escapeToken(key))}`;
}

/**
 * Maps a pointer to a type definition in a structure document to the pointer of its compiled
 * schema: `#/definitions/Ns/Type` -> `#/$defs/Ns.Type`. Every token after `definitions` is taken
 * as the namespace path (a pointer into a definition's insides has no counterpart).
 * @throws RangeError when the pointer is malformed or does not point under `#/definitions/`.
 */
export function jsonSchemaPointer(structurePointer: string): string {
  const parsed = parseRefFragment(structurePointer);
  if (!parsed.ok) throw new RangeError(`"${structurePointer}" ${parsed.reason}`);
  const [head, ...rest] = parsed.tokens;
  if (head !== 'definitions' || rest.length === 0) {
    throw new RangeError(`"${structurePointer}" does not point to a type under #/definitions/`);
  }
  return defsRef(definitionKey(rest));
}
