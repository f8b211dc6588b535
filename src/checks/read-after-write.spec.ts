import { describe, expect, it } from 'vitest';
import { operation, type EndpointId } from '../catalogue/index.js';
import type { Exchange } from '../exchange.js';
import { createValidator } from '../validate/index.js';
import { observeExchange } from './observed.js';
import { configurationReadBack, readAfterWrite } from './read-after-write.js';
import type { ObservedExchange } from './types.js';

/** What was written, read back on every page of the record, with the default type the write reported. */
const context = { profile: 'strict' as const, validator: createValidator({ profile: 'strict' }) };
const STAMPS = { startedAt: '2026-11-20T09:15:02.204Z', completedAt: '2026-11-20T09:15:02.377Z' };

function answered(id: number, endpoint: EndpointId, body: unknown, sent?: unknown): ObservedExchange {
  const op = operation(endpoint, '2026-03');
  const text = JSON.stringify(body);
  const exchange: Exchange = {
    id,
    request: { method: op.method, url: `http://127.0.0.1${op.pathTemplate}`, headers: {} },
    response: { status: 200, headers: { 'content-type': 'application/json' }, body: text, bytes: text.length },
    attempts: [{ startedAt: STAMPS.startedAt, durationMs: 3 }],
    startedAt: STAMPS.startedAt,
    durationMs: 3,
  };
  return observeExchange({ operation: op, intent: 'conformance', exchange, sent, replay: 'hsac run --seed 42' });
}

/** A page of 101's targets: each a toObjectId (any JSON) and its type ids (none: the field left out). */
const page = (id: number, targets: readonly (readonly [unknown, unknown[] | undefined])[]) =>
  answered(id, 'batch-read', {
    status: 'COMPLETE',
    results: [
      {
        from: { id: '101' },
        to: targets.map(([to, typeIds]) => ({
          ...(to === undefined ? {} : { toObjectId: to }),
          ...(typeIds ? { associationTypes: typeIds.map((typeId) => ({ category: 'HUBSPOT_DEFINED', typeId })) } : {}),
        })),
      },
    ],
    ...STAMPS,
  });

describe('read-after-write: each association written is read back', () => {
  it('on any page of the record, with its default type where the write reported one', () => {
    const pages = [page(3, [['202', [279]]]), page(4, [['201', [1, 279]]])];
    expect(
      readAfterWrite.check({ expected: [{ fromId: '101', toId: '201', typeId: 279 }], reads: pages }, context),
    ).toEqual([]);
    // A write that reported no type is read back with any.
    expect(readAfterWrite.check({ expected: [{ fromId: '101', toId: '201' }], reads: pages }, context)).toEqual([]);
    // A typeId sent as a digit string is the same type.
    const asText = [page(3, [['201', ['279']]])];
    expect(
      readAfterWrite.check({ expected: [{ fromId: '101', toId: '201', typeId: 279 }], reads: asText }, context),
    ).toEqual([]);
  });

  it('a pair not read back: pointed at /results of the first read', () => {
    const reads = [page(3, [['202', [279]]]), page(4, [])];
    expect(readAfterWrite.check({ expected: [{ fromId: '101', toId: '201' }], reads }, context)).toEqual([
      expect.objectContaining({
        check: 'read-after-write',
        instancePath: '/results',
        message: '101 -> 201 was associated but is not read back',
        expected: '101 -> 201',
        actual: 'absent',
        exchangeId: 3,
      }),
    ]);
  });

  it('a target without a toObjectId reads back no pair, not even one whose ID reads "undefined"', () => {
    const reads = [page(3, [[undefined, [279]]])];
    expect(readAfterWrite.check({ expected: [{ fromId: '101', toId: 'undefined' }], reads }, context)).toMatchObject([
      { actual: 'absent' },
    ]);
  });

  it('a pair read back without its default type: the types it has, or none', () => {
    const expected = [{ fromId: '101', toId: '201', typeId: 279 }];
    expect(readAfterWrite.check({ expected, reads: [page(3, [['201', [1, 2]]])] }, context)).toEqual([
      expect.objectContaining({
        instancePath: '/results',
        message: '101 -> 201 is read back without its default type 279 (types 1, 2)',
        expected: 279,
        actual: [1, 2],
      }),
    ]);
    expect(readAfterWrite.check({ expected, reads: [page(3, [['201', undefined]])] }, context)).toEqual([
      expect.objectContaining({
        message: '101 -> 201 is read back without its default type 279 (types none)',
        actual: [],
      }),
    ]);
  });

  it('judges nothing without a read', () => {
    expect(readAfterWrite.check({ expected: [{ fromId: '101', toId: '201' }], reads: [] }, context)).toEqual([]);
    expect(readAfterWrite.exercised({ expected: [{ fromId: '101', toId: '201' }], reads: [] })).toBe(0);
  });

  it('names the writes it expects from, then its reads, in the order sent', () => {
    const expected = [
      { fromId: '101', toId: '201', writtenBy: 2 },
      { fromId: '101', toId: '202' },
    ];
    expect(readAfterWrite.exchangeIds({ expected, reads: [page(5, []), page(3, [])] })).toEqual([2, 3, 5]);
  });
});

describe('configurationReadBack: a limit configuration read back in the answer that created it', () => {
  const created = (results: unknown) =>
    answered(
      7,
      'configurations-batch-create',
      { status: 'COMPLETE', ...(results === undefined ? {} : { results }), ...STAMPS },
      { inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 200 }] },
    );
  const expectedOf = (results: unknown) => configurationReadBack(created(results)).expected;
  const unreflected = [{ fromId: 'configuration 279', toId: 'max 200' }];

  it('is reflected by a result with both its typeId and its limit', () => {
    expect(
      expectedOf([
        { typeId: 1, userEnforcedMaxToObjectIds: 5 },
        { typeId: 279, userEnforcedMaxToObjectIds: 200 },
      ]),
    ).toEqual([]);
    expect(configurationReadBack(created([])).writes).toBe(1);
  });

  it('is not reflected by the typeId with another limit, the limit on another typeId, or no results', () => {
    expect(expectedOf([{ typeId: 279, userEnforcedMaxToObjectIds: 100 }])).toEqual(unreflected);
    expect(expectedOf([{ typeId: 280, userEnforcedMaxToObjectIds: 200 }])).toEqual(unreflected);
    expect(expectedOf(undefined)).toEqual(unreflected);
  });
});
