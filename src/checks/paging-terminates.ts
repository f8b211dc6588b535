import type { Finding } from '../registry/finding.js';
import { field, findingFor, responseJson } from './support.js';
import type { ObservedExchange, SequenceCheck } from './types.js';

/** The pages of one record's associations, in the order the runner fetched them. */
export interface PagingInput {
  readonly fromId: string;
  readonly pages: readonly ObservedExchange[];
  /** Most pages the runner would follow; reaching it with `after` still present means paging never ends. */
  readonly maxPages: number;
}

/** The `paging.next.after` of `fromId`'s result in one page, or undefined at the last page. */
export function nextAfter(page: ObservedExchange, fromId: string): string | undefined {
  const results = field(responseJson(page), 'results');
  if (!Array.isArray(results)) return undefined;
  const result = results.find((r) => String(field(field(r, 'from'), 'id')) === fromId);
  const after = field(field(field(result, 'paging'), 'next'), 'after');
  return typeof after === 'string' ? after : undefined;
}

/**
 * Paging ends and `after` advances (FACTS.md §2: "paging is present only if there are more
 * pages"; hubspot-api-python#187 looped forever on an `after` that was ignored). A cursor seen
 * twice means a loop; a cursor still present at the page limit means paging never ends.
 */
export const pagingTerminates: SequenceCheck<PagingInput> = {
  id: 'paging-terminates',
  scope: 'sequence',
  description: 'paging with after advances and ends',
  caughtFaults: ['paging-never-ends', 'paging-not-advancing'],
  endpoints: ['batch-read'],
  notExercisedWhy: 'no read of a record came back with a next page, so no cursor was followed (hsac builds a wide record to force one; see the wide-record requests)',
  /** Next pages followed: a chain of one page followed no cursor, so it proves nothing about paging. */
  exercised({ pages }) {
    return Math.max(0, pages.length - 1);
  },
  check({ fromId, pages, maxPages }) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const [index, page] of pages.entries()) {
      const after = nextAfter(page, fromId);
      if (after === undefined) return findings;
      if (seen.has(after)) {
        findings.push(findingFor(page, { check: this.id, severity: 'error', instancePath: '/results', message: `page ${index + 1} of ${fromId} returns after="${after}" again: paging does not advance`, actual: after }));
        return findings;
      }
      seen.add(after);
    }
    const last = pages.at(-1);
    if (last && pages.length >= maxPages && nextAfter(last, fromId) !== undefined) {
      findings.push(findingFor(last, { check: this.id, severity: 'error', instancePath: '/results', message: `${fromId} still has a next page after ${pages.length} pages (limit ${maxPages}): paging does not end`, expected: `<= ${maxPages} pages`, actual: pages.length }));
    }
    return findings;
  },
};
