import type { EndpointId } from '../../catalogue/index.js';
import { field, isObject } from '../../json.js';
import {
  ContractViolation,
  HubSpotApiError,
  type AssociatedRecords,
  type AssociationType,
  type Batch,
  type BatchFailure,
  type DefaultAssociation,
  type LimitSet,
  type Outcome,
} from './model.js';

/**
 * hsac's consumer-side decoding of JSON bodies: it reads exactly the paths `reliance.ts` lists for
 * the endpoint (a unit spec proves it: removing any other field changes nothing, removing a
 * listed one does) and throws {@link ContractViolation} naming the path when one is missing or
 * mistyped. Optional fields (`paging`, `errors`) are read when present.
 */

type Json = Record<string, unknown>;

/** The kernel's {@link isObject}, throwing the consumer's error naming the path where it is not one. */
function object(value: unknown, path: string): Json {
  if (!isObject(value)) throw new ContractViolation(`${path || '(body)'} is not an object`);
  return value;
}

function text(value: Json, name: string, path: string): string {
  const found = field(value, name);
  if (typeof found !== 'string') throw new ContractViolation(`${path}${name} is not a string`);
  return found;
}

function int(value: Json, name: string, path: string): number {
  const found = field(value, name);
  if (typeof found !== 'number' || !Number.isInteger(found))
    throw new ContractViolation(`${path}${name} is not an integer`);
  return found;
}

function list(value: Json, name: string, path: string): unknown[] {
  const found = field(value, name);
  if (!Array.isArray(found)) throw new ContractViolation(`${path}${name} is not an array`);
  return found;
}

function instant(value: Json, name: string): string {
  const raw = text(value, name, '');
  const millis = Date.parse(raw);
  if (Number.isNaN(millis)) throw new ContractViolation(`${name} is not a date-time: ${JSON.stringify(raw)}`);
  return new Date(millis).toISOString();
}

function failures(body: Json): BatchFailure[] {
  const raw = field(body, 'errors');
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new ContractViolation('errors is not an array');
  return raw.map((item, i) => {
    const error = object(item, `errors[${i}]`);
    return { category: text(error, 'category', `errors[${i}].`), message: text(error, 'message', `errors[${i}].`) };
  });
}

function batch<T>(raw: unknown, item: (value: Json, path: string) => T): Batch<T> {
  const body = object(raw, '');
  return {
    status: text(body, 'status', ''),
    startedAt: instant(body, 'startedAt'),
    completedAt: instant(body, 'completedAt'),
    results: list(body, 'results', '').map((value, i) => item(object(value, `results[${i}]`), `results[${i}].`)),
    failures: failures(body),
  };
}

function associationType(value: Json, path: string): AssociationType {
  return { category: text(value, 'category', path), typeId: int(value, 'typeId', path) };
}

function associatedRecords(value: Json, path: string): AssociatedRecords {
  const to = list(value, 'to', path).map((raw, i) => {
    const target = object(raw, `${path}to[${i}]`);
    const at = `${path}to[${i}].`;
    return {
      toObjectId: text(target, 'toObjectId', at),
      types: list(target, 'associationTypes', at).map((type, j) =>
        associationType(object(type, `${at}associationTypes[${j}]`), `${at}associationTypes[${j}].`),
      ),
    };
  });
  const fromId = text(object(field(value, 'from'), `${path}from`), 'id', `${path}from.`);
  const paging = field(value, 'paging');
  const next = paging === undefined ? undefined : field(object(paging, `${path}paging`), 'next');
  const nextAfter =
    next === undefined ? undefined : text(object(next, `${path}paging.next`), 'after', `${path}paging.next.`);
  return nextAfter === undefined ? { fromId, to } : { fromId, to, nextAfter };
}

function defaultAssociation(value: Json, path: string): DefaultAssociation {
  const spec = object(field(value, 'associationSpec'), `${path}associationSpec`);
  return {
    fromId: text(object(field(value, 'from'), `${path}from`), 'id', `${path}from.`),
    toId: text(object(field(value, 'to'), `${path}to`), 'id', `${path}to.`),
    category: text(spec, 'associationCategory', `${path}associationSpec.`),
    typeId: int(spec, 'associationTypeId', `${path}associationSpec.`),
  };
}

function limitSet(value: Json, path: string): LimitSet {
  return { category: text(value, 'category', path), typeId: int(value, 'typeId', path) };
}

/** Decodes a 2xx body of an endpoint into what the consumer keeps. */
export function decodeSuccess(endpoint: EndpointId, raw: unknown): Outcome {
  switch (endpoint) {
    case 'batch-read':
      return batch(raw, associatedRecords);
    case 'batch-associate-default':
    case 'associate-default':
      return batch(raw, defaultAssociation);
    case 'configurations-batch-create':
      return batch(raw, limitSet);
  }
}

/** Decodes a non-2xx `Error` body into the error the consumer raises. */
export function decodeError(status: number, raw: unknown): HubSpotApiError {
  const body = object(raw, '');
  return new HubSpotApiError(
    status,
    text(body, 'category', ''),
    text(body, 'message', ''),
    text(body, 'correlationId', ''),
  );
}
