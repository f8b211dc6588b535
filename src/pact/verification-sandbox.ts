import { startSandbox, type Sandbox } from '../../provider/index.js';

/**
 * The reference sandbox as a pact verification needs it. Provider states create hundreds of
 * records through the API (the paging state alone 501 companies and their associations), so the
 * rate limit is one no verification reaches: the rate-limit contract is `hsac run`'s business, not
 * the pacts'. Pages stay HubSpot's 500, so the paging state's 501 associations really span two.
 */

/** Requests per ten seconds a verification's sandbox allows. */
export const VERIFICATION_RATE_LIMIT = 100_000;

/** Starts a sandbox for verification, with the faults a caller plants (unknown names throw `UnknownFaultError`). */
export function startVerificationSandbox(faults: readonly string[] = []): Promise<Sandbox> {
  // A small seed: the states make their own data, and a verification never reads the seeded records.
  return startSandbox({
    faults,
    rateLimit: { max: VERIFICATION_RATE_LIMIT },
    seedData: { recordsPerType: 3, hubAssociations: 1 },
  });
}
