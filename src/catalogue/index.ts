/**
 * The catalogue: the one table of endpoints x API versions. Paths, methods, request and response
 * definitions per status code live here and nowhere else (DESIGN.md: "nothing else hard-codes a
 * path or a status code"). Definition names are those of `schemas/<version>/associations.struct.json`,
 * which follow HubSpot's OpenAPI component names (FACTS.md §0-§5).
 */

export * from './base.js';
export * from './auxiliary.js';
export {
  statusFamily,
  isStatusCode,
  isSuccess,
  isClientError,
  isServerError,
  isErrorStatus,
  isRateLimited,
} from './status.js';
import type { AuxiliaryId } from './auxiliary.js';
import { isRateLimited, isStatusCode, isSuccess } from './status.js';
import {
  API_VERSIONS,
  CatalogueError,
  DEFAULT_API_VERSION,
  isApiVersion,
  type ApiVersion,
  type ResponseKind,
} from './base.js';

/** The endpoints of DESIGN.md, in its order. */
export const ENDPOINT_IDS = [
  'batch-associate-default',
  'batch-read',
  'configurations-batch-create',
  'associate-default',
] as const;
export type EndpointId = (typeof ENDPOINT_IDS)[number];

/** One declared response: an exact status code and the definition of its body. */
export interface ResponseSpec {
  readonly status: number;
  readonly definition: string;
  readonly kind: ResponseKind;
}

/** One endpoint in one API version. */
export interface Operation {
  readonly endpoint: EndpointId;
  readonly apiVersion: ApiVersion;
  readonly method: 'POST' | 'PUT';
  /** RFC 6570 level-1 template, e.g. `/crm/associations/2026-03/{fromObjectType}/{toObjectType}/batch/read`. */
  readonly pathTemplate: string;
  readonly pathParams: readonly string[];
  /** Definition of the request body; absent where the operation takes none (PUT default). */
  readonly requestDefinition?: string;
  /** The 2xx responses the version declares, in the spec's order. */
  readonly responses: readonly ResponseSpec[];
  /** Every non-2xx answer is the spec's `default` response: the `Error` shape. */
  readonly errorDefinition: 'Error';
  /** 429 bodies carry extra fields the spec never declared (FACTS.md §6): hsac's own definition. */
  readonly rateLimitDefinition: 'RateLimitError';
  /** Most inputs one request may carry, where HubSpot documents a limit (FACTS.md §2, §6). */
  readonly maxInputs?: number;
}

const PAIR = ['fromObjectType', 'toObjectType'] as const;
const SINGLE = ['fromObjectType', 'fromObjectId', 'toObjectType', 'toObjectId'] as const;

/** The version segment differs by family: v4 keeps `/crm/v4/...`, date versions put it after the area. */
function associationsBase(version: ApiVersion): string {
  return version === 'v4' ? '/crm/v4/associations' : `/crm/associations/${version}`;
}

/** Configurations live in the Associations Schema spec, whose v4 form is `/crm/associations/v4` (FACTS.md §0, §7.8). */
function schemaBase(version: ApiVersion): string {
  return `/crm/associations/${version}`;
}

function objectsBase(version: ApiVersion): string {
  return version === 'v4' ? '/crm/v4/objects' : `/crm/objects/${version}`;
}

const ok = (status: number, definition: string): ResponseSpec => ({ status, definition, kind: 'success' });
const partial = (status: number, definition: string): ResponseSpec => ({ status, definition, kind: 'partial' });

/**
 * The responses each version declares (FACTS.md §1-§4). Kept per version rather than derived,
 * because the differences are the point: 2025-09 configurations create is 200-only (a stale spec
 * file), v4 and 2026-03 answer 201/207, the 2026-09 draft merges errors into a 200.
 */
const RESPONSES: Record<EndpointId, Record<ApiVersion, readonly ResponseSpec[]>> = {
  'batch-associate-default': {
    v4: [ok(200, 'BatchResponsePublicDefaultAssociation')],
    '2025-09': [ok(200, 'BatchResponsePublicDefaultAssociation')],
    '2026-03': [ok(200, 'BatchResponsePublicDefaultAssociation')],
    '2026-09': [ok(200, 'BatchResponsePublicDefaultAssociation')],
  },
  'batch-read': {
    v4: [
      ok(200, 'BatchResponsePublicAssociationMultiWithLabel'),
      partial(207, 'BatchResponsePublicAssociationMultiWithLabelWithErrors'),
    ],
    '2025-09': [
      ok(200, 'BatchResponsePublicAssociationMultiWithLabel'),
      partial(207, 'BatchResponsePublicAssociationMultiWithLabelWithErrors'),
    ],
    '2026-03': [
      ok(200, 'BatchResponsePublicAssociationMultiWithLabel'),
      partial(207, 'BatchResponsePublicAssociationMultiWithLabelWithErrors'),
    ],
    '2026-09': [ok(200, 'BatchResponsePublicAssociationMultiWithLabel')],
  },
  'configurations-batch-create': {
    v4: [
      ok(201, 'BatchResponsePublicAssociationDefinitionUserConfiguration'),
      partial(207, 'BatchResponsePublicAssociationDefinitionUserConfigurationWithErrors'),
    ],
    '2025-09': [ok(200, 'BatchResponsePublicAssociationDefinitionUserConfiguration')],
    '2026-03': [
      ok(201, 'BatchResponsePublicAssociationDefinitionUserConfiguration'),
      partial(207, 'BatchResponsePublicAssociationDefinitionUserConfigurationWithErrors'),
    ],
    '2026-09': [ok(200, 'BatchResponsePublicAssociationDefinitionUserConfiguration')],
  },
  'associate-default': {
    v4: [ok(200, 'BatchResponsePublicDefaultAssociation')],
    '2025-09': [ok(200, 'BatchResponsePublicDefaultAssociation')],
    '2026-03': [ok(200, 'BatchResponsePublicDefaultAssociation')],
    '2026-09': [ok(200, 'BatchResponsePublicDefaultAssociation')],
  },
};

function buildOperation(endpoint: EndpointId, apiVersion: ApiVersion): Operation {
  const common = {
    endpoint,
    apiVersion,
    responses: RESPONSES[endpoint][apiVersion],
    errorDefinition: 'Error' as const,
    rateLimitDefinition: 'RateLimitError' as const,
  };
  switch (endpoint) {
    case 'batch-associate-default':
      return {
        ...common,
        method: 'POST',
        pathTemplate: `${associationsBase(apiVersion)}/{fromObjectType}/{toObjectType}/batch/associate/default`,
        pathParams: PAIR,
        requestDefinition: 'BatchInputPublicDefaultAssociationMultiPost',
      };
    case 'batch-read':
      return {
        ...common,
        method: 'POST',
        pathTemplate: `${associationsBase(apiVersion)}/{fromObjectType}/{toObjectType}/batch/read`,
        pathParams: PAIR,
        requestDefinition: 'BatchInputPublicFetchAssociationsBatchRequest',
        // Changelog 2025-02-10 "Bug Fix: Batch Read Limit": more than 1000 inputs are rejected.
        maxInputs: 1000,
      };
    case 'configurations-batch-create':
      return {
        ...common,
        method: 'POST',
        pathTemplate: `${schemaBase(apiVersion)}/definitions/configurations/{fromObjectType}/{toObjectType}/batch/create`,
        pathParams: PAIR,
        requestDefinition: 'BatchInputPublicAssociationDefinitionConfigurationCreateRequest',
      };
    case 'associate-default':
      return {
        ...common,
        method: 'PUT',
        pathTemplate: `${objectsBase(apiVersion)}/{fromObjectType}/{fromObjectId}/associations/default/{toObjectType}/{toObjectId}`,
        pathParams: SINGLE,
      };
  }
}

const OPERATIONS: readonly Operation[] = ENDPOINT_IDS.flatMap((endpoint) =>
  API_VERSIONS.map((apiVersion) => Object.freeze(buildOperation(endpoint, apiVersion))),
);

/** Every endpoint x version, in catalogue order. */
export function allOperations(): readonly Operation[] {
  return OPERATIONS;
}

/** Narrowing guard for user input. */
export function isEndpointId(value: string): value is EndpointId {
  return (ENDPOINT_IDS as readonly string[]).includes(value);
}

/** The operation for one endpoint and version; throws {@link CatalogueError} naming the bad value. */
export function operation(endpoint: string, apiVersion: string = DEFAULT_API_VERSION): Operation {
  if (!isEndpointId(endpoint)) {
    throw new CatalogueError(`unknown endpoint "${endpoint}" (known: ${ENDPOINT_IDS.join(', ')})`);
  }
  if (!isApiVersion(apiVersion)) {
    throw new CatalogueError(`unknown API version "${apiVersion}" (known: ${API_VERSIONS.join(', ')})`);
  }
  const found = OPERATIONS.find((op) => op.endpoint === endpoint && op.apiVersion === apiVersion);
  if (!found) throw new CatalogueError(`no operation ${endpoint} in ${apiVersion}`);
  return found;
}

/** The catalogue's JSON Structure document for a version, relative to the package root. */
export function schemaDocumentPath(apiVersion: ApiVersion): string {
  return `schemas/${apiVersion}/associations.struct.json`;
}

/** Fills a path template; every parameter is percent-encoded (IDs and type names come from users). */
export function buildPath(
  op: { readonly pathTemplate: string; readonly apiVersion: string; readonly endpoint?: string; readonly id?: string },
  params: Readonly<Record<string, string | number>>,
): string {
  return op.pathTemplate.replace(/\{([A-Za-z]+)\}/g, (_match, name: string) => {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    if (value === undefined)
      throw new CatalogueError(
        `path parameter "${name}" missing for ${op.endpoint ?? op.id ?? op.pathTemplate} ${op.apiVersion}`,
      );
    return encodeURIComponent(String(value));
  });
}

/**
 * {@link buildPath} in reverse: the parameters a path was built with (decoded), or undefined when it is not a path
 * of the template (`hsac replay` reads a recorded URL this way).
 */
export function pathParameters(
  op: { readonly pathTemplate: string },
  path: string,
): Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = op.pathTemplate
    .split(/\{([A-Za-z]+)\}/)
    .map((part, index) => {
      if (index % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(part);
      return '([^/]+)';
    })
    .join('');
  const match = new RegExp(`^${pattern}$`).exec(path);
  if (!match) return undefined;
  try {
    return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]));
  } catch {
    return undefined; // a malformed percent-escape: no path buildPath makes
  }
}

/**
 * The operations that change nothing on the target, by endpoint or auxiliary id: the GETs, and the batch reads,
 * which are POSTs only because their ids travel in the body.
 */
const READ_ONLY: ReadonlySet<string> = new Set<EndpointId | AuxiliaryId>([
  'batch-read',
  'objects-batch-read',
  'account-details',
  'configurations-read',
]);

/**
 * Whether a request to this endpoint or auxiliary operation may change what the target holds (create, associate,
 * archive, configure). An unknown id counts as one that does: what is not known to only read is not sent to a
 * portal that holds data that is not hsac's (`hsac replay`).
 */
export function changesTarget(id: string): boolean {
  return !READ_ONLY.has(id);
}

/** How a body of a given status is to be checked, and whether that status is the one declared. */
export interface ResponseResolution {
  /** The definition to validate the body against; undefined when the status carries no body to check (e.g. 204). */
  readonly definition: string | undefined;
  /** The declared response this resolves to (2xx), if any. */
  readonly declared?: ResponseSpec;
  /** True when the exact code is declared (or is a non-2xx answered by `default`). */
  readonly exact: boolean;
  /** Why a non-exact code was mapped the way it was; becomes a `status-code` warning. */
  readonly note?: string;
}

/**
 * Resolves a status code to the body definition, by status-code family (DESIGN.md "Status-code
 * families"): an exact match is used as is; another 2xx is mapped to the declared success response
 * of the same kind (a 207 to the partial response, else to the one that can carry errors) and
 * reported, because exact-code matching broke every HubSpot SDK in 2025 (FACTS.md §8); 429 gets
 * hsac's rate-limit body and every other non-2xx the spec's `default` `Error`.
 */
export function resolveResponse(op: Operation, status: number): ResponseResolution {
  if (!isStatusCode(status)) {
    throw new CatalogueError(`status ${status} is not an HTTP status code (100-599)`);
  }
  const exact = op.responses.find((r) => r.status === status);
  if (exact) return { definition: exact.definition, declared: exact, exact: true };
  if (isRateLimited(status)) return { definition: op.rateLimitDefinition, exact: true };
  if (!isSuccess(status)) return { definition: op.errorDefinition, exact: true };
  const declaredCodes = op.responses.map((r) => r.status).join('/');
  if (status === 204) {
    return {
      definition: undefined,
      exact: false,
      note: `${op.apiVersion} ${op.endpoint} declares ${declaredCodes}, not 204`,
    };
  }
  const success = op.responses.find((r) => r.kind === 'success');
  const partialResponse = op.responses.find((r) => r.kind === 'partial');
  const target = status === 207 ? (partialResponse ?? success) : success;
  if (!target) throw new CatalogueError(`${op.endpoint} ${op.apiVersion} declares no success response`);
  return {
    definition: target.definition,
    declared: target,
    exact: false,
    note: `${op.apiVersion} ${op.endpoint} declares ${declaredCodes}, not ${status}; checked against the ${target.status} body`,
  };
}
