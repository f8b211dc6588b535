import { defaultTypeFor, reverseOf, type AssociationTypeDefinition } from '../association-types.js';
import type { ObjectType } from '../object-types.js';
import { singular } from './common.js';
import type { HandlerContext } from './context.js';

/** Why one default association could not be made. */
export interface DefaultAssociationFailure {
  readonly category: 'OBJECT_NOT_FOUND' | 'VALIDATION_ERROR';
  readonly message: string;
  /** The ID the failure is about, and which side it is on. */
  readonly id: string;
  readonly side: 'from' | 'to';
}

const spec = (definition: AssociationTypeDefinition) => ({
  associationCategory: definition.category,
  associationTypeId: definition.typeId,
});

/**
 * Creates the default (unlabeled) association between two records, as both endpoints 1 and 4 do.
 * HubSpot creates both directions, so there is one result per direction (FACTS §1 leaves the count
 * unverified; clients must not assume one result per input). Associating again changes nothing
 * and answers the same (idempotent). A configured limit on the default type is enforced.
 */
export function associateDefault(
  context: HandlerContext,
  from: ObjectType,
  fromId: string,
  to: ObjectType,
  toId: string,
): { readonly results: readonly Record<string, unknown>[] } | { readonly failure: DefaultAssociationFailure } {
  if (!context.store.getRecord(from.id, fromId))
    return {
      failure: {
        category: 'OBJECT_NOT_FOUND',
        message: `No ${singular(from)} with ID ${fromId} exists`,
        id: fromId,
        side: 'from',
      },
    };
  if (!context.store.getRecord(to.id, toId))
    return {
      failure: {
        category: 'OBJECT_NOT_FOUND',
        message: `No ${singular(to)} with ID ${toId} exists`,
        id: toId,
        side: 'to',
      },
    };
  const forward = defaultTypeFor(from.id, to.id);
  const reverse = reverseOf(forward);
  const limit = context.store.configuration(from.id, to.id, forward.typeId);
  const already = context.store.hasAssociation(from.id, fromId, to.id, toId, forward.typeId);
  if (
    limit &&
    !already &&
    context.store.countWithType(from.id, fromId, to.id, forward.typeId) >= limit.maxToObjectIds
  ) {
    return {
      failure: {
        category: 'VALIDATION_ERROR',
        message: `${singular(from)} ${fromId} already has ${limit.maxToObjectIds} ${to.name} with association type ${forward.typeId}, the configured limit`,
        id: fromId,
        side: 'from',
      },
    };
  }
  // The read-after-write-lost fault answers as if it wrote, and does not.
  if (context.policy.persistAssociationWrites) context.store.associate(fromId, toId, forward);
  // The associate-not-idempotent fault answers a repeat with another type, as a non-upserting server would.
  const answered =
    already && !context.policy.idempotentDefaultAssociation
      ? { ...forward, category: 'USER_DEFINED' as const, typeId: forward.typeId + 1000 }
      : forward;
  return {
    results: [
      { from: { id: fromId }, to: { id: toId }, associationSpec: spec(answered) },
      { from: { id: toId }, to: { id: fromId }, associationSpec: spec(reverse) },
    ],
  };
}
