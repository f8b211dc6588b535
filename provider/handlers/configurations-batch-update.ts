import type { AuxiliaryOperation } from '../../src/catalogue/index.js';
import { standardError, type StandardErrorBody } from '../bodies.js';
import type { SandboxResponse } from '../http-types.js';
import { auxiliarySuccess } from './auxiliary-reply.js';
import { inputsOf, json, objectTypeParam, stamps } from './common.js';
import { judgeLimitInput } from './configurations-batch-create.js';
import type { HandlerContext } from './context.js';

/**
 * POST .../definitions/configurations/{from}/{to}/batch/update: changes limits that exist. Each
 * input is judged as for create; a type with no limit set fails its input (`OBJECT_NOT_FOUND`:
 * there is nothing to update; create it), so a client that puts a limit back must choose create
 * or update by what it reads. Where some input failed, v4 and 2026-03 answer 207; 2025-09 and
 * 2026-09 a 200 that carries `errors`/`numErrors` (the catalogue's auxiliary table).
 */
export function configurationsBatchUpdate(context: HandlerContext, operation: AuxiliaryOperation): SandboxResponse {
  const from = objectTypeParam(context, 'fromObjectType');
  const to = objectTypeParam(context, 'toObjectType');
  const results: Record<string, unknown>[] = [];
  const errors: StandardErrorBody[] = [];
  inputsOf(context.request.body).forEach((raw, index) => {
    const judged = judgeLimitInput(context, from, to, raw, index);
    if (!judged.ok) {
      errors.push(judged.error);
      return;
    }
    const { definition, maxToObjectIds } = judged;
    if (context.store.configuration(from.id, to.id, definition.typeId) === undefined) {
      const message = `No limit is configured on association type ${definition.typeId} from ${from.name} to ${to.name}: nothing to update`;
      errors.push(
        standardError({
          category: 'OBJECT_NOT_FOUND',
          message,
          id: String(definition.typeId),
          field: `inputs[${index}].typeId`,
          context: { typeId: [String(definition.typeId)] },
        }),
      );
      return;
    }
    context.store.setConfiguration(from.id, to.id, {
      category: definition.category,
      typeId: definition.typeId,
      maxToObjectIds,
    });
    // `PublicAssociationDefinitionConfigurationUpdateResult`: no label.
    results.push({
      category: definition.category,
      typeId: definition.typeId,
      userEnforcedMaxToObjectIds: maxToObjectIds,
    });
  });
  const success = auxiliarySuccess(operation);
  const partial = operation.responses.find((response) => response.kind === 'partial');
  const body: Record<string, unknown> = { status: 'COMPLETE', results };
  // Without a 207, the version's 200 definition declares the errors fields (associationsSchema.json).
  if (errors.length > 0 || !partial) Object.assign(body, { numErrors: errors.length, errors });
  Object.assign(body, stamps(context), { links: {} });
  return json(errors.length > 0 && partial ? partial.status : success.status, body);
}
