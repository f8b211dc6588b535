/**
 * One side of `hsac audit diff`: a version name of the catalogue (hsac's own schema document), a
 * file (OpenAPI 3.0/3.1 or JSON Structure, JSON or YAML), a directory (every `.json`/`.yaml`/`.yml`
 * file in it), or files joined with commas. Several files are one API: HubSpot publishes the
 * associations endpoints in `associations.json` and the labels/limits endpoints in
 * `associationsSchema.json`, so a version is the union of both files' operations.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { bundle } from '@apidevtools/json-schema-ref-parser';
import { parseDocument } from 'yaml';
import { API_VERSIONS, isApiVersion, schemaDocumentPath } from '../catalogue/index.js';
import { packageRoot } from '../paths.js';
import { AuditInputError } from './errors.js';
import { isObject, type JsonObject } from './json.js';
import type { ApiModel, OperationModel, SchemaNode } from './model.js';
import { openApiDialect, openApiModel } from './openapi.js';
import { isStructureDocument, structureModel } from './structure.js';

/** Largest input file read (HubSpot's biggest association spec is 0.3 MB). */
export const MAX_SPEC_BYTES = 32 * 1024 * 1024;

/** YAML aliases expanded at most this often: a "billion laughs" file is refused, not expanded. */
const MAX_YAML_ALIASES = 1000;

const SPEC_FILE = /\.(?:json|ya?ml)$/i;

/** Parses JSON or YAML text; the error names the file and, for YAML, the line. */
export function parseSpecText(text: string, source: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const trimmed = body.trimStart();
  if (trimmed === '') throw new AuditInputError(`${source} is empty`);
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(body) as unknown;
    } catch (error) {
      throw new AuditInputError(`${source} is not valid JSON: ${(error as Error).message}`);
    }
  }
  const doc = parseDocument(body, { prettyErrors: false });
  const problem = doc.errors[0];
  if (problem) {
    const before = body.slice(0, problem.pos[0]);
    const line = before.split('\n').length;
    const column = problem.pos[0] - before.lastIndexOf('\n');
    throw new AuditInputError(
      `${source} is not valid YAML (line ${line}, column ${column}): ${problem.message.split('\n')[0] ?? ''}`,
    );
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as unknown;
  } catch (error) {
    throw new AuditInputError(`${source} is not usable YAML: ${(error as Error).message}`);
  }
}

/** True when any `$ref` leaves the document (another file); iterative, cycle-safe. */
function hasExternalRefs(root: unknown): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      stack.push(...(node as readonly unknown[]));
      continue;
    }
    const record = node as JsonObject;
    const ref = Object.hasOwn(record, '$ref') ? record.$ref : undefined;
    if (typeof ref === 'string' && !ref.startsWith('#')) return true;
    for (const key of Object.keys(record)) stack.push(record[key]);
  }
  return false;
}

/** Reads one document into the model. */
export async function loadDocument(value: unknown, source: string, file?: string): Promise<ApiModel> {
  if (!isObject(value))
    throw new AuditInputError(`${source} is neither OpenAPI 3.x nor JSON Structure: its top level is not an object`);
  if (Object.hasOwn(value, 'swagger'))
    throw new AuditInputError(`${source} is Swagger 2.0; convert it to OpenAPI 3 first`);
  if (Object.hasOwn(value, 'openapi')) {
    if (openApiDialect(value) === undefined) return openApiModel(value, source); // throws, naming the version
    let doc: JsonObject = value;
    if (file !== undefined && hasExternalRefs(value)) {
      // Other files are a solved problem: json-schema-ref-parser pulls them in as local refs. No
      // network: an http(s) $ref is an error, not a download.
      try {
        doc = await bundle<JsonObject>(file, value, { resolve: { http: false } });
      } catch (error) {
        throw new AuditInputError(
          `${source}: cannot resolve an external $ref: ${(error as Error).message.split('\n')[0] ?? ''}`,
        );
      }
    }
    return openApiModel(doc, source);
  }
  if (isStructureDocument(value)) return structureModel(value, source);
  throw new AuditInputError(
    `${source} is neither OpenAPI 3.x (no "openapi" field) nor JSON Structure (no json-structure.org "$schema")`,
  );
}

/** Reads one file into the model. */
export async function loadFile(path: string): Promise<ApiModel> {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new AuditInputError(`${path} is not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof AuditInputError) throw error;
    throw new AuditInputError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  if (size > MAX_SPEC_BYTES)
    throw new AuditInputError(`${path} is ${size} bytes; the audit reads specs up to ${MAX_SPEC_BYTES} bytes`);
  const text = readFileSync(path, 'utf8');
  return loadDocument(parseSpecText(text, path), path, resolve(path));
}

/**
 * Joins the models of several files into one API. An operation defined by two files is a usage
 * error: which one would be compared is not ours to guess.
 */
export function mergeModels(models: readonly ApiModel[], source: string): ApiModel {
  const operations = new Map<string, OperationModel>();
  const schemas = new Map<string, SchemaNode>();
  const origin = new Map<string, string>();
  for (const model of models) {
    for (const [key, op] of model.operations) {
      const first = origin.get(key);
      if (first !== undefined)
        throw new AuditInputError(`${op.method} ${op.pathTemplate} is defined in both ${first} and ${model.source}`);
      origin.set(key, model.source);
      operations.set(key, op);
    }
    // Two files may both define a component of the same name (HubSpot's do): the first is kept for
    // name-by-name comparisons; operations keep their own file's schema either way.
    for (const [name, schema] of model.schemas) if (!schemas.has(name)) schemas.set(name, schema);
  }
  return { source, formats: [...new Set(models.flatMap((model) => model.formats))], operations, schemas };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Loads one side of a comparison. Order of interpretation: a catalogue version name, an existing
 * path (file or directory), then a comma-separated list of files.
 */
export async function loadSide(spec: string): Promise<ApiModel> {
  if (isApiVersion(spec)) {
    const path = join(packageRoot(), schemaDocumentPath(spec));
    const model = await loadFile(path);
    return { ...model, source: spec };
  }
  if (isDirectory(spec)) {
    const files = readdirSync(spec)
      .filter((name) => SPEC_FILE.test(name))
      .sort();
    if (files.length === 0) throw new AuditInputError(`${spec} holds no .json, .yaml or .yml file`);
    const models = [];
    for (const name of files) models.push(await loadFile(join(spec, name)));
    return mergeModels(models, `${spec} (${files.join(' + ')})`);
  }
  if (exists(spec)) return loadFile(spec);
  if (spec.includes(',')) {
    const parts = spec.split(',').filter((part) => part !== '');
    const models = [];
    for (const part of parts) models.push(await loadFile(part));
    // `v4/associations.json + v4/associationsSchema.json`: the folder tells the versions apart.
    return mergeModels(
      models,
      parts.map((part) => `${basename(dirname(resolve(part)))}/${basename(part)}`).join(' + '),
    );
  }
  throw new AuditInputError(
    `"${spec}" is neither an API version (${API_VERSIONS.join(', ')}) nor a readable file or directory`,
  );
}
