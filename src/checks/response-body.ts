import type { Finding } from '../registry/finding.js';
import { findingFor } from './support.js';
import type { ExchangeCheck } from './types.js';

/**
 * Every response body against the schema of its status under the run's profile, plus the body
 * rules (numErrors, timestamps, 207 carries errors). Findings keep the validate layer's check ids
 * (`required`, `status-enum`, `error-shape`, ...), so a report says exactly what broke.
 */
export const responseBody: ExchangeCheck = {
  id: 'response-body',
  scope: 'exchange',
  description: 'the response body conforms to the schema of its endpoint, version and status, and to the batch envelope rules',
  caughtFaults: ['missing-status', 'missing-results', 'missing-startedAt', 'missing-completedAt', 'missing-from', 'missing-to', 'missing-associationSpec', 'missing-associationCategory', 'missing-associationTypeId', 'missing-toObjectId', 'missing-associationTypes', 'missing-category', 'missing-typeId', 'missing-id', 'missing-paging-after', 'status-cancelled', 'category-not-in-enum', 'toObjectId-number', 'id-number', 'typeId-string', 'typeId-over-int32', 'startedAt-no-offset', 'completedAt-locale-string', 'requestedAt-null', 'unknown-envelope-field', 'error-missing-correlationId', 'error-correlationId-not-uuid', 'standard-error-missing-context', 'error-detail-context-string', 'standard-error-subCategory-string', 'timestamps-reversed', 'duplicate-status-key', 'num-errors-mismatch', 'multi-status-without-errors', 'rate-limit-body-missing-policyName', 'status-200-for-201', 'truncated-json'],
  notExercisedWhy: 'no answer below 500 carried a complete body to validate',
  exercised(observed) {
    const response = observed.exchange.response;
    return response && response.body !== undefined && !response.truncated && response.status < 500 ? 1 : 0;
  },
  check(observed, { validator }) {
    const response = observed.exchange.response;
    if (!response || response.body === undefined || response.truncated) return [];
    // 5xx after retries is the transport check's to report; its body is a proxy's, not HubSpot's schema.
    if (response.status >= 500) return [];
    const result = validator.validateResponseText({
      endpoint: observed.operation.endpoint,
      apiVersion: observed.operation.apiVersion,
      status: response.status,
      body: response.body,
    });
    return result.findings.map((finding: Finding) => findingFor(observed, finding));
  },
};
