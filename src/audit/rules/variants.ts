/**
 * How the alternatives of a `oneOf`/`anyOf` (or JSON Structure `choice`) pair up: named schemas by
 * name, unnamed ones only by how many there are (an inline alternative has no identity).
 */
import type { SchemaNode } from '../model.js';

/** Alternatives present on one side only. */
export interface VariantDiff {
  readonly removed: readonly string[];
  readonly added: readonly string[];
}

function split(node: SchemaNode): { named: string[]; unnamed: number } {
  const members = node.variants?.members ?? [];
  const named = members.flatMap((member) => (member.name === undefined ? [] : [member.name]));
  return { named, unnamed: members.length - named.length };
}

/** `{ removed: ['Cat', '1 inline alternative'], added: [] }`. */
export function variantDiff(oldNode: SchemaNode, newNode: SchemaNode): VariantDiff {
  const before = split(oldNode);
  const after = split(newNode);
  const inline = (count: number): string[] =>
    count > 0 ? [`${count} inline alternative${count === 1 ? '' : 's'}`] : [];
  return {
    removed: [...before.named.filter((name) => !after.named.includes(name)), ...inline(before.unnamed - after.unnamed)],
    added: [...after.named.filter((name) => !before.named.includes(name)), ...inline(after.unnamed - before.unnamed)],
  };
}

/** `A | B | (inline)` for messages. */
export function variantText(node: SchemaNode): string {
  const members = node.variants?.members ?? [];
  return members.length === 0 ? '(none)' : members.map((member) => member.name ?? '(inline)').join(' | ');
}
