import { join } from 'node:path';
import { packageRoot } from '../paths.js';

/**
 * The pacticipants. One provider (HubSpot's CRM Associations API, or anything that claims to be
 * it: the reference sandbox, a portal) and one consumer per client that talks to it. Each
 * consumer-provider pair has one pact file in `pacts/`.
 */

/** The provider every pact is with. */
export const PROVIDER_NAME = 'hubspot-crm-associations';

/** hsac's own transport (`src/transport/`), as `hsac run` uses it. */
export const HSAC_CONSUMER = 'hsac';

/** HubSpot's Node SDK, `@hubspot/api-client` (named as its repository is: hubspot-api-nodejs). */
export const SDK_CONSUMER = 'hubspot-api-nodejs';

/** The consumers, in the order their pacts are written. */
export const CONSUMER_NAMES = [HSAC_CONSUMER, SDK_CONSUMER] as const;
/** One of {@link CONSUMER_NAMES}. */
export type ConsumerName = (typeof CONSUMER_NAMES)[number];

/** Where the committed pact files live: `<package root>/pacts`. */
export function pactsDir(): string {
  return join(packageRoot(), 'pacts');
}

/** The file name pact-js writes for a consumer-provider pair (`<consumer>-<provider>.json`). */
export function pactFileName(consumer: ConsumerName): string {
  return `${consumer}-${PROVIDER_NAME}.json`;
}

/**
 * The bearer token consumers send in contract tests. It is a placeholder, never a credential:
 * pact files record it, and at verification time the request filter swaps it for the real token
 * (so no real token is ever written into a pact file).
 */
export const CONTRACT_TOKEN = 'pact-placeholder-token';

/** The token the 401 interactions send: anything but a valid one; the request filter leaves it alone. */
export const REVOKED_TOKEN = 'pact-revoked-token';
