import { ERROR_STATUSES, type AuxiliaryOperation } from '../../src/catalogue/index.js';
import { HttpError, type SandboxResponse } from '../http-types.js';
import { auxiliarySuccess } from './auxiliary-reply.js';
import { objectTypeParam, pathRecordId, singular } from './common.js';
import type { HandlerContext } from './context.js';

/**
 * DELETE .../{fromObjectType}/{fromObjectId}/associations/{toObjectType}/{toObjectId}: removes
 * every association type between the two records, in both directions, and answers the 204 the
 * catalogue declares. A pair that is not associated is answered 204 too (the archive is
 * idempotent, as the batch one is). A record that does not exist is a 404 `Error`, as PUT default
 * answers one: a single-pair call has no per-input error to carry it.
 */
export function associationArchiveSingle(context: HandlerContext, operation: AuxiliaryOperation): SandboxResponse {
  const from = objectTypeParam(context, 'fromObjectType');
  const to = objectTypeParam(context, 'toObjectType');
  const fromId = pathRecordId(context, 'fromObjectId');
  const toId = pathRecordId(context, 'toObjectId');
  for (const [type, id] of [
    [from, fromId],
    [to, toId],
  ] as const) {
    if (!context.store.getRecord(type.id, id))
      throw new HttpError(ERROR_STATUSES.notFound, 'OBJECT_NOT_FOUND', `No ${singular(type)} with ID ${id} exists`);
  }
  // The archive-keeps-association fault answers as if it removed the pair, and keeps it.
  if (context.policy.applyAssociationArchives) context.store.archiveAssociations(from.id, fromId, to.id, toId);
  return { status: auxiliarySuccess(operation).status, headers: {}, payload: { type: 'none' } };
}
