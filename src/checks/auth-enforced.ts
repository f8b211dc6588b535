import { ERROR_STATUSES, isRateLimited, isServerError } from '../catalogue/index.js';
import { checkDeclaration } from '../registry/index.js';
import { findingFor } from './support.js';
import type { ExchangeCheck } from './types.js';

/**
 * A request without a token must be refused with 401. An API that answers it has no
 * authentication on that path: the most serious finding hsac can make.
 */
export const authEnforced: ExchangeCheck = {
  ...checkDeclaration('auth-enforced'),
  exercised(observed) {
    const status = observed.exchange.response?.status;
    const judged = status !== undefined && !isServerError(status) && !isRateLimited(status);
    return observed.intent === 'no-auth' && judged ? 1 : 0;
  },
  check(observed) {
    const status = observed.exchange.response?.status;
    // A 5xx or a 429 says nothing about auth: the transport check and the rate-limit contract
    // judge those, and the probe is then not exercised.
    if (observed.intent !== 'no-auth' || status === undefined || isServerError(status)) return [];
    if (isRateLimited(status) || status === ERROR_STATUSES.unauthorized) return [];
    return [
      findingFor(observed, {
        check: this.id,
        instancePath: '',
        message: `a request without a token got ${status}, not ${ERROR_STATUSES.unauthorized}`,
        expected: ERROR_STATUSES.unauthorized,
        actual: status,
      }),
    ];
  },
};
