/**
 * Path templates of different API versions name the same operation: `/crm/v4/associations/...`,
 * `/crm/associations/v4/...` and `/crm/associations/2026-03/...` are one batch endpoint (FACTS.md
 * §0). Operations are matched on a key with the version segment removed and path parameters
 * abstracted (a renamed `{objectId}` is still the same URL), and shown with `{version}` in place.
 */

/**
 * One path segment that is an API version: `v4`, `v1.2`, `2026-03`, `2026-09-beta`, `2025-01-15`.
 * Only whole segments count, so `/crm/objects/{objectType}` keeps every segment.
 */
const VERSION_SEGMENT = /^(?:v\d+(?:\.\d+)*|\d{4}-\d{2}(?:-\d{2})?)(?:-[a-z][a-z0-9]*)?$/i;

/** A normalised path template. */
export interface NormalisedPath {
  /** Version segment removed, parameters as `{}`: `/crm/associations/{}/{}/batch/read`. */
  readonly key: string;
  /** The template with its version segment shown as `{version}`. */
  readonly display: string;
  /** The version segment found, if any. */
  readonly version?: string;
  /** The template's parameter names in order (`position` of a path parameter). */
  readonly parameters: readonly string[];
}

/** Normalises one path template (the first version segment is the API version). */
export function normalisePath(template: string): NormalisedPath {
  const segments = template.split('/');
  const versionAt = segments.findIndex((segment) => VERSION_SEGMENT.test(segment));
  const version = versionAt >= 0 ? segments[versionAt] : undefined;
  const display = segments.map((segment, i) => (i === versionAt ? '{version}' : segment)).join('/');
  const keySegments = segments
    .filter((_segment, i) => i !== versionAt)
    .map((segment) => segment.replace(/\{[^}]*\}/g, '{}'));
  const parameters = [...template.matchAll(/\{([^}]*)\}/g)].map((match) => match[1] ?? '');
  const key = keySegments.join('/').replace(/\/+$/, '') || '/';
  return version === undefined ? { key, display, parameters } : { key, display, version, parameters };
}

/** The key of an operation: upper-case method and the normalised path key. */
export function operationKey(method: string, template: string): string {
  return `${method.toUpperCase()} ${normalisePath(template).key}`;
}
