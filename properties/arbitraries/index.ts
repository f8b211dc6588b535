import { batchResponse } from './envelope.js';
import { errorBody, errorDetail, rateLimitBody, standardError } from './errors.js';
import { associationTypeId, numericRecordId, objectTypeId, objectTypeName, pagingCursor, recordId } from './ids.js';
import { associationLabel, errorCategory, errorMessage } from './labels.js';
import { lenientVariant } from './lenient.js';
import { errorContext, links, subCategoryObject } from './maps.js';
import {
  batchAssociateDefaultRequest,
  batchReadRequest,
  batchReadRequestAtLimit,
  configurationsBatchCreateRequest,
  request,
  requestBody,
} from './requests.js';
import {
  associateDefaultResponse,
  batchAssociateDefaultResponse,
  batchReadResponse,
  configurationsBatchCreateResponse,
  responseBody,
  responseCase,
} from './responses.js';
import {
  associationCategory,
  associationSpecWithLabel,
  batchReadResult,
  configurationResult,
  defaultAssociationResult,
  multiAssociatedObject,
  paging,
} from './results.js';
import { batchTimestamps, dateTime } from './timestamps.js';

export { ArbitraryConstraintError } from './constraints.js';
export { formatDateTime, parseDateTime, type DateTimeStyle, type ParsedDateTime } from './instants.js';
export {
  GENERATED_ERROR_STATUSES,
  type ResponseCase,
  type ResponseCaseConstraints,
  type ResponseConstraints,
} from './responses.js';
export type { GeneratedRequest, LimitRequest, RequestConstraints } from './requests.js';
export { TOLERANCE_IDS, type Deviation, type LenientVariant, type LenientVariantConstraints } from './lenient.js';
export type { BatchTimestamps, BatchTimestampsConstraints, DateTimeConstraints } from './timestamps.js';
export type { JsonObject, ShapeConstraints } from './shape.js';
export type { BatchResponseConstraints } from './envelope.js';
export type { RateLimitConstraints } from './errors.js';
export type { RecordIdConstraints, AssociationTypeIdConstraints } from './ids.js';
export type { MapConstraints } from './maps.js';
export type { BatchReadResultConstraints, MultiAssociatedObjectConstraints } from './results.js';

/**
 * Every hsac arbitrary, by name: small builders with documented defaults, smallest first. Leaves
 * (IDs, stamps, labels) compose into result items, envelopes and whole responses and requests for
 * every endpoint x version x status of the catalogue. Bad constraints throw
 * `ArbitraryConstraintError` at once, naming the bad value.
 *
 * @example
 * fc.assert(
 *   fc.property(arbitraries.batchReadResponse({ apiVersion: '2026-03', status: 207 }), (body) => decode(body)),
 * );
 */
export const arbitraries = Object.freeze({
  // Leaves
  recordId,
  numericRecordId,
  objectTypeId,
  objectTypeName,
  associationTypeId,
  associationCategory,
  pagingCursor,
  dateTime,
  batchTimestamps,
  associationLabel,
  errorMessage,
  errorCategory,
  links,
  errorContext,
  subCategoryObject,
  // Error shapes
  errorDetail,
  standardError,
  errorBody,
  rateLimitBody,
  // Result items
  associationSpecWithLabel,
  multiAssociatedObject,
  paging,
  batchReadResult,
  defaultAssociationResult,
  configurationResult,
  // Responses
  batchResponse,
  batchReadResponse,
  batchAssociateDefaultResponse,
  associateDefaultResponse,
  configurationsBatchCreateResponse,
  responseBody,
  responseCase,
  lenientVariant,
  // Requests
  batchReadRequest,
  batchReadRequestAtLimit,
  batchAssociateDefaultRequest,
  configurationsBatchCreateRequest,
  requestBody,
  request,
});

/** The name of one arbitrary builder. */
export type ArbitraryName = keyof typeof arbitraries;
