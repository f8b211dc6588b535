import type { AuxiliaryOperation } from '../../src/catalogue/index.js';
import { typesForPair } from '../association-types.js';
import type { SandboxResponse } from '../http-types.js';
import { auxiliarySuccess } from './auxiliary-reply.js';
import { json, objectTypeParam } from './common.js';
import { limitResult } from './configurations-batch-create.js';
import type { HandlerContext } from './context.js';

/**
 * GET .../definitions/configurations/{from}/{to}: the limits configured on a pair's association
 * types (`{results: PublicAssociationDefinitionUserConfiguration[]}`, no paging), the ones set
 * only. A run reads them before it changes one, so its cleanup can put the original back.
 */
export function configurationsRead(context: HandlerContext, operation: AuxiliaryOperation): SandboxResponse {
  const from = objectTypeParam(context, 'fromObjectType');
  const to = objectTypeParam(context, 'toObjectType');
  const defined = typesForPair(from.id, to.id);
  const results = context.store.configurationsOf(from.id, to.id).flatMap((configuration) => {
    const definition = defined.find((candidate) => candidate.typeId === configuration.typeId);
    return definition ? [limitResult(definition, configuration.maxToObjectIds)] : [];
  });
  return json(auxiliarySuccess(operation).status, { results });
}
