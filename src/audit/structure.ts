/**
 * JSON Structure document -> {@link ApiModel}. A document of hsac's own (`$id`
 * `https://hsac.dev/schemas/<version>/associations.struct.json`) gets its operations from the
 * catalogue: each endpoint's path, request definition and response definition per status, plus
 * the `default` `Error`. Any other JSON Structure document has no operations: its definitions (and
 * root type) are named schemas, compared by name.
 *
 * Types map to their JSON encoding, which is what a client sees: `int32` is an integer with format
 * `int32`, `int64` a *string* with format `int64` (JSON Structure encodes it as a string),
 * `datetime` a string with format `date-time`, `map` an object whose additional properties are the
 * values, `set` an array of unique items, a union with `null` is nullable, `choice` is a `oneOf`.
 * `"x-open-enum": true` on an enum marks it open (see suites/audit/README.md).
 */
import { allOperations, isApiVersion, type ApiVersion } from '../catalogue/index.js';
import { lintStructure } from '../structure/index.js';
import { AuditInputError } from './errors.js';
import { mergeInto } from './json-schema.js';
import { childPointer, fragmentToPointer, pointerTokens, valueAt } from '../json-pointer.js';
import { entriesOf, isObject, own, ownNumber, ownString, type JsonObject } from './json.js';
import {
  cloneSchema,
  emptySchema,
  type ApiModel,
  type EnumValue,
  type JsonType,
  type MutableSchemaNode,
  type OperationModel,
  type ResponseModel,
  type SchemaNode,
} from './model.js';
import { normalisePath } from './normalise-path.js';

/** The `$id` of hsac's version documents (schemas/README.md). */
const HSAC_ID = /^https:\/\/hsac\.dev\/schemas\/([^/]+)\/associations\.struct\.json$/;

/** Deepest inline nesting read (as for OpenAPI schemas). */
const MAX_DEPTH = 128;

/** Primitive JSON Structure types as their JSON encoding: [JSON type, format]. */
const PRIMITIVES: Readonly<Record<string, readonly [JsonType, string | undefined]>> = {
  string: ['string', undefined],
  boolean: ['boolean', undefined],
  number: ['number', undefined],
  integer: ['integer', 'int32'],
  int8: ['integer', 'int8'],
  uint8: ['integer', 'uint8'],
  int16: ['integer', 'int16'],
  uint16: ['integer', 'uint16'],
  int32: ['integer', 'int32'],
  uint32: ['integer', 'uint32'],
  int64: ['string', 'int64'],
  uint64: ['string', 'uint64'],
  int128: ['string', 'int128'],
  uint128: ['string', 'uint128'],
  float8: ['number', 'float8'],
  float: ['number', 'float'],
  double: ['number', 'double'],
  decimal: ['string', 'decimal'],
  binary: ['string', 'byte'],
  date: ['string', 'date'],
  datetime: ['string', 'date-time'],
  time: ['string', 'time'],
  duration: ['string', 'duration'],
  uuid: ['string', 'uuid'],
  uri: ['string', 'uri'],
  jsonpointer: ['string', 'json-pointer'],
};

/** Keywords that make a member of `definitions` a type rather than a namespace. */
const TYPE_MARKERS = ['type', '$ref', '$extends', 'properties', 'items', 'values', 'choices', 'enum', 'const'];

/** Keywords that describe a type without changing what it admits. */
const ANNOTATIONS: ReadonlySet<string> = new Set([
  'type',
  '$ref',
  'description',
  'title',
  'name',
  'examples',
  'example',
  'default',
  '$comment',
  'altnames',
  'descriptions',
  'deprecated',
  'unit',
]);

/** The `$ref` of a type that is only a reference (`{"type": {"$ref": ...}}` or `{"$ref": ...}`) plus annotations. */
function referenceOnly(raw: JsonObject): unknown {
  const type = own(raw, 'type');
  const reference =
    isObject(type) && Object.keys(type).length === 1
      ? own(type, '$ref')
      : type === undefined
        ? own(raw, '$ref')
        : undefined;
  if (reference === undefined) return undefined;
  return Object.keys(raw).every((key) => ANNOTATIONS.has(key)) ? reference : undefined;
}

/** True for a parsed document that declares itself JSON Structure. */
export function isStructureDocument(doc: JsonObject): boolean {
  return ownString(doc, '$schema')?.includes('json-structure.org') ?? false;
}

/** The hsac version a document is the schema of, from its `$id`; undefined for any other document. */
export function hsacDocumentVersion(doc: JsonObject): ApiVersion | undefined {
  const match = HSAC_ID.exec(ownString(doc, '$id') ?? '');
  const version = match?.[1];
  return version !== undefined && isApiVersion(version) ? version : undefined;
}

/** Reads a JSON Structure document; `source` names it in messages. */
export function structureModel(doc: JsonObject, source: string): ApiModel {
  const errors = lintStructure(doc).filter((issue) => issue.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0];
    throw new AuditInputError(
      `${source} is not a valid JSON Structure document: ${first?.path || '/'} ${first?.message ?? ''} (${errors.length} error${errors.length === 1 ? '' : 's'}; \`hsac audit structure\` lists them)`,
    );
  }
  const reader = new StructureReader(doc, source);
  const version = hsacDocumentVersion(doc);
  const schemas = reader.definitions();
  const operations =
    version === undefined ? new Map<string, OperationModel>() : catalogueOperations(version, reader, source);
  return { source, formats: [version === undefined ? 'json-structure' : 'hsac-structure'], operations, schemas };
}

/** hsac's endpoints of one version, with the document's definitions as bodies. */
function catalogueOperations(
  version: ApiVersion,
  reader: StructureReader,
  source: string,
): Map<string, OperationModel> {
  const out = new Map<string, OperationModel>();
  const body = (definition: string, endpoint: string): SchemaNode => {
    const node = reader.definition(definition);
    if (node === undefined)
      throw new AuditInputError(
        `${source}: the catalogue names definition ${definition} for ${endpoint}, which the document lacks`,
      );
    return node;
  };
  const pathParameter = emptySchema();
  pathParameter.types = ['string'];
  for (const op of allOperations().filter((candidate) => candidate.apiVersion === version)) {
    const path = normalisePath(op.pathTemplate);
    const responses = new Map<string, ResponseModel>();
    for (const response of op.responses) {
      responses.set(String(response.status), {
        status: String(response.status),
        mediaTypes: ['application/json'],
        headers: new Map(),
        schema: body(response.definition, op.endpoint),
      });
    }
    responses.set('default', {
      status: 'default',
      mediaTypes: ['application/json'],
      headers: new Map(),
      schema: body(op.errorDefinition, op.endpoint),
    });
    const model: OperationModel = {
      key: `${op.method} ${path.key}`,
      method: op.method,
      pathTemplate: op.pathTemplate,
      displayPath: path.display,
      deprecated: false,
      parameters: op.pathParams.map((name, position) => ({
        name,
        in: 'path',
        required: true,
        deprecated: false,
        schema: pathParameter,
        position,
      })),
      responses,
      ...(op.requestDefinition === undefined
        ? {}
        : {
            requestBody: {
              required: true,
              mediaTypes: ['application/json'],
              schema: body(op.requestDefinition, op.endpoint),
            },
          }),
    };
    out.set(model.key, model);
  }
  return out;
}

class StructureReader {
  private readonly byPointer = new Map<string, MutableSchemaNode>();

  constructor(
    private readonly doc: JsonObject,
    private readonly source: string,
  ) {}

  private fail(at: string, problem: string): never {
    throw new AuditInputError(`${this.source}: ${at || '/'} ${problem}`);
  }

  /** Every type of the document by name (namespaced ones as `Ns.Type`), plus a root type. */
  definitions(): Map<string, SchemaNode> {
    const out = new Map<string, SchemaNode>();
    const walk = (node: JsonObject, at: string, prefix: string, depth: number): void => {
      if (depth > MAX_DEPTH) this.fail(at, `nests namespaces deeper than ${MAX_DEPTH}`);
      for (const [name, member] of entriesOf(node)) {
        if (!isObject(member)) continue;
        const memberAt = childPointer(at, name);
        if (TYPE_MARKERS.some((marker) => Object.hasOwn(member, marker)))
          out.set(`${prefix}${name}`, this.at(memberAt));
        else walk(member, memberAt, `${prefix}${name}.`, depth + 1);
      }
    };
    const definitions = own(this.doc, 'definitions');
    if (isObject(definitions)) walk(definitions, '/definitions', '', 0);
    if (own(this.doc, 'type') !== undefined) out.set(ownString(this.doc, 'name') ?? '(root)', this.at(''));
    return out;
  }

  /** A top-level definition by name. */
  definition(name: string): SchemaNode | undefined {
    const definitions = own(this.doc, 'definitions');
    return isObject(definitions) && isObject(own(definitions, name))
      ? this.at(childPointer('/definitions', name))
      : undefined;
  }

  /** The type at a pointer: one node per location, created before it is filled (cycles). */
  private at(pointer: string, depth = 0): SchemaNode {
    const cached = this.byPointer.get(pointer);
    if (cached) return cached;
    const raw = valueAt(this.doc, pointer);
    if (!isObject(raw)) this.fail(pointer, 'is not a type');
    const node = emptySchema(pointer.startsWith('/definitions/') ? pointerTokens(pointer).at(-1) : undefined);
    this.byPointer.set(pointer, node);
    this.fill(node, raw, pointer, depth + 1);
    return node;
  }

  private ref(ref: unknown, at: string, depth: number): SchemaNode {
    const pointer = typeof ref === 'string' ? fragmentToPointer(ref) : undefined;
    if (pointer === undefined) this.fail(at, `has $ref ${JSON.stringify(ref)} that is not a local reference`);
    return this.at(pointer, depth);
  }

  private convert(raw: unknown, at: string, depth: number): SchemaNode {
    const reference = isObject(raw) ? referenceOnly(raw) : undefined;
    if (reference !== undefined && isObject(raw)) {
      // `{"type": {"$ref": ...}}` with annotations only is the referenced type itself: sharing the
      // node keeps recursive types cyclic (and cheap) instead of copying a half-built one.
      const target = this.ref(reference, at, depth);
      if (own(raw, 'deprecated') !== true) return target;
      const copy = cloneSchema(target);
      copy.deprecated = true;
      return copy;
    }
    const node = emptySchema();
    if (typeof raw === 'string') {
      this.applyType(node, raw, {}, at, depth);
      return node;
    }
    if (!isObject(raw)) this.fail(at, 'is not a type');
    this.fill(node, raw, at, depth + 1);
    return node;
  }

  private fill(node: MutableSchemaNode, raw: JsonObject, at: string, depth: number): void {
    if (depth > MAX_DEPTH) this.fail(at, `is nested deeper than ${MAX_DEPTH} levels`);
    const type = own(raw, 'type');
    if (Array.isArray(type)) this.applyUnion(node, type, at, depth);
    else if (isObject(type)) mergeInto(node, this.ref(own(type, '$ref'), childPointer(at, 'type'), depth));
    else if (typeof type === 'string') this.applyType(node, type, raw, at, depth);
    else if (own(raw, '$ref') !== undefined) mergeInto(node, this.ref(own(raw, '$ref'), at, depth));
    this.applyExtends(node, raw, at, depth);
    this.applyValues(node, raw);
    node.deprecated ||= own(raw, 'deprecated') === true;
    node.readOnly ||= own(raw, 'readOnly') === true;
    node.writeOnly ||= own(raw, 'writeOnly') === true;
  }

  /** `type: ["string", "null"]`: nullable; several non-null members become `anyOf`. */
  private applyUnion(node: MutableSchemaNode, members: unknown[], at: string, depth: number): void {
    const converted: SchemaNode[] = [];
    members.forEach((member, i) => {
      if (member === 'null') node.nullable = true;
      else converted.push(this.convert(isObject(member) ? member : String(member), childPointer(at, 'type', i), depth));
    });
    if (converted.length === 1) mergeInto(node, converted[0]!);
    else if (converted.length > 1) node.variants = { kind: 'anyOf', members: converted };
  }

  private applyType(node: MutableSchemaNode, type: string, raw: JsonObject, at: string, depth: number): void {
    const primitive = Object.hasOwn(PRIMITIVES, type) ? PRIMITIVES[type] : undefined;
    if (primitive) {
      node.types = [primitive[0]];
      if (primitive[1] !== undefined) node.format = primitive[1];
      return;
    }
    switch (type) {
      case 'null':
        node.nullable = true;
        return;
      case 'any':
        return;
      case 'object':
        node.types = ['object'];
        this.applyObject(node, raw, at, depth);
        return;
      case 'array':
      case 'set':
      case 'tuple':
        node.types = ['array'];
        if (type === 'set') node.limits.uniqueItems = true;
        if (own(raw, 'items') !== undefined)
          node.items = this.convert(own(raw, 'items'), childPointer(at, 'items'), depth);
        return;
      case 'map':
        node.types = ['object'];
        node.additionalProperties =
          own(raw, 'values') === undefined ? true : this.convert(own(raw, 'values'), childPointer(at, 'values'), depth);
        return;
      case 'choice': {
        const choices = own(raw, 'choices');
        const members = isObject(choices)
          ? entriesOf(choices).map(([name, member]) => this.convert(member, childPointer(at, 'choices', name), depth))
          : [];
        node.variants = { kind: 'oneOf', members };
        return;
      }
      default:
        this.fail(at, `has unknown type "${type}"`);
    }
  }

  private applyObject(node: MutableSchemaNode, raw: JsonObject, at: string, depth: number): void {
    const properties = own(raw, 'properties');
    if (isObject(properties)) {
      for (const [name, member] of entriesOf(properties))
        node.properties.set(name, this.convert(member, childPointer(at, 'properties', name), depth));
    }
    const required = own(raw, 'required');
    // `required: [["a"], ["b"]]` (alternatives) says no single property is always required.
    if (Array.isArray(required)) for (const name of required) if (typeof name === 'string') node.required.add(name);
    const additional = own(raw, 'additionalProperties');
    if (additional === false) node.additionalProperties = false;
    else if (additional !== undefined && additional !== true)
      node.additionalProperties = this.convert(additional, childPointer(at, 'additionalProperties'), depth);
  }

  /** `$extends`: the base types' properties are the subtype's too. */
  private applyExtends(node: MutableSchemaNode, raw: JsonObject, at: string, depth: number): void {
    const bases = own(raw, '$extends');
    for (const base of Array.isArray(bases) ? bases : bases === undefined ? [] : [bases]) {
      const inherited = this.ref(base, childPointer(at, '$extends'), depth);
      for (const [name, schema] of inherited.properties)
        if (!node.properties.has(name)) node.properties.set(name, schema);
      for (const name of inherited.required) node.required.add(name);
    }
  }

  private applyValues(node: MutableSchemaNode, raw: JsonObject): void {
    const values = own(raw, 'enum');
    const constant = own(raw, 'const');
    const list = Array.isArray(values) ? values : constant !== undefined ? [constant] : undefined;
    if (list)
      node.enum = list.filter(
        (value): value is EnumValue => value === null || ['string', 'number', 'boolean'].includes(typeof value),
      );
    node.openEnum ||= own(raw, 'x-open-enum') === true;
    for (const key of [
      'minLength',
      'maxLength',
      'minItems',
      'maxItems',
      'multipleOf',
      'minProperties',
      'maxProperties',
    ] as const) {
      const value = ownNumber(raw, key);
      if (value !== undefined) node.limits[key] = value;
    }
    // Numeric bounds of string-encoded types (int64, decimal) are strings in JSON Structure.
    for (const key of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const) {
      const value = own(raw, key);
      const number =
        typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (Number.isFinite(number)) node.limits[key] = number;
    }
    const pattern = ownString(raw, 'pattern');
    if (pattern !== undefined) node.limits.pattern = pattern;
  }
}
