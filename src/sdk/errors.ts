/**
 * A usage problem of the gate (the SDK cannot be found, is not a HubSpot client, an unknown
 * version was asked for): a typed error the CLI turns into exit 2, never a finding.
 */
export class GateUsageError extends Error {
  override readonly name = 'GateUsageError';
}

/** The gate was asked to stop (SIGINT/SIGTERM) between two calls: what it judged so far is not a verdict. */
export class GateInterrupted extends Error {
  override readonly name = 'GateInterrupted';
}
