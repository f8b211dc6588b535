import { findingFor } from './support.js';
import type { ExchangeCheck } from './types.js';

/**
 * The provider sent the access token back. hsac removed it from every record (by value, in every
 * encoding), but a server that echoes credentials leaks them into every proxy and log between it
 * and the client: an error under every profile.
 */
export const tokenRedaction: ExchangeCheck = {
  id: 'token-redaction',
  scope: 'exchange',
  description: 'the provider never echoes the access token',
  caughtFaults: ['token-echo-header', 'token-echo-body', 'token-echo-error-message'],
  check(observed) {
    const echoed = observed.exchange.response?.echoedToken;
    if (!echoed || echoed.length === 0) return [];
    return [
      findingFor(observed, {
        check: this.id,
        severity: 'error',
        instancePath: '',
        message: `the response echoed the access token in its ${echoed.join(' and ')} (redacted from every record hsac writes)`,
        actual: echoed,
      }),
    ];
  },
};
