import type { ApiVersion, EndpointId } from '../../catalogue/index.js';
import { locateMethod, sdkArguments } from '../../sdk/bindings.js';
import { loadSdk, type LoadedSdk, type SdkClient } from '../../sdk/sdk.js';
import {
  ContractViolation,
  HubSpotApiError,
  type AssociatedRecords,
  type Batch,
  type BatchFailure,
  type ConsumerCall,
  type DefaultAssociation,
  type LimitSet,
  type Outcome,
  type AssociationsConsumer,
} from './model.js';
import { pathParamsOf, requestBodyOf } from './request.js';

/**
 * `@hubspot/api-client` as a consumer: the code an SDK user writes, reading the SDK's decoded
 * models (`result._from.id`: the SDK renames `from`; times are `Date`s). It supports exactly the
 * endpoint x version pairs for which the client exposes a method; the pact holds interactions for
 * those only.
 */

type Model = Record<string, unknown>;

function model(value: unknown, path: string): Model {
  if (typeof value !== 'object' || value === null)
    throw new ContractViolation(`SDK model ${path || '(result)'} is missing`);
  return value as Model;
}

function text(value: Model, name: string, path: string): string {
  const found = value[name];
  if (typeof found !== 'string') throw new ContractViolation(`SDK model ${path}${name} is not a string`);
  return found;
}

function int(value: Model, name: string, path: string): number {
  const found = value[name];
  if (typeof found !== 'number' || !Number.isInteger(found))
    throw new ContractViolation(`SDK model ${path}${name} is not an integer`);
  return found;
}

function items(value: Model, name: string, path: string): unknown[] {
  const found = value[name];
  if (!Array.isArray(found)) throw new ContractViolation(`SDK model ${path}${name} is not an array`);
  return found;
}

function date(value: Model, name: string): string {
  const found = value[name];
  if (!(found instanceof Date) || Number.isNaN(found.getTime()))
    throw new ContractViolation(`SDK model ${name} is not a valid Date`);
  return found.toISOString();
}

function batch<T>(raw: unknown, item: (value: Model, path: string) => T): Batch<T> {
  const result = model(raw, '');
  const errors = result.errors;
  const failures: BatchFailure[] = Array.isArray(errors)
    ? errors.map((e, i) => ({
        category: text(model(e, `errors[${i}]`), 'category', `errors[${i}].`),
        message: text(model(e, `errors[${i}]`), 'message', `errors[${i}].`),
      }))
    : [];
  return {
    status: text(result, 'status', ''),
    startedAt: date(result, 'startedAt'),
    completedAt: date(result, 'completedAt'),
    results: items(result, 'results', '').map((value, i) => item(model(value, `results[${i}]`), `results[${i}].`)),
    failures,
  };
}

function associatedRecords(value: Model, path: string): AssociatedRecords {
  const to = items(value, 'to', path).map((raw, i) => {
    const target = model(raw, `${path}to[${i}]`);
    const at = `${path}to[${i}].`;
    const types = items(target, 'associationTypes', at).map((type, j) => {
      const spec = model(type, `${at}associationTypes[${j}]`);
      return {
        category: text(spec, 'category', `${at}associationTypes[${j}].`),
        typeId: int(spec, 'typeId', `${at}associationTypes[${j}].`),
      };
    });
    return { toObjectId: text(target, 'toObjectId', at), types };
  });
  const fromId = text(model(value._from, `${path}_from`), 'id', `${path}_from.`);
  const next = value.paging === undefined ? undefined : model(value.paging, `${path}paging`).next;
  const nextAfter =
    next === undefined ? undefined : text(model(next, `${path}paging.next`), 'after', `${path}paging.next.`);
  return nextAfter === undefined ? { fromId, to } : { fromId, to, nextAfter };
}

function defaultAssociation(value: Model, path: string): DefaultAssociation {
  const spec = model(value.associationSpec, `${path}associationSpec`);
  return {
    fromId: text(model(value._from, `${path}_from`), 'id', `${path}_from.`),
    toId: text(model(value.to, `${path}to`), 'id', `${path}to.`),
    category: text(spec, 'associationCategory', `${path}associationSpec.`),
    typeId: int(spec, 'associationTypeId', `${path}associationSpec.`),
  };
}

function limitSet(value: Model, path: string): LimitSet {
  return { category: text(value, 'category', path), typeId: int(value, 'typeId', path) };
}

/** The SDK's `ApiException` (`code`, and `body`: the decoded `Error` model), as the consumer reads it. */
function apiError(error: unknown): HubSpotApiError | undefined {
  const record = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : undefined;
  if (typeof record?.code !== 'number') return undefined;
  const body = typeof record.body === 'object' && record.body !== null ? (record.body as Model) : {};
  const read = (name: string): string => (typeof body[name] === 'string' ? body[name] : '');
  return new HubSpotApiError(record.code, read('category'), read('message'), read('correlationId'));
}

/**
 * The request as an SDK user builds it: the SDK's models name `from` as `_from` (a JavaScript
 * object literal `{ from }` is silently dropped by its serializer, which reads `_from`).
 */
function sdkInput(call: ConsumerCall): unknown {
  const body = requestBodyOf(call);
  if (call.endpoint !== 'batch-associate-default' || !Array.isArray(body?.inputs)) return body;
  return { inputs: body.inputs.map(({ from, ...rest }: Record<string, unknown>) => ({ _from: from, ...rest })) };
}

/** Options of {@link hubspotSdkConsumer}. */
export interface SdkConsumerOptions {
  readonly baseUrl: string;
  readonly token: string;
  /** An SDK already loaded (default: `@hubspot/api-client` from the package root). */
  readonly sdk?: LoadedSdk;
}

/** The HubSpot SDK as a consumer of the four endpoints. */
export function hubspotSdkConsumer(options: SdkConsumerOptions): AssociationsConsumer {
  const sdk = options.sdk ?? loadSdk();
  const client: SdkClient = sdk.createClient({ accessToken: options.token, basePath: options.baseUrl });
  return {
    supports: (endpoint: EndpointId, apiVersion: ApiVersion) =>
      locateMethod(sdk, client, endpoint, apiVersion) !== undefined,
    async perform(call: ConsumerCall): Promise<Outcome> {
      const method = locateMethod(sdk, client, call.endpoint, call.apiVersion);
      if (!method) throw new Error(`${sdk.name} ${sdk.version} has no method for ${call.endpoint} ${call.apiVersion}`);
      let result: unknown;
      try {
        result = await method.invoke(sdkArguments(sdk, call.endpoint, pathParamsOf(call), sdkInput(call)));
      } catch (error) {
        throw apiError(error) ?? error;
      }
      switch (call.endpoint) {
        case 'batch-read':
          return batch(result, associatedRecords);
        case 'batch-associate-default':
        case 'associate-default':
          return batch(result, defaultAssociation);
        case 'configurations-batch-create':
          return batch(result, limitSet);
      }
    },
  };
}
