/**
 * OpenAPI schema objects (3.0 and 3.1, i.e. JSON Schema draft 4-ish and 2020-12) -> {@link SchemaNode}.
 * `$ref`s are resolved inside the one document (external files are bundled in first, `load.ts`);
 * each referenced location becomes one node object, created before it is filled, so a recursive
 * schema is a cycle in the graph instead of an endless expansion. Inline nesting is bounded.
 */
import { AuditInputError } from './errors.js';
import { childPointer, fragmentToPointer, unescapeToken, valueAt } from '../json-pointer.js';
import { entriesOf, isObject, own, ownNumber, ownString, type JsonObject } from './json.js';
import {
  cloneSchema,
  emptySchema,
  type EnumValue,
  type JsonType,
  type Limits,
  type MutableSchemaNode,
  type SchemaNode,
} from './model.js';

/** Which rules the schema objects follow. */
export type SchemaDialect = 'openapi-3.0' | 'openapi-3.1';

/** Deepest inline nesting read; real specs stay under 10, a hostile one could go to 100,000. */
export const MAX_SCHEMA_DEPTH = 128;

const JSON_TYPES: ReadonlySet<string> = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

const NUMERIC_LIMITS = [
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
] as const;

/** Containers whose members are named schemas, for the node's `name`. */
const NAMED_CONTAINERS = ['/components/schemas/', '/$defs/', '/definitions/'];

function nameOf(pointer: string): string | undefined {
  for (const container of NAMED_CONTAINERS) {
    if (pointer.startsWith(container) && !pointer.slice(container.length).includes('/')) {
      return unescapeToken(pointer.slice(container.length));
    }
  }
  return undefined;
}

function isEnumValue(value: unknown): value is EnumValue {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Reads the schemas of one parsed document; one instance per document (it caches by pointer). */
export class JsonSchemaReader {
  private readonly byPointer = new Map<string, MutableSchemaNode>();

  constructor(
    private readonly root: unknown,
    private readonly dialect: SchemaDialect,
    /** The file, for error messages. */
    private readonly source: string,
  ) {}

  /** The schema object `raw`, found at `at` (a JSON Pointer, for messages and for caching refs). */
  read(raw: unknown, at: string, depth = 0): SchemaNode {
    return this.convert(raw, at, depth);
  }

  /** The schema a local `$ref` points to (one node per target, however often referenced). */
  readRef(ref: string, at: string, depth = 0): SchemaNode {
    const pointer = fragmentToPointer(ref);
    if (pointer === undefined) {
      throw new AuditInputError(
        `${this.source}: $ref "${ref}" at ${at || '/'} is not a local reference (external files are bundled first; this one was not found)`,
      );
    }
    const cached = this.byPointer.get(pointer);
    if (cached) return cached;
    const target = valueAt(this.root, pointer);
    if (target === undefined)
      throw new AuditInputError(`${this.source}: $ref "${ref}" at ${at || '/'} points to nothing`);
    const node = emptySchema(nameOf(pointer));
    this.byPointer.set(pointer, node);
    // Depth carries on through references, so a chain of 100,000 distinct `$ref`s is refused too.
    this.fill(node, target, pointer, depth + 1);
    return node;
  }

  private fail(at: string, problem: string): never {
    throw new AuditInputError(`${this.source}: schema at ${at || '/'} ${problem}`);
  }

  private convert(raw: unknown, at: string, depth: number): SchemaNode {
    if (isObject(raw)) {
      const ref = ownString(raw, '$ref');
      if (ref !== undefined) return this.withRefSiblings(this.readRef(ref, at, depth), raw);
    }
    const node = emptySchema();
    this.fill(node, raw, at, depth);
    return node;
  }

  /**
   * Siblings of `$ref` that change what a client sees are honoured in both dialects (3.0 says to
   * ignore siblings, but `nullable`/`deprecated` beside a `$ref` are written to be read): the
   * referenced node is copied shallowly so the shared target stays untouched.
   */
  private withRefSiblings(target: SchemaNode, raw: JsonObject): SchemaNode {
    const nullable = own(raw, 'nullable') === true;
    const deprecated = own(raw, 'deprecated') === true;
    const readOnly = own(raw, 'readOnly') === true;
    const writeOnly = own(raw, 'writeOnly') === true;
    if (!nullable && !deprecated && !readOnly && !writeOnly) return target;
    const copy = cloneSchema(target);
    copy.nullable ||= nullable;
    copy.deprecated ||= deprecated;
    copy.readOnly ||= readOnly;
    copy.writeOnly ||= writeOnly;
    return copy;
  }

  private fill(node: MutableSchemaNode, raw: unknown, at: string, depth: number): void {
    if (depth > MAX_SCHEMA_DEPTH) this.fail(at, `is nested deeper than ${MAX_SCHEMA_DEPTH} levels`);
    if (raw === true || raw === false) return; // `true` admits anything; `false` is rare enough to read as any too.
    if (!isObject(raw)) this.fail(at, `is ${Array.isArray(raw) ? 'an array' : typeof raw}, not a schema object`);
    const ref = ownString(raw, '$ref');
    if (ref !== undefined) {
      // A named schema that is only a `$ref` (an alias): copy the target's fields, keep its own name.
      const target = this.readRef(ref, at, depth);
      if (target !== node) mergeInto(node, target);
      return;
    }
    this.readType(node, raw, at);
    this.readValues(node, raw);
    this.readStructure(node, raw, at, depth);
    this.readLimits(node, raw);
    node.deprecated = own(raw, 'deprecated') === true;
    node.readOnly = own(raw, 'readOnly') === true;
    node.writeOnly = own(raw, 'writeOnly') === true;
    const allOf = own(raw, 'allOf');
    if (Array.isArray(allOf)) {
      allOf.forEach((member, i) => mergeInto(node, this.convert(member, childPointer(at, 'allOf', i), depth + 1)));
    }
    this.readVariants(node, raw, at, depth);
    // No `type` but a shape: the author meant that shape (tools differ; this avoids "any -> object" noise).
    if (node.types.length === 0 && (node.properties.size > 0 || own(raw, 'additionalProperties') !== undefined))
      node.types = ['object'];
    if (node.types.length === 0 && own(raw, 'items') !== undefined) node.types = ['array'];
  }

  private readType(node: MutableSchemaNode, raw: JsonObject, at: string): void {
    const type = own(raw, 'type');
    const names = typeof type === 'string' ? [type] : Array.isArray(type) ? type : [];
    if (type !== undefined && names.length === 0) this.fail(at, 'has a `type` that is neither a string nor an array');
    for (const name of names) {
      if (name === 'null') node.nullable = true;
      else if (typeof name === 'string' && JSON_TYPES.has(name)) node.types.push(name as JsonType);
      else this.fail(at, `has unknown type ${JSON.stringify(name)}`);
    }
    // OpenAPI 3.0 only: 3.1 dropped `nullable` for `type: [..., 'null']`; a 3.1 file carrying it
    // still means it, so it is read in both dialects.
    if (own(raw, 'nullable') === true) node.nullable = true;
    const format = ownString(raw, 'format');
    if (format !== undefined) node.format = format;
  }

  private readValues(node: MutableSchemaNode, raw: JsonObject): void {
    const values = own(raw, 'enum');
    const extensible = own(raw, 'x-extensible-enum');
    const constant = own(raw, 'const');
    let list: unknown[] | undefined = Array.isArray(values) ? values : undefined;
    // Zalando's `x-extensible-enum: [...]` lists the known values of an open enum in place of `enum`.
    if (list === undefined && Array.isArray(extensible)) list = extensible;
    if (list === undefined && constant !== undefined && this.dialect === 'openapi-3.1') list = [constant];
    if (list !== undefined) {
      const enumValues = list.filter(isEnumValue);
      if (enumValues.includes(null)) node.nullable = true;
      node.enum = enumValues.filter((value) => value !== null);
    }
    node.openEnum = Array.isArray(extensible) || extensible === true || own(raw, 'x-open-enum') === true;
  }

  private readStructure(node: MutableSchemaNode, raw: JsonObject, at: string, depth: number): void {
    const properties = own(raw, 'properties');
    if (properties !== undefined) {
      if (!isObject(properties)) this.fail(at, 'has `properties` that is not an object');
      const propertiesAt = childPointer(at, 'properties');
      for (const [name, value] of entriesOf(properties)) {
        node.properties.set(name, this.convert(value, childPointer(propertiesAt, name), depth + 1));
      }
    }
    const required = own(raw, 'required');
    if (Array.isArray(required)) for (const name of required) if (typeof name === 'string') node.required.add(name);
    const additional = own(raw, 'additionalProperties');
    if (additional === false || own(raw, 'unevaluatedProperties') === false) node.additionalProperties = false;
    else if (isObject(additional))
      node.additionalProperties = this.convert(additional, childPointer(at, 'additionalProperties'), depth + 1);
    const items = own(raw, 'items');
    if (isObject(items)) node.items = this.convert(items, childPointer(at, 'items'), depth + 1);
  }

  private readLimits(node: MutableSchemaNode, raw: JsonObject): void {
    const limits: Limits = node.limits;
    for (const key of NUMERIC_LIMITS) {
      const value = ownNumber(raw, key);
      if (value !== undefined) limits[key] = value;
    }
    const minimum = ownNumber(raw, 'minimum');
    const maximum = ownNumber(raw, 'maximum');
    const exclusiveMinimum = own(raw, 'exclusiveMinimum');
    const exclusiveMaximum = own(raw, 'exclusiveMaximum');
    // OpenAPI 3.0 writes `exclusiveMinimum: true` beside `minimum`; 3.1 writes the bound itself.
    if (exclusiveMinimum === true && minimum !== undefined) limits.exclusiveMinimum = minimum;
    else if (minimum !== undefined) limits.minimum = minimum;
    if (typeof exclusiveMinimum === 'number') limits.exclusiveMinimum = exclusiveMinimum;
    if (exclusiveMaximum === true && maximum !== undefined) limits.exclusiveMaximum = maximum;
    else if (maximum !== undefined) limits.maximum = maximum;
    if (typeof exclusiveMaximum === 'number') limits.exclusiveMaximum = exclusiveMaximum;
    const pattern = ownString(raw, 'pattern');
    if (pattern !== undefined) limits.pattern = pattern;
    if (own(raw, 'uniqueItems') === true) limits.uniqueItems = true;
  }

  private readVariants(node: MutableSchemaNode, raw: JsonObject, at: string, depth: number): void {
    for (const kind of ['oneOf', 'anyOf'] as const) {
      const list = own(raw, kind);
      if (!Array.isArray(list)) continue;
      const members = list.map((member, i) => this.convert(member, childPointer(at, kind, i), depth + 1));
      const nonNull = members.filter(
        (member) =>
          !(member.types.length === 0 && member.nullable && member.enum === undefined && member.properties.size === 0),
      );
      // `anyOf: [X, {type: 'null'}]` is how 3.1 (and generators) spell "nullable X": read it so.
      if (nonNull.length < members.length) node.nullable = true;
      if (nonNull.length === 1 && node.types.length === 0 && node.properties.size === 0) {
        const only = nonNull[0]!;
        mergeInto(node, only);
        continue;
      }
      if (nonNull.length > 0) node.variants = { kind, members: nonNull };
    }
  }
}

function tighterMin(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

function tighterMax(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

function intersectTypes(a: readonly JsonType[], b: readonly JsonType[]): JsonType[] {
  if (a.length === 0) return [...b];
  if (b.length === 0) return [...a];
  const out = a.filter((type) => b.includes(type) || (type === 'integer' && b.includes('number')));
  for (const type of b) if (type === 'integer' && a.includes('number') && !out.includes('integer')) out.push('integer');
  return out;
}

/**
 * Merges an `allOf` member into the node being built: the instance must satisfy both, so types and
 * enums intersect, properties and `required` unite, limits take the tighter bound. A property both
 * define is merged the same way one level down.
 */
export function mergeInto(node: MutableSchemaNode, member: SchemaNode): void {
  node.types = intersectTypes(node.types, member.types);
  if (node.format === undefined && member.format !== undefined) node.format = member.format;
  if (member.enum !== undefined)
    node.enum = node.enum === undefined ? [...member.enum] : node.enum.filter((value) => member.enum?.includes(value));
  node.openEnum ||= member.openEnum;
  node.nullable ||= member.nullable && node.types.length === 0;
  for (const [name, schema] of member.properties) {
    const existing = node.properties.get(name);
    if (existing === undefined) {
      node.properties.set(name, schema);
    } else if (existing !== schema) {
      const merged = cloneSchema(existing);
      mergeShallow(merged, schema);
      node.properties.set(name, merged);
    }
  }
  for (const name of member.required) node.required.add(name);
  if (member.additionalProperties === false || node.additionalProperties === false) node.additionalProperties = false;
  else if (node.additionalProperties === true) node.additionalProperties = member.additionalProperties;
  if (node.items === undefined && member.items !== undefined) node.items = member.items;
  if (node.variants === undefined && member.variants !== undefined) node.variants = member.variants;
  mergeLimits(node.limits, member.limits);
  node.deprecated ||= member.deprecated;
  node.readOnly ||= member.readOnly;
  node.writeOnly ||= member.writeOnly;
}

/** One level only: a property defined by two `allOf` members (nested clashes keep the first). */
function mergeShallow(node: MutableSchemaNode, member: SchemaNode): void {
  node.types = intersectTypes(node.types, member.types);
  if (node.format === undefined && member.format !== undefined) node.format = member.format;
  for (const [name, schema] of member.properties) if (!node.properties.has(name)) node.properties.set(name, schema);
  for (const name of member.required) node.required.add(name);
  if (node.items === undefined && member.items !== undefined) node.items = member.items;
  mergeLimits(node.limits, member.limits);
}

function mergeLimits(into: Limits, from: Readonly<Limits>): void {
  for (const key of ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'] as const) {
    const value = tighterMin(into[key], from[key]);
    if (value !== undefined) into[key] = value;
  }
  for (const key of ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'] as const) {
    const value = tighterMax(into[key], from[key]);
    if (value !== undefined) into[key] = value;
  }
  if (into.multipleOf === undefined && from.multipleOf !== undefined) into.multipleOf = from.multipleOf;
  if (into.pattern === undefined && from.pattern !== undefined) into.pattern = from.pattern;
  if (from.uniqueItems === true) into.uniqueItems = true;
}
