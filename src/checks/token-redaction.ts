import type { FindingDraft } from '../registry/finding.js';
import type { Exchange } from '../exchange.js';
import { checkDeclaration } from '../registry/index.js';
import { findingFor } from './support.js';
import type { ExchangeCheck } from './types.js';

const ID = 'token-redaction';

/** The finding for an exchange whose answer echoed the token, untagged (the caller says where). */
function echoFinding(exchange: Exchange): FindingDraft | undefined {
  const echoed = exchange.response?.echoedToken;
  if (!echoed || echoed.length === 0) return undefined;
  return {
    check: ID,
    instancePath: '',
    message: `the response echoed the access token in its ${echoed.join(' and ')} (redacted from every record hsac writes)`,
    actual: echoed,
  };
}

/**
 * The provider sent the access token back. hsac removed it from every record (by value, in every
 * encoding), but a server that echoes credentials leaks them into every proxy and log between it
 * and the client: an error under every profile, on any call, provisioning and cleanup included.
 */
export const tokenRedaction: ExchangeCheck = {
  ...checkDeclaration(ID),
  exercised(observed) {
    return observed.exchange.response ? 1 : 0;
  },
  check(observed) {
    const finding = echoFinding(observed.exchange);
    return finding ? [findingFor(observed, finding)] : [];
  },
  exercisedAuxiliary({ exchange }) {
    return exchange.response ? 1 : 0;
  },
  checkAuxiliary(observed) {
    const finding = echoFinding(observed.exchange);
    return finding ? [findingFor(observed, finding)] : [];
  },
};
