/**
 * Small, safe readers over parsed JSON: own-property access (a document's `__proto__` key is data),
 * JSON Pointer tokens, and a bounded walk. Shared by the loaders and the drift report.
 */

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own-property read: `__proto__` or `constructor` in a document are data, never inherited members. */
export function own(node: JsonObject, key: string): unknown {
  return Object.hasOwn(node, key) ? node[key] : undefined;
}

/** Own string property, else undefined. */
export function ownString(node: JsonObject, key: string): string | undefined {
  const value = own(node, key);
  return typeof value === 'string' ? value : undefined;
}

/** Own finite number property, else undefined. */
export function ownNumber(node: JsonObject, key: string): number | undefined {
  const value = own(node, key);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Own object property, else undefined. */
export function ownObject(node: JsonObject, key: string): JsonObject | undefined {
  const value = own(node, key);
  return isObject(value) ? value : undefined;
}

/** Own-key entries of an object, in document order. */
export function entriesOf(node: JsonObject): Array<[string, unknown]> {
  return Object.keys(node).map((key) => [key, node[key]]);
}

/** RFC 6901 escaping of one reference token. */
export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** RFC 6901 unescaping of one reference token. */
export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Appends a token to a JSON Pointer. */
export function pointerChild(pointer: string, token: string | number): string {
  return `${pointer}/${escapeToken(String(token))}`;
}

/**
 * Resolves a JSON Pointer (`/a/b`, already without `#`) against a root by own keys; undefined when
 * any step is missing. A URI fragment may be percent-encoded: decode it first with
 * {@link decodeFragment}.
 */
export function resolvePointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) return undefined;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = unescapeToken(raw);
    if (Array.isArray(node)) {
      if (!/^(?:0|[1-9]\d*)$/.test(token)) return undefined;
      node = node[Number(token)];
    } else if (isObject(node)) {
      node = own(node, token);
    } else {
      return undefined;
    }
    if (node === undefined) return undefined;
  }
  return node;
}

/** The pointer part of a local `$ref` (`#/components/schemas/X` -> `/components/schemas/X`), or undefined. */
export function decodeFragment(ref: string): string | undefined {
  if (!ref.startsWith('#')) return undefined;
  try {
    return decodeURIComponent(ref.slice(1));
  } catch {
    return undefined;
  }
}
