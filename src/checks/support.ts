import { field } from '../json.js';
import type { Finding, FindingDraft } from '../registry/finding.js';
import { withDeclaredSeverity } from '../registry/index.js';
import type { AuxiliaryObservedExchange, ObservedExchange, ReadAnswer } from './types.js';

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
    exchangeId: finding.exchangeId ?? observed.exchange.id,
  });
}

/**
 * The ids of a sequence's exchanges in the order they were sent (ids count up per run), each once: a sequence check's
 * `exchangeIds`, from the exchanges and the write ids its input holds.
 */
export function sentInOrder(...groups: readonly (readonly (ReadAnswer | number | undefined)[])[]): number[] {
  const ids = groups
    .flat()
    .flatMap((item) => (item === undefined ? [] : [typeof item === 'number' ? item : item.exchange.id]));
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** A lower-cased response header. */
export function header(observed: ObservedExchange, name: string): string | undefined {
  return observed.exchange.response?.headers[name.toLowerCase()];
}

/**
 * The pairs a write's answer lists in `results`: what it says it associated. A partial answer (a
 * limit reached, an unknown record) names the rest in `errors`; those were not written, so no
 * read is expected to return them.
 */
export function answeredPairs(
  observed: ObservedExchange,
  pairs: readonly (readonly [string, string])[],
): (readonly [string, string])[] {
  const listed = new Set(observed.batch.results?.map((result) => `${result.fromId}>${result.toId}`));
  return pairs.filter(([from, to]) => listed.has(`${from}>${to}`) || listed.has(`${to}>${from}`));
}

/** The default type a write answered for `fromId -> toId`, if it said. */
export function reportedType(observed: ObservedExchange, fromId: string, toId: string): number | undefined {
  for (const result of observed.batch.resultsOf(fromId)) {
    if (result.toId !== toId) continue;
    const typeId = field(field(result.raw, 'associationSpec'), 'associationTypeId');
    if (typeof typeId === 'number') return typeId;
  }
  return undefined;
}
