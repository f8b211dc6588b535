/**
 * Small, safe readers over parsed JSON: own-property access (a document's `__proto__` key is data).
 * Shared by the loaders and the drift report; JSON Pointers are the kernel's (`src/json-pointer.ts`).
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
export function entriesOf(node: JsonObject): [string, unknown][] {
  return Object.keys(node).map((key) => [key, node[key]]);
}
