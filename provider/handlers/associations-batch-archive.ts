import type { AuxiliaryOperation } from '../../src/catalogue/index.js';
import { field, isObject } from '../../src/json.js';
import type { SandboxResponse } from '../http-types.js';
import { badRequest, inputObject, inputsOf, json, objectTypeParam, recordId, stamps } from './common.js';
import type { HandlerContext } from './context.js';
import { auxiliarySuccess } from './auxiliary-reply.js';

/**
 * POST .../{from}/{to}/batch/archive: removes every association type between each pair (both
 * directions), for a run's cleanup. v4 answers 204; 2025-09 and 2026-03 a 200 `BatchResponse`;
 * 2026-09 a 200 `BatchResponseVoid` (the catalogue's auxiliary table, FACTS §5).
 */
export function associationsBatchArchive(context: HandlerContext, operation: AuxiliaryOperation): SandboxResponse {
  const from = objectTypeParam(context, 'fromObjectType');
  const to = objectTypeParam(context, 'toObjectType');
  const pairs = inputsOf(context.request.body).flatMap((raw, index) => {
    const input = inputObject(raw, index);
    const fromSide = field(input, 'from');
    const fromId = isObject(fromSide) ? recordId(field(fromSide, 'id')) : undefined;
    const targets = field(input, 'to');
    if (fromId === undefined || !Array.isArray(targets))
      throw badRequest(`Invalid input JSON: inputs[${index}] needs from.id and a to array`);
    return targets.map((target, n) => {
      const toId = isObject(target) ? recordId(field(target, 'id')) : undefined;
      if (toId === undefined) throw badRequest(`Invalid input JSON: inputs[${index}].to[${n}].id must be a record ID`);
      return [fromId, toId] as const;
    });
  });
  // The archive-keeps-association fault answers as if it removed the pairs, and keeps them.
  if (context.policy.applyAssociationArchives)
    for (const [fromId, toId] of pairs) context.store.archiveAssociations(from.id, fromId, to.id, toId);
  const success = auxiliarySuccess(operation);
  if (success.definition === undefined) return { status: success.status, headers: {}, payload: { type: 'none' } };
  return json(success.status, { status: 'COMPLETE', results: [], ...stamps(context) });
}
