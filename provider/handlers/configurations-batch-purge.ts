import type { AuxiliaryOperation } from '../../src/catalogue/index.js';
import { field } from '../../src/json.js';
import type { SandboxResponse } from '../http-types.js';
import { auxiliarySuccess } from './auxiliary-reply.js';
import { badRequest, inputObject, inputsOf, json, objectTypeParam, stamps } from './common.js';
import type { HandlerContext } from './context.js';

/**
 * POST .../definitions/configurations/{from}/{to}/batch/purge: removes the limits configured on
 * the given association types, for a run's cleanup. v4 answers 204; the date versions a 200
 * (the catalogue's auxiliary table, from each version's associationsSchema.json).
 */
export function configurationsBatchPurge(context: HandlerContext, operation: AuxiliaryOperation): SandboxResponse {
  const from = objectTypeParam(context, 'fromObjectType');
  const to = objectTypeParam(context, 'toObjectType');
  const typeIds = inputsOf(context.request.body).map((raw, index) => {
    const typeId = field(inputObject(raw, index), 'typeId');
    if (typeof typeId !== 'number' || !Number.isInteger(typeId))
      throw badRequest(`Invalid input JSON: inputs[${index}].typeId must be an integer`);
    return typeId;
  });
  for (const typeId of typeIds) context.store.removeConfiguration(from.id, to.id, typeId);
  const success = auxiliarySuccess(operation);
  if (success.definition === undefined) return { status: success.status, headers: {}, payload: { type: 'none' } };
  return json(success.status, { status: 'COMPLETE', results: [], ...stamps(context) });
}
