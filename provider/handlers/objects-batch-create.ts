import type { AuxiliaryOperation } from '../../src/catalogue/index.js';
import { field, isObject } from '../../src/json.js';
import { typesForPair, type AssociationTypeDefinition } from '../association-types.js';
import { timestamp } from '../bodies.js';
import type { SandboxResponse } from '../http-types.js';
import { OBJECT_TYPES } from '../object-types.js';
import { auxiliarySuccess } from './auxiliary-reply.js';
import {
  badRequest,
  enforceInputLimit,
  inputObject,
  inputsOf,
  json,
  objectTypeParam,
  recordId,
  stamps,
} from './common.js';
import type { HandlerContext } from './context.js';

interface PlannedAssociation {
  readonly toId: string;
  readonly definition: AssociationTypeDefinition;
}

function properties(input: Record<string, unknown>, index: number): Record<string, string> {
  const raw = field(input, 'properties');
  if (!isObject(raw))
    throw badRequest(`Invalid input JSON: inputs[${index}].properties is required and must be an object`);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    // HubSpot stores every property as a string; numbers and booleans are written as their text.
    if (typeof value === 'string') out[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[name] = String(value);
    else throw badRequest(`Invalid input JSON: inputs[${index}].properties.${name} must be a string`);
  }
  return out;
}

/** Inline associations (`associations: [{to: {id}, types: [{associationCategory, associationTypeId}]}]`). */
function plannedAssociations(
  context: HandlerContext,
  fromTypeId: string,
  input: Record<string, unknown>,
  index: number,
): PlannedAssociation[] {
  const raw = field(input, 'associations');
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw badRequest(`Invalid input JSON: inputs[${index}].associations must be an array`);
  const planned: PlannedAssociation[] = [];
  raw.forEach((association, n) => {
    const where = `inputs[${index}].associations[${n}]`;
    if (!isObject(association)) throw badRequest(`Invalid input JSON: ${where} must be an object`);
    const to = field(association, 'to');
    const toId = isObject(to) ? recordId(field(to, 'id')) : undefined;
    const types = field(association, 'types');
    if (toId === undefined || !Array.isArray(types))
      throw badRequest(`Invalid input JSON: ${where} needs to.id and types`);
    for (const type of types) {
      const typeId = isObject(type) ? field(type, 'associationTypeId') : undefined;
      const category = isObject(type) ? field(type, 'associationCategory') : undefined;
      const definition = OBJECT_TYPES.flatMap((target) => typesForPair(fromTypeId, target.id)).find(
        (candidate) =>
          candidate.typeId === typeId &&
          candidate.category === category &&
          context.store.getRecord(candidate.toTypeId, toId) !== undefined,
      );
      if (!definition)
        throw badRequest(
          `${where}: no record ${toId} can be associated with type ${String(category)}/${String(typeId)}`,
        );
      planned.push({ toId, definition });
    }
  });
  return planned;
}

/**
 * POST /crm/v3/objects/{type}/batch/create (and the date-versioned form): creates records for a
 * run to associate. Every input is checked before anything is written, so a bad input fails the
 * whole batch with a 400 and nothing half-created is left to clean up.
 */
export function objectsBatchCreate(context: HandlerContext, operation: AuxiliaryOperation): SandboxResponse {
  const type = objectTypeParam(context, 'objectType');
  const inputs = inputsOf(context.request.body);
  enforceInputLimit(context, operation, inputs.length);
  const planned = inputs.map((raw, index) => {
    const input = inputObject(raw, index);
    return { properties: properties(input, index), associations: plannedAssociations(context, type.id, input, index) };
  });
  const now = context.clock.now();
  const results = planned.map((plan) => {
    const record = context.store.createRecord(type.id, plan.properties, now);
    for (const association of plan.associations)
      context.store.associate(record.id, association.toId, association.definition);
    const at = timestamp(record.createdAt);
    return {
      id: record.id,
      properties: { ...record.properties, hs_object_id: record.id, createdate: at, lastmodifieddate: at },
      createdAt: at,
      updatedAt: at,
      archived: false,
    };
  });
  return json(auxiliarySuccess(operation).status, { status: 'COMPLETE', results, ...stamps(context) });
}
