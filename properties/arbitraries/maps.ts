import fc from 'fast-check';
import { recordId } from './ids.js';

/**
 * The schemas' `map`s: `links` (name -> URL) and `context` (name -> list of strings). Keys come
 * from what HubSpot sends, never a name ending in `Id`: the lenient profile reads a key like
 * `objectId` as an ID field, which would change what a numeric value there means.
 */

/** Constraints of the map builders. */
export interface MapConstraints {
  /** At least one entry (for bodies that exercise every site). */
  readonly nonEmpty?: boolean;
}

const LINK_NAMES = ['self', 'knowledge-base', 'scopes', 'docs'] as const;

/** A `links` map; often `{}` in real bodies. */
export function links(constraints: MapConstraints = {}): fc.Arbitrary<Record<string, string>> {
  const url = fc.constantFrom(
    'https://developers.hubspot.com/docs/api/crm/associations',
    'https://api.hubapi.com/crm/v4/associations/contacts/companies/batch/read',
    'https://app.hubspot.com/l/docs',
  );
  return fc.dictionary(fc.constantFrom(...LINK_NAMES), url, {
    minKeys: constraints.nonEmpty ? 1 : 0,
    maxKeys: 2,
    noNullPrototype: true,
  });
}

const CONTEXT_NAMES = ['ids', 'missingScopes', 'propertyName', 'objectType'] as const;

/** A `context` map: every value a list of strings (the docs' string example is a mutation, not this). */
export function errorContext(constraints: MapConstraints = {}): fc.Arbitrary<Record<string, string[]>> {
  const value = fc.oneof(
    fc.array(recordId(), { minLength: 1, maxLength: 3 }),
    fc.array(fc.constantFrom('crm.objects.contacts.read', 'crm.schemas.custom.read', 'email'), {
      minLength: 1,
      maxLength: 2,
    }),
  );
  return fc.dictionary(fc.constantFrom(...CONTEXT_NAMES), value, {
    minKeys: constraints.nonEmpty ? 1 : 0,
    maxKeys: 2,
    noNullPrototype: true,
  });
}

/** `StandardError.subCategory`: an object with any values (the spec's property-less object). */
export function subCategoryObject(constraints: MapConstraints = {}): fc.Arbitrary<Record<string, unknown>> {
  const value = fc.oneof(
    fc.constantFrom('OBJECT_NOT_FOUND', 'INVALID_ASSOCIATION_TYPE'),
    fc.integer({ min: 0, max: 999 }),
    fc.boolean(),
  );
  return fc.dictionary(fc.constantFrom('reason', 'type', 'retryable'), value, {
    minKeys: constraints.nonEmpty ? 1 : 0,
    maxKeys: 2,
    noNullPrototype: true,
  });
}
