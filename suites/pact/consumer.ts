import { MatchersV3 } from '@pact-foundation/pact';
import { isSuccess, type ApiVersion, type EndpointId } from '../../src/catalogue/index.js';
import { loadSdk } from '../../src/sdk/sdk.js';
import { decodeSuccess } from '../../src/pact/consumers/decode.js';
import { hsacConsumer } from '../../src/pact/consumers/hsac.js';
import { hubspotSdkConsumer } from '../../src/pact/consumers/hubspot-sdk.js';
import {
  HubSpotApiError,
  type AssociationsConsumer,
  type ConsumerCall,
  type Outcome,
} from '../../src/pact/consumers/model.js';
import { interactionsFor, type InteractionSpec } from '../../src/pact/interactions.js';
import { CONTRACT_TOKEN, HSAC_CONSUMER, type ConsumerName } from '../../src/pact/names.js';

/**
 * The consumers under contract (pact-js example layout: this file is "the client code"): hsac's own
 * transport, and `@hubspot/api-client` as the project pins it. Both are real clients pointed at the
 * pact mock server; nothing here talks to the mock directly.
 */

/** The SDK the contracts pin (the devDependency). */
export const pinnedSdk = loadSdk();

/** A consumer of the given name, talking to `baseUrl` with `token`. */
export function consumerFor(name: ConsumerName, baseUrl: string, token: string): AssociationsConsumer {
  return name === HSAC_CONSUMER
    ? hsacConsumer({ baseUrl, token })
    : hubspotSdkConsumer({ baseUrl, token, sdk: pinnedSdk });
}

/** Which endpoint x version pairs a consumer can call (the SDK: those its client exposes a method for). */
export function supportsFor(name: ConsumerName): (endpoint: EndpointId, apiVersion: ApiVersion) => boolean {
  // No request is made: `supports` only looks the method up on a client.
  const probe = consumerFor(name, 'http://127.0.0.1:9', CONTRACT_TOKEN);
  return (endpoint, apiVersion) => probe.supports(endpoint, apiVersion);
}

/** Every interaction of a consumer's contract. */
export function interactionsOf(name: ConsumerName): InteractionSpec[] {
  return interactionsFor(name, supportsFor(name));
}

/** What a call came to: the decoded outcome, or the API error the consumer raised. */
export type CallResult =
  | { readonly ok: true; readonly outcome: Outcome }
  | {
      readonly ok: false;
      readonly status: number;
      readonly category: string;
      readonly message: string;
      readonly correlationId: string;
    };

/** Runs a call through a consumer; an API error is a result, anything else rethrows. */
export async function callResult(consumer: AssociationsConsumer, call: ConsumerCall): Promise<CallResult> {
  try {
    return { ok: true, outcome: await consumer.perform(call) };
  } catch (error) {
    if (error instanceof HubSpotApiError)
      return {
        ok: false,
        status: error.status,
        category: error.category,
        message: error.message,
        correlationId: error.correlationId,
      };
    throw error;
  }
}

/** What the consumer must return for an interaction: the mock's example body, as the contract's reader sees it. */
export function expectedResult(spec: InteractionSpec): CallResult {
  const body = MatchersV3.reify(spec.response.body) as Record<string, unknown>;
  if (!isSuccess(spec.response.status)) {
    return {
      ok: false,
      status: spec.response.status,
      category: String(body.category),
      message: String(body.message),
      correlationId: String(body.correlationId),
    };
  }
  return { ok: true, outcome: decodeSuccess(spec.endpoint, body) };
}
