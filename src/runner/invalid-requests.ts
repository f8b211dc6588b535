import fc from 'fast-check';
import { operation, type EndpointId } from '../catalogue/index.js';
import { mutationsFor, type Mutation } from '../../properties/mutations/index.js';
import type { Real } from './commands.js';
import { guardConfiguration } from './configurations.js';

/**
 * Invalid request bodies, drawn from the request mutation catalogue (`properties/mutations`), that
 * any provider must refuse with a 4xx: `invalid-request-rejected` judges the status, and
 * `response-body` the `Error` body that comes with it.
 */

/** The endpoints with a request body to break (PUT default has none). */
const BODY_ENDPOINTS: readonly EndpointId[] = ['batch-read', 'batch-associate-default', 'configurations-batch-create'];

/** Invalid bodies sent per endpoint by default: a small, seeded sample within any rate budget. */
export const DEFAULT_INVALID_PER_ENDPOINT = 3;

/**
 * Whether a mutation makes a body that no HubSpot backend can accept. A removed required field,
 * or a value of a JSON type no deserialiser coerces into the declared one. Scalars for scalars are
 * left out: HubSpot's Java backend (Jackson, with scalar coercion on by default) turns `123` into
 * the string ID "123", `"42"` into the integer 42, `true` into "true" and an integer into an enum
 * by ordinal, so a provider that accepts them is right to; `null` may mean "absent".
 */
export function surelyInvalid(mutation: Mutation): boolean {
  if (mutation.family === 'required-removed') return true;
  if (mutation.family !== 'wrong-type') return false;
  const variant = /=(\w+)$/.exec(mutation.id)?.[1];
  // The declared type, read from the schema pattern's last step: `/inputs` is an array, `/inputs/*`
  // an object, ids and categories strings, typeId and maxToObjectIds integers.
  const property = /\/([^/=]+)=\w+$/.exec(mutation.id)?.[1] ?? '';
  const containerProperty = property === 'inputs' || property === '*' || property === 'from' || property === 'to';
  if (containerProperty) return variant !== 'null';
  return variant === 'object' || variant === 'array';
}

/** A valid body of the endpoint over the run's own records: only the mutation can explain a refusal. */
function validBody(real: Real, endpoint: EndpointId, typeId: number): unknown {
  const fromId = real.pool.fromIds[0] ?? '1';
  const toId = real.pool.toIds[0] ?? '1';
  switch (endpoint) {
    case 'batch-read':
      return { inputs: [{ id: fromId }] };
    case 'batch-associate-default':
      return { inputs: [{ from: { id: fromId }, to: { id: toId } }] };
    case 'configurations-batch-create':
      return { inputs: [{ category: 'HUBSPOT_DEFINED', typeId, maxToObjectIds: 100 }] };
    case 'associate-default':
      return undefined;
  }
}

/** One invalid body to send: which mutation, and the body it made. */
export interface InvalidRequest {
  readonly endpoint: EndpointId;
  readonly mutation: string;
  readonly body: unknown;
}

/**
 * Picks `perEndpoint` invalid bodies per endpoint with the run's seed (the same seed, the same
 * bodies), always starting with the one every API must refuse: no `inputs` at all.
 */
export function planInvalidRequests(real: Real, seed: number, perEndpoint: number, typeId = 279): InvalidRequest[] {
  const planned: InvalidRequest[] = [];
  for (const endpoint of BODY_ENDPOINTS) {
    if (!real.endpoints.has(endpoint) || perEndpoint <= 0) continue;
    const base = validBody(real, endpoint, typeId);
    const candidates = mutationsFor(endpoint, real.apiVersion, 'request').filter(
      (m) => surelyInvalid(m) && m.sites(base).length > 0,
    );
    const missingInputs = candidates.find((m) => m.family === 'required-removed' && m.id.endsWith('/inputs'));
    const rest = candidates.filter((m) => m !== missingInputs);
    const drawn =
      rest.length === 0
        ? []
        : (fc.sample(
            fc.shuffledSubarray(rest, {
              minLength: Math.min(rest.length, perEndpoint),
              maxLength: Math.min(rest.length, perEndpoint),
            }),
            { seed, numRuns: 1 },
          )[0] ?? []);
    for (const mutation of [...(missingInputs ? [missingInputs] : []), ...drawn].slice(0, perEndpoint)) {
      planned.push({ endpoint, mutation: mutation.id, body: mutation.apply(base) });
    }
  }
  return planned;
}

/**
 * Sends the planned invalid bodies. A provider that wrongly accepts one may act on it, so the
 * writes it could make are journaled first, as for any write: cleanup then undoes them. For a
 * limit configuration that is its original, read first; one that cannot be read is not sent to.
 */
export async function sendInvalidRequests(real: Real, planned: readonly InvalidRequest[], typeId = 279): Promise<void> {
  const { pool } = real;
  const params = { fromObjectType: pool.fromObjectType, toObjectType: pool.toObjectType };
  const fromId = pool.fromIds[0];
  const toId = pool.toIds[0];
  for (const request of planned) {
    if (real.session.isStopped()) return;
    if (
      request.endpoint === 'batch-associate-default' &&
      fromId !== undefined &&
      toId !== undefined &&
      !pool.preexisting.has(`${fromId}>${toId}`)
    ) {
      real.journal.append({
        kind: 'associate',
        fromObjectType: pool.fromObjectType,
        toObjectType: pool.toObjectType,
        pairs: [[fromId, toId]],
      });
    }
    // A provider that wrongly accepts the body may set the limit: its original is read and
    // journaled first, and a limit that cannot be read is not put at risk (the body is not sent).
    if (request.endpoint === 'configurations-batch-create') {
      const guard = await guardConfiguration(
        real.session,
        real.journal,
        real.apiVersion,
        pool.fromObjectType,
        pool.toObjectType,
        typeId,
      );
      if (!guard.ok) {
        real.session.leftUntouched(request.endpoint, guard.why);
        continue;
      }
    }
    if (real.session.isStopped()) return;
    await real.session.call(
      operation(request.endpoint, real.apiVersion),
      params,
      request.body,
      'invalid-request',
      undefined,
      request.mutation,
    );
  }
}
