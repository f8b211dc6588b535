import type { AuxiliaryOperation } from '../../src/catalogue/index.js';
import { field } from '../../src/json.js';
import { standardError, timestamp } from '../bodies.js';
import type { SandboxResponse } from '../http-types.js';
import { auxiliarySuccess } from './auxiliary-reply.js';
import {
  badRequest,
  enforceInputLimit,
  inputObject,
  inputsOf,
  json,
  objectTypeParam,
  recordId,
  singular,
  stamps,
} from './common.js';
import type { HandlerContext } from './context.js';

/**
 * POST /crm/v3/objects/{type}/batch/read (and the date-versioned form): the records that exist,
 * each once. IDs that do not exist are named in one `OBJECT_NOT_FOUND` error (`context.ids`) of a
 * 207, as HubSpot's objects APIs answer ("Could not get some CONTACT objects, they may be deleted
 * or not exist"), so a run can refuse `--records` that are not there before it writes anything.
 */
export function objectsBatchRead(context: HandlerContext, operation: AuxiliaryOperation): SandboxResponse {
  const type = objectTypeParam(context, 'objectType');
  const inputs = inputsOf(context.request.body);
  enforceInputLimit(context, operation, inputs.length);
  const ids = inputs.map((raw, index) => {
    const id = recordId(field(inputObject(raw, index), 'id'));
    if (id === undefined) throw badRequest(`Invalid input JSON: inputs[${index}].id must be a record ID`);
    return id;
  });
  const results: Record<string, unknown>[] = [];
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const record = context.store.getRecord(type.id, id);
    if (!record) {
      missing.push(id);
      continue;
    }
    const at = timestamp(record.createdAt);
    results.push({
      id: record.id,
      properties: { hs_object_id: record.id, createdate: at, lastmodifieddate: at },
      createdAt: at,
      updatedAt: at,
      archived: false,
    });
  }
  const partial = operation.responses.find((response) => response.kind === 'partial');
  if (missing.length === 0 || !partial)
    return json(auxiliarySuccess(operation).status, { status: 'COMPLETE', results, ...stamps(context) });
  const message = `Could not get some ${singular(type).toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`;
  const error = standardError({ category: 'OBJECT_NOT_FOUND', message, field: 'inputs', context: { ids: missing } });
  return json(partial.status, { status: 'COMPLETE', results, numErrors: 1, errors: [error], ...stamps(context) });
}
