import fc from 'fast-check';
import {
  DEFAULT_API_VERSION,
  ERROR_STATUSES,
  operation,
  resolveResponse,
  type ApiVersion,
  type EndpointId,
} from '../../src/catalogue/index.js';
import { itemDefinition } from '../schema/definitions.js';
import { ArbitraryConstraintError, integerIn } from './constraints.js';
import { batchResponse } from './envelope.js';
import { errorBody, rateLimitBody } from './errors.js';
import { batchReadResult, configurationResult, defaultAssociationResult } from './results.js';
import type { JsonObject, ShapeConstraints } from './shape.js';

/**
 * Response bodies per endpoint, version and status: the catalogue says which definition a status
 * has, the definition says which fields exist. Every body is valid under `strict` for exactly that
 * version and status.
 */

/** Constraints of the response builders. */
export interface ResponseConstraints extends ShapeConstraints {
  /** The HTTP status (default: the version's first declared success code). */
  readonly status?: number;
  /** Fewest results (default 0, 1 when `complete`). */
  readonly minResults?: number;
  /** Most results (default 5). */
  readonly maxResults?: number;
  /** Most associated records per batch-read result (default 3). */
  readonly maxTo?: number;
}

/** The builder of a `results` item, by its definition name. */
const RESULT_BUILDERS: Readonly<
  Record<string, (c: ResponseConstraints & { apiVersion: ApiVersion }) => fc.Arbitrary<JsonObject>>
> = {
  PublicAssociationMultiWithLabel: (c) =>
    batchReadResult({ apiVersion: c.apiVersion, complete: c.complete ?? false, maxTo: c.maxTo ?? 3 }),
  PublicDefaultAssociation: (c) =>
    defaultAssociationResult({ apiVersion: c.apiVersion, complete: c.complete ?? false }),
  PublicAssociationDefinitionUserConfiguration: (c) =>
    configurationResult({ apiVersion: c.apiVersion, complete: c.complete ?? false }),
};

/**
 * The non-2xx statuses {@link responseCase} generates bodies for (FACTS.md §5, §6): all `Error`
 * bodies but 429. The catalogue's named statuses (`ERROR_STATUSES`), except 405 (the sandbox's
 * answer to a wrong method, which no client of these operations sends), plus 409 and 414, which
 * HubSpot answers but no code of hsac needs a name for. The order is part of the
 * seed's meaning (fast-check draws by index): keep it.
 */
export const GENERATED_ERROR_STATUSES = [
  ERROR_STATUSES.badRequest,
  ERROR_STATUSES.unauthorized,
  ERROR_STATUSES.forbidden,
  ERROR_STATUSES.notFound,
  409,
  414,
  ERROR_STATUSES.tooManyRequests,
  ERROR_STATUSES.internalServerError,
  ERROR_STATUSES.badGateway,
  ERROR_STATUSES.serviceUnavailable,
] as const;

/**
 * The body of any status of an endpoint in a version: a declared 2xx gets its envelope, 429 the
 * rate-limit body, any other non-2xx the `Error` body. A 2xx the version does not declare throws
 * (its body is only checked by family mapping, so it has no "valid by construction" shape).
 */
export function responseBody(
  constraints: ResponseConstraints & { readonly endpoint: EndpointId },
  builder = 'responseBody',
): fc.Arbitrary<JsonObject> {
  const apiVersion = constraints.apiVersion ?? DEFAULT_API_VERSION;
  const op = operation(constraints.endpoint, apiVersion);
  const status = constraints.status ?? op.responses[0]?.status ?? 200;
  integerIn(builder, 'status', status, 100, 599);
  const resolution = resolveResponse(op, status);
  if (!resolution.exact || resolution.definition === undefined) {
    throw new ArbitraryConstraintError(
      `${builder}: ${apiVersion} ${op.endpoint} declares ${op.responses.map((r) => r.status).join('/')}, not ${status}`,
    );
  }
  const complete = constraints.complete ?? false;
  if (resolution.definition === op.rateLimitDefinition) return rateLimitBody({ apiVersion, complete });
  if (resolution.definition === op.errorDefinition) return errorBody({ apiVersion, complete });
  const declared = resolution.declared;
  if (!declared)
    throw new ArbitraryConstraintError(
      `${builder}: ${status} has no declared response in ${apiVersion} ${op.endpoint}`,
    );
  const itemName = itemDefinition(apiVersion, declared.definition, 'results');
  const result = RESULT_BUILDERS[itemName];
  if (!result) throw new ArbitraryConstraintError(`${builder}: no builder for results of type ${itemName}`);
  const envelope: Parameters<typeof batchResponse>[0] = {
    apiVersion,
    complete,
    definition: declared.definition,
    kind: declared.kind,
    result: result({ ...constraints, apiVersion }),
    ...(constraints.minResults === undefined ? {} : { minResults: constraints.minResults }),
    ...(constraints.maxResults === undefined ? {} : { maxResults: constraints.maxResults }),
  };
  return batchResponse(envelope);
}

function forEndpoint(endpoint: EndpointId, builder: string) {
  return (constraints: ResponseConstraints = {}): fc.Arbitrary<JsonObject> =>
    responseBody({ ...constraints, endpoint }, builder);
}

/**
 * A batch-read response (`200`, or `207` where the version declares it): e.g.
 * `batchReadResponse({ apiVersion: '2026-03', status: 207, maxResults: 3 })`.
 */
export const batchReadResponse = forEndpoint('batch-read', 'batchReadResponse');
/** A batch associate-default response (`200` in every version). */
export const batchAssociateDefaultResponse = forEndpoint('batch-associate-default', 'batchAssociateDefaultResponse');
/** A PUT default-association response: a batch envelope around one pair (FACTS.md §4). */
export const associateDefaultResponse = forEndpoint('associate-default', 'associateDefaultResponse');
/** A configurations batch-create response (`201`/`207` in v4 and 2026-03, `200` in 2025-09 and 2026-09). */
export const configurationsBatchCreateResponse = forEndpoint(
  'configurations-batch-create',
  'configurationsBatchCreateResponse',
);

/** A status and its body. */
export interface ResponseCase {
  readonly status: number;
  readonly body: JsonObject;
}

/** Constraints of {@link responseCase}. */
export interface ResponseCaseConstraints extends Omit<ResponseConstraints, 'status'> {
  readonly endpoint: EndpointId;
  /** Statuses to draw from (default: every declared 2xx, then {@link GENERATED_ERROR_STATUSES}). */
  readonly statuses?: readonly number[];
}

/** Any status an endpoint answers in a version, with a valid body for it; declared 2xx first (they shrink there). */
export function responseCase(constraints: ResponseCaseConstraints): fc.Arbitrary<ResponseCase> {
  const apiVersion = constraints.apiVersion ?? DEFAULT_API_VERSION;
  const op = operation(constraints.endpoint, apiVersion);
  const statuses = constraints.statuses ?? [...op.responses.map((r) => r.status), ...GENERATED_ERROR_STATUSES];
  if (statuses.length === 0) throw new ArbitraryConstraintError('responseCase: statuses must not be empty');
  const { statuses: _statuses, ...rest } = constraints;
  return fc.oneof(
    ...statuses.map((status) => ({
      // Successes carry the structure worth testing; weight them over the ten error statuses.
      weight: op.responses.some((r) => r.status === status) ? 4 : 1,
      arbitrary: responseBody({ ...rest, apiVersion, status }, 'responseCase').map((body): ResponseCase => ({
        status,
        body,
      })),
    })),
  );
}
