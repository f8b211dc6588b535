import type { ApiVersion } from '../../src/catalogue/index.js';
import { childPointer, escapeToken } from '../../src/json-pointer.js';
import type { JsonSchemaNode } from '../../src/validate/registry.js';
import { asNode, definitionNode, refName } from './definitions.js';

/** A JSON type as JSON Schema names it. */
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'array' | 'object';

/** Every JSON type, in the order substitutes are tried. */
export const JSON_TYPES: readonly JsonType[] = ['string', 'integer', 'number', 'boolean', 'null', 'array', 'object'];

/** Wildcard token of a site pattern: any array index, or any key of a map. */
export const ANY = '*';

/** One place a definition's schema describes, with what the schema says there. */
export interface SchemaSite {
  /** The root definition the walk started from. */
  readonly definition: string;
  /** JSON Pointer with `*` for array items and map values, e.g. `/results/*\/to/*\/toObjectId`. */
  readonly pattern: string;
  readonly tokens: readonly string[];
  /** `property` of a closed object, `item` of an array, `value` of a map (`links`, `context`). */
  readonly kind: 'root' | 'property' | 'item' | 'value';
  /** The property name (for `property`), else undefined. */
  readonly property: string | undefined;
  /** True for a property its object lists in `required`. */
  readonly required: boolean;
  /** The JSON types the schema accepts here; `any` for an unconstrained value (StandardError.subCategory's values). */
  readonly accepts: readonly JsonType[] | 'any';
  /** The root definition and every `$defs` entry passed through, this site's own included. */
  readonly definitions: readonly string[];
  /** The resolved schema node (after `$ref`). */
  readonly node: JsonSchemaNode;
  /**
   * An object with `properties` and `additionalProperties: false`: hsac's schemas close objects so
   * that an undeclared field is seen (an `unknown-field` warning by default: the spec leaves them open).
   */
  readonly closed: boolean;
  readonly enumValues: readonly unknown[] | undefined;
  readonly format: string | undefined;
  /** The compiler's int32 range (`minimum` -2^31, `maximum` 2^31-1). */
  readonly int32: boolean;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** One of JSON Schema's seven type names (ajv rejects a compiled schema whose `type` names another). */
function isJsonType(value: unknown): value is JsonType {
  return JSON_TYPES.some((type) => type === value);
}

function acceptedTypes(node: JsonSchemaNode): readonly JsonType[] | 'any' {
  const type = node.type;
  if (isJsonType(type)) return type === 'number' ? ['number', 'integer'] : [type];
  if (Array.isArray(type)) return type.filter(isJsonType);
  return 'any';
}

/** Depth bound: the association schemas nest 7 levels; a recursive schema must not hang the walk. */
const MAX_DEPTH = 16;

/**
 * Every site of a definition, parents before children, in the schema's property order. Derived
 * mutations ("each required field removed at every level", "wrong JSON type at every leaf") are
 * built from this walk, so a field added to `schemas/` is covered without editing a list.
 */
export function schemaSites(apiVersion: ApiVersion, definition: string): readonly SchemaSite[] {
  const sites: SchemaSite[] = [];
  const visit = (
    raw: JsonSchemaNode,
    tokens: readonly string[],
    kind: SchemaSite['kind'],
    property: string | undefined,
    required: boolean,
    passed: readonly string[],
  ): void => {
    if (tokens.length > MAX_DEPTH)
      throw new Error(`${apiVersion} ${definition}: schema deeper than ${MAX_DEPTH} levels at /${tokens.join('/')}`);
    let node = raw;
    const definitions = [...passed];
    for (let name = refName(node); name !== undefined; name = refName(node)) {
      definitions.push(name);
      node = definitionNode(apiVersion, name);
    }
    const properties = asNode(node.properties);
    const additional = node.additionalProperties;
    sites.push({
      definition,
      pattern: tokens.length === 0 ? '' : `/${tokens.map((t) => (t === ANY ? ANY : escapeToken(t))).join('/')}`,
      tokens,
      kind,
      property,
      required,
      accepts: acceptedTypes(node),
      definitions,
      node,
      closed: properties !== undefined && additional === false,
      enumValues: Array.isArray(node.enum) ? node.enum : undefined,
      format: typeof node.format === 'string' ? node.format : undefined,
      int32: node.minimum === INT32_MIN && node.maximum === INT32_MAX,
    });
    if (properties) {
      const requiredNames = Array.isArray(node.required) ? node.required : [];
      for (const [name, child] of Object.entries(properties)) {
        const childNode = asNode(child);
        if (childNode) visit(childNode, [...tokens, name], 'property', name, requiredNames.includes(name), definitions);
      }
    } else if (node.type === 'object' && asNode(additional)) {
      visit(asNode(additional) ?? {}, [...tokens, ANY], 'value', undefined, false, definitions);
    }
    if (node.type === 'array' && asNode(node.items))
      visit(asNode(node.items) ?? {}, [...tokens, ANY], 'item', undefined, false, definitions);
  };
  visit(definitionNode(apiVersion, definition), [], 'root', undefined, false, [definition]);
  return sites;
}

/**
 * The concrete JSON Pointers in `body` that match a site pattern, in document order: `*` matches
 * every index of an array and every own key of an object.
 */
export function concretePaths(body: unknown, tokens: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (value: unknown, index: number, pointer: string): void => {
    if (index === tokens.length) {
      found.push(pointer);
      return;
    }
    const token = tokens[index] ?? '';
    if (Array.isArray(value)) {
      if (token === ANY) value.forEach((item, i) => walk(item, index + 1, childPointer(pointer, i)));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (token === ANY) {
      for (const key of Object.keys(record)) walk(record[key], index + 1, childPointer(pointer, key));
    } else if (Object.hasOwn(record, token)) {
      walk(record[token], index + 1, childPointer(pointer, token));
    }
  };
  walk(body, 0, '');
  return found;
}
