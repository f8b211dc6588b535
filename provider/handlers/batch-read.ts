import type { Operation } from '../../src/catalogue/index.js';
import { field } from '../../src/json.js';
import { typesForPair } from '../association-types.js';
import { standardError, type StandardErrorBody } from '../bodies.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { SandboxResponse } from '../http-types.js';
import type { ObjectType } from '../object-types.js';
import { declares } from '../schema-shape.js';
import type { AssociatedTarget } from '../state.js';
import {
  badRequest,
  batchReply,
  boundText,
  inputObject,
  inputsOf,
  objectTypeParam,
  recordId,
  singular,
} from './common.js';
import type { HandlerContext } from './context.js';

/** The read-side type objects of one target: category/typeId, label where there is one (FACTS §5 field-name split). */
function associationTypes(
  context: HandlerContext,
  from: ObjectType,
  to: ObjectType,
  target: AssociatedTarget,
): Record<string, unknown>[] {
  const defined = typesForPair(from.id, to.id);
  // fromObjectTypeId/toObjectTypeId exist in v4, 2025-09 and 2026-03 but not in the 2026-09 draft (FACTS §2).
  const withTypeIds = declares(context.apiVersion, 'AssociationSpecWithLabel', 'fromObjectTypeId');
  return target.typeIds.map((typeId) => {
    const definition = defined.find((candidate) => candidate.typeId === typeId);
    const spec: Record<string, unknown> = { category: definition?.category ?? 'USER_DEFINED', typeId };
    if (definition?.label !== undefined) spec.label = definition.label;
    if (withTypeIds) {
      spec.fromObjectTypeId = from.id;
      spec.toObjectTypeId = to.id;
    }
    return spec;
  });
}

/**
 * POST .../batch/read: each input's associations, a page at a time (`paging.next.after` only when
 * more remain). Unknown records, records without associations and cursors the sandbox never
 * issued are per-input StandardErrors (207 where the version has it, else merged into the 200).
 */
export function batchRead(context: HandlerContext, operation: Operation): SandboxResponse {
  const from = objectTypeParam(context, 'fromObjectType');
  const to = objectTypeParam(context, 'toObjectType');
  const inputs = inputsOf(context.request.body);
  const results: Record<string, unknown>[] = [];
  const errors: StandardErrorBody[] = [];
  inputs.forEach((raw, index) => {
    const input = inputObject(raw, index);
    const rawId = field(input, 'id');
    // A number binds to its text (so an `after` of 5 is a cursor the sandbox never issued: a per-input
    // error), null to none.
    const idText = boundText(rawId);
    if (idText === undefined) throw badRequest(`Invalid input JSON: inputs[${index}].id is required`);
    const after = boundText(field(input, 'after'));
    const id = recordId(rawId);
    const fail = (category: string, message: string, failedField: string): void => {
      errors.push(
        standardError({
          category,
          message,
          id: id ?? idText,
          field: `inputs[${index}].${failedField}`,
          context: { ids: [id ?? idText] },
        }),
      );
    };
    if (id === undefined)
      return fail('VALIDATION_ERROR', `Invalid ${singular(from)} ID: ${JSON.stringify(rawId)}`, 'id');
    if (!context.store.getRecord(from.id, id))
      return fail('OBJECT_NOT_FOUND', `No ${singular(from)} with ID ${id} exists`, 'id');
    const targets = context.store.associationsOf(from.id, id, to.id);
    if (targets.length === 0)
      return fail('OBJECT_NOT_FOUND', `No ${singular(to)} is associated with ${singular(from)} ${id}.`, 'id');
    const offset = after === undefined || !context.policy.honourPagingCursor ? 0 : decodeCursor(after);
    if (offset === undefined) return fail('VALIDATION_ERROR', `Invalid paging cursor "${after ?? ''}"`, 'after');
    const page = targets.slice(offset, offset + context.pageSize);
    const result: Record<string, unknown> = {
      from: { id },
      to: page.map((target) => ({
        toObjectId: target.toId,
        associationTypes: associationTypes(context, from, to, target),
      })),
    };
    if (offset + context.pageSize < targets.length)
      result.paging = { next: { after: encodeCursor(offset + context.pageSize) } };
    results.push(result);
    return undefined;
  });
  return batchReply(context, operation, results, errors);
}
