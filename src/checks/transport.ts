import { isServerError } from '../catalogue/index.js';
import { checkDeclaration } from '../registry/index.js';
import { findingFor } from './support.js';
import type { ExchangeCheck } from './types.js';

/**
 * An exchange that ended without a checkable answer (a reset, a timeout, an unreachable target,
 * a 5xx after every retry, a body over the size limit) is reported, never passed over: the runner
 * turns any of these into an inconclusive verdict (exit 3), so a flaky transport can never hide
 * an unchecked exchange behind a pass.
 */
export const transportCheck: ExchangeCheck = {
  ...checkDeclaration('transport'),
  // Every exchange is a case: it either ended in a checkable answer or it did not.
  exercised() {
    return 1;
  },
  check(observed) {
    const { exchange } = observed;
    const tries = `after ${exchange.attempts.length} attempt(s)`;
    if (exchange.failure) {
      return [
        findingFor(observed, {
          check: this.id,
          instancePath: '',
          message: `no checkable answer ${tries}: ${exchange.failure.kind}: ${exchange.failure.message}`,
          actual: exchange.failure.kind,
        }),
      ];
    }
    const { response } = exchange;
    if (response && isServerError(response.status)) {
      return [
        findingFor(observed, {
          check: this.id,
          instancePath: '',
          message: `the server answered ${response.status} ${tries}`,
          actual: response.status,
        }),
      ];
    }
    return [];
  },
};

/** Whether an exchange left the run unable to judge it (the runner's inconclusive rule). */
export function isUnchecked(observed: {
  readonly exchange: { readonly failure?: unknown; readonly response?: { readonly status: number } };
}): boolean {
  return observed.exchange.failure !== undefined || isServerError(observed.exchange.response?.status ?? 0);
}
