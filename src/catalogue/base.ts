/**
 * What every table of the catalogue is built from: the API versions, the kinds of success response and the
 * catalogue's usage error. A leaf module (it imports nothing), so that `index.ts` (the endpoints) and
 * `auxiliary.ts` (the operations around them) both build on it and neither has to import the other.
 */

/** The API versions hsac knows, oldest first. */
export const API_VERSIONS = ['v4', '2025-09', '2026-03', '2026-09'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
/** DESIGN.md: the default API version of every command. */
export const DEFAULT_API_VERSION: ApiVersion = '2026-03';

/** Narrowing guard for user input. */
export function isApiVersion(value: string): value is ApiVersion {
  return (API_VERSIONS as readonly string[]).includes(value);
}

/** Whether a success status carries only successes or successes and per-input errors. */
export type ResponseKind = 'success' | 'partial';

/** A usage problem with the catalogue (unknown endpoint or version): a typed error, not a finding. */
export class CatalogueError extends Error {
  override readonly name = 'CatalogueError';
}
