import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../provider/index.js';
import { CONSUMER_NAMES, pactFileName, pactsDir, type ConsumerName } from '../../src/pact/names.js';
import { verifyPacts, type VerificationResult, type VerifyOptions } from '../../src/pact/verify.js';

/**
 * The provider side (pact-js example layout: this file is "the provider"): the reference sandbox,
 * started on loopback with the faults a test plants, and the verification of the committed pact
 * files against it.
 */

/** The committed pact file of a consumer. */
export function pactFile(consumer: ConsumerName): string {
  return join(pactsDir(), pactFileName(consumer));
}

/** Every committed pact file. */
export const ALL_PACT_FILES = CONSUMER_NAMES.map(pactFile);

/**
 * A sandbox for verification: HubSpot's page size (500, so the paging state's 501 associations
 * really span two pages) and a rate limit no verification reaches (state set-ups create hundreds
 * of records; the rate-limit contract is `hsac run`'s business, not the pacts').
 */
export function startProvider(faults: readonly string[] = []): Promise<Sandbox> {
  return startSandbox({ faults, rateLimit: { max: 100_000 }, seedData: { recordsPerType: 3, hubAssociations: 1 } });
}

/** Verifies pact files against a running sandbox. */
export function verifyAgainst(
  sandbox: Sandbox,
  pactFiles: readonly string[] = ALL_PACT_FILES,
  extra: Partial<VerifyOptions> = {},
): Promise<VerificationResult> {
  return verifyPacts({ pactFiles, providerBaseUrl: sandbox.url, token: sandbox.token, ...extra });
}
