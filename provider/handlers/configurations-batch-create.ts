import type { Operation } from '../../src/catalogue/index.js';
import { field } from '../../src/json.js';
import {
  defaultTypeFor,
  typesForPair,
  type AssociationCategory,
  type AssociationTypeDefinition,
} from '../association-types.js';
import { standardError, type StandardErrorBody } from '../bodies.js';
import type { SandboxResponse } from '../http-types.js';
import { badRequest, batchReply, inputObject, inputsOf, objectTypeParam } from './common.js';
import type { HandlerContext } from './context.js';
import type { ObjectType } from '../object-types.js';

const CATEGORIES: readonly AssociationCategory[] = ['HUBSPOT_DEFINED', 'INTEGRATOR_DEFINED', 'USER_DEFINED', 'WORK'];

/**
 * The subscription's limit on records per association type. Invented (HubSpot's depends on the
 * subscription); custom limits must not exceed it (changelog 2024-07-30, FACTS §3).
 */
const SUBSCRIPTION_ASSOCIATION_LIMIT = 10_000;

const isInt32 = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;

/** One configuration input judged: the type it names and the limit asked for, or the StandardError that fails it. */
export type JudgedLimit =
  | { readonly ok: true; readonly definition: AssociationTypeDefinition; readonly maxToObjectIds: number }
  | { readonly ok: false; readonly error: StandardErrorBody };

/**
 * Judges one input of configurations create or update (`{category, typeId, maxToObjectIds}`): a
 * value of the wrong type fails the whole request (a 400, as a JSON binding error would); an
 * unknown type, a category that is not the type's, or a limit outside the allowed range (which the
 * error states, as HubSpot's does) fails that input.
 */
export function judgeLimitInput(
  context: HandlerContext,
  from: ObjectType,
  to: ObjectType,
  raw: unknown,
  index: number,
): JudgedLimit {
  const input = inputObject(raw, index);
  const category = field(input, 'category');
  const typeId = field(input, 'typeId');
  const maxToObjectIds = field(input, 'maxToObjectIds');
  if (typeof category !== 'string' || !(CATEGORIES as readonly string[]).includes(category)) {
    throw badRequest(`Invalid input JSON: inputs[${index}].category must be one of ${CATEGORIES.join(', ')}`);
  }
  if (!isInt32(typeId)) throw badRequest(`Invalid input JSON: inputs[${index}].typeId must be a 32-bit integer`);
  if (!isInt32(maxToObjectIds))
    throw badRequest(`Invalid input JSON: inputs[${index}].maxToObjectIds must be a 32-bit integer`);
  const fail = (errorCategory: string, message: string, failedField: string): JudgedLimit => ({
    ok: false,
    error: standardError({
      category: errorCategory,
      message,
      id: String(typeId),
      field: `inputs[${index}].${failedField}`,
      context: { typeId: [String(typeId)] },
    }),
  });
  const definition = typesForPair(from.id, to.id).find((candidate) => candidate.typeId === typeId);
  if (!definition)
    return fail(
      'OBJECT_NOT_FOUND',
      `Association type ${typeId} does not exist from ${from.name} to ${to.name}`,
      'typeId',
    );
  if (definition.category !== category)
    return fail(
      'VALIDATION_ERROR',
      `Association type ${typeId} is ${definition.category}, not ${category}`,
      'category',
    );
  // A label's limit may not exceed the limit set on the pair's default type (FACTS §3).
  const objectLimit = definition.isDefault
    ? undefined
    : context.store.configuration(from.id, to.id, defaultTypeFor(from.id, to.id).typeId);
  const max = objectLimit?.maxToObjectIds ?? SUBSCRIPTION_ASSOCIATION_LIMIT;
  if (maxToObjectIds < 1 || maxToObjectIds > max)
    return fail(
      'VALIDATION_ERROR',
      `maxToObjectIds must be between 1 and ${max}, got ${maxToObjectIds}`,
      'maxToObjectIds',
    );
  return { ok: true, definition, maxToObjectIds };
}

/** The answer's result for a limit set on a type (`PublicAssociationDefinitionUserConfiguration`). */
export function limitResult(definition: AssociationTypeDefinition, maxToObjectIds: number): Record<string, unknown> {
  const result: Record<string, unknown> = { category: definition.category, typeId: definition.typeId };
  if (definition.label !== undefined) result.label = definition.label;
  result.userEnforcedMaxToObjectIds = maxToObjectIds;
  return result;
}

/**
 * POST .../definitions/configurations/.../batch/create: sets a limit on association types (each
 * input judged by {@link judgeLimitInput}). Creating a limit that exists replaces it.
 */
export function configurationsBatchCreate(context: HandlerContext, operation: Operation): SandboxResponse {
  const from = objectTypeParam(context, 'fromObjectType');
  const to = objectTypeParam(context, 'toObjectType');
  // handleEndpoint judged the body (shape and input limit) first; the checks below only keep this
  // handler safe on its own.
  const results: Record<string, unknown>[] = [];
  const errors: StandardErrorBody[] = [];
  inputsOf(context.request.body).forEach((raw, index) => {
    const judged = judgeLimitInput(context, from, to, raw, index);
    if (!judged.ok) {
      errors.push(judged.error);
      return;
    }
    context.store.setConfiguration(from.id, to.id, {
      category: judged.definition.category,
      typeId: judged.definition.typeId,
      maxToObjectIds: judged.maxToObjectIds,
    });
    results.push(limitResult(judged.definition, judged.maxToObjectIds));
  });
  return batchReply(context, operation, results, errors);
}
