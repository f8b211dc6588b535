import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { API_VERSIONS, allOperations, schemaDocumentPath, type ApiVersion } from '../catalogue/index.js';
import { packageRoot } from '../paths.js';
import { fastDateTimeFormat } from './date-time-format.js';
import { inlineDefinition, NotInlinable } from './fast-path.js';
import {
  addStructureVocabulary,
  compileStructure,
  StructureCompileError,
  type RepairOptions,
} from '../structure/index.js';

/** A schema that cannot be read or compiled: a typed error raised at load, before anything runs. */
export class SchemaLoadError extends Error {
  override readonly name = 'SchemaLoadError';
  constructor(
    message: string,
    /** The document (path relative to the package root) that failed. */
    readonly document: string,
  ) {
    super(message);
  }
}

/** The name under which the published seed document is registered. */
export const PUBLISHED_DOCUMENT = 'published';
/** The published seed, as shipped (schemas/published). */
export const PUBLISHED_SCHEMA_PATH = 'schemas/published/batch-association-response.struct.json';
/** The definition name the published document gets once repaired. */
export const PUBLISHED_DEFINITION = 'BatchAssociationResponse';

/**
 * Where the published seed's four dangling `#/components/schemas/...` targets are resolved in
 * repair mode: to the project's own definitions of the same concept (FACTS.md §2, §5). The seed's
 * `Association` is the read-side `MultiAssociatedObjectWithLabel` (category/typeId), which is what
 * HubSpot actually returns, not api-evangelist's associationCategory/associationTypeId guess.
 */
export const PUBLISHED_REPAIR_REFS: Readonly<Record<string, string>> = {
  '#/components/schemas/ObjectReference': 'PublicObjectId',
  '#/components/schemas/Association': 'MultiAssociatedObjectWithLabel',
  '#/components/schemas/Paging': 'Paging',
  '#/components/schemas/ErrorDetail': 'ErrorDetail',
};

/** A JSON Schema node as emitted by the structure compiler. */
export type JsonSchemaNode = Record<string, unknown>;

interface LoadedDocument {
  readonly id: string;
  /** The compiled JSON Schema 2020-12 document (`$defs` keyed by definition name). */
  readonly schema: JsonSchemaNode;
  /** The JSON Structure source, for repair mode and for generators. */
  readonly source: Record<string, unknown>;
  readonly repairs: readonly string[];
}

function readJson(root: string, relativePath: string): Record<string, unknown> {
  const file = join(root, relativePath);
  let text: string;
  try {
    // Stryker disable next-line StringLiteral: read as bytes, JSON.parse takes the Buffer's UTF-8 text alike
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SchemaLoadError(`cannot read ${relativePath}: ${(error as Error).message}`, relativePath);
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('root is not an object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw new SchemaLoadError(`${relativePath} is not a JSON object: ${(error as Error).message}`, relativePath);
  }
}

function compileDocument(
  relativePath: string,
  source: Record<string, unknown>,
  repair?: RepairOptions,
): LoadedDocument {
  try {
    const compiled = repair ? compileStructure(source, { repair }) : compileStructure(source);
    // The linter refuses a document without a string $id (SCHEMA_ROOT_MISSING_ID) and the emitter copies it.
    const id = compiled.schema.$id as string;
    return { id, schema: compiled.schema, source, repairs: compiled.repairs };
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: else only the emitter's internal asserts, which lint rules out
    if (error instanceof StructureCompileError) {
      const first = error.issues
        .filter((issue) => issue.severity === 'error')
        .slice(0, 5)
        .map((issue) => `${issue.code} at "${issue.path}": ${issue.message}`);
      throw new SchemaLoadError(`${relativePath} is not valid JSON Structure: ${first.join('; ')}`, relativePath);
    }
    throw error;
  }
}

/**
 * An ajv with the structure vocabulary and the fast date-time format (date-time-format.ts). Strict: unknown keywords
 * and ambiguous schemas are compile errors, not silent passes. `allErrors`: the reporting validators list every
 * problem of a body; the fast path stops at the first.
 */
export function structureAjv(allErrors: boolean): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors });
  addStructureVocabulary(ajv);
  ajv.addFormat('date-time', fastDateTimeFormat(ajv.formats['date-time']));
  return ajv;
}

/**
 * Every schema hsac checks against, compiled once into one ajv instance (STYLE.md: "compile once,
 * strictly, at start"). Loading compiles every definition the catalogue names, so a broken schema
 * stops everything with a {@link SchemaLoadError} instead of surfacing mid-run.
 */
export class SchemaRegistry {
  private static shared: SchemaRegistry | undefined;
  private readonly ajv: Ajv2020;
  private readonly documents = new Map<string, LoadedDocument>();
  private readonly validators = new Map<string, ValidateFunction>();
  /** The fast path (fast-path.ts): its own ajv, first-error mode, built on first use. */
  private fastAjv: Ajv2020 | undefined;
  private readonly fastValidators = new Map<string, ValidateFunction | null>();
  /** Definitions that keep the ordinary path, with why (read by tests: none is expected). */
  readonly fastPathRefused = new Map<string, string>();

  /** @param root the directory the documents are read under (the package root, or a spec's fixture tree). */
  private constructor(private readonly root: string) {
    this.ajv = structureAjv(true);
    for (const version of API_VERSIONS) {
      const path = schemaDocumentPath(version);
      this.register(version, compileDocument(path, readJson(root, path)));
    }
    for (const op of allOperations()) {
      const names = [
        op.requestDefinition,
        ...op.responses.map((r) => r.definition),
        op.errorDefinition,
        op.rateLimitDefinition,
      ];
      // A body-less operation's name is undefined, which would compile the document root: cached, no answer changes.
      // Stryker disable next-line ConditionalExpression: an extra root compile; every root the linter admits compiles
      for (const name of names) if (name) this.validator(op.apiVersion, name);
    }
  }

  /** The process-wide registry, loaded on first use. */
  static load(): SchemaRegistry {
    SchemaRegistry.shared ??= new SchemaRegistry(packageRoot());
    return SchemaRegistry.shared;
  }

  /** A registry of its own over the documents under `root`, laid out as the package's (for specs of load errors). */
  static loadFrom(root: string): SchemaRegistry {
    return new SchemaRegistry(root);
  }

  private register(key: string, document: LoadedDocument): void {
    try {
      this.ajv.addSchema(document.schema);
    } catch (error) {
      throw new SchemaLoadError(`${key}: ajv rejected the compiled schema: ${(error as Error).message}`, key);
    }
    this.documents.set(key, document);
  }

  /**
   * The published BatchAssociationResponse in repair mode: its dangling references resolved to
   * the given version's definitions and its property-less objects read as maps. Compiled once per
   * version on first use.
   */
  publishedDocument(apiVersion: ApiVersion): { key: string; repairs: readonly string[] } {
    const key = `${PUBLISHED_DOCUMENT}@${apiVersion}`;
    if (!this.documents.has(key)) {
      const versionSource = this.document(apiVersion).source;
      const definitions = versionSource.definitions as Record<string, unknown>;
      const source = readJson(this.root, PUBLISHED_SCHEMA_PATH);
      // Register under a per-version id so two repairs never collide in the one ajv instance.
      const repaired = compileDocument(PUBLISHED_SCHEMA_PATH, source, {
        refMap: { ...PUBLISHED_REPAIR_REFS },
        definitions,
      });
      // Stryker disable next-line Regex,StringLiteral: the shipped seed's $id has no fragment to drop
      const id = `${repaired.id.replace(/#.*$/, '')}?repairedWith=${apiVersion}`;
      this.register(key, { ...repaired, id, schema: { ...repaired.schema, $id: id } });
    }
    return { key, repairs: this.document(key).repairs };
  }

  /** A loaded document by version name (or published key). */
  document(key: string): LoadedDocument {
    const found = this.documents.get(key);
    if (!found) throw new SchemaLoadError(`no schema document "${key}" is loaded`, key);
    return found;
  }

  /** The compiled validator for a definition of a document; `definition` undefined means the document root. */
  validator(key: string, definition?: string): ValidateFunction {
    // Stryker disable next-line StringLiteral: any one spelling of "the root" keys the cache alike
    const cacheKey = `${key}#${definition ?? ''}`;
    const cached = this.validators.get(cacheKey);
    if (cached) return cached;
    const document = this.document(key);
    const ref = definition === undefined ? document.id : `${document.id}#/$defs/${definition}`;
    let compiled: ValidateFunction;
    try {
      compiled = this.ajv.compile({ $ref: ref });
    } catch (error) {
      throw new SchemaLoadError(`cannot compile ${ref}: ${(error as Error).message}`, key);
    }
    this.validators.set(cacheKey, compiled);
    return compiled;
  }

  /**
   * A validator that only answers "valid or not", for the fast path of valid bodies: the
   * definition with its `$ref`s inlined, compiled in first-error mode. `undefined` when the
   * definition cannot be inlined exactly (then the caller uses {@link validator} alone).
   */
  fastValidator(key: string, definition: string): ValidateFunction | undefined {
    const cacheKey = `${key}#${definition}`;
    const cached = this.fastValidators.get(cacheKey);
    if (cached !== undefined) return cached ?? undefined;
    let compiled: ValidateFunction | null = null;
    try {
      const inlined = inlineDefinition(this.document(key).schema, definition);
      this.fastAjv ??= structureAjv(false);
      compiled = this.fastAjv.compile(inlined);
    } catch (error) {
      // Not exact to inline (NotInlinable), or ajv refused the inlined form: the ordinary path still checks it.
      // Both throw Error instances only.
      const why = error instanceof NotInlinable ? 'not inlinable' : 'not compiled';
      this.fastPathRefused.set(cacheKey, `${why}: ${(error as Error).message}`);
    }
    this.fastValidators.set(cacheKey, compiled);
    return compiled ?? undefined;
  }

  /** The compiled JSON Schema node of a definition (or of the root), for walking by instance path. */
  schemaNode(key: string, definition?: string): JsonSchemaNode {
    const document = this.document(key);
    if (definition === undefined) return document.schema;
    const defs = document.schema.$defs as Record<string, JsonSchemaNode> | undefined;
    const node = defs && Object.hasOwn(defs, definition) ? defs[definition] : undefined;
    if (!node) throw new SchemaLoadError(`definition "${definition}" not found in ${key}`, key);
    return node;
  }
}
