import type { Finding, FindingDraft } from '../registry/finding.js';
import { withDeclaredSeverity } from '../registry/index.js';
import type { AuxiliaryObservedExchange, ObservedExchange } from './types.js';

/**
 * A finding about an answer, tagged with where it was met (an endpoint under test, or an auxiliary
 * call by its operation id), its API version and replay command, and graded by its check's declared
 * severity unless it states one.
 */
export function findingFor(observed: ObservedExchange | AuxiliaryObservedExchange, finding: FindingDraft): Finding {
  const [endpoint, apiVersion] =
    'operation' in observed
      ? [observed.operation.endpoint, observed.operation.apiVersion]
      : [observed.auxiliary.id, observed.auxiliary.apiVersion];
  return withDeclaredSeverity({
    ...finding,
    endpoint: finding.endpoint ?? endpoint,
    apiVersion: finding.apiVersion ?? apiVersion,
    ...(observed.replay && !finding.replay ? { replay: observed.replay } : {}),
  });
}

/** A lower-cased response header. */
export function header(observed: ObservedExchange, name: string): string | undefined {
  return observed.exchange.response?.headers[name.toLowerCase()];
}
