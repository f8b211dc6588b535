import type { Finding } from '../registry/finding.js';
import type { ObservedExchange } from './types.js';

/** A finding about an exchange, tagged with its endpoint, version and replay command. */
export function findingFor(observed: ObservedExchange, finding: Finding): Finding {
  return {
    ...finding,
    endpoint: finding.endpoint ?? observed.operation.endpoint,
    apiVersion: finding.apiVersion ?? observed.operation.apiVersion,
    ...(observed.replay && !finding.replay ? { replay: observed.replay } : {}),
  };
}

/** A lower-cased response header. */
export function header(observed: ObservedExchange, name: string): string | undefined {
  return observed.exchange.response?.headers[name.toLowerCase()];
}
