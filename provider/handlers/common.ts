import { ERROR_STATUSES, type AuxiliaryOperation, type Operation } from '../../src/catalogue/index.js';
import { field, isObject } from '../../src/json.js';
import { timestamp, type StandardErrorBody } from '../bodies.js';
import { HttpError, type SandboxResponse } from '../http-types.js';
import { resolveObjectType, type ObjectType } from '../object-types.js';
import { declares } from '../schema-shape.js';
import type { HandlerContext } from './context.js';

/** A 400 `Error` with HubSpot's validation category. */
export function badRequest(message: string): HttpError {
  return new HttpError(ERROR_STATUSES.badRequest, 'VALIDATION_ERROR', message);
}

/** The object type a path parameter names; an unknown one is HubSpot's 400 "Unable to infer object type". */
export function objectTypeParam(context: HandlerContext, name: string): ObjectType {
  const spelling = context.params[name] ?? '';
  const type = resolveObjectType(spelling);
  if (!type) throw badRequest(`Unable to infer object type from: ${spelling}`);
  return type;
}

/** The singular noun of a type, for messages ("contact 123"). */
export function singular(type: ObjectType): string {
  return type.aliases[0] ?? type.name;
}

/**
 * A record ID from a request: a digit string, or a whole number (HubSpot's own docs send
 * `"id": 9001`, FACTS §7.6, and HubSpot accepts it). Undefined for anything else.
 */
export function recordId(value: unknown): string | undefined {
  if (typeof value === 'string' && /^[1-9][0-9]{0,18}$/.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  return undefined;
}

/**
 * The text a string field of a request binds to: a string as it is, a number as its text (the Java backend
 * writes it so; request-shape.ts refused every other shape before a handler runs). Undefined for null or absent.
 */
export function boundText(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** A record ID path parameter (`fromObjectId`, `toObjectId`); anything but a record ID is a 400. */
export function pathRecordId(context: HandlerContext, name: string): string {
  const raw = context.params[name] ?? '';
  const id = recordId(raw);
  if (id === undefined) throw badRequest(`Invalid record ID in path: ${JSON.stringify(raw)}`);
  return id;
}

/** The `inputs` array of a batch body; a body without one is a 400, as in HubSpot. */
export function inputsOf(body: unknown): unknown[] {
  if (!isObject(body)) throw badRequest('Invalid input JSON: expected an object with "inputs"');
  const inputs = field(body, 'inputs');
  if (!Array.isArray(inputs)) throw badRequest('Invalid input JSON: "inputs" is required and must be an array');
  return inputs;
}

/** Each input must be an object; anything else fails the whole request, as a JSON binding error would. */
export function inputObject(input: unknown, index: number): Record<string, unknown> {
  if (!isObject(input)) throw badRequest(`Invalid input JSON: inputs[${index}] must be an object`);
  return input;
}

/**
 * Refuses more inputs than the catalogue allows (batch read: 1000; objects batch create and
 * archive: 100), unless a fault switched that off. The four endpoints have it applied by
 * `handleEndpoint` (between the envelope and the inputs checks); auxiliary handlers call it.
 */
export function enforceInputLimit(
  context: HandlerContext,
  operation: Operation | AuxiliaryOperation,
  count: number,
): void {
  if (operation.maxInputs !== undefined && count > operation.maxInputs && context.policy.enforceInputLimit) {
    throw badRequest(tooManyInputsMessage(operation, count));
  }
}

/** The 400 message for more inputs than an operation allows (also the pacts' example of that answer). */
export function tooManyInputsMessage(operation: Operation | AuxiliaryOperation, count: number): string {
  const name = 'endpoint' in operation ? operation.endpoint : operation.id;
  return `Too many inputs: ${count}. ${name} accepts at most ${operation.maxInputs ?? '?'} inputs per request`;
}

/** The three batch timestamps: requested and started on arrival, completed now. */
export function stamps(context: HandlerContext): Record<string, string> {
  const started = timestamp(context.startedAt);
  return {
    requestedAt: started,
    startedAt: started,
    completedAt: timestamp(Math.max(context.clock.now(), context.startedAt)),
  };
}

/** A JSON response. */
export function json(status: number, value: unknown): SandboxResponse {
  return { status, headers: {}, payload: { type: 'json', value } };
}

/**
 * The batch envelope of one of the four endpoints, with the status its version declares: the
 * partial response (207) when some input failed and the version has one, else the success
 * response, carrying `errors`/`numErrors` exactly where its definition declares them (2026-09 and
 * the write endpoints merge errors into the 200).
 */
export function batchReply(
  context: HandlerContext,
  operation: Operation,
  results: readonly unknown[],
  errors: readonly StandardErrorBody[],
): SandboxResponse {
  const success = operation.responses.find((response) => response.kind === 'success');
  const partial = operation.responses.find((response) => response.kind === 'partial');
  if (!success) throw new Error(`${operation.endpoint} ${operation.apiVersion} declares no success response`);
  const chosen = errors.length > 0 && partial ? partial : success;
  const body: Record<string, unknown> = { status: 'COMPLETE', results };
  if (declares(context.apiVersion, chosen.definition, 'errors')) {
    body.numErrors = errors.length;
    body.errors = errors;
  } else if (errors.length > 0) {
    throw new Error(`${operation.endpoint} ${operation.apiVersion}: ${chosen.definition} cannot carry errors`);
  }
  Object.assign(body, stamps(context), { links: {} });
  return json(chosen.status, body);
}
