/**
 * Shared reading for the rule modules: which properties a direction sees, and how a schema reads
 * in a message.
 */
import type { LimitChange } from '../compare.js';
import type { OperationModel, SchemaNode } from '../model.js';
import type { Direction, StatusPairing } from './rule.js';

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

/** A site's new side where it has no old one (an addition), else `undefined`. */
export function addedSide<T>(site: { readonly old?: T; readonly new?: T }): T | undefined {
  return site.old === undefined ? site.new : undefined;
}

/** A site's old side where it has no new one (a removal), else `undefined`. */
export function removedSide<T>(site: { readonly old?: T; readonly new?: T }): T | undefined {
  return site.new === undefined ? site.old : undefined;
}

/** A format as a message shows it: `(none)` where the schema sets none. */
export function formatText(format: string | undefined): string {
  return format ?? '(none)';
}

/** One side of a limit change as a report shows it: `maxItems: 100`, or `maxItems: (none)` where it sets none. */
export function limitSide(change: LimitChange, side: 'old' | 'new'): string {
  return `${change.key}: ${change[side] ?? '(none)'}`;
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

/** The body an operation declares for a status (`undefined` when the status or its body is absent). */
export function responseBody(op: OperationModel, status: string): SchemaNode | undefined {
  return op.responses.get(status)?.schema;
}

/**
 * The old success statuses whose bodies the new ones continue: each exact 2xx code on both sides, and each changed
 * pair. A 207 is never among them where the `*WithErrors` rules call this (one side has none, and `pairStatuses`
 * never pairs a 207 as a change).
 */
export function successPairs(pairing: StatusPairing): (readonly [string, string])[] {
  const same = pairing.same.filter((status) => /^2\d\d$/.test(status)).map((status) => [status, status] as const);
  return [...same, ...pairing.changed];
}
