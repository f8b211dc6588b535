import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_VERSIONS, schemaDocumentPath, type ApiVersion } from '../src/catalogue/index.js';
import { packageRoot } from '../src/paths.js';

/**
 * Which fields each version's definitions declare, read from hsac's own schemas (the source of
 * truth). The sandbox asks this instead of keeping its own list, so its bodies carry
 * `errors`/`numErrors` or `fromObjectTypeId`/`toObjectTypeId` exactly where the version has them.
 */
type Declared = ReadonlyMap<string, ReadonlySet<string>>;

let loaded: ReadonlyMap<ApiVersion, Declared> | undefined;

function load(): ReadonlyMap<ApiVersion, Declared> {
  const byVersion = new Map<ApiVersion, Declared>();
  for (const version of API_VERSIONS) {
    const document = JSON.parse(readFileSync(join(packageRoot(), schemaDocumentPath(version)), 'utf8')) as {
      definitions?: Record<string, { properties?: Record<string, unknown> }>;
    };
    const declared = new Map<string, ReadonlySet<string>>();
    for (const [name, definition] of Object.entries(document.definitions ?? {})) declared.set(name, new Set(Object.keys(definition.properties ?? {})));
    byVersion.set(version, declared);
  }
  return byVersion;
}

/** Whether `definition` of `version` declares `field`; throws for an unknown definition (a sandbox bug). */
export function declares(version: ApiVersion, definition: string, field: string): boolean {
  loaded ??= load();
  const fields = loaded.get(version)?.get(definition);
  if (!fields) throw new Error(`schemas/${version} has no definition ${definition}`);
  return fields.has(field);
}
