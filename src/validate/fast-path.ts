import type { JsonSchemaNode } from './registry.js';
import { asNode } from './schema-walk.js';

/**
 * The fast path for valid bodies: a definition with every `$ref` inlined, so ajv compiles one
 * function per definition instead of one call (with its options object and evaluation
 * bookkeeping) per nested object. A 1000-result batch read is checked about a third faster. It
 * only answers "valid or not"; a body it rejects is checked again by the registry's own validator,
 * which reports the errors, so findings are unchanged. Inlining a non-recursive `$ref` to a local
 * `$defs` entry is exact in JSON Schema 2020-12; anything else (recursion, `$id`, dynamic or
 * unevaluated keywords, a remote ref) is refused and the definition keeps the ordinary path.
 */

/** Why a definition cannot be inlined. */
export class NotInlinable extends Error {
  override readonly name = 'NotInlinable';
}

/** Keywords that give a schema identity or evaluation state; inlining across them is not exact. */
const UNSAFE = [
  '$id',
  '$anchor',
  '$dynamicRef',
  '$dynamicAnchor',
  '$recursiveRef',
  '$recursiveAnchor',
  'unevaluatedProperties',
  'unevaluatedItems',
];
/** Keys a `$ref` may sit beside without changing what validates. */
const ANNOTATIONS = new Set([
  'description',
  'title',
  '$comment',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
]);
/** Keywords whose value is one schema. */
const ONE_SCHEMA = new Set([
  'additionalProperties',
  'items',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'propertyNames',
  'additionalItems',
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAP = new Set(['properties', 'patternProperties', 'dependentSchemas']);
const LOCAL_REF = /^#\/\$defs\/([^/]+)$/;

function inline(
  node: JsonSchemaNode,
  defs: Readonly<Record<string, JsonSchemaNode>>,
  stack: readonly string[],
): JsonSchemaNode {
  for (const keyword of UNSAFE)
    if (Object.hasOwn(node, keyword)) throw new NotInlinable(`${keyword} in ${stack.join(' > ')}`);
  const out: JsonSchemaNode = {};
  let target: JsonSchemaNode | undefined;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref') {
      const name = typeof value === 'string' ? LOCAL_REF.exec(value)?.[1] : undefined;
      if (name === undefined || !Object.hasOwn(defs, name)) throw new NotInlinable(`non-local $ref ${String(value)}`);
      if (stack.includes(name)) throw new NotInlinable(`recursive $ref to ${name}`);
      target = inline(defs[name]!, defs, [...stack, name]);
    } else if (ONE_SCHEMA.has(key) && asNode(value)) {
      out[key] = inline(asNode(value)!, defs, stack);
    } else if (SCHEMA_LIST.has(key) && Array.isArray(value)) {
      out[key] = value.map((item: unknown) => (asNode(item) ? inline(item as JsonSchemaNode, defs, stack) : item));
    } else if (SCHEMA_MAP.has(key) && asNode(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value as JsonSchemaNode).map(([name, child]) => [
          name,
          asNode(child) ? inline(child as JsonSchemaNode, defs, stack) : child,
        ]),
      );
    } else if (key !== '$defs' && key !== '$schema') {
      // Data (enum, const, required) and custom keywords' settings are copied as they are.
      out[key] = value;
    }
  }
  if (target === undefined) return out;
  // `$ref` beside annotations only: the target alone validates the same.
  if (Object.keys(out).every((key) => ANNOTATIONS.has(key))) return target;
  return { ...out, allOf: [...((out.allOf as unknown[] | undefined) ?? []), target] };
}

/** A definition of a compiled document with every `$ref` inlined; throws {@link NotInlinable}. */
export function inlineDefinition(document: JsonSchemaNode, definition: string): JsonSchemaNode {
  const defs = (asNode(document.$defs) ?? {}) as Record<string, JsonSchemaNode>;
  const node = defs[definition];
  if (!node) throw new NotInlinable(`no definition ${definition}`);
  return inline(node, defs, [definition]);
}
