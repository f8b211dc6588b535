import fc from 'fast-check';
import {
  DEFAULT_API_VERSION,
  buildPath,
  operation,
  type ApiVersion,
  type EndpointId,
} from '../../src/catalogue/index.js';
import { enumOf } from '../schema/definitions.js';
import { ArbitraryConstraintError, integerIn, oneOf, ordered } from './constraints.js';
import { associationTypeId, numericRecordId, objectTypeName, pagingCursor, recordId } from './ids.js';
import { definitionRecord, type JsonObject } from './shape.js';

/**
 * Request bodies and whole requests. Valid ones by default; boundary ones on request: 0, 1, the
 * limit and one over it (batch read's 1000), duplicate inputs, and numeric IDs (HubSpot's docs
 * example sends `"id": 9001`; lenient-only, since the spec says string).
 */

/** Constraints of the request-body builders. */
export interface RequestConstraints {
  readonly apiVersion?: ApiVersion;
  /** Fewest inputs (default 1). */
  readonly minInputs?: number;
  /** Most inputs (default 10; batch read accepts at most 1000, so 1001 is a request HubSpot rejects). */
  readonly maxInputs?: number;
  /** At least one input repeats an earlier one (the schema has no `uniqueItems`; HubSpot dedupes or not). */
  readonly duplicates?: boolean;
  /** `string` (default, the spec) or `number` (lenient-only, as the docs example sends). */
  readonly ids?: 'string' | 'number';
  /** Every optional field present (e.g. `after` on batch-read inputs). */
  readonly complete?: boolean;
}

interface Resolved {
  readonly apiVersion: ApiVersion;
  readonly minInputs: number;
  readonly maxInputs: number;
  readonly complete: boolean;
  readonly id: fc.Arbitrary<string | number>;
}

function resolve(builder: string, constraints: RequestConstraints): Resolved {
  const minInputs = integerIn(builder, 'minInputs', constraints.minInputs ?? 1, 0, 100_000);
  const maxInputs = integerIn(builder, 'maxInputs', constraints.maxInputs ?? Math.max(10, minInputs), 0, 100_000);
  ordered(builder, 'minInputs', minInputs, 'maxInputs', maxInputs);
  if (constraints.duplicates && maxInputs < 2)
    throw new ArbitraryConstraintError(`${builder}: duplicates need maxInputs >= 2, got ${maxInputs}`);
  const ids = oneOf(builder, 'ids', constraints.ids ?? 'string', ['string', 'number'] as const);
  return {
    apiVersion: constraints.apiVersion ?? DEFAULT_API_VERSION,
    minInputs,
    maxInputs,
    complete: constraints.complete ?? false,
    id: ids === 'number' ? numericRecordId() : recordId(),
  };
}

/** `{ inputs }` of the given items, with one earlier input repeated at the end when duplicates are asked for. */
function inputsBody(item: fc.Arbitrary<unknown>, resolved: Resolved, duplicates: boolean): fc.Arbitrary<JsonObject> {
  if (!duplicates)
    return fc
      .array(item, { minLength: resolved.minInputs, maxLength: resolved.maxInputs })
      .map((inputs) => ({ inputs }));
  const unique = fc.array(item, { minLength: Math.max(1, resolved.minInputs - 1), maxLength: resolved.maxInputs - 1 });
  return fc
    .tuple(unique, fc.nat())
    .map(([inputs, pick]) => ({ inputs: [...inputs, structuredClone(inputs[pick % inputs.length])] }));
}

/** A batch-read request: `{ inputs: [{ id, after? }] }`. */
export function batchReadRequest(constraints: RequestConstraints = {}): fc.Arbitrary<JsonObject> {
  const resolved = resolve('batchReadRequest', constraints);
  const item = definitionRecord(
    resolved.apiVersion,
    'PublicFetchAssociationsBatchRequest',
    { id: resolved.id, after: pagingCursor() },
    { complete: resolved.complete },
  );
  return inputsBody(item, resolved, constraints.duplicates ?? false);
}

/** A batch associate-default request: `{ inputs: [{ from: { id }, to: { id } }] }`. */
export function batchAssociateDefaultRequest(constraints: RequestConstraints = {}): fc.Arbitrary<JsonObject> {
  const resolved = resolve('batchAssociateDefaultRequest', constraints);
  const objectId = definitionRecord(resolved.apiVersion, 'PublicObjectId', { id: resolved.id });
  const item = definitionRecord(resolved.apiVersion, 'PublicDefaultAssociationMultiPost', {
    from: objectId,
    to: objectId,
  });
  return inputsBody(item, resolved, constraints.duplicates ?? false);
}

/** A configurations batch-create request: `{ inputs: [{ category, typeId, maxToObjectIds }] }`. */
export function configurationsBatchCreateRequest(
  constraints: Omit<RequestConstraints, 'ids'> = {},
): fc.Arbitrary<JsonObject> {
  const resolved = resolve('configurationsBatchCreateRequest', constraints);
  const definition = 'PublicAssociationDefinitionConfigurationCreateRequest';
  const item = definitionRecord(resolved.apiVersion, definition, {
    category: fc.constantFrom(...enumOf(resolved.apiVersion, definition, 'category')),
    typeId: associationTypeId(),
    maxToObjectIds: fc.integer({ min: 1, max: 10_000 }),
  });
  return inputsBody(item, resolved, constraints.duplicates ?? false);
}

const REQUEST_BUILDERS: Readonly<
  Record<EndpointId, ((c: RequestConstraints) => fc.Arbitrary<JsonObject>) | undefined>
> = {
  'batch-read': batchReadRequest,
  'batch-associate-default': batchAssociateDefaultRequest,
  'configurations-batch-create': configurationsBatchCreateRequest,
  'associate-default': undefined,
};

/** The request body of an endpoint; `undefined` for PUT default, which takes none. */
export function requestBody(
  constraints: RequestConstraints & { readonly endpoint: EndpointId },
): fc.Arbitrary<JsonObject | undefined> {
  const op = operation(constraints.endpoint, constraints.apiVersion ?? DEFAULT_API_VERSION);
  const build = REQUEST_BUILDERS[op.endpoint];
  if (op.requestDefinition === undefined || !build) return fc.constant(undefined);
  return build({ ...constraints, apiVersion: op.apiVersion });
}

/** A batch-read body at the input limit's edges, with what HubSpot does with it. */
export interface LimitRequest {
  readonly inputs: number;
  readonly withinLimit: boolean;
  readonly body: JsonObject;
}

/** Batch read at 0, 1, the limit (1000) and one over (1001), from the catalogue's `maxInputs`. */
export function batchReadRequestAtLimit(
  constraints: Pick<RequestConstraints, 'apiVersion'> = {},
): fc.Arbitrary<LimitRequest> {
  const op = operation('batch-read', constraints.apiVersion ?? DEFAULT_API_VERSION);
  const limit = op.maxInputs;
  if (limit === undefined)
    throw new ArbitraryConstraintError(`batchReadRequestAtLimit: ${op.apiVersion} batch-read has no input limit`);
  return fc.constantFrom(0, 1, limit, limit + 1).chain((size) =>
    batchReadRequest({ apiVersion: op.apiVersion, minInputs: size, maxInputs: size }).map((body): LimitRequest => ({
      inputs: size,
      withinLimit: size <= limit,
      body,
    })),
  );
}

/** A whole request: method, filled path and body. */
export interface GeneratedRequest {
  readonly endpoint: EndpointId;
  readonly apiVersion: ApiVersion;
  readonly method: 'POST' | 'PUT';
  readonly path: string;
  /** Absent for PUT default, which takes no body (absent, not `undefined`: requests are JSON). */
  readonly body?: JsonObject;
}

/** A request to an endpoint: object types by name or type ID, record IDs above and below 2^31. */
export function request(
  constraints: RequestConstraints & { readonly endpoint: EndpointId },
): fc.Arbitrary<GeneratedRequest> {
  const op = operation(constraints.endpoint, constraints.apiVersion ?? DEFAULT_API_VERSION);
  const params = fc.record(
    {
      fromObjectType: objectTypeName(),
      toObjectType: objectTypeName(),
      fromObjectId: recordId(),
      toObjectId: recordId(),
    },
    { noNullPrototype: true },
  );
  return fc
    .tuple(params, requestBody({ ...constraints, apiVersion: op.apiVersion }))
    .map(([values, body]): GeneratedRequest => {
      const generated = {
        endpoint: op.endpoint,
        apiVersion: op.apiVersion,
        method: op.method,
        path: buildPath(op, values),
      };
      return body === undefined ? generated : { ...generated, body };
    });
}
