import {
  allOperations,
  CatalogueError,
  operation,
  resolveResponse,
  type ApiVersion,
  type EndpointId,
} from '../../src/catalogue/index.js';
import type { MutationTarget } from './mutation.js';

/**
 * The definition a body of an endpoint, version and status is checked against: the request
 * definition for `request`, else the catalogue's exact resolution of the status (a status only
 * reachable by family mapping has no definition here).
 */
export function targetDefinition(
  endpoint: EndpointId,
  apiVersion: ApiVersion,
  target: MutationTarget,
): string | undefined {
  const op = operation(endpoint, apiVersion);
  if (target === 'request') return op.requestDefinition;
  try {
    const resolution = resolveResponse(op, target);
    return resolution.exact ? resolution.definition : undefined;
  } catch (error) {
    if (error instanceof CatalogueError) return undefined;
    throw error;
  }
}

/** Whether a status is a declared partial (207) response of that endpoint and version. */
export function isDeclaredPartial(endpoint: EndpointId, apiVersion: ApiVersion, target: MutationTarget): boolean {
  if (target === 'request') return false;
  return operation(endpoint, apiVersion).responses.some((r) => r.status === target && r.kind === 'partial');
}

/** Every (version, definition) a body can be checked against, catalogue order, each once. */
export function catalogueDefinitions(): readonly {
  readonly apiVersion: ApiVersion;
  readonly definition: string;
}[] {
  const seen = new Set<string>();
  const found: { apiVersion: ApiVersion; definition: string }[] = [];
  for (const op of allOperations()) {
    const names = [
      op.requestDefinition,
      ...op.responses.map((r) => r.definition),
      op.errorDefinition,
      op.rateLimitDefinition,
    ];
    for (const definition of names) {
      if (definition === undefined || seen.has(`${op.apiVersion}#${definition}`)) continue;
      seen.add(`${op.apiVersion}#${definition}`);
      found.push({ apiVersion: op.apiVersion, definition });
    }
  }
  return found;
}
