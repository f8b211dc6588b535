import { isClientError, isRateLimited, isServerError } from '../catalogue/index.js';
import { checkDeclaration } from '../registry/index.js';
import { findingFor } from './support.js';
import type { ExchangeCheck } from './types.js';

/**
 * More inputs than the documented limit (1001 to batch read, FACTS.md §2) must be refused with a
 * 4xx. Accepting them means the limit clients pack batches by is not the real one.
 */
export const inputLimitEnforced: ExchangeCheck = {
  ...checkDeclaration('input-limit-enforced'),
  exercised(observed) {
    const status = observed.exchange.response?.status;
    const judged = status !== undefined && !isServerError(status) && !isRateLimited(status);
    return observed.intent === 'over-limit' && judged ? 1 : 0;
  },
  check(observed) {
    const status = observed.exchange.response?.status;
    // A 5xx or a 429 says nothing about the input limit: the transport check and the rate-limit
    // contract judge those, and the probe is then not exercised.
    if (observed.intent !== 'over-limit' || status === undefined) return [];
    if (isServerError(status) || isClientError(status)) return [];
    return [
      findingFor(observed, {
        check: this.id,
        instancePath: '/inputs',
        message: `${observed.operation.maxInputs ?? 'the'}+1 inputs were answered ${status}, not refused with a 4xx`,
        expected: '4xx',
        actual: status,
      }),
    ];
  },
};
