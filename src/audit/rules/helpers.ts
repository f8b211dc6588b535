/**
 * Shared reading for the rule modules: which properties a direction sees, and how a schema reads
 * in a message.
 */
import type { SchemaNode } from '../model.js';
import type { Direction } from './rule.js';

/**
 * Properties a client deals with in one direction: a `readOnly` property is never sent, a
 * `writeOnly` one never returned, so their changes do not count on that side.
 */
export function visibleProperties(node: SchemaNode, direction: Direction): Map<string, SchemaNode> {
  const out = new Map<string, SchemaNode>();
  for (const [name, schema] of node.properties) {
    if (direction === 'request' && schema.readOnly) continue;
    if (direction === 'response' && schema.writeOnly) continue;
    out.set(name, schema);
  }
  return out;
}

/** Names visible on the old side only. */
export function removedProperties(oldNode: SchemaNode, newNode: SchemaNode, direction: Direction): string[] {
  const after = visibleProperties(newNode, direction);
  return [...visibleProperties(oldNode, direction).keys()].filter((name) => !after.has(name));
}

/** Names visible on the new side only. */
export function addedProperties(oldNode: SchemaNode, newNode: SchemaNode, direction: Direction): string[] {
  const before = visibleProperties(oldNode, direction);
  return [...visibleProperties(newNode, direction).keys()].filter((name) => !before.has(name));
}

/** Names visible on both sides. */
export function commonProperties(oldNode: SchemaNode, newNode: SchemaNode, direction: Direction): string[] {
  const after = visibleProperties(newNode, direction);
  return [...visibleProperties(oldNode, direction).keys()].filter((name) => after.has(name));
}

/** `BatchResponseVoid` or `(inline)`: how a schema is named in a message. */
export function schemaName(node: SchemaNode | undefined): string {
  if (node === undefined) return '(no body)';
  return node.name ?? '(inline schema)';
}

/** True for an object schema that declares the batch `errors` array (a `*WithErrors` body). */
export function declaresErrors(node: SchemaNode | undefined): boolean {
  return node?.properties.has('errors') ?? false;
}
