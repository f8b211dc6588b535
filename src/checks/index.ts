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
import type { Check, CheckContext, ExchangeCheck, ObservedExchange, SequenceCheck } from './types.js';
import type { Finding } from '../registry/finding.js';
import { appliesTo, checkIdsOf, type CheckIdOfKind } from '../registry/index.js';

export type {
  AuxiliaryObservedExchange,
  Check,
  CheckContext,
  ExchangeCheck,
  ExchangeIntent,
  ObservedExchange,
  ReadAnswer,
  SequenceCheck,
} from './types.js';
export { observeAuxiliary, observeExchange } from './observed.js';
export { pagingTerminates, type PagingInput } from './paging-terminates.js';
export { readAfterWrite, type ExpectedAssociation, type ReadAfterWriteInput } from './read-after-write.js';
export { idempotent, type IdempotentInput } from './idempotent.js';
export { archiveEffective, type ArchivedPair, type ArchiveEffectiveInput } from './archive-effective.js';
export { isUnchecked } from './transport.js';
export { sentInOrder } from './support.js';
export { appliesTo } from '../registry/index.js';

/**
 * The implementation of every exchange check, by its registry id (STYLE.md: one check per module):
 * a declaration without an implementation, or an implementation of an id the registry lacks, does
 * not compile; registry.spec.ts proves each one carries the id it is filed under.
 */
const EXCHANGE_IMPLEMENTATIONS: Readonly<Record<CheckIdOfKind<'exchange'>, ExchangeCheck>> = {
  transport: transportCheck,
  'token-redaction': tokenRedaction,
  'status-family': statusFamilyCheck,
  'content-type': contentType,
  'response-body': responseBody,
  'inputs-accounted': inputsAccounted,
  'auth-enforced': authEnforced,
  'input-limit-enforced': inputLimitEnforced,
  'invalid-request-rejected': invalidRequestRejected,
  'rate-limit-contract': rateLimitContract,
};

/** Every sequence check's implementation, by its registry id; the runner calls each with its own input. */
const SEQUENCE_IMPLEMENTATIONS: Readonly<Record<CheckIdOfKind<'sequence'>, SequenceCheck<never>>> = {
  'paging-terminates': pagingTerminates,
  'read-after-write': readAfterWrite,
  idempotent,
  'archive-effective': archiveEffective,
};

/** Every exchange check, in the order it runs on each exchange: the registry's (src/registry/exchange.ts). */
export const EXCHANGE_CHECKS: readonly ExchangeCheck[] = checkIdsOf('exchange').map(
  (id) => EXCHANGE_IMPLEMENTATIONS[id],
);

/** Every sequence check, in the registry's order (src/registry/sequence.ts). */
export const SEQUENCE_CHECKS: readonly SequenceCheck<never>[] = checkIdsOf('sequence').map(
  (id) => SEQUENCE_IMPLEMENTATIONS[id],
);

/** Every implemented check of src/checks/, for the runner's outcomes (one row per check x endpoint). */
export const ALL_CHECKS: readonly Check[] = [...EXCHANGE_CHECKS, ...SEQUENCE_CHECKS];

/** Runs every exchange check that applies to the exchange's endpoint. */
export function checkExchange(observed: ObservedExchange, context: CheckContext): Finding[] {
  return EXCHANGE_CHECKS.filter((check) => appliesTo(check, observed.operation.endpoint)).flatMap((check) =>
    check.check(observed, context),
  );
}
