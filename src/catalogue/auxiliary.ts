/**
 * The auxiliary operations: what a run needs around the four endpoints under test (provisioning
 * records, archiving associations (cleanup, and the proof that an archive is effective), checking
 * it talks to a sandbox account, reading a limit configuration before it is changed and putting it
 * back afterwards, checking that records given with `--records` exist), and the non-2xx
 * statuses HubSpot answers. They live in the catalogue because nothing else may hard-code a path or
 * a status code (DESIGN.md). They are plumbing, not under test: hsac holds no schema for their
 * bodies, so `definition` names HubSpot's OpenAPI component for the reader and nothing compiles it.
 */
import { API_VERSIONS, CatalogueError, type ApiVersion, type ResponseKind } from './base.js';

/** The auxiliary operation ids; a new one is appended, so the order of the others never changes. */
export const AUXILIARY_IDS = [
  'account-details',
  'objects-batch-create',
  'associations-batch-archive',
  'configurations-batch-purge',
  'objects-batch-archive',
  'association-archive-single',
  'configurations-read',
  'configurations-batch-update',
  'objects-batch-read',
] as const;
/** One of {@link AUXILIARY_IDS}. */
export type AuxiliaryId = (typeof AUXILIARY_IDS)[number];

/** One declared response of an auxiliary operation; `definition` is absent where there is no body (204). */
export interface AuxiliaryResponse {
  readonly status: number;
  /** HubSpot's OpenAPI component name; not a definition of hsac's schemas (see the module comment). */
  readonly definition?: string;
  readonly kind: ResponseKind;
}

/** One auxiliary operation as a run at `apiVersion` (of the associations API) calls it. */
export interface AuxiliaryOperation {
  readonly id: AuxiliaryId;
  /** The associations API version this form goes with (objects have no v4: a v4 run uses v3 objects). */
  readonly apiVersion: ApiVersion;
  /**
   * `DELETE` only for the single association archive (HubSpot's DELETE of one pair); `GET` for reads without a body.
   */
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly pathTemplate: string;
  readonly pathParams: readonly string[];
  /** HubSpot's OpenAPI component name of the request body, where there is one. */
  readonly requestDefinition?: string;
  readonly responses: readonly AuxiliaryResponse[];
  /** Most inputs one request may carry, where HubSpot documents a limit. */
  readonly maxInputs?: number;
  /** Where the statuses come from, or what was assumed where no spec is at hand. */
  readonly evidence: string;
}

type Form = Omit<AuxiliaryOperation, 'id' | 'apiVersion'>;

const PAIR = ['fromObjectType', 'toObjectType'] as const;
const OBJECT_TYPE = ['objectType'] as const;
/** The endpoints' own names for a pair of records (HubSpot's spec says objectType/objectId for the from side). */
const SINGLE = ['fromObjectType', 'fromObjectId', 'toObjectType', 'toObjectId'] as const;

/** v4 runs provision through the v3 objects API; date versions have their own objects path. */
const objectsBase = (version: ApiVersion): string => (version === 'v4' ? '/crm/v3/objects' : `/crm/objects/${version}`);
const associationsBase = (version: ApiVersion): string =>
  version === 'v4' ? '/crm/v4/associations' : `/crm/associations/${version}`;
/**
 * The associations of one record live under the objects path: v4 has `/crm/v4/objects` (not v3), as the PUT default
 * endpoint.
 */
const recordAssociationsBase = (version: ApiVersion): string =>
  version === 'v4' ? '/crm/v4/objects' : `/crm/objects/${version}`;

// The objects specs are not in ../shared. The statuses below come from the 2026-09-beta merged
// spec (../shared/.../2026-09-beta/associations.json, which includes the objects endpoints):
// batch/create 201 + 207, batch/archive 204; HubSpot/hubspot-api-php#603 (FACTS §8.7) shows a live
// objects batch create answering 201. ASSUMED: v3, 2025-09, 2026-03 and 2026-09 answer the same.
// HubSpot's CRM objects guide: batch create, read and archive take at most 100 records per request
// (not in ../shared; the sandbox refuses more with a 400, as HubSpot does).
const OBJECTS_BATCH_LIMIT = 100;

const OBJECTS_EVIDENCE =
  'assumed from the 2026-09-beta merged spec (objects batch/create 201/207, batch/archive 204) and hubspot-api-php#603 (FACTS §8.7); the objects specs of this version are not in ../shared';

function objectsBatchCreate(version: ApiVersion): Form {
  return {
    method: 'POST',
    pathTemplate: `${objectsBase(version)}/{objectType}/batch/create`,
    pathParams: OBJECT_TYPE,
    requestDefinition: 'BatchInputSimplePublicObjectBatchInputForCreate',
    responses: [
      { status: 201, definition: 'BatchResponseSimplePublicObject', kind: 'success' },
      { status: 207, definition: 'BatchResponseSimplePublicObjectWithErrors', kind: 'partial' },
    ],
    maxInputs: OBJECTS_BATCH_LIMIT,
    evidence: OBJECTS_EVIDENCE,
  };
}

function objectsBatchArchive(version: ApiVersion): Form {
  return {
    method: 'POST',
    pathTemplate: `${objectsBase(version)}/{objectType}/batch/archive`,
    pathParams: OBJECT_TYPE,
    requestDefinition: 'BatchInputSimplePublicObjectId',
    responses: [{ status: 204, kind: 'success' }],
    maxInputs: OBJECTS_BATCH_LIMIT,
    evidence: OBJECTS_EVIDENCE,
  };
}

/**
 * Associations batch archive, per version, from each version's associations.json (FACTS §5: "In
 * v4 today, archive and labels/archive are still 204 while 2025-09 and 2026-03 say 200"; the
 * 2026-09 draft answers `BatchResponseVoid`).
 */
const ARCHIVE_RESPONSES: Record<ApiVersion, readonly AuxiliaryResponse[]> = {
  v4: [{ status: 204, kind: 'success' }],
  '2025-09': [{ status: 200, definition: 'BatchResponse', kind: 'success' }],
  '2026-03': [{ status: 200, definition: 'BatchResponse', kind: 'success' }],
  '2026-09': [{ status: 200, definition: 'BatchResponseVoid', kind: 'success' }],
};

function associationsBatchArchive(version: ApiVersion): Form {
  return {
    method: 'POST',
    pathTemplate: `${associationsBase(version)}/{fromObjectType}/{toObjectType}/batch/archive`,
    pathParams: PAIR,
    requestDefinition: 'BatchInputPublicAssociationMultiArchive',
    responses: ARCHIVE_RESPONSES[version],
    evidence: `../shared/.../${version}/associations.json, POST .../batch/archive`,
  };
}

/**
 * Configurations purge per version, from each version's associationsSchema.json (FACTS §3: v4 204, 2025-09 200 void,
 * 2026-03 200).
 */
const PURGE_RESPONSES: Record<ApiVersion, readonly AuxiliaryResponse[]> = {
  v4: [{ status: 204, kind: 'success' }],
  '2025-09': [{ status: 200, definition: 'BatchResponseVoid', kind: 'success' }],
  '2026-03': [{ status: 200, definition: 'BatchResponse', kind: 'success' }],
  '2026-09': [{ status: 200, definition: 'BatchResponseVoid', kind: 'success' }],
};

/** Removes the limit configurations a run created (cleanup), body `{inputs: [{category, typeId}]}`. */
function configurationsBatchPurge(version: ApiVersion): Form {
  return {
    method: 'POST',
    pathTemplate: `/crm/associations/${version}/definitions/configurations/{fromObjectType}/{toObjectType}/batch/purge`,
    pathParams: PAIR,
    requestDefinition: 'BatchInputPublicAssociationSpec',
    responses: PURGE_RESPONSES[version],
    evidence: `../shared/.../${version}/associationsSchema.json, POST .../configurations/.../batch/purge`,
  };
}

/**
 * DELETE of every association between two records (all types, both directions), from each
 * version's associations.json: `DELETE .../{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}`,
 * 204 in v4, 2025-09, 2026-03 and 2026-09. The spec names the from side `objectType`/`objectId`;
 * hsac keeps the names of its PUT default endpoint, so one set of path parameters fills both.
 */
function associationArchiveSingle(version: ApiVersion): Form {
  return {
    method: 'DELETE',
    pathTemplate: `${recordAssociationsBase(version)}/{fromObjectType}/{fromObjectId}/associations/{toObjectType}/{toObjectId}`,
    pathParams: SINGLE,
    responses: [{ status: 204, kind: 'success' }],
    evidence: `../shared/.../${version}/associations.json, DELETE .../{objectType}/{objectId}/associations/{toObjectType}/{toObjectId} (204; params renamed fromObjectType/fromObjectId)`,
  };
}

/**
 * The limit configurations of one pair, from each version's associationsSchema.json: `GET
 * .../definitions/configurations/{fromObjectType}/{toObjectType}`, 200
 * `CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging` in every version (FACTS
 * §3, §10). A run reads a pair before it changes a limit, so cleanup can put the original back.
 */
function configurationsRead(version: ApiVersion): Form {
  return {
    method: 'GET',
    pathTemplate: `/crm/associations/${version}/definitions/configurations/{fromObjectType}/{toObjectType}`,
    pathParams: PAIR,
    responses: [
      {
        status: 200,
        definition: 'CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging',
        kind: 'success',
      },
    ],
    evidence: `../shared/.../${version}/associationsSchema.json, GET .../definitions/configurations/{fromObjectType}/{toObjectType} (FACTS §3, §10)`,
  };
}

/**
 * Configurations batch update per version, from each version's associationsSchema.json (FACTS §3:
 * "batch/update -> 200/207"): v4 and 2026-03 answer 200 or a 207 `...WithErrors`; 2025-09 and the
 * 2026-09 draft a 200 whose definition carries `errors`/`numErrors` itself.
 */
const UPDATE_RESPONSES: Record<ApiVersion, readonly AuxiliaryResponse[]> = {
  v4: [
    { status: 200, definition: 'BatchResponsePublicAssociationDefinitionConfigurationUpdateResult', kind: 'success' },
    {
      status: 207,
      definition: 'BatchResponsePublicAssociationDefinitionConfigurationUpdateResultWithErrors',
      kind: 'partial',
    },
  ],
  '2025-09': [
    { status: 200, definition: 'BatchResponsePublicAssociationDefinitionConfigurationUpdateResult', kind: 'success' },
  ],
  '2026-03': [
    { status: 200, definition: 'BatchResponsePublicAssociationDefinitionConfigurationUpdateResult', kind: 'success' },
    {
      status: 207,
      definition: 'BatchResponsePublicAssociationDefinitionConfigurationUpdateResultWithErrors',
      kind: 'partial',
    },
  ],
  '2026-09': [
    { status: 200, definition: 'BatchResponsePublicAssociationDefinitionConfigurationUpdateResult', kind: 'success' },
  ],
};

/**
 * Puts an existing limit back to its original value (cleanup), body `{inputs: [{category, typeId, maxToObjectIds}]}`.
 */
function configurationsBatchUpdate(version: ApiVersion): Form {
  return {
    method: 'POST',
    pathTemplate: `/crm/associations/${version}/definitions/configurations/{fromObjectType}/{toObjectType}/batch/update`,
    pathParams: PAIR,
    requestDefinition: 'BatchInputPublicAssociationDefinitionConfigurationUpdateRequest',
    responses: UPDATE_RESPONSES[version],
    evidence: `../shared/.../${version}/associationsSchema.json, POST .../configurations/.../batch/update`,
  };
}

/**
 * CRM objects batch read: which of the records given with `--records` exist. A missing ID is a 207
 * `...WithErrors` naming it (`OBJECT_NOT_FOUND`, `context.ids`), as HubSpot's objects APIs answer.
 */
function objectsBatchRead(version: ApiVersion): Form {
  return {
    method: 'POST',
    pathTemplate: `${objectsBase(version)}/{objectType}/batch/read`,
    pathParams: OBJECT_TYPE,
    requestDefinition: 'BatchReadInputSimplePublicObjectId',
    responses: [
      { status: 200, definition: 'BatchResponseSimplePublicObject', kind: 'success' },
      { status: 207, definition: 'BatchResponseSimplePublicObjectWithErrors', kind: 'partial' },
    ],
    maxInputs: OBJECTS_BATCH_LIMIT,
    evidence:
      'assumed from the 2026-09-beta merged spec (objects batch/read 200/207, body BatchReadInputSimplePublicObjectId); the objects specs of this version are not in ../shared',
  };
}

function accountDetails(): Form {
  return {
    method: 'GET',
    // One form for every version: the account-info API is not date-versioned in hsac's sources.
    pathTemplate: '/account-info/v3/details',
    pathParams: [],
    responses: [{ status: 200, kind: 'success' }],
    evidence: 'HubSpot account-info v3 (no spec in ../shared); a run reads accountType to refuse non-sandbox portals',
  };
}

const FORMS: Record<AuxiliaryId, (version: ApiVersion) => Form> = {
  'account-details': accountDetails,
  'objects-batch-create': objectsBatchCreate,
  'associations-batch-archive': associationsBatchArchive,
  'configurations-batch-purge': configurationsBatchPurge,
  'objects-batch-archive': objectsBatchArchive,
  'association-archive-single': associationArchiveSingle,
  'configurations-read': configurationsRead,
  'configurations-batch-update': configurationsBatchUpdate,
  'objects-batch-read': objectsBatchRead,
};

const AUXILIARY_OPERATIONS: readonly AuxiliaryOperation[] = AUXILIARY_IDS.flatMap((id) =>
  API_VERSIONS.map((apiVersion) => Object.freeze({ id, apiVersion, ...FORMS[id](apiVersion) })),
);

/** Every auxiliary operation x version, in {@link AUXILIARY_IDS} order. */
export function allAuxiliaryOperations(): readonly AuxiliaryOperation[] {
  return AUXILIARY_OPERATIONS;
}

/** Narrowing guard for user input. */
export function isAuxiliaryId(value: string): value is AuxiliaryId {
  return (AUXILIARY_IDS as readonly string[]).includes(value);
}

/** The auxiliary operation for an id and version; throws `CatalogueError` naming the bad value. */
export function auxiliaryOperation(id: string, apiVersion: string): AuxiliaryOperation {
  if (!isAuxiliaryId(id))
    throw new CatalogueError(`unknown auxiliary operation "${id}" (known: ${AUXILIARY_IDS.join(', ')})`);
  const found = allAuxiliaryOperations().find((op) => op.id === id && op.apiVersion === apiVersion);
  if (!found) throw new CatalogueError(`unknown API version "${apiVersion}" (known: ${API_VERSIONS.join(', ')})`);
  return found;
}

/**
 * The non-2xx statuses HubSpot answers, all with the spec's `default` `Error` body (429: the
 * rate-limit body). The spec declares none of them (FACTS §5 "No 4xx or 429 is declared anywhere");
 * the error-handling page documents 401, 403, 414, 429 and others.
 */
export const ERROR_STATUSES = {
  /** Malformed JSON, a body that breaks the request shape, too many inputs, an unknown object type. */
  badRequest: 400,
  /** No or an unknown bearer token. */
  unauthorized: 401,
  /** A token without the scope an operation needs (no operation declares it; the run refuses on it). */
  forbidden: 403,
  /** An unknown path, or a record that does not exist (PUT default, single association archive). */
  notFound: 404,
  /** A known path with another method. */
  methodNotAllowed: 405,
  /** TEN_SECONDLY_ROLLING or DAILY limit reached. */
  tooManyRequests: 429,
  internalServerError: 500,
  badGateway: 502,
  serviceUnavailable: 503,
} as const;

/**
 * The 2xx codes by name, for code that must speak of one without a declared response at hand
 * (e.g. the sandbox's `status-200-for-201` fault). Which code an operation answers is still read
 * from its declared responses.
 */
export const SUCCESS_STATUSES = { ok: 200, created: 201, noContent: 204, multiStatus: 207 } as const;
