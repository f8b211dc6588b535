import type { AuxiliaryId, AuxiliaryOperation, EndpointId, Operation } from '../../src/catalogue/index.js';
import { field, isObject } from '../../src/json.js';
import type { SandboxResponse } from '../http-types.js';
import { requestBodyProblem } from '../request-shape.js';
import { accountDetails } from './account-details.js';
import { associateDefaultPut } from './associate-default.js';
import { associationArchiveSingle } from './association-archive-single.js';
import { associationsBatchArchive } from './associations-batch-archive.js';
import { batchAssociateDefault } from './batch-associate-default.js';
import { batchRead } from './batch-read.js';
import { badRequest, batchReply, enforceInputLimit } from './common.js';
import { configurationsBatchCreate } from './configurations-batch-create.js';
import { configurationsBatchPurge } from './configurations-batch-purge.js';
import { configurationsBatchUpdate } from './configurations-batch-update.js';
import { configurationsRead } from './configurations-read.js';
import type { HandlerContext } from './context.js';
import { objectsBatchArchive } from './objects-batch-archive.js';
import { objectsBatchCreate } from './objects-batch-create.js';
import { objectsBatchRead } from './objects-batch-read.js';

export type { AccountSettings, HandlerContext } from './context.js';

/**
 * One handler per catalogue id. Typed as total records, so a new endpoint or auxiliary operation
 * in the catalogue fails to compile until the sandbox serves it.
 */
export const ENDPOINT_HANDLERS: Readonly<
  Record<EndpointId, (context: HandlerContext, operation: Operation) => SandboxResponse>
> = {
  'batch-associate-default': batchAssociateDefault,
  'batch-read': batchRead,
  'configurations-batch-create': configurationsBatchCreate,
  'associate-default': associateDefaultPut,
};

/**
 * The auxiliary operations' handlers (provisioning, cleanup, archive, account details, the reads a run makes before
 * it writes).
 */
export const AUXILIARY_HANDLERS: Readonly<
  Record<AuxiliaryId, (context: HandlerContext, operation: AuxiliaryOperation) => SandboxResponse>
> = {
  'account-details': accountDetails,
  'objects-batch-create': objectsBatchCreate,
  'associations-batch-archive': associationsBatchArchive,
  'configurations-batch-purge': configurationsBatchPurge,
  'objects-batch-archive': objectsBatchArchive,
  'association-archive-single': associationArchiveSingle,
  'configurations-read': configurationsRead,
  'configurations-batch-update': configurationsBatchUpdate,
  'objects-batch-read': objectsBatchRead,
};

/**
 * Serves one of the four endpoints: the request body judged against the version's request
 * definition first (its envelope, then the input limit, then each input: HubSpot refuses an
 * over-long batch whatever its inputs hold), then the endpoint's handler. An invalid body is a 400
 * VALIDATION_ERROR; under the `invalid-request-accepted` fault (`rejectInvalidRequests` off) it is
 * answered with the endpoint's success envelope and no results instead. The input limit is never
 * that fault's: it is `enforceInputLimit`'s.
 */
export function handleEndpoint(context: HandlerContext, operation: Operation): SandboxResponse {
  const definition = operation.requestDefinition;
  if (definition !== undefined) {
    const body = context.request.body;
    const refuse = (problem: string): SandboxResponse => {
      if (context.policy.rejectInvalidRequests) throw badRequest(problem);
      return batchReply(context, operation, [], []);
    };
    const envelope = requestBodyProblem(context.apiVersion, definition, body, { items: false });
    if (envelope !== undefined) return refuse(envelope);
    const inputs = isObject(body) ? field(body, 'inputs') : undefined;
    enforceInputLimit(context, operation, Array.isArray(inputs) ? inputs.length : 0);
    const input = requestBodyProblem(context.apiVersion, definition, body, { items: true });
    if (input !== undefined) return refuse(input);
  }
  return ENDPOINT_HANDLERS[operation.endpoint](context, operation);
}
