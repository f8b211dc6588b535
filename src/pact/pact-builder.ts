import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { MatchersV3, PactV4, SpecificationVersion } from '@pact-foundation/pact';
import type { InteractionSpec } from './interactions.js';
import { PROVIDER_NAME, type ConsumerName } from './names.js';

/** The pact mock server's address, as the test function gets it. */
export interface MockServer {
  readonly url: string;
}

/** Pact's status-class rule: any 2xx (`success`) satisfies it. */
const ANY_SUCCESS = { 'pact:matcher:type': 'statusCode', status: 'success' };

/** Set at load: the native core reads it when it runs (PEERS.md: the verifier phones home without it). */
process.env.PACT_DO_NOT_TRACK = 'true';

/** A V4 pact between a consumer and the provider, written into `dir` (merged per interaction). */
export function consumerPact(consumer: ConsumerName, dir: string): PactV4 {
  return new PactV4({
    consumer,
    provider: PROVIDER_NAME,
    dir,
    spec: SpecificationVersion.SPECIFICATION_VERSION_V4,
    logLevel: 'error',
  });
}

type MatchedProbe = (port: number) => boolean;

let probe: MatchedProbe | undefined;

/** pact-core's "has the mock server seen every expected request" (the call pact-js makes after the test). */
function mockServerMatched(): MatchedProbe {
  if (!probe) {
    const core = createRequire(import.meta.url)('@pact-foundation/pact-core') as {
      getFfiLib: () => { pactffiMockServerMatched: MatchedProbe };
    };
    const ffi = core.getFfiLib();
    probe = (port) => ffi.pactffiMockServerMatched(port);
  }
  return probe;
}

/**
 * Waits (up to `limitMs`) until the mock server reports the interaction matched. pact-js asks
 * the native mock server as soon as the test function returns; on a loaded machine (two cores,
 * `npm test` running every project) the client had its answer while the server did not yet report
 * the request as received, and about one run in three failed a passing interaction as "expected
 * but not received". A real mismatch never reports matched: it costs `limitMs`, then fails as before.
 */
async function settled(port: number, limitMs = 2000): Promise<void> {
  const matched = mockServerMatched();
  const deadline = Date.now() + limitMs;
  while (!matched(port) && Date.now() < deadline) await sleep(5);
}

/**
 * Registers one interaction on a pact and runs `test` against the mock server that serves it.
 * The request carries the bearer header as a regex (any bearer token matches; the example is the
 * consumer's placeholder), provider-state injection for the IDs the state creates, and the body
 * template; the response is the derived template.
 */
export async function runInteraction<T>(
  pact: PactV4,
  spec: InteractionSpec,
  test: (mock: MockServer) => Promise<T>,
): Promise<T | undefined> {
  let interaction = pact.addInteraction();
  if (spec.state) interaction = interaction.given(spec.state.name, spec.state.params);
  const path =
    spec.request.pathExpression === undefined
      ? spec.request.path
      : MatchersV3.fromProviderState(spec.request.pathExpression, spec.request.path);
  return interaction
    .uponReceiving(spec.description)
    .withRequest(spec.request.method, path, (builder) => {
      builder.headers({ Authorization: MatchersV3.regex('^Bearer \\S+$', `Bearer ${spec.token}`) });
      if (spec.request.body !== undefined) builder.jsonBody(spec.request.body);
    })
    .willRespondWith(spec.response.status, (builder) => {
      builder.jsonBody(spec.response.body);
      // pact-js 16 drops rules without a path, and a status rule has none: '$' carries it through.
      if (spec.response.statusMatch === 'class') builder.matchingRules({ status: { path: '$', rules: [ANY_SUCCESS] } });
    })
    .executeTest(async (mock) => {
      const value = await test({ url: mock.url });
      await settled(mock.port);
      return value;
    });
}
