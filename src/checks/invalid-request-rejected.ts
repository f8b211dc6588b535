import { isClientError, isRateLimited, isServerError } from '../catalogue/index.js';
import { checkDeclaration } from '../registry/index.js';
import { findingFor } from './support.js';
import type { ExchangeCheck } from './types.js';

/**
 * A request body the spec makes invalid (no `inputs`, an input without its id, a field of a type
 * no backend can coerce) must be refused with a 4xx. An API that answers it with a 2xx has either
 * guessed what the client meant or dropped the input in silence; either way a client bug goes
 * unnoticed. The 4xx body itself is judged by `response-body` against the version's `Error`.
 */
export const invalidRequestRejected: ExchangeCheck = {
  ...checkDeclaration('invalid-request-rejected'),
  exercised(observed) {
    const status = observed.exchange.response?.status;
    const answered = status !== undefined && !isRateLimited(status);
    return observed.intent === 'invalid-request' && answered ? 1 : 0;
  },
  check(observed) {
    const status = observed.exchange.response?.status;
    if (observed.intent !== 'invalid-request' || status === undefined) return [];
    // A 429 is a 4xx too: a refusal that says nothing about the body, judged by the rate-limit contract.
    if (isClientError(status)) return [];
    // Still a 5xx after every retry, for a body the client got wrong: the server failed where it had to say what was
    // wrong (a client cannot tell this from an outage, and retries it).
    const retried = isServerError(status) ? ` after ${observed.exchange.attempts.length} attempt(s)` : '';
    return [
      findingFor(observed, {
        check: this.id,
        instancePath: '',
        message: `an invalid ${observed.operation.endpoint} body (${observed.invalidity ?? 'breaks the request schema'}) was answered ${status}${retried}, not refused with a 4xx`,
        expected: '4xx',
        actual: status,
      }),
    ];
  },
};
