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
  notExercisedWhy: 'no request without a token got an answer (the no-token probes were not sent or got no response)',
  exercised(observed) {
    const status = observed.exchange.response?.status;
    return observed.intent === 'no-auth' && status !== undefined && status < 500 ? 1 : 0;
  },
  check(observed) {
    const status = observed.exchange.response?.status;
    // A 5xx says nothing about auth or limits: the transport check reports it (inconclusive).
    if (observed.intent !== 'no-auth' || status === undefined || status >= 500 || status === 401) return [];
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
