import { describe, expect, it } from 'vitest';
import { operation } from '../catalogue/index.js';
import type { Exchange } from '../exchange.js';
import { createValidator } from '../validate/index.js';
import { observeExchange } from './observed.js';
import { pagingTerminates } from './paging-terminates.js';
import type { ObservedExchange, ReplayedExchange } from './types.js';

/** The pages of record 101 the runner followed: each a batch read answer, with its next cursor where given. */
const context = { profile: 'strict' as const, validator: createValidator({ profile: 'strict' }) };
const STAMPS = { startedAt: '2026-11-20T09:15:02.204Z', completedAt: '2026-11-20T09:15:02.377Z' };

function page(id: number, after?: string): ObservedExchange {
  const op = operation('batch-read', '2026-03');
  const text = JSON.stringify({
    status: 'COMPLETE',
    results: [{ from: { id: '101' }, to: [], ...(after === undefined ? {} : { paging: { next: { after } } }) }],
    ...STAMPS,
  });
  const exchange: Exchange = {
    id,
    request: { method: op.method, url: `http://127.0.0.1${op.pathTemplate}`, headers: {} },
    response: { status: 200, headers: { 'content-type': 'application/json' }, body: text, bytes: text.length },
    attempts: [{ startedAt: STAMPS.startedAt, durationMs: 3 }],
    startedAt: STAMPS.startedAt,
    durationMs: 3,
  };
  return observeExchange({ operation: op, intent: 'conformance', exchange, replay: 'hsac run --seed 42' });
}

const judge = (maxPages: number, ...pages: ObservedExchange[]) =>
  pagingTerminates.check({ fromId: '101', pages, maxPages }, context);

describe('paging-terminates', () => {
  it('a cursor seen again: the page that returned it, at /results', () => {
    expect(judge(10, page(1, 'A'), page(2, 'B'), page(3, 'A'))).toEqual([
      expect.objectContaining({
        check: 'paging-terminates',
        instancePath: '/results',
        message: 'page 3 of 101 returns after="A" again: paging does not advance',
        actual: 'A',
        exchangeId: 3,
      }),
    ]);
  });

  it('a cursor still present at the page limit: the last page, expecting no more pages than the limit', () => {
    expect(judge(3, page(1, 'A'), page(2, 'B'), page(3, 'C'))).toEqual([
      expect.objectContaining({
        instancePath: '/results',
        message: '101 still has a next page after 3 pages (limit 3): paging does not end',
        expected: '<= 3 pages',
        actual: 3,
        exchangeId: 3,
      }),
    ]);
    expect(judge(4, page(1, 'A'), page(2, 'B'), page(3, 'C'))).toEqual([]);
  });

  it('paging ends at the first page without a cursor, whatever follows it', () => {
    expect(judge(3, page(1, 'A'), page(2), page(3, 'A'))).toEqual([]);
  });

  it('judges no chain of no pages', () => {
    expect(judge(0)).toEqual([]);
  });

  it('names its pages in the order sent', () => {
    expect(pagingTerminates.exchangeIds({ fromId: '101', pages: [page(4, 'A'), page(2)], maxPages: 3 })).toEqual([
      2, 4,
    ]);
  });
});

describe('paging-terminates rebuilt from a replay', () => {
  /** A re-sent page: the body it sent, and the same answer then and now. */
  const resent = (answer: ObservedExchange, sent: unknown): ReplayedExchange => ({
    endpoint: 'batch-read',
    intent: 'conformance',
    sent,
    params: {},
    now: answer,
    then: answer,
  });

  it('a second page that asks for several records is judged for the first record it names', () => {
    const asked = (after?: string) => ({ inputs: ['101', '102'].map((id) => ({ id, ...(after ? { after } : {}) })) });
    const exchanges = [resent(page(1, 'A'), asked()), resent(page(2, 'A'), asked('A'))];
    const inputs = pagingTerminates.rebuild({ exchanges, history: exchanges });
    expect(inputs.map(({ fromId, pages, maxPages }) => [fromId, pages.length, maxPages])).toEqual([['101', 2, 3]]);
  });
});
