import type { EndpointId } from '../catalogue/index.js';

/**
 * What a consumer relies on, per endpoint: the ONE list the contracts are built from (STYLE.md:
 * "only assert what this consumer actually uses"). A contract asserts every field the schema
 * requires (a consumer may rely on anything required) plus the paths below, which are what the
 * consumers' code reads (`consumers/hsac.ts`, `consumers/hubspot-sdk.ts`; a unit spec proves the
 * hsac consumer reads exactly these). An optional path is asserted only in the interactions whose
 * provider state guarantees it (`when`): pact has no "optional" matcher by design, so an optional
 * field asserted everywhere would fail every honest provider that leaves it out.
 *
 * Paths use `.` for properties and `[]` for array items, from the body root
 * (`results[].to[].toObjectId`).
 */

/** The kinds of interaction a contract holds for an endpoint and version. */
export const INTERACTION_KINDS = ['success', 'partial', 'paging', 'unauthorized', 'over-limit'] as const;
/** One of {@link INTERACTION_KINDS}. */
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/** One path a consumer reads, when the contract may assert it, and why the consumer needs it. */
export interface ReliedRead {
  readonly path: string;
  /** `always`: every 2xx of the endpoint; otherwise only the interactions of that kind. */
  readonly when: 'always' | 'paging' | 'partial';
  readonly why: string;
}

const ENVELOPE: readonly ReliedRead[] = [
  { path: 'status', when: 'always', why: 'a batch that is not COMPLETE is retried, not trusted' },
  { path: 'startedAt', when: 'always', why: 'reports time the batch; required in every version' },
  { path: 'completedAt', when: 'always', why: 'reports time the batch; required in every version' },
  { path: 'results', when: 'always', why: 'the successes of the batch' },
];

const PARTIAL: readonly ReliedRead[] = [
  // Optional in the schemas (and absent from 200s without errors); a 207 (or a merged 200 with a
  // failed input) must carry them, or the failed inputs are silently lost (hubspot-api-php#619).
  {
    path: 'errors[].category',
    when: 'partial',
    why: 'decides whether a failed input is retried (OBJECT_NOT_FOUND is not)',
  },
  { path: 'errors[].message', when: 'partial', why: 'shown to the user for a failed input' },
];

const DEFAULT_ASSOCIATION: readonly ReliedRead[] = [
  ...ENVELOPE,
  {
    path: 'results[].from.id',
    when: 'always',
    why: 'which record the association starts from (a string: IDs exceed 2^31)',
  },
  { path: 'results[].to.id', when: 'always', why: 'which record it points to' },
  {
    path: 'results[].associationSpec.associationCategory',
    when: 'always',
    why: 'write-side field name (FACTS §5): the category of the type created',
  },
  { path: 'results[].associationSpec.associationTypeId', when: 'always', why: 'the association type created' },
  ...PARTIAL,
];

/** Per endpoint: the paths its consumers read. */
export const CONSUMER_READS: Readonly<Record<EndpointId, readonly ReliedRead[]>> = {
  'batch-associate-default': DEFAULT_ASSOCIATION,
  'associate-default': DEFAULT_ASSOCIATION,
  'batch-read': [
    ...ENVELOPE,
    { path: 'results[].from.id', when: 'always', why: 'which input record a result belongs to' },
    {
      path: 'results[].to[].toObjectId',
      when: 'always',
      why: 'the associated record (a string in the spec; hubspot-api-nodejs#552)',
    },
    { path: 'results[].to[].associationTypes[].category', when: 'always', why: 'read-side field name (FACTS §5)' },
    {
      path: 'results[].to[].associationTypes[].typeId',
      when: 'always',
      why: 'which association type links the records',
    },
    // Present only when more pages exist (the spec says so), so only the paging state guarantees it.
    {
      path: 'results[].paging.next.after',
      when: 'paging',
      why: 'the cursor sent back as `after` to read the next page',
    },
    ...PARTIAL,
  ],
  'configurations-batch-create': [
    ...ENVELOPE,
    { path: 'results[].category', when: 'always', why: 'which type the limit was set on' },
    { path: 'results[].typeId', when: 'always', why: 'which type the limit was set on' },
    ...PARTIAL,
  ],
};

/** What consumers read from an `Error` body (401, 400): all three are required by the schema too. */
export const ERROR_READS: readonly ReliedRead[] = [
  {
    path: 'category',
    when: 'always',
    why: 'INVALID_AUTHENTICATION means refresh the token; VALIDATION_ERROR means fix the request',
  },
  { path: 'message', when: 'always', why: 'shown to the user' },
  { path: 'correlationId', when: 'always', why: 'quoted to HubSpot support' },
];

/**
 * How much of a 2xx status each consumer relies on. hsac reads any 2xx as success and tells a
 * partial result by its `errors` (DESIGN.md "Status-code families"), so its contract matches the
 * status class; the SDK's generated response processors switch on the exact code (a 200 where
 * 201 is declared throws, FACTS §8.1), so its contract pins the exact code. Error answers (401,
 * 400) are exact for both: the code is what tells a consumer to refresh a token or fix a request.
 */
export const SUCCESS_STATUS_RELIANCE: Readonly<Record<string, 'class' | 'exact'>> = {
  hsac: 'class',
  'hubspot-api-nodejs': 'exact',
};

/** The paths a contract of this kind asserts beyond the required fields. */
export function readsFor(endpoint: EndpointId, kind: InteractionKind): readonly string[] {
  if (kind === 'unauthorized' || kind === 'over-limit') return ERROR_READS.map((read) => read.path);
  return CONSUMER_READS[endpoint]
    .filter((read) => read.when === 'always' || read.when === kind)
    .map((read) => read.path);
}
