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
import type { CheckContext, ExchangeCheck, ObservedExchange, ReplayedSequence, SequenceCheck } from './types.js';
import type { ArchiveEffectiveInput } from './archive-effective.js';
import type { IdempotentInput } from './idempotent.js';
import type { PagingInput } from './paging-terminates.js';
import type { ReadAfterWriteInput } from './read-after-write.js';
import type { Finding } from '../registry/finding.js';
import { appliesTo, checkIdsOf, type CheckIdOfKind } from '../registry/index.js';

export type {
  AuxiliaryObservedExchange,
  CheckContext,
  ExchangeCheck,
  ExchangeIntent,
  ObservedExchange,
  ReadAnswer,
  ReplayedExchange,
  ReplayedSequence,
  SequenceCheck,
} from './types.js';
export { observeAuxiliary, observeExchange } from './observed.js';
export { pagingTerminates, type PagingInput } from './paging-terminates.js';
export {
  configurationReadBack,
  readAfterWrite,
  type ExpectedAssociation,
  type ReadAfterWriteInput,
} from './read-after-write.js';
export { idempotent, type IdempotentInput } from './idempotent.js';
export { archiveEffective, type ArchivedPair, type ArchiveEffectiveInput } from './archive-effective.js';
export { isUnchecked } from './transport.js';
export { answeredPairs, reportedType, sentInOrder } from './support.js';
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

/**
 * Each sequence check's input, by its registry id: what keeps a check's inputs its own where checks of every input
 * are listed together (a replay hands `check` only what the same check's `rebuild` made, {@link rejudgeSequence}).
 */
interface SequenceInputs {
  readonly 'paging-terminates': PagingInput;
  readonly 'read-after-write': ReadAfterWriteInput;
  readonly idempotent: IdempotentInput;
  readonly 'archive-effective': ArchiveEffectiveInput;
}

type SequenceCheckId = CheckIdOfKind<'sequence'>;

/** Every sequence check's implementation, by its registry id; the runner calls each with its own input. */
const SEQUENCE_IMPLEMENTATIONS: { readonly [Id in SequenceCheckId]: SequenceCheck<SequenceInputs[Id]> } = {
  'paging-terminates': pagingTerminates,
  'read-after-write': readAfterWrite,
  idempotent,
  'archive-effective': archiveEffective,
};

/** A sequence check of any input, as the registry lists them. */
export type AnySequenceCheck = (typeof SEQUENCE_IMPLEMENTATIONS)[SequenceCheckId];

/** Any check in the registry. */
export type Check = ExchangeCheck | AnySequenceCheck;

/** Every exchange check, in the order it runs on each exchange: the registry's (src/registry/exchange.ts). */
export const EXCHANGE_CHECKS: readonly ExchangeCheck[] = checkIdsOf('exchange').map(
  (id) => EXCHANGE_IMPLEMENTATIONS[id],
);

/** Every sequence check, in the registry's order (src/registry/sequence.ts). */
export const SEQUENCE_CHECKS: readonly AnySequenceCheck[] = checkIdsOf('sequence').map(
  (id) => SEQUENCE_IMPLEMENTATIONS[id],
);

/** What a sequence check makes of a replay: the inputs its `rebuild` found, and its findings on each. */
export interface Rejudged {
  /** How many sequences the replayed answers made (none: they no longer make the one judged). */
  readonly inputs: number;
  /** Its findings, each naming the exchanges of its sequence (`exchangeIds`), as the runner's do. */
  readonly findings: readonly Finding[];
}

/** A sequence check's judgement of a replay (`hsac replay`): its inputs rebuilt from the replayed answers, judged. */
export function rejudgeSequence<Id extends SequenceCheckId>(
  id: Id,
  replayed: ReplayedSequence,
  context: CheckContext,
): Rejudged {
  const check = SEQUENCE_IMPLEMENTATIONS[id];
  const inputs = check.rebuild(replayed);
  const findings = inputs.flatMap((input) => {
    // Never empty where there is a finding: each is built on an exchange of its input, which exchangeIds lists.
    const exchangeIds = check.exchangeIds(input);
    return check.check(input, context).map((finding) => ({ ...finding, exchangeIds }));
  });
  return { inputs: inputs.length, findings };
}

/** Every implemented check of src/checks/, for the runner's outcomes (one row per check x endpoint). */
export const ALL_CHECKS: readonly Check[] = [...EXCHANGE_CHECKS, ...SEQUENCE_CHECKS];

/** Runs every exchange check that applies to the exchange's endpoint. */
export function checkExchange(observed: ObservedExchange, context: CheckContext): Finding[] {
  return EXCHANGE_CHECKS.filter((check) => appliesTo(check, observed.operation.endpoint)).flatMap((check) =>
    check.check(observed, context),
  );
}
