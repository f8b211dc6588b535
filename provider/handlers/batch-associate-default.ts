import type { Operation } from '../../src/catalogue/index.js';
import { field, isObject } from '../../src/json.js';
import { standardError, type StandardErrorBody } from '../bodies.js';
import type { SandboxResponse } from '../http-types.js';
import { badRequest, batchReply, inputObject, inputsOf, objectTypeParam, recordId } from './common.js';
import type { HandlerContext } from './context.js';
import { associateDefault } from './default-association.js';

function side(input: Record<string, unknown>, name: 'from' | 'to', index: number): unknown {
  const value = field(input, name);
  if (!isObject(value) || field(value, 'id') === undefined)
    throw badRequest(`Invalid input JSON: inputs[${index}].${name}.id is required`);
  return field(value, 'id');
}

/**
 * POST .../batch/associate/default: the default association for each pair. It declares only a 200
 * in every version (FACTS §1), so failed inputs are listed in that 200's `errors`.
 */
export function batchAssociateDefault(context: HandlerContext, operation: Operation): SandboxResponse {
  const from = objectTypeParam(context, 'fromObjectType');
  const to = objectTypeParam(context, 'toObjectType');
  // handleEndpoint judged the body (shape and input limit) first; the checks below only keep this
  // handler safe on its own.
  const inputs = inputsOf(context.request.body);
  const results: Record<string, unknown>[] = [];
  const errors: StandardErrorBody[] = [];
  inputs.forEach((raw, index) => {
    const input = inputObject(raw, index);
    const rawFrom = side(input, 'from', index);
    const rawTo = side(input, 'to', index);
    const fromId = recordId(rawFrom);
    const toId = recordId(rawTo);
    if (fromId === undefined || toId === undefined) {
      const [bad, name] = fromId === undefined ? [rawFrom, 'from'] : [rawTo, 'to'];
      errors.push(
        standardError({
          category: 'VALIDATION_ERROR',
          message: `Invalid record ID: ${JSON.stringify(bad)}`,
          id: String(bad),
          field: `inputs[${index}].${name}.id`,
          context: { ids: [String(bad)] },
        }),
      );
      return;
    }
    const outcome = associateDefault(context, from, fromId, to, toId);
    if ('failure' in outcome) {
      const { failure } = outcome;
      errors.push(
        standardError({
          category: failure.category,
          message: failure.message,
          id: failure.id,
          field: `inputs[${index}].${failure.side}.id`,
          context: { ids: [failure.id] },
        }),
      );
      return;
    }
    results.push(...outcome.results);
  });
  return batchReply(context, operation, results, errors);
}
