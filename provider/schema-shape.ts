import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_VERSIONS, schemaDocumentPath, type ApiVersion } from '../src/catalogue/index.js';
import { packageRoot } from '../src/paths.js';

/**
 * What each version's definitions declare, read from hsac's own schemas (the source of truth).
 * The sandbox asks this instead of keeping its own lists, so its bodies carry `errors`/`numErrors`
 * or `fromObjectTypeId`/`toObjectTypeId` exactly where the version has them, and it refuses the
 * request bodies the version's request definitions make invalid (`request-shape.ts`).
 */

/** One JSON Structure type node, as far as the sandbox reads it. */
export interface StructureNode {
  readonly type?: string | { readonly $ref: string };
  readonly properties?: Readonly<Record<string, StructureNode>>;
  readonly required?: readonly string[];
  readonly items?: StructureNode;
  readonly enum?: readonly unknown[];
}

type Definitions = ReadonlyMap<string, StructureNode>;

let loaded: ReadonlyMap<ApiVersion, Definitions> | undefined;

function load(): ReadonlyMap<ApiVersion, Definitions> {
  const byVersion = new Map<ApiVersion, Definitions>();
  for (const version of API_VERSIONS) {
    const document = JSON.parse(readFileSync(join(packageRoot(), schemaDocumentPath(version)), 'utf8')) as {
      definitions?: Record<string, StructureNode>;
    };
    byVersion.set(version, new Map(Object.entries(document.definitions ?? {})));
  }
  return byVersion;
}

/** A definition of `version`'s schema; throws for an unknown one (a sandbox bug). */
export function definitionOf(version: ApiVersion, definition: string): StructureNode {
  loaded ??= load();
  const found = loaded.get(version)?.get(definition);
  if (!found) throw new Error(`schemas/${version} has no definition ${definition}`);
  return found;
}

/** Whether `definition` of `version` declares `field`; throws for an unknown definition (a sandbox bug). */
export function declares(version: ApiVersion, definition: string, field: string): boolean {
  return Object.hasOwn(definitionOf(version, definition).properties ?? {}, field);
}
