import { isCheckId } from '../../src/registry/index.js';
import type { Fault } from './fault.js';
import { fault as archiveKeepsAssociation } from './archive-keeps-association.js';
import { fault as associateNotIdempotent } from './associate-not-idempotent.js';
import { fault as authNotEnforced } from './auth-not-enforced.js';
import { fault as categoryNotInEnum } from './category-not-in-enum.js';
import { fault as completedAtLocaleString } from './completedAt-locale-string.js';
import { fault as connectionReset } from './connection-reset.js';
import { fault as contentTypeText } from './content-type-text.js';
import { fault as errorCorrelationIdNotUuid } from './error-correlationId-not-uuid.js';
import { fault as errorDetailContextString } from './error-detail-context-string.js';
import { fault as errorMissingCorrelationId } from './error-missing-correlationId.js';
import { fault as hostileIdObject } from './hostile-id-object.js';
import { fault as htmlErrorPage } from './html-error-page.js';
import { fault as idNumber } from './id-number.js';
import { fault as inputDropped } from './input-dropped.js';
import { fault as inputLimitNotEnforced } from './input-limit-not-enforced.js';
import { fault as invalidRequestAccepted } from './invalid-request-accepted.js';
import { fault as missingAssociationCategory } from './missing-associationCategory.js';
import { fault as missingAssociationSpec } from './missing-associationSpec.js';
import { fault as missingAssociationTypeId } from './missing-associationTypeId.js';
import { fault as missingAssociationTypes } from './missing-associationTypes.js';
import { fault as missingCategory } from './missing-category.js';
import { fault as missingCompletedAt } from './missing-completedAt.js';
import { fault as missingFrom } from './missing-from.js';
import { fault as missingId } from './missing-id.js';
import { fault as missingPagingAfter } from './missing-paging-after.js';
import { fault as missingResults } from './missing-results.js';
import { fault as missingStartedAt } from './missing-startedAt.js';
import { fault as missingStatus } from './missing-status.js';
import { fault as missingTo } from './missing-to.js';
import { fault as missingToObjectId } from './missing-toObjectId.js';
import { fault as missingTypeId } from './missing-typeId.js';
import { fault as multiStatusWithoutErrors } from './multi-status-without-errors.js';
import { fault as numErrorsMismatch } from './num-errors-mismatch.js';
import { fault as pagingNeverEnds } from './paging-never-ends.js';
import { fault as pagingNotAdvancing } from './paging-not-advancing.js';
import { fault as rateLimitBodyMissingPolicyName } from './rate-limit-body-missing-policyName.js';
import { fault as rateLimitHeadersMissing } from './rate-limit-headers-missing.js';
import { fault as rateLimitHtmlBody } from './rate-limit-html-body.js';
import { fault as rateLimitUnnamedAuxiliary } from './rate-limit-unnamed-auxiliary.js';
import { fault as readAfterWriteLost } from './read-after-write-lost.js';
import { fault as requestedAtNull } from './requestedAt-null.js';
import { fault as slowResponse } from './slow-response.js';
import { fault as standardErrorMissingContext } from './standard-error-missing-context.js';
import { fault as standardErrorSubCategoryString } from './standard-error-subCategory-string.js';
import { fault as startedAtNoOffset } from './startedAt-no-offset.js';
import { fault as status200For201 } from './status-200-for-201.js';
import { fault as status201For200 } from './status-201-for-200.js';
import { fault as status500 } from './status-500.js';
import { fault as status502 } from './status-502.js';
import { fault as status503 } from './status-503.js';
import { fault as statusCancelled } from './status-cancelled.js';
import { fault as statusFamily4xx } from './status-family-4xx.js';
import { fault as timestampsReversed } from './timestamps-reversed.js';
import { fault as tokenEchoBody } from './token-echo-body.js';
import { fault as tokenEchoErrorMessage } from './token-echo-error-message.js';
import { fault as tokenEchoHeader } from './token-echo-header.js';
import { fault as toObjectIdNumber } from './toObjectId-number.js';
import { fault as truncatedJson } from './truncated-json.js';
import { fault as configurationsReadEmpty } from './configurations-read-empty.js';
import { fault as duplicateStatusKey } from './duplicate-status-key.js';
import { fault as typeIdOverInt32 } from './typeId-over-int32.js';
import { fault as typeIdString } from './typeId-string.js';
import { fault as unknownEnvelopeField } from './unknown-envelope-field.js';

export type { AuxiliaryFaultContext, Fault, FaultContext, FaultKind, FaultOptions } from './fault.js';

/**
 * Every planted fault, in the order their hooks run when several are planted at once. The order
 * matters only where two faults touch the same thing: body edits run before header edits, and
 * the transport faults that replace the whole answer (5xx, HTML page) run after every body fault,
 * so they replace whatever the body faults left. A duplicate name throws at load.
 */
export const FAULTS: readonly Fault[] = [
  // Schema: each required field of the batch envelopes and their items, dropped (check `required`).
  missingStatus,
  missingResults,
  missingStartedAt,
  missingCompletedAt,
  missingFrom,
  missingTo,
  missingAssociationSpec,
  missingAssociationCategory,
  missingAssociationTypeId,
  missingToObjectId,
  missingAssociationTypes,
  missingCategory,
  missingTypeId,
  missingId,
  missingPagingAfter,
  // Schema: values outside their enum, of the wrong JSON type, out of range, badly formatted, undeclared.
  statusCancelled,
  categoryNotInEnum,
  toObjectIdNumber,
  hostileIdObject,
  idNumber,
  typeIdString,
  typeIdOverInt32,
  startedAtNoOffset,
  completedAtLocaleString,
  requestedAtNull,
  unknownEnvelopeField,
  // Schema: error shapes (Error, StandardError, ErrorDetail; check `error-shape`).
  errorMissingCorrelationId,
  errorCorrelationIdNotUuid,
  standardErrorMissingContext,
  errorDetailContextString,
  standardErrorSubCategoryString,
  // Schema: batch chronology (body rule `timestamps-ordered`).
  timestampsReversed,
  // Schema: a key twice in one object (the body reader's `duplicate-key`; parsers disagree on it).
  duplicateStatusKey,
  // Exchange: batch semantics (inputs accounted for, error counts, 207 meaning).
  numErrorsMismatch,
  multiStatusWithoutErrors,
  inputDropped,
  // Exchange: paging.
  pagingNeverEnds,
  pagingNotAdvancing,
  // Exchange: behaviours switched off (auth, input limit, request validation, persistence, archive).
  authNotEnforced,
  inputLimitNotEnforced,
  invalidRequestAccepted,
  readAfterWriteLost,
  configurationsReadEmpty,
  associateNotIdempotent,
  archiveKeepsAssociation,
  // Exchange: the 429 contract (the last two answer in the sandbox's place, once per operation).
  rateLimitBodyMissingPolicyName,
  rateLimitHeadersMissing,
  rateLimitUnnamedAuxiliary,
  rateLimitHtmlBody,
  // Exchange: status code and media type.
  status200For201,
  status201For200,
  statusFamily4xx,
  contentTypeText,
  // Transport: the token echoed (for redaction), before the answer-replacing faults below.
  tokenEchoBody,
  tokenEchoErrorMessage,
  tokenEchoHeader,
  // Transport: the whole answer replaced, delayed, cut or reset.
  status500,
  status502,
  status503,
  htmlErrorPage,
  truncatedJson,
  slowResponse,
  connectionReset,
];

/**
 * Checks a fault list and indexes it by name: a duplicate or non-kebab-case name, a fault that
 * names no check (or one the registry, src/registry/, lacks), or a fault without any hook throws,
 * naming the fault.
 */
export function indexFaults(faults: readonly Fault[]): ReadonlyMap<string, Fault> {
  const byName = new Map<string, Fault>();
  for (const fault of faults) {
    if (byName.has(fault.name)) throw new Error(`duplicate fault name "${fault.name}"`);
    if (!/^[a-z][a-zA-Z0-9]*(?:-[a-zA-Z0-9]+)*$/.test(fault.name))
      throw new Error(`fault name "${fault.name}" is not kebab-case`);
    if (fault.triggers.length === 0) throw new Error(`fault "${fault.name}" names no check that must catch it`);
    // Typed as registry ids, but a fault list may come from plain JavaScript: checked at load too.
    const triggers: readonly unknown[] = fault.triggers;
    for (const check of triggers) {
      if (typeof check !== 'string' || !isCheckId(check))
        throw new Error(`fault "${fault.name}" names unknown check ${JSON.stringify(check)}`);
    }
    const hooks = [
      fault.policy,
      fault.intercept,
      fault.response,
      fault.delivery,
      fault.auxiliaryPolicy,
      fault.auxiliaryIntercept,
    ];
    if (hooks.every((hook) => hook === undefined)) throw new Error(`fault "${fault.name}" changes nothing`);
    byName.set(fault.name, fault);
  }
  return byName;
}

const BY_NAME = indexFaults(FAULTS);

/** Every fault name, in registry order. */
export const FAULT_NAMES: readonly string[] = FAULTS.map((fault) => fault.name);

/** A fault name that is not in the registry: a usage error (`hsac sandbox` exits 2 with it). */
export class UnknownFaultError extends Error {
  override readonly name = 'UnknownFaultError';
  constructor(readonly faultName: string) {
    super(`unknown fault "${faultName}" (known: ${FAULT_NAMES.join(', ')})`);
  }
}

/** The faults with these names, in registry order (so hooks compose the same way whatever order was asked). */
export function faultsByName(names: readonly string[]): readonly Fault[] {
  for (const name of names) if (!BY_NAME.has(name)) throw new UnknownFaultError(name);
  const wanted = new Set(names);
  return FAULTS.filter((fault) => wanted.has(fault.name));
}
