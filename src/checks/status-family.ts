import { isRateLimited, isServerError, isSuccess } from '../catalogue/index.js';
import { checkDeclaration } from '../registry/index.js';
import { findingFor } from './support.js';
import type { ExchangeCheck } from './types.js';

/**
 * A valid request must get a 2xx. The exact code is the validate layer's `status-code` warning
 * (200 for a declared 201 broke every SDK in 2025, FACTS.md §8, so hsac only warns); the wrong
 * family is an error. 429 and 5xx are judged by the rate-limit and transport checks.
 */
export const statusFamilyCheck: ExchangeCheck = {
  ...checkDeclaration('status-family'),
  exercised(observed) {
    const status = observed.exchange.response?.status;
    const judged = status !== undefined && !isRateLimited(status) && !isServerError(status);
    return observed.intent === 'conformance' && judged ? 1 : 0;
  },
  check(observed) {
    const status = observed.exchange.response?.status;
    if (observed.intent !== 'conformance' || status === undefined) return [];
    if (isSuccess(status) || isServerError(status) || isRateLimited(status)) return [];
    const declared = observed.operation.responses.map((r) => r.status).join('/');
    return [
      findingFor(observed, {
        check: this.id,
        instancePath: '',
        message: `a valid ${observed.operation.method} ${observed.operation.endpoint} got ${status}; ${observed.operation.apiVersion} declares ${declared}`,
        expected: declared,
        actual: status,
      }),
    ];
  },
};
