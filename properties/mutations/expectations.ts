import { ERROR_SHAPE_DEFINITIONS } from '../../src/validate/schema-findings.js';
import type { SchemaSite } from '../schema/sites.js';
import type { MutationCheck, ToleranceId } from './mutation.js';

/**
 * What the validator must say about a schema deviation at a site: which check, and whether
 * `lenient` tolerates it. This restates the policy of `src/validate/profiles.ts` and the check
 * classification of `src/validate/schema-findings.ts` as a model, written apart from them so that
 * the mutation suites test the validator against the policy rather than against itself.
 */

/** The schema keyword a deviation breaks. */
export type SchemaKeyword = 'required' | 'type' | 'enum' | 'format' | 'int32' | 'additional';

/** profiles.ts's ID rule: `id`, or a camel-case name ending in `Id` (`toObjectId`, `correlationId`). */
export const ID_PROPERTY = /^(id|[A-Za-z]*Id)$/;

/**
 * An undeclared field is `unknown-field` wherever it is (one id, graded by the user's unknown-field
 * setting); anything else inside StandardError, ErrorDetail, Error or the 429 body is `error-shape`
 * (ARCHITECTURE.md).
 */
export function checkFor(site: SchemaSite, keyword: SchemaKeyword): MutationCheck {
  if (keyword === 'additional') return 'unknown-field';
  if (site.definitions.some((name) => ERROR_SHAPE_DEFINITIONS.has(name))) return 'error-shape';
  switch (keyword) {
    case 'required':
      return 'required';
    case 'type':
      return 'type';
    case 'enum':
      // Only the envelope's own status is the closed batch-status enum.
      return site.pattern === '/status' ? 'status-enum' : 'enum';
    case 'format':
      return 'format';
    case 'int32':
      return 'int32-range';
  }
}

/**
 * The tolerance for a value put at a site, if any (profiles.ts, in order): unknown fields (open objects: a warning
 * under both profiles by default, mutation.ts `OPEN_OBJECT_WARNING`); then the lenient ones: `null` in a declared,
 * optional property (never an array item, a map value or the body); integers in string ID fields; a string
 * `subCategory` where an object is declared; unknown strings in enums other than the batch status.
 * `property` is the name the value sits under (a map key for map values).
 */
export function toleranceFor(
  site: SchemaSite,
  keyword: SchemaKeyword,
  value: unknown,
  property = site.property,
): ToleranceId | undefined {
  if (keyword === 'additional') return 'unknown-field';
  const accepts = site.accepts === 'any' ? [] : site.accepts;
  if (keyword === 'type') {
    if (value === null && site.kind === 'property' && !site.required) return 'null-optional';
    if (
      accepts.includes('string') &&
      typeof value === 'number' &&
      Number.isInteger(value) &&
      property !== undefined &&
      ID_PROPERTY.test(property)
    )
      return 'numeric-id';
    if (accepts.includes('object') && typeof value === 'string' && property === 'subCategory')
      return 'sub-category-string';
  }
  if (keyword === 'enum' && checkFor(site, 'enum') !== 'status-enum' && typeof value === 'string') return 'open-enum';
  return undefined;
}
