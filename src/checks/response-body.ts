import type { Finding } from '../finding.js';
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
  caughtFaults: ['missing-completedAt', 'missing-startedAt', 'missing-results-from', 'status-cancelled', 'status-lowercase', 'wrong-type-numErrors', 'bad-datetime', 'error-missing-category', 'error-context-string', 'num-errors-mismatch', 'timestamps-unordered', 'partial-without-errors'],
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
