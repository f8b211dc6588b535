import { archiveEffective } from './archive-effective.js';
import { authEnforced } from './auth-enforced.js';
import { contentType } from './content-type.js';
import { idempotent } from './idempotent.js';
import { inputLimitEnforced } from './input-limit-enforced.js';
import { inputsAccounted } from './inputs-accounted.js';
import { invalidRequestRejected } from './invalid-request-rejected.js';
import { pagingTerminates } from './paging-terminates.js';
import { rateLimitContract } from './rate-limit-contract.js';
import { readAfterWrite } from './read-after-write.js';
import { responseBody } from './response-body.js';
import { statusFamilyCheck } from './status-family.js';
import { tokenRedaction } from './token-redaction.js';
import { transportCheck } from './transport.js';
import type { Check, CheckContext, ExchangeCheck, ObservedExchange } from './types.js';
import type { Finding } from '../registry/finding.js';

export type { Check, CheckContext, ExchangeCheck, ExchangeIntent, ObservedExchange, SequenceCheck } from './types.js';
export { pagingTerminates, nextAfter, type PagingInput } from './paging-terminates.js';
export { readAfterWrite, type ExpectedAssociation, type ReadAfterWriteInput } from './read-after-write.js';
export { idempotent, type IdempotentInput } from './idempotent.js';
export { archiveEffective, type ArchivedPair, type ArchiveEffectiveInput } from './archive-effective.js';
export { isUnchecked } from './transport.js';
export { field, readTargets, responseJson } from './support.js';

/**
 * Every exchange check, in the order it runs on each exchange (STYLE.md: one check per module,
 * one ordered list; a duplicate id throws at load).
 */
export const EXCHANGE_CHECKS: readonly ExchangeCheck[] = [
  // First: was there an answer to judge at all? (resets, timeouts, persistent 5xx)
  transportCheck,
  // Security before shape: a leaked credential matters more than any field.
  tokenRedaction,
  // The answer's envelope: status family, then content type.
  statusFamilyCheck,
  contentType,
  // The body: schema under the profile plus the batch envelope rules.
  responseBody,
  // Batch semantics one answer can show.
  inputsAccounted,
  // Requests the runner sent to be refused.
  authEnforced,
  inputLimitEnforced,
  invalidRequestRejected,
  // Throttling metadata on every answer, and the 429 contract.
  rateLimitContract,
];

/** Checks over sequences the runner drives; the runner calls each with its own input. */
export const SEQUENCE_CHECKS = [pagingTerminates, readAfterWrite, idempotent, archiveEffective] as const;

/** The whole registry, for listing, config validation and the fault-coverage proof. */
export const ALL_CHECKS: readonly Check[] = [...EXCHANGE_CHECKS, ...(SEQUENCE_CHECKS as readonly Check[])];

const ids = new Set<string>();
for (const check of ALL_CHECKS) {
  if (ids.has(check.id)) throw new Error(`duplicate check id "${check.id}"`);
  ids.add(check.id);
}

/** Whether a registry check applies to an endpoint under test (its declared `endpoints`, else all four). */
export function appliesTo(check: Pick<Check, 'endpoints'>, endpoint: string): boolean {
  return check.endpoints === undefined || (check.endpoints as readonly string[]).includes(endpoint);
}

/** Runs every exchange check that applies to the exchange's endpoint. */
export function checkExchange(observed: ObservedExchange, context: CheckContext): Finding[] {
  return EXCHANGE_CHECKS.filter((check) => appliesTo(check, observed.operation.endpoint)).flatMap((check) => check.check(observed, context));
}
