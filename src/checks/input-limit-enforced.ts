import { findingFor } from './support.js';
import type { ExchangeCheck } from './types.js';

/**
 * More inputs than the documented limit (1001 to batch read, FACTS.md §2) must be refused with a
 * 4xx. Accepting them means the limit clients pack batches by is not the real one.
 */
export const inputLimitEnforced: ExchangeCheck = {
  id: 'input-limit-enforced',
  scope: 'exchange',
  description: 'a batch over the documented input limit gets a 4xx',
  caughtFaults: ['input-limit-not-enforced'],
  // Only batch read has a documented input limit (FACTS.md §2); the others have none to probe.
  endpoints: ['batch-read'],
  notExercisedWhy: 'the over-limit probe (1001 inputs to batch read) was not sent, or got a 429, a 5xx or no answer',
  exercised(observed) {
    const status = observed.exchange.response?.status;
    return observed.intent === 'over-limit' && status !== undefined && status < 500 && status !== 429 ? 1 : 0;
  },
  check(observed) {
    const status = observed.exchange.response?.status;
    // A 5xx or a 429 says nothing about the input limit: the transport check and the rate-limit
    // contract judge those, and the probe is then not exercised.
    if (observed.intent !== 'over-limit' || status === undefined || status >= 500 || status === 429 || (status >= 400 && status < 500)) return [];
    return [
      findingFor(observed, {
        check: this.id,
        severity: 'error',
        instancePath: '/inputs',
        message: `${observed.operation.maxInputs ?? 'the'}+1 inputs were answered ${status}, not refused with a 4xx`,
        expected: '4xx',
        actual: status,
      }),
    ];
  },
};
