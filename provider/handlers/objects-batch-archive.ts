import type { AuxiliaryOperation } from '../../src/catalogue/index.js';
import { field } from '../../src/json.js';
import type { SandboxResponse } from '../http-types.js';
import { badRequest, enforceInputLimit, inputObject, inputsOf, objectTypeParam, recordId } from './common.js';
import type { HandlerContext } from './context.js';
import { auxiliarySuccess } from './auxiliary-reply.js';

/**
 * POST /crm/v3/objects/{type}/batch/archive (and the date-versioned form): archives records and
 * their associations. Unknown IDs are ignored, as HubSpot's archive is idempotent, so a cleanup
 * can be re-run after an interruption.
 */
export function objectsBatchArchive(context: HandlerContext, operation: AuxiliaryOperation): SandboxResponse {
  const type = objectTypeParam(context, 'objectType');
  const inputs = inputsOf(context.request.body);
  enforceInputLimit(context, operation, inputs.length);
  const ids = inputs.map((raw, index) => {
    const id = recordId(field(inputObject(raw, index), 'id'));
    if (id === undefined) throw badRequest(`Invalid input JSON: inputs[${index}].id must be a record ID`);
    return id;
  });
  for (const id of ids) context.store.archiveRecord(type.id, id);
  return { status: auxiliarySuccess(operation).status, headers: {}, payload: { type: 'none' } };
}
