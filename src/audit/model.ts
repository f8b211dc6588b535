/**
 * The one internal model of an API that the audit compares. OpenAPI 3.0/3.1 (JSON or YAML), hsac's
 * own JSON Structure documents and any other JSON Structure document are all loaded into this
 * shape (`openapi.ts`, `structure.ts`), so the walker (`diff.ts`) and the rules never see a source
 * format. Schemas form a graph: a named schema is one object however often it is referenced, so
 * recursive `$ref`s become cycles that the walker cuts, never infinite trees.
 */

/** JSON value types a schema can admit (`null` is tracked as {@link SchemaNode.nullable}). */
export type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';

/** A value an enum may list. */
export type EnumValue = string | number | boolean | null;

/** Validation limits, normalised (OpenAPI 3.0's boolean `exclusiveMinimum` becomes a number). */
export interface Limits {
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
}

/** The limit keywords, in the order changes are reported. */
export const LIMIT_KEYS = [
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
] as const satisfies readonly (keyof Limits)[];

/** `oneOf` / `anyOf` alternatives. */
export interface Variants {
  readonly kind: 'oneOf' | 'anyOf';
  readonly members: readonly SchemaNode[];
}

/** One schema, as the rules read it. */
export interface SchemaNode {
  /** The component / definition name, where the schema is a named one (messages, `*WithErrors`). */
  readonly name?: string;
  /** Admitted JSON types; empty means any type. */
  readonly types: readonly JsonType[];
  readonly format?: string;
  /** OpenAPI 3.0 `nullable`, 3.1 `type: [..., 'null']`, JSON Structure union with `null`. */
  readonly nullable: boolean;
  readonly enum?: readonly EnumValue[];
  /** `x-extensible-enum` or `x-open-enum`: clients must expect values the list lacks. */
  readonly openEnum: boolean;
  readonly properties: ReadonlyMap<string, SchemaNode>;
  readonly required: ReadonlySet<string>;
  /** `true` when unconstrained (the OpenAPI default), `false` when closed, else the value schema (maps). */
  readonly additionalProperties: boolean | SchemaNode;
  readonly items?: SchemaNode;
  readonly variants?: Variants;
  readonly limits: Readonly<Limits>;
  readonly deprecated: boolean;
  readonly readOnly: boolean;
  readonly writeOnly: boolean;
}

/** What the loaders fill in place (a named schema is created empty first, so a cycle can point at it). */
export interface MutableSchemaNode {
  name?: string;
  types: JsonType[];
  format?: string;
  nullable: boolean;
  enum?: EnumValue[];
  openEnum: boolean;
  properties: Map<string, SchemaNode>;
  required: Set<string>;
  additionalProperties: boolean | SchemaNode;
  items?: SchemaNode;
  variants?: Variants;
  limits: Limits;
  deprecated: boolean;
  readOnly: boolean;
  writeOnly: boolean;
}

/** A schema that admits anything (the starting point of every loader). */
export function emptySchema(name?: string): MutableSchemaNode {
  const node: MutableSchemaNode = {
    types: [],
    nullable: false,
    openEnum: false,
    properties: new Map(),
    required: new Set(),
    additionalProperties: true,
    limits: {},
    deprecated: false,
    readOnly: false,
    writeOnly: false,
  };
  if (name !== undefined) node.name = name;
  return node;
}

/** Where a parameter travels. */
export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

/** One request parameter. */
export interface ParameterModel {
  readonly name: string;
  readonly in: ParameterLocation;
  readonly required: boolean;
  readonly deprecated: boolean;
  readonly schema?: SchemaNode;
  /** Index among the path template's parameters: renamed path parameters still pair by position. */
  readonly position?: number;
}

/** A request body. */
export interface RequestBodyModel {
  readonly required: boolean;
  readonly mediaTypes: readonly string[];
  /** The JSON media type's schema (or the only one's); absent when none is declared. */
  readonly schema?: SchemaNode;
}

/** One response header. */
export interface HeaderModel {
  readonly name: string;
  readonly required: boolean;
  readonly deprecated: boolean;
  readonly schema?: SchemaNode;
}

/** One declared response. */
export interface ResponseModel {
  /** `200`, `2XX`, `default`. */
  readonly status: string;
  readonly mediaTypes: readonly string[];
  /** The body schema; absent when the response has no body (204, or no `content`). */
  readonly schema?: SchemaNode;
  /** By lower-cased name (HTTP header names are case-insensitive). */
  readonly headers: ReadonlyMap<string, HeaderModel>;
}

/** HTTP methods an operation may have, lower-case as OpenAPI writes them. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** One operation: a method on a path template. */
export interface OperationModel {
  /** `METHOD key-path`: the version segment removed and parameter names abstracted (`normalise-path.ts`). */
  readonly key: string;
  readonly method: string;
  /** The template as written, e.g. `/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read`. */
  readonly pathTemplate: string;
  /** The template with its version segment shown as `{version}`. */
  readonly displayPath: string;
  readonly deprecated: boolean;
  readonly operationId?: string;
  readonly parameters: readonly ParameterModel[];
  readonly requestBody?: RequestBodyModel;
  /** By status as written (`200`, `default`). */
  readonly responses: ReadonlyMap<string, ResponseModel>;
}

/** Which loader built a model. */
export type ModelFormat = 'openapi-3.0' | 'openapi-3.1' | 'hsac-structure' | 'json-structure';

/** One side of a comparison. */
export interface ApiModel {
  /** What was loaded, for headings: a version name, a file, or files joined with `+`. */
  readonly source: string;
  readonly formats: readonly ModelFormat[];
  /** By {@link OperationModel.key}. */
  readonly operations: ReadonlyMap<string, OperationModel>;
  /**
   * Named schemas without operations: the definitions of a JSON Structure document that is not
   * one of hsac's versions. Compared by name when neither side has operations.
   */
  readonly schemas: ReadonlyMap<string, SchemaNode>;
}

/** `200`..`299` and `2XX`: the statuses a client treats as success. */
export function isSuccessStatus(status: string): boolean {
  return /^2(?:\d\d|XX)$/i.test(status);
}

/** How an operation is printed: `POST /crm/associations/{version}/...`. */
export function operationLabel(op: Pick<OperationModel, 'method' | 'displayPath'>): string {
  return `${op.method.toUpperCase()} ${op.displayPath}`;
}

/** A shallow, mutable copy (its collections copied, its children shared). */
export function cloneSchema(node: SchemaNode): MutableSchemaNode {
  const copy: MutableSchemaNode = {
    types: [...node.types],
    nullable: node.nullable,
    openEnum: node.openEnum,
    properties: new Map(node.properties),
    required: new Set(node.required),
    additionalProperties: node.additionalProperties,
    limits: { ...node.limits },
    deprecated: node.deprecated,
    readOnly: node.readOnly,
    writeOnly: node.writeOnly,
  };
  if (node.name !== undefined) copy.name = node.name;
  if (node.format !== undefined) copy.format = node.format;
  if (node.enum !== undefined) copy.enum = [...node.enum];
  if (node.items !== undefined) copy.items = node.items;
  if (node.variants !== undefined) copy.variants = node.variants;
  return copy;
}
