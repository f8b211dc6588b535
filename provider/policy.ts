/**
 * The behaviours a fault may switch off. The clean sandbox has every one on; a fault that changes
 * behaviour rather than a response body (auth, input limit, persistence, paging cursor, archive,
 * request validation) declares the switch it turns off, and the server reads the merged policy for
 * each request: a fault's `policy` on the four endpoints under test, its `auxiliaryPolicy` on the
 * auxiliary operations.
 */
export interface SandboxPolicy {
  /** Refuse requests without the sandbox's bearer token (401). */
  readonly enforceAuth: boolean;
  /** Refuse requests with more inputs than the catalogue's `maxInputs` (400). */
  readonly enforceInputLimit: boolean;
  /** Keep the associations the write endpoints report as created. */
  readonly persistAssociationWrites: boolean;
  /** Start a batch-read page at the input's `after` cursor. */
  readonly honourPagingCursor: boolean;
  /** Associating an already associated pair by default changes nothing and answers the same. */
  readonly idempotentDefaultAssociation: boolean;
  /** Remove the associations an archive (associations batch archive, single DELETE) reports removed. */
  readonly applyAssociationArchives: boolean;
  /**
   * Refuse a request body the version's request schema makes invalid with a 400 VALIDATION_ERROR
   * (`request-shape.ts`). Off, such a body gets the endpoint's success envelope with no results.
   * The input limit is `enforceInputLimit`'s, not this switch's.
   */
  readonly rejectInvalidRequests: boolean;
}

/** Everything on: HubSpot's behaviour. */
export const CLEAN_POLICY: SandboxPolicy = {
  enforceAuth: true,
  enforceInputLimit: true,
  persistAssociationWrites: true,
  honourPagingCursor: true,
  idempotentDefaultAssociation: true,
  applyAssociationArchives: true,
  rejectInvalidRequests: true,
};
