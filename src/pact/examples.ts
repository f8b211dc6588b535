import type fc from 'fast-check';
import { arbitraries, exampleOf } from '../../properties/index.js';
import { UNAUTHORIZED } from '../../provider/auth.js';
import { tooManyInputsMessage } from '../../provider/handlers/common.js';
import type { ApiVersion, EndpointId, Operation } from '../catalogue/index.js';

/**
 * Example bodies for the contracts, from hsac's own arbitraries (valid under `strict` for the exact
 * endpoint, version and status). The seed is fixed here, not read from `HSAC_SEED`: a pact file
 * is a committed artefact and must come out byte-identical on every run, whatever seed the
 * property suites use. Bodies are `complete` (every optional field present, at least one item in
 * every array), so the template walk finds a value for every field a contract may assert.
 */
export const EXAMPLE_SEED = 6_2026;

function one<T>(arbitrary: fc.Arbitrary<T>): T {
  return exampleOf(arbitrary, EXAMPLE_SEED);
}

/** A complete 2xx body of an endpoint, version and declared status, with one result. */
export function successExample(endpoint: EndpointId, apiVersion: ApiVersion, status: number): unknown {
  return one(
    arbitraries.responseBody({ endpoint, apiVersion, status, complete: true, minResults: 1, maxResults: 1, maxTo: 1 }),
  );
}

/** A complete `Error` body (the 400 answer). */
export function errorExample(apiVersion: ApiVersion): unknown {
  return one(arbitraries.errorBody({ apiVersion, complete: true }));
}

/**
 * A complete `Error` body as HubSpot answers a missing or revoked token (the 401): its category and
 * message, the rest from the arbitrary. The arbitrary's own category and message are any error's
 * (a validation error about a missing record), which a consumer reading the example would take as
 * what a 401 says.
 */
export function unauthorizedExample(apiVersion: ApiVersion): unknown {
  const body = errorExample(apiVersion);
  return { ...(body as object), category: UNAUTHORIZED.category, message: UNAUTHORIZED.message };
}

/**
 * A complete `Error` body as the 400 to more inputs than the operation allows: a validation error saying so (the
 * sandbox's words), not the arbitrary's message about a missing record.
 */
export function overLimitExample(operation: Operation): unknown {
  const body = errorExample(operation.apiVersion);
  const count = (operation.maxInputs ?? 0) + 1;
  return { ...(body as object), category: 'VALIDATION_ERROR', message: tooManyInputsMessage(operation, count) };
}
