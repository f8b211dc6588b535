/**
 * The compiler's references: `$ref`/`$extends`/`$root` values in a structure document (local URI
 * fragments holding a JSON Pointer) and the `$ref`s into the compiled `$defs`. The pointer itself
 * is the kernel's (`src/json-pointer.ts`); this module adds what JSON Structure allows and how a
 * definition's namespace path becomes one `$defs` key.
 */
import { escapeToken, fragmentToPointer, parsePointer, pointerToFragment } from '../json-pointer.js';

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
    const reason = 'must be a local JSON Pointer fragment starting with "#/"';
    return { ok: false, reason: `${reason} (external and relative references are not allowed)` };
  }
  if (!FRAGMENT.test(ref.slice(1))) return { ok: false, reason: 'contains characters a URI fragment cannot hold' };
  const pointer = fragmentToPointer(ref);
  if (pointer === undefined) return { ok: false, reason: 'has a malformed percent-encoding' };
  const parsed = parsePointer(pointer);
  if (parsed.ok) return { ok: true, tokens: parsed.tokens };
  if (parsed.problem === 'no-leading-slash') {
    return { ok: false, reason: 'is not a JSON Pointer (must start with "#/")' };
  }
  return { ok: false, reason: `has an invalid escape in "${parsed.token}" (only ~0 and ~1 exist)` };
}

/** The flattened `$defs` key of a definition: namespace path joined with dots (`Ns.Type`). */
export function definitionKey(namespacePath: readonly string[]): string {
  return namespacePath.join('.');
}

/** A `$ref` to a compiled definition by its flattened key (percent-encoded, since ajv decodes fragments). */
export function defsRef(key: string): string {
  return pointerToFragment(`/$defs/${escapeToken(key)}`);
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
