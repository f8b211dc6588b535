import { ERROR_STATUSES, type Operation } from '../../src/catalogue/index.js';
import { HttpError, type SandboxResponse } from '../http-types.js';
import { batchReply, objectTypeParam, pathRecordId } from './common.js';
import type { HandlerContext } from './context.js';
import { associateDefault } from './default-association.js';

/**
 * PUT .../associations/default/...: one pair, answered with the batch envelope (FACTS §4). It has
 * no per-input errors to report, so an unknown record is a 404 and a reached limit a 400.
 */
export function associateDefaultPut(context: HandlerContext, operation: Operation): SandboxResponse {
  const from = objectTypeParam(context, 'fromObjectType');
  const to = objectTypeParam(context, 'toObjectType');
  const outcome = associateDefault(
    context,
    from,
    pathRecordId(context, 'fromObjectId'),
    to,
    pathRecordId(context, 'toObjectId'),
  );
  if ('failure' in outcome) {
    const status =
      outcome.failure.category === 'OBJECT_NOT_FOUND' ? ERROR_STATUSES.notFound : ERROR_STATUSES.badRequest;
    throw new HttpError(status, outcome.failure.category, outcome.failure.message);
  }
  return batchReply(context, operation, outcome.results, []);
}
