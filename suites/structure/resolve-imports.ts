/**
 * Test support for `samples/import`: inlines `$import` / `$importdefs` from local files so the
 * rest of those samples can be exercised. The compiler itself does not import (the linter reports
 * SCHEMA_IMPORT_NOT_SUPPORTED); this mirrors the SDK's sideloading: `$import` brings the imported
 * root type (under its `name`) and its definitions, `$importdefs` only the definitions; imported
 * `$ref`/`$extends` pointers are re-rooted at the import site; local definitions shadow imported ones.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

type JsonObject = Record<string, unknown>;

const ROOT_ONLY = ['$schema', '$id', '$uses', '$offers', '$root', 'definitions'];

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rewrites `#/definitions/...` pointers in imported content to live under `prefix`. */
function reroot(value: unknown, prefix: string): unknown {
  if (Array.isArray(value)) return value.map((item) => reroot(item, prefix));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, inner] of Object.entries(value)) {
    const rewrite = (ref: unknown): unknown =>
      typeof ref === 'string' && ref.startsWith('#/definitions/')
        ? `${prefix}/${ref.slice('#/definitions/'.length)}`
        : ref;
    if (key === '$ref') out[key] = rewrite(inner);
    else if (key === '$extends') out[key] = Array.isArray(inner) ? inner.map(rewrite) : rewrite(inner);
    else out[key] = reroot(inner, prefix);
  }
  return out;
}

function load(file: string, seen: ReadonlySet<string>): JsonObject {
  if (seen.has(file)) throw new Error(`import cycle through ${file}`);
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isObject(parsed)) throw new Error(`${file} is not a JSON object`);
  return resolveIn(parsed, file, new Set([...seen, file]));
}

/** What an import brings, keyed by member name. */
function importedMembers(
  keyword: string,
  uri: string,
  file: string,
  prefix: string,
  seen: ReadonlySet<string>,
): JsonObject {
  const source = load(resolve(dirname(file), uri), seen);
  const members: JsonObject = {};
  const definitions = isObject(source.definitions) ? source.definitions : {};
  if (keyword === '$import' && typeof source.name === 'string' && Object.hasOwn(source, 'type')) {
    const rootType: JsonObject = { ...source };
    for (const key of ROOT_ONLY) delete rootType[key];
    members[source.name] = reroot(rootType, prefix);
  }
  for (const [name, definition] of Object.entries(definitions)) members[name] = reroot(definition, prefix);
  return members;
}

/** Resolves the imports of one container (the root's definitions, or a namespace) in place. */
function resolveContainer(
  container: JsonObject,
  holder: JsonObject,
  file: string,
  prefix: string,
  seen: ReadonlySet<string>,
): void {
  for (const keyword of ['$import', '$importdefs']) {
    const uri = holder[keyword];
    if (typeof uri !== 'string') continue;
    delete holder[keyword];
    for (const [name, member] of Object.entries(importedMembers(keyword, uri, file, prefix, seen))) {
      if (!Object.hasOwn(container, name)) container[name] = member;
    }
  }
  for (const [name, member] of Object.entries(container)) {
    if (isObject(member) && !Object.hasOwn(member, 'type'))
      resolveContainer(member, member, file, `${prefix}/${name}`, seen);
  }
}

function resolveIn(doc: JsonObject, file: string, seen: ReadonlySet<string>): JsonObject {
  const copy = structuredClone(doc);
  const definitions = isObject(copy.definitions) ? copy.definitions : {};
  // The root's imports sit on the document itself; namespaces hold their own (handled recursively).
  resolveContainer(definitions, copy, file, '#/definitions', seen);
  if (Object.keys(definitions).length > 0) copy.definitions = definitions;
  return copy;
}

/** The document at `file` with every `$import`/`$importdefs` (relative file URIs) inlined. */
export function loadWithImports(file: string): JsonObject {
  return load(resolve(file), new Set());
}
