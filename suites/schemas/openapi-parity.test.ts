import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot, sharedReferenceDir } from '../../src/paths.js';

// Proves that each schemas/<version>/associations.struct.json says what HubSpot's own OpenAPI of
// that version says, definition by definition, and that the four endpoints answer with the status
// codes FACTS.md §0-§4 lists. The OpenAPI files live in ../shared (never copied into the repo), so
// the suite skips, visibly, where that folder is absent.

const API_VERSIONS = ['v4', '2025-09', '2026-03', '2026-09'] as const;
type ApiVersion = (typeof API_VERSIONS)[number];
type SpecFile = 'associations' | 'associationsSchema';
const SPEC_FILES: readonly SpecFile[] = ['associations', 'associationsSchema'];

// ---------------------------------------------------------------------------------------------
// The two document shapes, as far as this suite reads them.

/** An OpenAPI 3.0 schema object (the subset HubSpot's files use). */
interface OasSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: string[];
  properties?: Record<string, OasSchema>;
  required?: string[];
  items?: OasSchema;
  additionalProperties?: boolean | OasSchema;
}
interface OasMediaType {
  schema?: OasSchema;
}
interface OasResponse {
  $ref?: string;
  content?: Record<string, OasMediaType>;
}
interface OasOperation {
  requestBody?: { content?: Record<string, OasMediaType> };
  responses: Record<string, OasResponse>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OasOperation | undefined>>;
  components: { schemas: Record<string, OasSchema>; responses?: Record<string, OasResponse> };
}

/** A JSON Structure schema (the subset hsac's documents use). */
interface StructSchema {
  type?: string | { $ref: string };
  description?: string;
  enum?: string[];
  properties?: Record<string, StructSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: StructSchema;
  values?: StructSchema;
}
interface StructDocument {
  name: string;
  definitions: Record<string, StructSchema>;
}

// ---------------------------------------------------------------------------------------------
// What FACTS.md §0-§4 say each endpoint declares, per version. Only 2xx codes are listed; every
// operation must also send `default` to the Error component (checked below).

type EndpointId = 'batch-associate-default' | 'batch-read' | 'configurations-batch-create' | 'associate-default';

interface ExpectedOperation {
  endpoint: EndpointId;
  file: SpecFile;
  method: 'post' | 'put';
  path: string;
  /** Request-body component, or null where the operation has no body (PUT default). */
  request: string | null;
  /** Success status code -> response component. */
  success: Record<string, string>;
}

const READ_200 = 'BatchResponsePublicAssociationMultiWithLabel';
const READ_207 = 'BatchResponsePublicAssociationMultiWithLabelWithErrors';
const CONFIG_OK = 'BatchResponsePublicAssociationDefinitionUserConfiguration';
const CONFIG_207 = 'BatchResponsePublicAssociationDefinitionUserConfigurationWithErrors';
const DEFAULT_OK = 'BatchResponsePublicDefaultAssociation';

/** FACTS §2: batch read is 200/207 except in the 2026-09 draft (200 with merged errors). */
const BATCH_READ_SUCCESS: Record<ApiVersion, Record<string, string>> = {
  v4: { '200': READ_200, '207': READ_207 },
  '2025-09': { '200': READ_200, '207': READ_207 },
  '2026-03': { '200': READ_200, '207': READ_207 },
  '2026-09': { '200': READ_200 },
};
/**
 * FACTS §3: configurations create is 201/207 in v4 and 2026-03, 200-only in 2025-09 (stale file) and the 2026-09 draft.
 */
const CONFIG_CREATE_SUCCESS: Record<ApiVersion, Record<string, string>> = {
  v4: { '201': CONFIG_OK, '207': CONFIG_207 },
  '2025-09': { '200': CONFIG_OK },
  '2026-03': { '201': CONFIG_OK, '207': CONFIG_207 },
  '2026-09': { '200': CONFIG_OK },
};

/** FACTS §0 path forms; note v4 configurations live under /crm/associations/v4, not /crm/v4/associations. */
function expectedOperations(version: ApiVersion): ExpectedOperation[] {
  const associations = version === 'v4' ? '/crm/v4/associations' : `/crm/associations/${version}`;
  const configurations = version === 'v4' ? '/crm/associations/v4' : `/crm/associations/${version}`;
  const objects = version === 'v4' ? '/crm/v4/objects' : `/crm/objects/${version}`;
  return [
    {
      endpoint: 'batch-associate-default',
      file: 'associations',
      method: 'post',
      path: `${associations}/{fromObjectType}/{toObjectType}/batch/associate/default`,
      request: 'BatchInputPublicDefaultAssociationMultiPost',
      success: { '200': DEFAULT_OK }, // FACTS §1: no 201, no 207, in every version
    },
    {
      endpoint: 'batch-read',
      file: 'associations',
      method: 'post',
      path: `${associations}/{fromObjectType}/{toObjectType}/batch/read`,
      request: 'BatchInputPublicFetchAssociationsBatchRequest',
      success: BATCH_READ_SUCCESS[version],
    },
    {
      endpoint: 'configurations-batch-create',
      file: 'associationsSchema',
      method: 'post',
      path: `${configurations}/definitions/configurations/{fromObjectType}/{toObjectType}/batch/create`,
      request: 'BatchInputPublicAssociationDefinitionConfigurationCreateRequest',
      success: CONFIG_CREATE_SUCCESS[version],
    },
    {
      endpoint: 'associate-default',
      file: 'associations',
      method: 'put',
      path: `${objects}/{fromObjectType}/{fromObjectId}/associations/default/{toObjectType}/{toObjectId}`,
      request: null,
      success: { '200': DEFAULT_OK }, // FACTS §4: a batch envelope for a single pair
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Intended deviations from the spec. Each is checked to still be a deviation: when HubSpot's spec
// catches up (or hsac drops it), the entry is stale and the suite fails until it is removed.

type Deviation =
  | {
      id: string;
      kind: 'extra-property';
      definition: string;
      property: string;
      versions: readonly ApiVersion[];
      reason: string;
    }
  | { id: string; kind: 'hsac-definition'; definition: string; versions: readonly ApiVersion[]; reason: string }
  | { id: string; kind: 'closed-objects'; versions: readonly ApiVersion[]; reason: string };

/** hsac's deliberate differences from HubSpot's OpenAPI, each with its reason. */
const INTENDED_DEVIATIONS: readonly Deviation[] = [
  {
    id: 'error-status',
    kind: 'extra-property',
    definition: 'Error',
    property: 'status',
    versions: API_VERSIONS,
    reason:
      'Real non-2xx bodies carry "status": "error" (FACTS §5) but the spec Error omits it; optional, so spec-shaped bodies still pass.',
  },
  {
    id: 'rate-limit-error',
    kind: 'hsac-definition',
    definition: 'RateLimitError',
    versions: API_VERSIONS,
    reason:
      'No 429 is declared anywhere; the documented 429 body (FACTS §6) has errorType/policyName/requestId and no category, so it is not an Error.',
  },
  {
    id: 'association-category',
    kind: 'hsac-definition',
    definition: 'AssociationCategory',
    versions: API_VERSIONS,
    reason:
      'The spec inlines the category enum in four schemas; hsac names it once so a change such as WORK (2026-02) is one edit. References to it are compared with the inline enum.',
  },
  {
    id: 'closed-objects',
    kind: 'closed-objects',
    versions: API_VERSIONS,
    reason:
      'The spec never says additionalProperties: false; hsac closes every object so the strict profile flags unknown fields (lenient downgrades them to warnings).',
  },
];

// ---------------------------------------------------------------------------------------------
// Shapes: both schema languages reduced to one comparable string, e.g. "array<ref:StandardError>",
// "map<array<string>>", "string{CANCELED|COMPLETE|PENDING|PROCESSING}" (enum values sorted, so
// they compare as sets).

const COMPONENT_REF = /^#\/components\/schemas\/(.+)$/;
const DEFINITION_REF = /^#\/definitions\/(.+)$/;

function withEnum(base: string, values: readonly string[] | undefined): string {
  return values ? `${base}{${[...values].sort().join('|')}}` : base;
}

function componentName(ref: string): string {
  const name = COMPONENT_REF.exec(ref)?.[1];
  if (!name) throw new Error(`unsupported OpenAPI $ref ${ref}`);
  return name;
}

/**
 * The shape of an OpenAPI schema: integer/int32 -> int32, string/date-time -> datetime, property-less object -> map.
 */
function oasShape(schema: OasSchema): string {
  if (schema.$ref) return `ref:${componentName(schema.$ref)}`;
  switch (schema.type) {
    case 'string':
      if (schema.format === 'date-time') return 'datetime';
      if (schema.format === 'uuid') return 'uuid';
      return withEnum('string', schema.enum);
    case 'integer':
      return schema.format === 'int64' ? 'int64' : 'int32';
    case 'number':
      return 'double';
    case 'boolean':
      return 'boolean';
    case 'array':
      return `array<${schema.items ? oasShape(schema.items) : 'any'}>`;
    case 'object': {
      if (schema.properties && Object.keys(schema.properties).length > 0) return 'object(inline)';
      const values = schema.additionalProperties;
      return `map<${typeof values === 'object' ? oasShape(values) : 'any'}>`;
    }
    default:
      return `unknown(${String(schema.type)})`;
  }
}

/** The shape of a JSON Structure schema; a reference to a non-object definition (an enum alias) is resolved. */
function structShape(schema: StructSchema, document: StructDocument): string {
  const type = schema.type;
  if (typeof type === 'object') {
    const name = DEFINITION_REF.exec(type.$ref)?.[1];
    const target = name === undefined ? undefined : document.definitions[name];
    if (name === undefined || target === undefined) return `unresolved(${type.$ref})`;
    return target.type === 'object' ? `ref:${name}` : structShape(target, document);
  }
  switch (type) {
    case 'array':
    case 'set':
      return `array<${schema.items ? structShape(schema.items, document) : 'any'}>`;
    case 'map':
      return `map<${schema.values ? structShape(schema.values, document) : 'any'}>`;
    case 'object':
      return 'object(inline)';
    case 'string':
      return withEnum('string', schema.enum);
    default:
      return String(type);
  }
}

// ---------------------------------------------------------------------------------------------
// Loading and walking.

function loadStructDocument(version: ApiVersion): StructDocument {
  const file = join(packageRoot(), 'schemas', version, 'associations.struct.json');
  return JSON.parse(readFileSync(file, 'utf8')) as StructDocument;
}

function loadOpenApi(specDir: string, version: ApiVersion, file: SpecFile): OpenApiDocument {
  return JSON.parse(readFileSync(join(specDir, version, `${file}.json`), 'utf8')) as OpenApiDocument;
}

function jsonSchemaOf(media: Record<string, OasMediaType> | undefined): OasSchema | undefined {
  return media ? Object.values(media)[0]?.schema : undefined;
}

/** The response component behind a status code, following `#/components/responses/X` indirection. */
function responseSchemaName(spec: OpenApiDocument, response: OasResponse): string | undefined {
  let resolved = response;
  if (response.$ref) {
    const name = /^#\/components\/responses\/(.+)$/.exec(response.$ref)?.[1];
    const target = name === undefined ? undefined : spec.components.responses?.[name];
    if (!target) return undefined;
    resolved = target;
  }
  const schema = jsonSchemaOf(resolved.content);
  return schema?.$ref ? componentName(schema.$ref) : undefined;
}

function refsIn(schema: OasSchema | boolean | undefined, into: Set<string>): void {
  if (typeof schema !== 'object') return;
  if (schema.$ref) into.add(componentName(schema.$ref));
  for (const child of Object.values(schema.properties ?? {})) refsIn(child, into);
  refsIn(schema.items, into);
  refsIn(schema.additionalProperties, into);
}

/** Components reachable from the given roots through `$ref`s in properties, items and map values. */
function reachableComponents(spec: OpenApiDocument, roots: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    if (seen.has(name)) continue;
    seen.add(name);
    const next = new Set<string>();
    refsIn(spec.components.schemas[name], next);
    queue.push(...next);
  }
  return seen;
}

/** Roots of one spec file: every request and response component of our endpoints that live in it, plus Error. */
function rootsOf(operations: readonly ExpectedOperation[], file: SpecFile): string[] {
  const inFile = operations.filter((operation) => operation.file === file);
  if (inFile.length === 0) return [];
  return [
    ...inFile.flatMap((operation) => [
      ...(operation.request ? [operation.request] : []),
      ...Object.values(operation.success),
    ]),
    'Error',
  ];
}

/**
 * Differences between one of our definitions and the same-named OpenAPI component, after the
 * intended extra properties of this version are set aside.
 */
function definitionDifferences(
  name: string,
  ours: StructSchema,
  theirs: OasSchema,
  document: StructDocument,
  allowedExtra: ReadonlySet<string>,
): string[] {
  const differences: string[] = [];
  const ourProperties = ours.properties ?? {};
  const theirProperties = theirs.properties ?? {};
  const ourNames = Object.keys(ourProperties)
    .filter((property) => !allowedExtra.has(property))
    .sort();
  const theirNames = Object.keys(theirProperties).sort();
  if (JSON.stringify(ourNames) !== JSON.stringify(theirNames)) {
    differences.push(`${name}: properties ${JSON.stringify(ourNames)} vs spec ${JSON.stringify(theirNames)}`);
  }
  const ourRequired = [...(ours.required ?? [])].sort();
  const theirRequired = [...(theirs.required ?? [])].sort();
  if (JSON.stringify(ourRequired) !== JSON.stringify(theirRequired)) {
    differences.push(`${name}: required ${JSON.stringify(ourRequired)} vs spec ${JSON.stringify(theirRequired)}`);
  }
  for (const [property, theirSchema] of Object.entries(theirProperties)) {
    const ourSchema = ourProperties[property];
    if (!ourSchema) continue;
    const ourShape = structShape(ourSchema, document);
    const theirShape = oasShape(theirSchema);
    if (ourShape !== theirShape) differences.push(`${name}.${property}: ${ourShape} vs spec ${theirShape}`);
  }
  return differences;
}

// ---------------------------------------------------------------------------------------------

const shared = sharedReferenceDir();
const specDir =
  shared === undefined ? undefined : join(shared, 'reference', 'hubspot', 'HubSpot-public-api-spec-collection');
const available = specDir !== undefined && existsSync(specDir);
const title = available
  ? 'JSON Structure documents vs HubSpot OpenAPI'
  : 'JSON Structure documents vs HubSpot OpenAPI [SKIPPED: ../shared/reference/hubspot/HubSpot-public-api-spec-collection not found; set HSAC_SHARED_DIR]';

describe.skipIf(!available)(title, () => {
  const root = specDir ?? '';

  describe.each(API_VERSIONS)('%s', (version) => {
    const document = loadStructDocument(version);
    const operations = expectedOperations(version);
    // Loaded on first use, inside tests: a skipped describe still runs this body to collect tests.
    const specCache = new Map<SpecFile, OpenApiDocument>();
    const reachedCache = new Map<SpecFile, Set<string>>();
    const spec = (file: SpecFile): OpenApiDocument => {
      let loaded = specCache.get(file);
      if (!loaded) specCache.set(file, (loaded = loadOpenApi(root, version, file)));
      return loaded;
    };
    const reached = (file: SpecFile): Set<string> => {
      let names = reachedCache.get(file);
      if (!names) reachedCache.set(file, (names = reachableComponents(spec(file), rootsOf(operations, file))));
      return names;
    };
    const deviations = INTENDED_DEVIATIONS.filter((deviation) => deviation.versions.includes(version));

    it.each(
      operations.map(
        (operation) => [operation.endpoint, `${operation.method.toUpperCase()} ${operation.path}`, operation] as const,
      ),
    )('%s (%s) declares the status codes and schemas of FACTS §0-§4', (_endpoint, _route, operation) => {
      const declared = spec(operation.file).paths[operation.path]?.[operation.method];
      expect(declared, `${operation.file}.json has ${operation.method.toUpperCase()} ${operation.path}`).toBeDefined();
      if (!declared) return;
      const success: Record<string, string | undefined> = {};
      for (const [code, response] of Object.entries(declared.responses)) {
        if (/^2\d\d$/.test(code)) success[code] = responseSchemaName(spec(operation.file), response);
      }
      expect(success).toEqual(operation.success);
      const fallback = declared.responses.default;
      expect(fallback && responseSchemaName(spec(operation.file), fallback), 'default response is Error').toBe('Error');
      const request = jsonSchemaOf(declared.requestBody?.content);
      expect(request?.$ref ? componentName(request.$ref) : null).toBe(operation.request);
      // Every component the catalogue will name for this endpoint is defined in our document.
      for (const name of [
        ...Object.values(operation.success),
        ...(operation.request ? [operation.request] : []),
        'Error',
      ]) {
        expect(document.definitions[name], `#/definitions/${name}`).toBeDefined();
      }
    });

    it.each(SPEC_FILES)(
      'every component %s.json reaches from these endpoints is defined here, with the same properties, required and types',
      (file) => {
        const differences: string[] = [];
        for (const name of [...reached(file)].sort()) {
          const ours = document.definitions[name];
          const theirs = spec(file).components.schemas[name];
          if (!theirs) {
            differences.push(`${name}: referenced in ${file}.json but not defined there`);
            continue;
          }
          if (!ours) {
            differences.push(`${name}: missing from our document`);
            continue;
          }
          const allowedExtra = new Set(
            deviations.flatMap((deviation) =>
              deviation.kind === 'extra-property' && deviation.definition === name ? [deviation.property] : [],
            ),
          );
          differences.push(...definitionDifferences(name, ours, theirs, document, allowedExtra));
        }
        expect(differences).toEqual([]);
      },
    );

    it('defines nothing beyond the reached spec components, except the listed hsac definitions', () => {
      const listed = new Set(
        deviations.flatMap((deviation) => (deviation.kind === 'hsac-definition' ? [deviation.definition] : [])),
      );
      const unexplained = Object.keys(document.definitions).filter(
        (name) => !reached('associations').has(name) && !reached('associationsSchema').has(name) && !listed.has(name),
      );
      expect(unexplained).toEqual([]);
    });

    it.each(deviations.map((deviation) => [deviation.id, deviation] as const))(
      'intended deviation %s still exists (else remove it from INTENDED_DEVIATIONS)',
      (_id, deviation) => {
        switch (deviation.kind) {
          case 'extra-property': {
            expect(
              document.definitions[deviation.definition]?.properties?.[deviation.property],
              'we still define it',
            ).toBeDefined();
            const specCopies = SPEC_FILES.filter((file) => reached(file).has(deviation.definition)).map(
              (file) => spec(file).components.schemas[deviation.definition],
            );
            expect(specCopies.length, 'the spec still has the definition').toBeGreaterThan(0);
            for (const copy of specCopies)
              expect(copy?.properties?.[deviation.property], 'the spec still lacks the property').toBeUndefined();
            break;
          }
          case 'hsac-definition':
            expect(document.definitions[deviation.definition], 'we still define it').toBeDefined();
            for (const file of SPEC_FILES) {
              expect(
                spec(file).components.schemas[deviation.definition],
                `${file}.json still has no such component`,
              ).toBeUndefined();
            }
            break;
          case 'closed-objects': {
            const open = SPEC_FILES.flatMap((file) =>
              [...reached(file)].filter((name) => {
                const component = spec(file).components.schemas[name];
                return component?.type === 'object' && component.additionalProperties !== false;
              }),
            );
            expect(open.length, 'some reached spec object is still open').toBeGreaterThan(0);
            const ourOpen = Object.entries(document.definitions).filter(
              ([, definition]) => definition.type === 'object' && definition.additionalProperties !== false,
            );
            expect(
              ourOpen.map(([name]) => name),
              'ours are all closed',
            ).toEqual([]);
            break;
          }
        }
      },
    );
  });
});
