import { describe, expect, it } from 'vitest';
import { operation, type EndpointId } from '../catalogue/index.js';
import type { Exchange } from '../exchange.js';
import { createValidator } from '../validate/index.js';
import { idempotent, type IdempotentInput } from './idempotent.js';
import { observeExchange } from './observed.js';
import type { ObservedExchange } from './types.js';

/** The same pair associated by default twice: both answers compared for it, and the reads after them. */
const context = { profile: 'strict' as const, validator: createValidator({ profile: 'strict' }) };
const STAMPS = { startedAt: '2026-11-20T09:15:02.204Z', completedAt: '2026-11-20T09:15:02.377Z' };

function answered(id: number, endpoint: EndpointId, status: number | undefined, body?: unknown): ObservedExchange {
  const op = operation(endpoint, '2026-03');
  const text = JSON.stringify(body ?? {});
  const exchange: Exchange = {
    id,
    request: { method: op.method, url: `http://127.0.0.1${op.pathTemplate}`, headers: {} },
    ...(status === undefined
      ? { failure: { kind: 'timeout', message: 'no answer' } }
      : { response: { status, headers: { 'content-type': 'application/json' }, body: text, bytes: text.length } }),
    attempts: [{ startedAt: STAMPS.startedAt, durationMs: 3 }],
    startedAt: STAMPS.startedAt,
    durationMs: 3,
  };
  return observeExchange({ operation: op, intent: 'conformance', exchange, replay: 'hsac run --seed 42' });
}

/** A PUT default's answer listing `to` of 101 with these type ids (a result each). */
const written = (id: number, results: readonly (readonly [string, number])[], status = 200) =>
  answered(id, 'associate-default', status, {
    status: 'COMPLETE',
    results: results.map(([to, typeId]) => ({
      from: { id: '101' },
      to: { id: to },
      associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId },
    })),
    ...STAMPS,
  });

/** A PUT default that got no answer (a transport failure). */
const unanswered = (id: number) => answered(id, 'associate-default', undefined);

/** A batch read of 101 listing these targets, each with its association types (none: the field left out). */
const readBack = (id: number, targets: readonly (readonly [string, number[] | undefined])[]) =>
  answered(id, 'batch-read', 200, {
    status: 'COMPLETE',
    results: [
      {
        from: { id: '101' },
        to: targets.map(([to, typeIds]) => ({
          toObjectId: to,
          ...(typeIds ? { associationTypes: typeIds.map((typeId) => ({ category: 'HUBSPOT_DEFINED', typeId })) } : {}),
        })),
      },
    ],
    ...STAMPS,
  });

const pair = { fromId: '101', toId: '201' } as const;
const judge = (input: Omit<IdempotentInput, 'fromId' | 'toId'>) => idempotent.check({ ...input, ...pair }, context);

describe('idempotent: what it compares', () => {
  it('is exercised by a repeat of a write that succeeded and listed the pair, whatever the repeat got', () => {
    const first = written(1, [['201', 279]]);
    expect(idempotent.exercised({ first, second: written(2, [], 400), ...pair })).toBe(1);
    expect(idempotent.exercised({ first, second: unanswered(2), ...pair })).toBe(0);
    expect(idempotent.exercised({ first: unanswered(1), second: first, ...pair })).toBe(0);
    expect(idempotent.exercised({ first: written(1, [['202', 279]]), second: first, ...pair })).toBe(0);
    // Only a 2xx is a write, whatever the body of another status lists.
    expect(idempotent.exercised({ first: written(1, [['201', 279]], 400), second: first, ...pair })).toBe(0);
  });

  it('judges nothing where there was no write to repeat, or the repeat got no answer', () => {
    const listed = written(1, [['201', 279]]);
    expect(judge({ first: written(1, [['201', 279]], 400), second: written(2, [], 500) })).toEqual([]);
    expect(judge({ first: unanswered(1), second: written(2, [], 500) })).toEqual([]);
    expect(judge({ first: listed, second: unanswered(2) })).toEqual([]);
  });

  it('a repeat that failed after a write that succeeded: expected the first status, met the second', () => {
    expect(judge({ first: written(1, [['201', 279]]), second: written(2, [], 409) })).toEqual([
      expect.objectContaining({
        check: 'idempotent',
        instancePath: '',
        message: 'the same associate-default request succeeded (200) and then failed (409)',
        expected: 200,
        actual: 409,
        exchangeId: 2,
      }),
    ]);
  });

  it("compares the pair's own specs, in any order, not the record's other pairs", () => {
    const first = written(1, [
      ['201', 279],
      ['201', 1],
      ['202', 279],
    ]);
    const reordered = written(2, [
      ['202', 280],
      ['201', 1],
      ['201', 279],
    ]);
    expect(judge({ first, second: reordered })).toEqual([]);
    expect(judge({ first, second: written(2, [['201', 279]]) })).toEqual([
      expect.objectContaining({
        instancePath: '/results',
        message: 'repeating associate-default changed its results',
        expected: ['HUBSPOT_DEFINED:1', 'HUBSPOT_DEFINED:279'],
        actual: ['HUBSPOT_DEFINED:279'],
      }),
    ]);
  });
});

describe('idempotent: the reads after the repeat', () => {
  const first = written(1, [['201', 279]]);
  const second = written(2, [['201', 279]]);
  const readsOf = (...reads: ObservedExchange[]) => judge({ first, second, reads });

  it("is silent on the pair read once with each type once, beside the record's other targets", () => {
    expect(
      readsOf(
        readBack(3, [
          ['201', [279]],
          ['202', [279]],
        ]),
      ),
    ).toEqual([]);
    expect(readsOf(readBack(3, [['201', undefined]]))).toEqual([]);
  });

  it('fires on the pair listed twice, whatever its types', () => {
    expect(
      readsOf(
        readBack(3, [
          ['201', [279]],
          ['201', [1]],
        ]),
      ),
    ).toEqual([
      expect.objectContaining({
        check: 'idempotent',
        instancePath: '/results',
        message: '101 -> 201 is listed more than once after a repeated associate-default',
        actual: ['HUBSPOT_DEFINED:279', 'HUBSPOT_DEFINED:1'],
        exchangeId: 3,
      }),
    ]);
    expect(
      readsOf(
        readBack(3, [
          ['201', undefined],
          ['201', undefined],
        ]),
      ),
    ).toMatchObject([{ actual: [] }]);
  });

  it('fires on a type listed twice for the pair, on each read that shows it', () => {
    const doubled = readBack(4, [['201', [279, 279]]]);
    expect(readsOf(readBack(3, [['201', [279]]]), doubled)).toEqual([
      expect.objectContaining({ actual: ['HUBSPOT_DEFINED:279', 'HUBSPOT_DEFINED:279'], exchangeId: 4 }),
    ]);
  });

  it('names the exchanges of the sequence in the order sent: the writes, then the reads', () => {
    expect(idempotent.exchangeIds({ first, second, reads: [readBack(5, []), readBack(3, [])], ...pair })).toEqual([
      1, 2, 3, 5,
    ]);
    expect(idempotent.exchangeIds({ first, second, ...pair })).toEqual([1, 2]);
  });
});
