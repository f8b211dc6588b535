/**
 * OpenAPI 3.0 / 3.1 document (already parsed, external `$ref`s already bundled) -> {@link ApiModel}.
 * Path items, parameters, request bodies, responses and headers may be `$ref`s into `components`;
 * they are resolved here. Schemas go through {@link JsonSchemaReader}, which is cycle-safe.
 */
import { AuditInputError } from './errors.js';
import { JsonSchemaReader, type SchemaDialect } from './json-schema.js';
import { childPointer, fragmentToPointer, valueAt } from '../json-pointer.js';
import { entriesOf, isObject, own, ownObject, ownString, type JsonObject } from './json.js';
import {
  HTTP_METHODS,
  type ApiModel,
  type HeaderModel,
  type OperationModel,
  type ParameterLocation,
  type ParameterModel,
  type RequestBodyModel,
  type ResponseModel,
  type SchemaNode,
} from './model.js';
import { normalisePath } from './normalise-path.js';

const LOCATIONS: ReadonlySet<string> = new Set(['path', 'query', 'header', 'cookie']);

/** The OpenAPI dialect of a parsed document, or undefined when it is not OpenAPI 3.0/3.1. */
export function openApiDialect(doc: JsonObject): SchemaDialect | undefined {
  const version = ownString(doc, 'openapi');
  if (version === undefined) return undefined;
  if (/^3\.0(?:\.\d+)?$/.test(version)) return 'openapi-3.0';
  if (/^3\.1(?:\.\d+)?$/.test(version)) return 'openapi-3.1';
  return undefined;
}

/** Reads one OpenAPI document; `source` names it in messages. */
export function openApiModel(doc: JsonObject, source: string): ApiModel {
  const dialect = openApiDialect(doc);
  if (dialect === undefined) {
    throw new AuditInputError(
      `${source}: OpenAPI version ${JSON.stringify(own(doc, 'openapi'))} is not supported (3.0.x and 3.1.x are)`,
    );
  }
  return new OpenApiReader(doc, dialect, source).model();
}

class OpenApiReader {
  private readonly schemas: JsonSchemaReader;

  constructor(
    private readonly doc: JsonObject,
    private readonly dialect: SchemaDialect,
    private readonly source: string,
  ) {
    this.schemas = new JsonSchemaReader(doc, dialect, source);
  }

  private fail(at: string, problem: string): never {
    throw new AuditInputError(`${this.source}: ${at || '/'} ${problem}`);
  }

  /** Follows `$ref` chains of non-schema components (responses, parameters, ...), bounded. */
  private deref(value: unknown, at: string): { node: JsonObject; at: string } {
    let node = value;
    let where = at;
    for (let hops = 0; hops < 32; hops++) {
      if (!isObject(node)) this.fail(where, 'is not an object');
      const ref = ownString(node, '$ref');
      if (ref === undefined) return { node, at: where };
      const pointer = fragmentToPointer(ref);
      const target = pointer === undefined ? undefined : valueAt(this.doc, pointer);
      if (target === undefined || pointer === undefined) this.fail(where, `has $ref "${ref}" that points to nothing`);
      node = target;
      where = pointer;
    }
    return this.fail(at, 'has a $ref chain longer than 32 (circular?)');
  }

  model(): ApiModel {
    const operations = new Map<string, OperationModel>();
    const paths = own(this.doc, 'paths');
    if (paths !== undefined && !isObject(paths)) this.fail('/paths', 'is not an object');
    for (const [template, rawItem] of entriesOf(paths ?? {})) {
      const itemAt = childPointer('/paths', template);
      const { node: item } = this.deref(rawItem, itemAt);
      const shared = this.parameters(own(item, 'parameters'), childPointer(itemAt, 'parameters'), template);
      for (const method of HTTP_METHODS) {
        const rawOperation = own(item, method);
        if (rawOperation === undefined) continue;
        const op = this.operation(method, template, rawOperation, childPointer(itemAt, method), shared);
        // Two templates of one document that differ only in their version segment (`/v1/x`, `/v2/x`)
        // keep both: the later one's key carries its version.
        const key = operations.has(op.key) ? `${op.key} @${normalisePath(template).version ?? template}` : op.key;
        operations.set(key, key === op.key ? op : { ...op, key });
      }
    }
    const schemas = new Map<string, SchemaNode>();
    const components = ownObject(this.doc, 'components');
    const componentSchemas = components ? ownObject(components, 'schemas') : undefined;
    for (const [name] of entriesOf(componentSchemas ?? {})) {
      schemas.set(name, this.schemas.readRef(`#${childPointer('/components/schemas', name)}`, '/components/schemas'));
    }
    return { source: this.source, formats: [this.dialect], operations, schemas };
  }

  private operation(
    method: string,
    template: string,
    raw: unknown,
    at: string,
    shared: readonly ParameterModel[],
  ): OperationModel {
    if (!isObject(raw)) this.fail(at, 'is not an operation object');
    const path = normalisePath(template);
    const own_ = this.parameters(own(raw, 'parameters'), childPointer(at, 'parameters'), template);
    // Operation-level parameters override path-level ones of the same name and location.
    const parameters = [...shared.filter((p) => !own_.some((o) => o.in === p.in && sameName(o, p))), ...own_];
    const requestBody =
      own(raw, 'requestBody') === undefined
        ? undefined
        : this.requestBody(own(raw, 'requestBody'), childPointer(at, 'requestBody'));
    const operationId = ownString(raw, 'operationId');
    const model: OperationModel = {
      key: `${method.toUpperCase()} ${path.key}`,
      method: method.toUpperCase(),
      pathTemplate: template,
      displayPath: path.display,
      deprecated: own(raw, 'deprecated') === true,
      parameters,
      responses: this.responses(own(raw, 'responses'), childPointer(at, 'responses')),
      ...(operationId === undefined ? {} : { operationId }),
      ...(requestBody === undefined ? {} : { requestBody }),
    };
    return model;
  }

  private parameters(raw: unknown, at: string, template: string): ParameterModel[] {
    if (raw === undefined) return [];
    if (!Array.isArray(raw)) this.fail(at, 'is not an array');
    const pathParameters = normalisePath(template).parameters;
    return raw.map((entry, i) => {
      const { node, at: where } = this.deref(entry, childPointer(at, i));
      const name = ownString(node, 'name');
      const location = ownString(node, 'in');
      if (name === undefined || location === undefined || !LOCATIONS.has(location))
        this.fail(where, 'is not a parameter (needs `name` and `in`: path, query, header or cookie)');
      const schema = this.parameterSchema(node, where);
      const position = location === 'path' ? pathParameters.indexOf(name) : -1;
      const parameter: ParameterModel = {
        name,
        in: location as ParameterLocation,
        // Path parameters are always required, whatever the document says.
        required: location === 'path' || own(node, 'required') === true,
        deprecated: own(node, 'deprecated') === true,
        ...(schema === undefined ? {} : { schema }),
        ...(position >= 0 ? { position } : {}),
      };
      return parameter;
    });
  }

  private parameterSchema(node: JsonObject, at: string): SchemaNode | undefined {
    if (own(node, 'schema') !== undefined) return this.schemas.read(own(node, 'schema'), childPointer(at, 'schema'));
    const content = ownObject(node, 'content');
    return content ? this.mediaSchema(content, childPointer(at, 'content')).schema : undefined;
  }

  /** The JSON media type's schema (else the first one's), and every media type listed. */
  private mediaSchema(content: JsonObject, at: string): { mediaTypes: string[]; schema?: SchemaNode } {
    const mediaTypes = Object.keys(content);
    const chosen =
      mediaTypes.find((type) => type === 'application/json') ??
      mediaTypes.find((type) => /[/+]json\b/.test(type)) ??
      mediaTypes[0];
    if (chosen === undefined) return { mediaTypes };
    const media = own(content, chosen);
    if (!isObject(media)) this.fail(childPointer(at, chosen), 'is not a media type object');
    const rawSchema = own(media, 'schema');
    if (rawSchema === undefined) return { mediaTypes };
    return { mediaTypes, schema: this.schemas.read(rawSchema, childPointer(at, chosen, 'schema')) };
  }

  private requestBody(raw: unknown, at: string): RequestBodyModel {
    const { node, at: where } = this.deref(raw, at);
    const content = ownObject(node, 'content') ?? {};
    const { mediaTypes, schema } = this.mediaSchema(content, childPointer(where, 'content'));
    return { required: own(node, 'required') === true, mediaTypes, ...(schema === undefined ? {} : { schema }) };
  }

  private responses(raw: unknown, at: string): Map<string, ResponseModel> {
    const out = new Map<string, ResponseModel>();
    if (raw === undefined) return out;
    if (!isObject(raw)) this.fail(at, 'is not an object');
    for (const [status, entry] of entriesOf(raw)) {
      if (status.startsWith('x-')) continue;
      const { node, at: where } = this.deref(entry, childPointer(at, status));
      const content = ownObject(node, 'content');
      const { mediaTypes, schema } = content
        ? this.mediaSchema(content, childPointer(where, 'content'))
        : { mediaTypes: [] };
      out.set(status, {
        status,
        mediaTypes,
        headers: this.headers(own(node, 'headers'), childPointer(where, 'headers')),
        ...(schema === undefined ? {} : { schema }),
      });
    }
    return out;
  }

  private headers(raw: unknown, at: string): Map<string, HeaderModel> {
    const out = new Map<string, HeaderModel>();
    if (!isObject(raw)) return out;
    for (const [name, entry] of entriesOf(raw)) {
      const { node, at: where } = this.deref(entry, childPointer(at, name));
      const schema = this.parameterSchema(node, where);
      out.set(name.toLowerCase(), {
        name,
        required: own(node, 'required') === true,
        deprecated: own(node, 'deprecated') === true,
        ...(schema === undefined ? {} : { schema }),
      });
    }
    return out;
  }
}

/** Header names compare case-insensitively; every other parameter name is exact. */
function sameName(a: ParameterModel, b: ParameterModel): boolean {
  return a.in === 'header' ? a.name.toLowerCase() === b.name.toLowerCase() : a.name === b.name;
}
