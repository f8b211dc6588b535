import fc from 'fast-check';
import { DEFAULT_API_VERSION } from '../../src/catalogue/index.js';
import { enumOf } from '../schema/definitions.js';
import { integerIn } from './constraints.js';
import { associationTypeId, objectTypeId, pagingCursor, recordId } from './ids.js';
import { associationLabel } from './labels.js';
import { definitionRecord, type JsonObject, type ShapeConstraints } from './shape.js';

/**
 * The `results` items of the three batch envelopes: batch read's `PublicAssociationMultiWithLabel`
 * (read side: `category`/`typeId`), the default association's `PublicDefaultAssociation` (write
 * side: `associationCategory`/`associationTypeId`) and the configurations'
 * `PublicAssociationDefinitionUserConfiguration`. Both field-name styles are right (FACTS.md §5).
 */

/** A category from the version's `AssociationCategory` enum (WORK included where declared). */
export function associationCategory(constraints: Pick<ShapeConstraints, 'apiVersion'> = {}): fc.Arbitrary<string> {
  const values = enumOf(constraints.apiVersion ?? DEFAULT_API_VERSION, 'AssociationSpecWithLabel', 'category');
  return fc.constantFrom(...values);
}

/** One `AssociationSpecWithLabel`; `fromObjectTypeId`/`toObjectTypeId` only where the version declares them. */
export function associationSpecWithLabel(constraints: ShapeConstraints = {}): fc.Arbitrary<JsonObject> {
  const { apiVersion = DEFAULT_API_VERSION, complete = false } = constraints;
  return definitionRecord(
    apiVersion,
    'AssociationSpecWithLabel',
    {
      category: associationCategory({ apiVersion }),
      typeId: associationTypeId(),
      label: associationLabel(),
      fromObjectTypeId: objectTypeId(),
      toObjectTypeId: objectTypeId(),
    },
    { complete },
  );
}

/** Constraints of {@link multiAssociatedObject}. */
export interface MultiAssociatedObjectConstraints extends ShapeConstraints {
  /**
   * Most association types per associated record (default 2, e.g. the primary and the unlabeled type; at least one,
   * as HubSpot sends).
   */
  readonly maxTypes?: number;
}

/** One associated record and every type linking it. */
export function multiAssociatedObject(constraints: MultiAssociatedObjectConstraints = {}): fc.Arbitrary<JsonObject> {
  const { apiVersion = DEFAULT_API_VERSION, complete = false } = constraints;
  const maxTypes = integerIn('multiAssociatedObject', 'maxTypes', constraints.maxTypes ?? 2, 1, 100);
  return definitionRecord(
    apiVersion,
    'MultiAssociatedObjectWithLabel',
    {
      toObjectId: recordId(),
      associationTypes: fc.array(associationSpecWithLabel({ apiVersion, complete }), {
        minLength: 1,
        maxLength: maxTypes,
      }),
    },
    { complete },
  );
}

/**
 * A `Paging` object with a `next` cursor. It exists only when there are more pages (the spec says
 * so), so a builder that emits one has more pages to give; `prev` and the deprecated `link`s come
 * and go.
 */
export function paging(constraints: ShapeConstraints = {}): fc.Arbitrary<JsonObject> {
  const { apiVersion = DEFAULT_API_VERSION, complete = false } = constraints;
  const link = pagingCursor().map(
    (cursor) => `https://api.hubapi.com/crm/v4/associations/contacts/companies/batch/read?after=${cursor}`,
  );
  return definitionRecord(
    apiVersion,
    'Paging',
    {
      next: definitionRecord(apiVersion, 'NextPage', { after: pagingCursor(), link }, { complete }),
      prev: definitionRecord(apiVersion, 'PreviousPage', { before: pagingCursor(), link }, { complete }),
    },
    { complete, alwaysInclude: ['next'] },
  );
}

/** Constraints of {@link batchReadResult}. */
export interface BatchReadResultConstraints extends ShapeConstraints {
  /** Most associated records in one result (default 3; a page holds up to 500, most records have a few). */
  readonly maxTo?: number;
}

/**
 * One batch-read result: a record and its associations. `paging` appears only with more pages,
 * and a result with more pages has at least one association on this one.
 */
export function batchReadResult(constraints: BatchReadResultConstraints = {}): fc.Arbitrary<JsonObject> {
  const { apiVersion = DEFAULT_API_VERSION, complete = false } = constraints;
  const maxTo = integerIn('batchReadResult', 'maxTo', constraints.maxTo ?? 3, 1, 1000);
  const to = fc.array(multiAssociatedObject({ apiVersion, complete }), {
    minLength: complete ? 1 : 0,
    maxLength: maxTo,
  });
  const from = definitionRecord(apiVersion, 'PublicObjectId', { id: recordId() }, { complete });
  const page = definitionRecord(apiVersion, 'PublicAssociationMultiWithLabel', { from, to }, { omit: ['paging'] });
  // Paging only on a page with more after it; otherwise absent. Cross-shrinking drops it from a
  // counterexample unless it matters, and the absent branch costs nothing to generate.
  const cursor = complete
    ? paging({ apiVersion, complete })
    : fc.oneof(
        { withCrossShrink: true },
        { weight: 3, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: paging({ apiVersion, complete }) },
      );
  return fc
    .tuple(page, cursor)
    .map(([result, next]) =>
      next !== undefined && Array.isArray(result.to) && result.to.length > 0 ? { ...result, paging: next } : result,
    );
}

/** One created default association (`associationSpec` in the write-side style). */
export function defaultAssociationResult(constraints: ShapeConstraints = {}): fc.Arbitrary<JsonObject> {
  const { apiVersion = DEFAULT_API_VERSION, complete = false } = constraints;
  const objectId = definitionRecord(apiVersion, 'PublicObjectId', { id: recordId() }, { complete });
  const spec = definitionRecord(
    apiVersion,
    'AssociationSpec',
    { associationCategory: associationCategory({ apiVersion }), associationTypeId: associationTypeId() },
    { complete },
  );
  return definitionRecord(
    apiVersion,
    'PublicDefaultAssociation',
    { associationSpec: spec, from: objectId, to: objectId },
    { complete },
  );
}

/** One configured association limit. */
export function configurationResult(constraints: ShapeConstraints = {}): fc.Arbitrary<JsonObject> {
  const { apiVersion = DEFAULT_API_VERSION, complete = false } = constraints;
  return definitionRecord(
    apiVersion,
    'PublicAssociationDefinitionUserConfiguration',
    {
      category: associationCategory({ apiVersion }),
      typeId: associationTypeId(),
      label: associationLabel(),
      userEnforcedMaxToObjectIds: fc.integer({ min: 1, max: 10_000 }),
    },
    { complete },
  );
}
