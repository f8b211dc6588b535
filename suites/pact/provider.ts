import { join } from 'node:path';
import type { Sandbox } from '../../provider/index.js';
import { CONSUMER_NAMES, pactFileName, pactsDir, type ConsumerName } from '../../src/pact/names.js';
import { startVerificationSandbox } from '../../src/pact/verification-sandbox.js';
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

/** A sandbox for verification (`src/pact/verification-sandbox.ts`, as `hsac pact verify` starts it). */
export function startProvider(faults: readonly string[] = []): Promise<Sandbox> {
  return startVerificationSandbox(faults);
}

/** Verifies pact files against a running sandbox. */
export function verifyAgainst(
  sandbox: Sandbox,
  pactFiles: readonly string[] = ALL_PACT_FILES,
  extra: Partial<VerifyOptions> = {},
): Promise<VerificationResult> {
  return verifyPacts({ pactFiles, providerBaseUrl: sandbox.url, token: sandbox.token, ...extra });
}
