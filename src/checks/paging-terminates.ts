import type { Finding } from '../registry/finding.js';
import { shown } from '../json.js';
import { checkDeclaration } from '../registry/index.js';
import { answersOf, askedAfter, readIds } from './replayed.js';
import { findingFor, sentInOrder } from './support.js';
import type { ObservedExchange, ReplayedSequence, SequenceCheck } from './types.js';

/** The pages of one record's associations, in the order the runner fetched them. */
export interface PagingInput {
  readonly fromId: string;
  readonly pages: readonly ObservedExchange[];
  /** Most pages the runner would follow; reaching it with `after` still present means paging never ends. */
  readonly maxPages: number;
}

/**
 * The input of a replayed chain of pages: the record is the one the second page asked for (a first page may ask for
 * several). The run followed pages until the cursor ended, came back unchanged, or the page limit; only a chain that
 * stopped on a fresh cursor stopped at the limit, and only then is the limit the chain's length: a replay of a chain
 * cut short by a loop must not read a fixed provider's next cursor as paging that never ends.
 */
function rebuildPaging({ exchanges }: ReplayedSequence): PagingInput[] {
  const pages = answersOf(exchanges, 'batch-read');
  const [first, second] = exchanges;
  const asked = readIds(second?.sent ?? first?.sent);
  const fromId = second !== undefined || asked.length === 1 ? asked[0] : undefined;
  if (fromId === undefined || pages.length !== exchanges.length) return [];
  const last = exchanges.at(-1);
  // Stryker disable next-line ConditionalExpression,ArrayDeclaration: a record was asked for, so a page was sent
  if (last === undefined) return [];
  const recordedNext = last.then.batch.nextAfter(fromId);
  const stoppedAtLimit = recordedNext !== undefined && recordedNext !== askedAfter(last.sent);
  return [{ fromId, pages, maxPages: stoppedAtLimit ? pages.length : pages.length + 1 }];
}

/**
 * Paging ends and `after` advances (FACTS.md §2: "paging is present only if there are more
 * pages"; hubspot-api-python#187 looped forever on an `after` that was ignored). A cursor seen
 * twice means a loop; a cursor still present at the page limit means paging never ends.
 */
export const pagingTerminates: SequenceCheck<PagingInput> = {
  ...checkDeclaration('paging-terminates'),
  exchangeIds({ pages }) {
    return sentInOrder(pages);
  },
  rebuild: rebuildPaging,
  /** Next pages followed: a chain of one page followed no cursor, so it proves nothing about paging. */
  exercised({ pages }) {
    return Math.max(0, pages.length - 1);
  },
  check({ fromId, pages, maxPages }) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const [index, page] of pages.entries()) {
      const after = page.batch.nextAfter(fromId);
      if (after === undefined) return findings;
      if (seen.has(after)) {
        findings.push(
          findingFor(page, {
            check: this.id,
            instancePath: '/results',
            message: `page ${index + 1} of ${fromId} returns after="${shown(after)}" again: paging does not advance`,
            actual: after,
          }),
        );
        return findings;
      }
      seen.add(after);
    }
    // Every page came with a fresh cursor (the loop returned at the first without one): the last one too.
    const last = pages.at(-1);
    if (last && pages.length >= maxPages) {
      findings.push(
        findingFor(last, {
          check: this.id,
          instancePath: '/results',
          message: `${fromId} still has a next page after ${pages.length} pages (limit ${maxPages}): paging does not end`,
          expected: `<= ${maxPages} pages`,
          actual: pages.length,
        }),
      );
    }
    return findings;
  },
};
