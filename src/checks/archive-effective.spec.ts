import { describe, expect, it } from 'vitest';
import { operation } from '../catalogue/index.js';
import type { Exchange } from '../exchange.js';
import { createValidator } from '../validate/index.js';
import { archiveEffective, type ArchivedPair } from './archive-effective.js';
import { observeExchange } from './observed.js';
import type { ObservedExchange } from './types.js';

/** Pairs archived with a 2xx, and the reads of their records afterwards: none may list them. */
const context = { profile: 'strict' as const, validator: createValidator({ profile: 'strict' }) };
const STAMPS = { startedAt: '2026-11-20T09:15:02.204Z', completedAt: '2026-11-20T09:15:02.377Z' };

/** A read of 101 listing `targets`, answered `status` ('no answer': a transport failure). */
function read(id: number, targets: string[], status: number | 'no answer' = 200): ObservedExchange {
  const op = operation('batch-read', '2026-03');
  const text = JSON.stringify({
    status: 'COMPLETE',
    results: [{ from: { id: '101' }, to: targets.map((to) => ({ toObjectId: to, associationTypes: [] })) }],
    ...STAMPS,
  });
  const exchange: Exchange = {
    id,
    request: { method: op.method, url: `http://127.0.0.1${op.pathTemplate}`, headers: {} },
    ...(status === 'no answer'
      ? { failure: { kind: 'reset', message: 'socket hang up' } }
      : { response: { status, headers: { 'content-type': 'application/json' }, body: text, bytes: text.length } }),
    attempts: [{ startedAt: STAMPS.startedAt, durationMs: 3 }],
    startedAt: STAMPS.startedAt,
    durationMs: 3,
  };
  return observeExchange({ operation: op, intent: 'conformance', exchange, replay: 'hsac run --seed 42' });
}

const archived: ArchivedPair[] = [{ fromId: '101', toId: '201', how: 'batch-archive', archivedBy: 1 }];

describe('archive-effective', () => {
  it('a pair still read back: the read that lists it, at /results, expecting it absent', () => {
    expect(archiveEffective.check({ archived, reads: [read(2, ['202']), read(3, ['201'])] }, context)).toEqual([
      expect.objectContaining({
        check: 'archive-effective',
        instancePath: '/results',
        message: '101 -> 201 was archived (batch-archive, answered 2xx) but is still read back',
        expected: 'absent',
        actual: '101 -> 201',
        exchangeId: 3,
      }),
    ]);
  });

  it('judges and counts where one read succeeded, though another failed', () => {
    const reads = [read(2, [], 500), read(3, ['201'])];
    expect(archiveEffective.exercised({ archived, reads })).toBe(1);
    expect(archiveEffective.check({ archived, reads }, context)).toHaveLength(1);
  });

  it('judges nothing where no read succeeded, whatever a failed one lists', () => {
    const reads = [read(2, ['201'], 500), read(3, [], 'no answer')];
    expect(archiveEffective.exercised({ archived, reads })).toBe(0);
    expect(archiveEffective.check({ archived, reads }, context)).toEqual([]);
  });

  it('names the archives, then the reads, in the order sent', () => {
    expect(archiveEffective.exchangeIds({ archived, reads: [read(4, []), read(2, [])] })).toEqual([1, 2, 4]);
  });
});
