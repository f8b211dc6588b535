import { findingFor } from './support.js';
import type { ExchangeCheck } from './types.js';

/**
 * A request without a token must be refused with 401. An API that answers it has no
 * authentication on that path: the most serious finding hsac can make.
 */
export const authEnforced: ExchangeCheck = {
  id: 'auth-enforced',
  scope: 'exchange',
  description: 'a request without a token gets 401',
  caughtFaults: ['auth-not-enforced'],
  notExercisedWhy: 'no request without a token got an answer other than a 429 or 5xx (the no-token probes were not sent, rate-limited or unanswered)',
  exercised(observed) {
    const status = observed.exchange.response?.status;
    return observed.intent === 'no-auth' && status !== undefined && status < 500 && status !== 429 ? 1 : 0;
  },
  check(observed) {
    const status = observed.exchange.response?.status;
    // A 5xx or a 429 says nothing about auth: the transport check and the rate-limit contract
    // judge those, and the probe is then not exercised.
    if (observed.intent !== 'no-auth' || status === undefined || status >= 500 || status === 429 || status === 401) return [];
    return [
      findingFor(observed, {
        check: this.id,
        severity: 'error',
        instancePath: '',
        message: `a request without a token got ${status}, not 401`,
        expected: 401,
        actual: status,
      }),
    ];
  },
};
