/**
 * Small, safe readers over parsed JSON: own-property access (a document's `__proto__` key is data).
 * Shared by the loaders and the drift report; the object test and the own-property read are the kernel's
 * (`src/json.ts`, re-exported here as `own`, the loaders' name), JSON Pointers too (`src/json-pointer.ts`).
 */
import { field as own, isObject } from '../json.js';

export { isObject, own };

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

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
