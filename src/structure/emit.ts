/**
 * Emits JSON Schema 2020-12 from an indexed, lint-clean JSON Structure document. The output is
 * deliberately plain (`type`/`properties`/`required`/`additionalProperties`/`items`/`$ref`) so the
 * validate layer can walk it by instance path, and it names only keywords ajv knows in strict mode
 * plus the vocabulary's `structure*` keywords and formats. Custom annotations are dropped.
 */
import {
  type Definition,
  type JsonObject,
  MAX_DEPTH,
  type StructureDocument,
  flattenObject,
  isObject,
  own,
  putOwn,
  resolveReference,
} from './document.js';
import { COMPOSITION_ARRAYS, COMPOSITION_KEYWORDS, PRIMITIVE_TYPES } from './keywords.js';
import { defsRef } from './refs.js';
import { primitiveSchema } from './primitives.js';

/** The JSON Schema dialect of every compiled document. */
export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/** What a compiled node needs to know about where it sits. */
interface Site {
  /** The document root: its object type also admits the instance's `$schema`/`$uses`. */
  readonly root?: boolean;
}

class Emitter {
  constructor(private readonly doc: StructureDocument) {}

  private get validation(): boolean {
    return this.doc.validationEnabled;
  }

  /** The `$defs` reference for a (lint-verified) type reference. */
  private ref(value: unknown): string {
    const resolved = resolveReference(this.doc, value);
    if (resolved.kind !== 'found')
      throw new Error(`internal: unresolved reference ${String(value)} reached the emitter`);
    return defsRef(resolved.definition.key);
  }

  /** Annotations that survive: JSON Schema has the same words with the same meaning. */
  private annotations(node: JsonObject): JsonObject {
    const out: JsonObject = {};
    for (const keyword of ['title', 'description']) {
      const value = own(node, keyword);
      if (typeof value === 'string') out[keyword] = value;
    }
    const examples = own(node, 'examples');
    if (Array.isArray(examples)) out.examples = examples;
    if (Object.hasOwn(node, 'default')) out.default = node.default;
    return out;
  }

  schema(node: unknown, depth: number, site: Site = {}): JsonObject {
    if (!isObject(node)) throw new Error('internal: a non-object schema reached the emitter');
    if (depth > MAX_DEPTH) throw new Error('internal: nesting beyond the lint limit reached the emitter');
    const out = this.annotations(node);
    const type = own(node, 'type');
    if (isObject(type)) {
      out.$ref = this.ref(own(type, '$ref'));
    } else if (Array.isArray(type)) {
      // A union: the instance matches at least one member ("first match" only matters for typing).
      // Primitive members take the node's constraints that apply to them (maxLength on the string member).
      out.anyOf = type.map((member) =>
        typeof member === 'string'
          ? this.unionMember(member, node)
          : { $ref: this.ref(own(member as JsonObject, '$ref')) },
      );
    } else if (typeof type === 'string') {
      Object.assign(out, this.typed(type, node, depth, site));
      if (PRIMITIVE_TYPES.has(type)) {
        if (Object.hasOwn(node, 'enum')) out.enum = node.enum;
        if (Object.hasOwn(node, 'const')) out.const = node.const;
      }
    }
    this.composition(node, depth, out);
    return out;
  }

  /** A union member named by type: primitives with the constraints that apply, `any` as the empty schema. */
  private unionMember(name: string, node: JsonObject): JsonObject {
    return name === 'any' ? {} : primitiveSchema(name, node, this.validation);
  }

  private typed(type: string, node: JsonObject, depth: number, site: Site): JsonObject {
    switch (type) {
      case 'object':
        return this.object(node, depth, site);
      case 'array':
      case 'set':
        return this.array(type, node, depth);
      case 'map':
        return this.map(node, depth);
      case 'tuple':
        return this.tuple(node, depth);
      case 'choice':
        return this.choice(node, depth);
      case 'any':
        return {};
      default:
        return primitiveSchema(type, node, this.validation);
    }
  }

  private object(node: JsonObject, depth: number, site: Site): JsonObject {
    const flat = flattenObject(this.doc, node);
    const out: JsonObject = { type: 'object' };
    const properties: JsonObject = {};
    for (const [name, schema] of flat.properties) putOwn(properties, name, this.schema(schema, depth + 1));
    const additional = own(node, 'additionalProperties');
    // Both SDKs treat an absent additionalProperties as open; we only emit what the author stated.
    if (additional !== undefined) {
      out.additionalProperties = typeof additional === 'boolean' ? additional : this.schema(additional, depth + 1);
      if (site.root && additional !== true) {
        // Instances may carry "$schema" and "$uses" at their root even in a closed object.
        if (!Object.hasOwn(properties, '$schema')) putOwn(properties, '$schema', { type: 'string' });
        if (!Object.hasOwn(properties, '$uses'))
          putOwn(properties, '$uses', { type: 'array', items: { type: 'string' } });
      }
    }
    out.properties = properties;
    this.required(flat.requiredGroups, out);
    if (this.validation) this.objectValidation(node, depth, out, 'object');
    return out;
  }

  /** Names become `required`; arrays of arrays mean "exactly one of the sets" (`oneOf`). */
  private required(groups: readonly (readonly unknown[])[], out: JsonObject): void {
    const names: string[] = [];
    for (const group of groups) {
      const sets = group.filter((entry): entry is unknown[] => Array.isArray(entry));
      for (const name of group) if (typeof name === 'string' && !names.includes(name)) names.push(name);
      if (sets.length === 0) continue;
      // `properties: {name: true}` stubs: ajv's strictRequired wants each required name defined in the
      // same schema, and oneOf is evaluated before the parent's `properties`.
      const branches = sets.map((set) => {
        const members = set.filter((name): name is string => typeof name === 'string');
        const stubs: JsonObject = {};
        for (const name of members) putOwn(stubs, name, true);
        return { properties: stubs, required: members };
      });
      conjoin(out, 'oneOf', branches);
    }
    if (names.length > 0) out.required = names;
  }

  /** Object/map validation keywords (only called when the validation extension is on). */
  private objectValidation(node: JsonObject, depth: number, out: JsonObject, kind: 'object' | 'map'): void {
    const count = (keyword: string, target: string): void => {
      const value = own(node, keyword);
      if (typeof value === 'number') out[target] = value;
    };
    count('minProperties', 'minProperties');
    count('maxProperties', 'maxProperties');
    count('minEntries', 'minProperties');
    count('maxEntries', 'maxProperties');
    const dependentRequired = own(node, 'dependentRequired');
    if (isObject(dependentRequired)) out.dependentRequired = dependentRequired;
    // Maps spell these keyNames/patternKeys; the linter rejects the other family on each type.
    const namesSchema = own(node, kind === 'map' ? 'keyNames' : 'propertyNames');
    if (isObject(namesSchema)) out.propertyNames = this.schema(namesSchema, depth + 1);
    const patterns = own(node, kind === 'map' ? 'patternKeys' : 'patternProperties');
    if (isObject(patterns)) {
      const compiled: JsonObject = {};
      for (const [pattern, schema] of Object.entries(patterns))
        putOwn(compiled, pattern, this.schema(schema, depth + 1));
      // On a map every value still has to match `values`; in JSON Schema, patternProperties beside
      // additionalProperties would exempt the matching keys, so the patterns go one level down.
      if (kind === 'map') conjoin(out, 'allOf', [{ type: 'object', patternProperties: compiled }]);
      else out.patternProperties = compiled;
    }
    const has = own(node, 'has');
    if (isObject(has)) {
      // "At least one member value matches": not (every value fails).
      conjoin(out, 'allOf', [{ not: { type: 'object', additionalProperties: { not: this.schema(has, depth + 1) } } }]);
    }
  }

  private array(type: 'array' | 'set', node: JsonObject, depth: number): JsonObject {
    const out: JsonObject = { type: 'array', items: this.schema(own(node, 'items'), depth + 1) };
    if (type === 'set') out.uniqueItems = true;
    if (this.validation) {
      for (const keyword of ['minItems', 'maxItems', 'minContains', 'maxContains']) {
        const value = own(node, keyword);
        if (typeof value === 'number') out[keyword] = value;
      }
      if (own(node, 'uniqueItems') === true) out.uniqueItems = true;
      const contains = own(node, 'contains');
      if (isObject(contains)) out.contains = this.schema(contains, depth + 1);
    }
    return out;
  }

  private map(node: JsonObject, depth: number): JsonObject {
    // Keys are free ("MAY be any valid JSON string"); `keys` is not a core keyword and is ignored.
    const out: JsonObject = { type: 'object', additionalProperties: this.schema(own(node, 'values'), depth + 1) };
    if (this.validation) this.objectValidation(node, depth, out, 'map');
    return out;
  }

  private tuple(node: JsonObject, depth: number): JsonObject {
    const flat = new Map(flattenObject(this.doc, node).properties);
    const order = own(node, 'tuple');
    const names = Array.isArray(order) ? order.filter((name): name is string => typeof name === 'string') : [];
    // Every element is implicitly required, and there are no others.
    return {
      type: 'array',
      prefixItems: names.map((name) => this.schema(flat.get(name), depth + 1)),
      items: false,
      minItems: names.length,
    };
  }

  private choice(node: JsonObject, depth: number): JsonObject {
    const choices = own(node, 'choices');
    const entries = isObject(choices) ? Object.entries(choices) : [];
    const selector = own(node, 'selector');
    if (typeof selector !== 'string') {
      // Tagged: the instance is a one-property object naming the choice.
      const oneOf = entries.map(([name, schema]) => {
        const properties: JsonObject = {};
        putOwn(properties, name, this.schema(schema, depth + 1));
        return { type: 'object', properties, required: [name], additionalProperties: false };
      });
      return { oneOf };
    }
    // Inline: the variant's own fields plus the selector naming it, and the abstract base's fields.
    const base = this.inlineBase(node, depth);
    const oneOf = entries.map(([name, schema]) => this.inlineVariant(name, schema, selector, base, depth));
    return { type: 'object', oneOf };
  }

  /** The base properties an inline choice adds to every variant (`$extends` on the choice). */
  private inlineBase(node: JsonObject, depth: number): JsonObject {
    const properties: JsonObject = {};
    for (const [name, schema] of flattenObject(this.doc, node).properties)
      putOwn(properties, name, this.schema(schema, depth + 1));
    return properties;
  }

  private inlineVariant(name: string, schema: unknown, selector: string, base: JsonObject, depth: number): JsonObject {
    const selectorSchema: JsonObject = { type: 'string', const: name };
    const target = this.variantObject(schema);
    if (!target) {
      // Not an object type (a primitive or union variant): the selector cannot live in it, so the
      // variant is checked as is. The linter warns about such choices.
      return this.schema(schema, depth + 1);
    }
    // Inlined rather than `$ref`: a closed variant (additionalProperties false) would reject the
    // selector if it sat beside the reference.
    const compiled = this.object(target, depth + 1, {});
    const properties = compiled.properties as JsonObject;
    for (const [baseName, baseSchema] of Object.entries(base))
      if (!Object.hasOwn(properties, baseName)) putOwn(properties, baseName, baseSchema);
    putOwn(properties, selector, selectorSchema);
    const required = Array.isArray(compiled.required) ? (compiled.required as string[]) : [];
    compiled.required = required.includes(selector) ? required : [...required, selector];
    return compiled;
  }

  /** The object node behind a choice variant: an inline object, or a reference to one. */
  private variantObject(schema: unknown): JsonObject | undefined {
    if (!isObject(schema)) return undefined;
    const type = own(schema, 'type');
    if (type === 'object') return schema;
    if (isObject(type)) {
      const resolved = resolveReference(this.doc, own(type, '$ref'));
      if (resolved.kind === 'found' && own(resolved.definition.node, 'type') === 'object')
        return resolved.definition.node;
    }
    return undefined;
  }

  /**
   * Conditional composition, enforced whenever present: the SDK evaluates type-less composition
   * schemas regardless of `$uses`, and an author who wrote `anyOf` meant it (the linter warns when
   * the add-in is not declared).
   */
  private composition(node: JsonObject, depth: number, out: JsonObject): void {
    const parts: JsonObject = {};
    for (const keyword of COMPOSITION_KEYWORDS) {
      if (!Object.hasOwn(node, keyword)) continue;
      const value = node[keyword];
      if (COMPOSITION_ARRAYS.has(keyword)) {
        if (Array.isArray(value)) parts[keyword] = value.map((branch) => this.schema(branch, depth + 1));
      } else if (isObject(value)) {
        parts[keyword] = this.schema(value, depth + 1);
      }
    }
    if (Object.keys(parts).length === 0) return;
    const type = out.type;
    if (typeof type === 'string' && !branchTypesFit(parts, type)) {
      // ajv's strictTypes rejects a branch typed outside its parent's type ("string" under "null"),
      // although the schema is merely unsatisfiable. Moving the typed part into allOf beside the
      // composition keeps the meaning and lets each branch name its own type.
      const typed: JsonObject = {};
      for (const [key, value] of Object.entries(out)) {
        if (ANNOTATIONS.has(key)) continue;
        putOwn(typed, key, value);
        delete out[key];
      }
      out.allOf = [typed, parts];
      return;
    }
    for (const [keyword, value] of Object.entries(parts)) conjoin(out, keyword, value);
  }

  /** The root schema for `$root`: the definition, inlined when it is a closed object (see object()). */
  rootFromDefinition(definition: Definition, compiled: JsonObject): JsonObject {
    if (
      compiled.type === 'object' &&
      compiled.additionalProperties !== undefined &&
      compiled.additionalProperties !== true
    ) {
      return this.object(definition.node, 0, { root: true });
    }
    return { $ref: defsRef(definition.key) };
  }
}

/** Keywords that stay on a node when its typed part moves into `allOf`. */
const ANNOTATIONS: ReadonlySet<string> = new Set(['title', 'description', 'examples', 'default']);

/**
 * Whether every `type` named in the in-place subschemas (composition, recursively; `$ref`s start a
 * fresh context in ajv) fits the parent's type, as ajv's strictTypes demands. `integer` fits `number`.
 */
function branchTypesFit(schema: unknown, parentType: string): boolean {
  if (Array.isArray(schema)) return schema.every((branch) => branchTypesFit(branch, parentType));
  if (!isObject(schema)) return true;
  const type = own(schema, 'type');
  if (typeof type === 'string' && type !== parentType && !(type === 'integer' && parentType === 'number')) return false;
  return COMPOSITION_KEYWORDS.every(
    (keyword) => !Object.hasOwn(schema, keyword) || branchTypesFit(schema[keyword], parentType),
  );
}

/**
 * Sets `out[keyword]`, or, when something already claimed that keyword, adds the new value as
 * one more `allOf` conjunct so neither constraint is lost.
 */
function conjoin(out: JsonObject, keyword: string, value: unknown): void {
  if (!Object.hasOwn(out, keyword)) {
    out[keyword] = value;
  } else if (keyword === 'allOf' && Array.isArray(out.allOf) && Array.isArray(value)) {
    out.allOf = [...(out.allOf as unknown[]), ...(value as unknown[])];
  } else {
    conjoin(out, 'allOf', [{ [keyword]: value }]);
  }
}

/** Emits the compiled document: `$schema`, `$id`, the root type (if any), then `$defs`. */
export function emitDocument(doc: StructureDocument): JsonObject {
  const emitter = new Emitter(doc);
  const out: JsonObject = { $schema: DRAFT_2020_12 };
  const id = own(doc.root, '$id');
  if (typeof id === 'string') out.$id = id;

  const defs: JsonObject = {};
  for (const definition of doc.definitions.values()) putOwn(defs, definition.key, emitter.schema(definition.node, 0));

  let root: JsonObject = {};
  const rootRef = own(doc.root, '$root');
  if (typeof rootRef === 'string') {
    const resolved = resolveReference(doc, rootRef);
    if (resolved.kind === 'found')
      root = emitter.rootFromDefinition(resolved.definition, defs[resolved.definition.key] as JsonObject);
  } else if (
    Object.hasOwn(doc.root, 'type') ||
    COMPOSITION_KEYWORDS.some((keyword) => Object.hasOwn(doc.root, keyword))
  ) {
    root = emitter.schema(doc.root, 0, { root: true });
  }
  for (const [key, value] of Object.entries(root)) putOwn(out, key, value);
  if (Object.keys(defs).length > 0) out.$defs = defs;
  return out;
}
