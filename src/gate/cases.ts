import fc from 'fast-check';
import { arbitraries } from '../../properties/index.js';
import { enumOf } from '../../properties/schema/definitions.js';
import { isSuccess, type ApiVersion, type EndpointId, type Operation } from '../catalogue/index.js';

/**
 * What the gate feeds an SDK: generated requests (path parameters and a body), and for every
 * status the responses nock serves. Random cases come from hsac's arbitraries under the run's
 * seed; named cases are the real-world shapes FACTS §7-§8 says broke SDKs, built from one complete
 * body under a fixed seed (so a finding they reveal has the same place on every run):
 * `complete` (every optional field, a 207's results and errors), `ids-above-int32`,
 * `work-category`, and `nulls` (`requestedAt: null`, `label: null`: lenient-only, seen live).
 */

/** A generated request: the path parameters and the body (undefined for PUT default). */
export interface RequestCase {
  readonly params: Readonly<Record<string, string>>;
  readonly body: Record<string, unknown> | undefined;
}

/** One body to serve, and where it came from (for messages and replay). */
export interface ResponseCase {
  readonly status: number;
  readonly name: string;
  readonly body: unknown;
}

/** The fixed seed of the named cases (see the module comment). */
export const NAMED_CASE_SEED = 8_2025;

/** The statuses whose answers the gate checks besides the declared 2xx: those of the contracts. */
export const ERROR_STATUSES_CHECKED = [400, 401] as const;

function sample<T>(arbitrary: fc.Arbitrary<T>, seed: number, runs: number): T[] {
  return fc.sample(arbitrary, { seed, numRuns: runs });
}

/** Generated requests for an endpoint in a version. */
export function requestCases(op: Operation, seed: number, runs: number): RequestCase[] {
  const params = fc.record(
    {
      fromObjectType: arbitraries.objectTypeName(),
      toObjectType: arbitraries.objectTypeName(),
      fromObjectId: arbitraries.recordId(),
      toObjectId: arbitraries.recordId(),
    },
    { noNullPrototype: true },
  );
  return sample(
    fc.tuple(params, arbitraries.requestBody({ endpoint: op.endpoint, apiVersion: op.apiVersion })),
    seed,
    runs,
  ).map(([values, body]) => ({
    params:
      op.endpoint === 'associate-default'
        ? values
        : { fromObjectType: values.fromObjectType, toObjectType: values.toObjectType },
    body: body === undefined ? undefined : (body as Record<string, unknown>),
  }));
}

/** Rewrites every value of the named keys that `change` maps (deeply, new objects). */
function rewrite(value: unknown, change: (key: string, field: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, change));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[key] = change(key, rewrite(field, change));
  return out;
}

const TWO_TO_THE_33 = 2n ** 33n;

function namedCases(endpoint: EndpointId, apiVersion: ApiVersion, status: number): ResponseCase[] {
  const [complete] = sample(
    arbitraries.responseBody({ endpoint, apiVersion, status, complete: true, minResults: 2, maxResults: 2, maxTo: 2 }),
    NAMED_CASE_SEED,
    1,
  );
  if (complete === undefined) return [];
  const cases: ResponseCase[] = [{ status, name: 'complete', body: complete }];
  if (!isSuccess(status)) return cases;
  const categories = new Set(enumOf(apiVersion, 'AssociationSpecWithLabel', 'category'));
  cases.push({
    status,
    name: 'ids-above-int32',
    body: rewrite(complete, (key, field) =>
      (key === 'id' || key === 'toObjectId') && typeof field === 'string' && /^\d+$/.test(field)
        ? String(BigInt(field) + TWO_TO_THE_33)
        : field,
    ),
  });
  if (categories.has('WORK')) {
    cases.push({
      status,
      name: 'work-category',
      body: rewrite(complete, (key, field) =>
        (key === 'category' || key === 'associationCategory') && typeof field === 'string' && categories.has(field)
          ? 'WORK'
          : field,
      ),
    });
  }
  cases.push({
    status,
    name: 'nulls',
    body: rewrite(complete, (key, field) => (key === 'requestedAt' || key === 'label' ? null : field)),
  });
  return cases;
}

/** Every body served for one status: the named cases first, then `runs` random ones (strict, then lenient). */
export function responseCases(op: Operation, status: number, seed: number, runs: number): ResponseCase[] {
  const named = namedCases(op.endpoint, op.apiVersion, status);
  const strict = sample(
    arbitraries.responseBody({ endpoint: op.endpoint, apiVersion: op.apiVersion, status }),
    seed,
    runs,
  ).map((body, i): ResponseCase => ({ status, name: `generated #${i}`, body }));
  if (!isSuccess(status)) return [...named, ...strict];
  // Real-world deviations a client must survive (null optionals, numeric IDs, unknown enum values,
  // a string subCategory); unknown fields are left out: dropping one is not a loss.
  const lenient = sample(
    arbitraries.lenientVariant({
      endpoint: op.endpoint,
      apiVersion: op.apiVersion,
      status,
      kinds: ['null-optional', 'numeric-id', 'open-enum', 'sub-category-string'],
    }),
    seed ^ 0x5eed,
    runs,
  ).map((variant, i): ResponseCase => ({
    status,
    name: `lenient #${i} (${variant.deviations.map((d) => d.mutation).join(', ')})`,
    body: variant.body,
  }));
  return [...named, ...strict, ...lenient];
}

/** The statuses checked for an operation: its declared 2xx, then the contracts' 400 and 401. */
export function statusesOf(op: Operation): number[] {
  return [...op.responses.map((r) => r.status), ...ERROR_STATUSES_CHECKED];
}
