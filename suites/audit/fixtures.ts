/**
 * Minimal OpenAPI documents for rule tests. The old side always lives under `/crm/associations/2026-03/...`
 * and the new one under `/crm/associations/2026-09/...`, so every rule test also proves that the
 * two versions' paths are one operation.
 */
import { loadDocument } from '../../src/audit/load.js';
import { diffModels, type Change } from '../../src/audit/diff.js';
import type { RuleContext } from '../../src/audit/rules/index.js';

/** A JSON object literal. */
export type Json = Record<string, unknown>;

/** Which side a document is for: it picks the version segment of the path. */
export type Side = 'old' | 'new';

const VERSION: Record<Side, string> = { old: '2026-03', new: '2026-09' };

/** The batch read path of a side. */
export function readPath(side: Side): string {
  return `/crm/associations/${VERSION[side]}/{fromObjectType}/{toObjectType}/batch/read`;
}

/** A second operation's path (for operations added and removed). */
export function archivePath(side: Side): string {
  return `/crm/associations/${VERSION[side]}/{fromObjectType}/{toObjectType}/batch/archive`;
}

const PATH_PARAMETERS: Json[] = [
  { name: 'fromObjectType', in: 'path', required: true, schema: { type: 'string' } },
  { name: 'toObjectType', in: 'path', required: true, schema: { type: 'string' } },
];

/** `{ description, content: { application/json: { schema } } }`, or no content for `null`. */
export function jsonResponse(schema: Json | null, extra: Json = {}): Json {
  return schema === null
    ? { description: 'no body', ...extra }
    : { description: 'ok', content: { 'application/json': { schema } }, ...extra };
}

/** An operation object: path parameters plus what is given. */
export function operationObject(parts: Json = {}): Json {
  return { parameters: PATH_PARAMETERS, responses: { '200': jsonResponse({ type: 'object' }) }, ...parts };
}

/** A whole OpenAPI document from `paths` (3.0.3 unless told). */
export function openapi(paths: Json, components: Json = {}, version = '3.0.3'): Json {
  return { openapi: version, info: { title: 'fixture', version: '1' }, paths, components };
}

/** One POST batch-read operation. */
export function readDoc(side: Side, parts: Json = {}, components: Json = {}): Json {
  return openapi({ [readPath(side)]: { post: operationObject(parts) } }, components);
}

/** A request body schema, direction request. */
export function requestDoc(side: Side, schema: Json, components: Json = {}): Json {
  return readDoc(side, { requestBody: { required: true, content: { 'application/json': { schema } } } }, components);
}

/** A 200 body schema, direction response. */
export function responseDoc(side: Side, schema: Json, components: Json = {}): Json {
  return readDoc(side, { responses: { '200': jsonResponse(schema) } }, components);
}

/** Every change from `oldDoc` to `newDoc` (both loaded as the audit loads a file). */
export async function changesBetween(oldDoc: Json, newDoc: Json, context?: RuleContext): Promise<Change[]> {
  const [before, after] = await Promise.all([loadDocument(oldDoc, 'old'), loadDocument(newDoc, 'new')]);
  return diffModels(before, after, context === undefined ? {} : { context });
}

/** A JSON Structure document (not one of hsac's) with these definitions. */
export function structureDoc(definitions: Json): Json {
  return {
    $schema: 'https://json-structure.org/meta/core/v0/#',
    $id: 'https://example.com/fixture.struct.json',
    name: 'Fixture',
    definitions,
  };
}
