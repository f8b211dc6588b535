import { describe, expect, it } from 'vitest';
import { auxiliaryOperation, isEndpointId, operation } from '../catalogue/index.js';
import type { Exchange } from '../exchange.js';
import { createValidator } from '../validate/index.js';
import { rejudgeSequence } from './index.js';
import { observeAuxiliary, observeExchange } from './observed.js';
import { archivedPairs, askedAfter, readIds, readsStopShort, requestedPairs, succeededNow } from './replayed.js';
import type { ExchangeIntent, ReplayedExchange, ReplayedSequence } from './types.js';

// The sequence checks' `rebuild`, judged through `rejudgeSequence` as `hsac replay` judges a sequence finding.

const context = { profile: 'strict' as const, validator: createValidator({ profile: 'strict' }) };
const STAMPS = { startedAt: '2026-11-20T09:15:02.204Z', completedAt: '2026-11-20T09:15:02.377Z' };

interface Step {
  readonly id: number;
  readonly endpoint: string;
  readonly sent?: unknown;
  readonly params?: Record<string, string>;
  /** The status answered (default 200), or `'no answer'`: the request failed without one. */
  readonly status?: number | 'no answer';
  /** The answer now. */
  readonly body?: unknown;
  /** The run's answer (default: the same as now). */
  readonly then?: unknown;
  readonly intent?: ExchangeIntent;
}

function exchangeOf(id: number, status: number | 'no answer', body: unknown): Exchange {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return {
    id,
    request: { method: 'POST', url: 'http://127.0.0.1/', headers: {} },
    ...(status === 'no answer'
      ? { failure: { kind: 'reset', message: 'socket hang up' } }
      : {
          response: {
            status,
            headers: { 'content-type': 'application/json' },
            ...(text === undefined ? {} : { body: text }),
            bytes: text?.length ?? 0,
          },
        }),
    attempts: [{ startedAt: STAMPS.startedAt, durationMs: 1 }],
    startedAt: STAMPS.startedAt,
    durationMs: 1,
  };
}

function step(given: Step): ReplayedExchange {
  const status = given.status ?? 200;
  const read = (body: unknown): ReplayedExchange['now'] =>
    isEndpointId(given.endpoint)
      ? observeExchange({
          operation: operation(given.endpoint, '2026-03'),
          intent: given.intent ?? 'conformance',
          exchange: exchangeOf(given.id, status, body),
          sent: given.sent,
        })
      : observeAuxiliary({
          auxiliary: auxiliaryOperation(given.endpoint, '2026-03'),
          exchange: exchangeOf(given.id, status, body),
        });
  return {
    endpoint: given.endpoint,
    intent: isEndpointId(given.endpoint) ? (given.intent ?? 'conformance') : 'auxiliary',
    sent: given.sent,
    params: given.params ?? {},
    now: read(given.body),
    then: read('then' in given ? given.then : given.body),
  };
}

/** A batch read answer: each record's targets (type 279), and its next cursor where given. */
function page(targets: Record<string, string[]>, after: Record<string, string> = {}): unknown {
  return {
    status: 'COMPLETE',
    results: Object.entries(targets).map(([from, tos]) => ({
      from: { id: from },
      to: tos.map((to) => ({ toObjectId: to, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }] })),
      ...(after[from] !== undefined ? { paging: { next: { after: after[from] } } } : {}),
    })),
    ...STAMPS,
  };
}

/** An associate-default answer listing pairs with type 279. */
function associated(pairs: readonly (readonly [string, string])[]): unknown {
  return {
    status: 'COMPLETE',
    results: pairs.map(([from, to]) => ({
      from: { id: from },
      to: { id: to },
      associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 },
    })),
    ...STAMPS,
  };
}

const sequence = (steps: readonly Step[], history: readonly Step[] = steps): ReplayedSequence => ({
  exchanges: steps.map(step),
  history: history.map(step),
});

const messages = (replayed: ReturnType<typeof rejudgeSequence>): string[] => replayed.findings.map((f) => f.message);

describe('paging-terminates rebuilt from a replay', () => {
  const first = { id: 1, endpoint: 'batch-read', sent: { inputs: [{ id: '101' }, { id: '102' }] } };
  const next = { id: 2, endpoint: 'batch-read', sent: { inputs: [{ id: '101', after: 'A' }] } };

  it('reproduces a cursor that comes back unchanged; a fixed provider whose next cursor leads on does not', () => {
    const looping = sequence([
      { ...first, body: page({ '101': ['201'] }, { '101': 'A' }) },
      { ...next, body: page({ '101': ['202'] }, { '101': 'A' }) },
    ]);
    expect(messages(rejudgeSequence('paging-terminates', looping, context))).toEqual([
      'page 2 of 101 returns after="A" again: paging does not advance',
    ]);
    const fixed = sequence([
      { ...first, body: page({ '101': ['201'] }, { '101': 'A' }) },
      { ...next, body: page({ '101': ['202'] }, { '101': 'B' }), then: page({ '101': ['202'] }, { '101': 'A' }) },
    ]);
    // The run stopped at the repeated cursor, not at its page limit: B is not paging that never ends.
    expect(rejudgeSequence('paging-terminates', fixed, context)).toEqual({ inputs: 1, findings: [] });
  });

  it('a chain the run stopped at its page limit is judged at that limit again', () => {
    const endless = sequence([
      { ...first, body: page({ '101': ['201'] }, { '101': 'A' }) },
      { ...next, body: page({ '101': ['202'] }, { '101': 'B' }) },
    ]);
    expect(messages(rejudgeSequence('paging-terminates', endless, context))).toEqual([
      '101 still has a next page after 2 pages (limit 2): paging does not end',
    ]);
  });

  it('names the findings by the sequence they judged', () => {
    const looping = sequence([
      { ...first, body: page({ '101': ['201'] }, { '101': 'A' }) },
      { ...next, body: page({ '101': ['202'] }, { '101': 'A' }) },
    ]);
    expect(rejudgeSequence('paging-terminates', looping, context).findings[0]).toMatchObject({
      exchangeId: 2,
      exchangeIds: [1, 2],
    });
  });
});

describe('paging-terminates rebuilt from a replay: which record, which limit', () => {
  const firstOf = (ids: string[], body: unknown): Step => ({
    id: 1,
    endpoint: 'batch-read',
    sent: { inputs: ids.map((id) => ({ id })) },
    body,
  });
  const nextOf = (id: number, after: string, body: unknown, then: unknown = body): Step => ({
    id,
    endpoint: 'batch-read',
    sent: { inputs: [{ id: '102', after }] },
    body,
    then,
  });

  it('the record is the one the second page asked for, the first page having asked for several', () => {
    const looping = sequence([
      firstOf(['101', '102'], page({ '101': ['201'], '102': ['202'] }, { '102': 'A' })),
      nextOf(2, 'A', page({ '102': ['203'] }, { '102': 'A' })),
    ]);
    expect(messages(rejudgeSequence('paging-terminates', looping, context))).toEqual([
      'page 2 of 102 returns after="A" again: paging does not advance',
    ]);
  });

  it('a single page is a chain only when it asked for one record', () => {
    const single = (ids: string[]) => sequence([firstOf(ids, page({ '101': ['201'] }))]);
    expect(rejudgeSequence('paging-terminates', single(['101']), context).inputs).toBe(1);
    expect(rejudgeSequence('paging-terminates', single(['101', '102']), context).inputs).toBe(0);
    expect(rejudgeSequence('paging-terminates', sequence([]), context).inputs).toBe(0);
  });

  it('a chain holding anything but pages is none', () => {
    const auxiliary: Step = { id: 2, endpoint: 'objects-batch-create', sent: { inputs: [{ id: '101' }] }, body: {} };
    const mixed = sequence([firstOf(['101'], page({ '101': ['201'] }, { '101': 'A' })), auxiliary]);
    expect(rejudgeSequence('paging-terminates', mixed, context).inputs).toBe(0);
  });

  it('the limit is the chain only where the run stopped on a fresh cursor of its last page', () => {
    // The run's third page ended the chain; now it leads on: a page more than the run read, not an endless chain.
    const longer = sequence([
      firstOf(['102'], page({ '102': ['201'] }, { '102': 'A' })),
      nextOf(2, 'A', page({ '102': ['202'] }, { '102': 'B' })),
      nextOf(3, 'B', page({ '102': ['203'] }, { '102': 'C' }), page({ '102': ['203'] })),
    ]);
    expect(rejudgeSequence('paging-terminates', longer, context)).toEqual({ inputs: 1, findings: [] });
  });
});

describe('read-after-write rebuilt from a replay', () => {
  const write = {
    id: 1,
    endpoint: 'batch-associate-default',
    sent: {
      inputs: [
        { from: { id: '101' }, to: { id: '201' } },
        { from: { id: '101' }, to: { id: '202' } },
        { from: { id: '102' }, to: { id: '203' } },
      ],
    },
    body: associated([
      ['101', '201'],
      ['101', '202'],
      ['102', '203'],
    ]),
  };
  const archive = {
    id: 2,
    endpoint: 'associations-batch-archive',
    sent: { inputs: [{ from: { id: '101' }, to: [{ id: '202' }] }] },
    status: 204,
  };
  const read = { id: 3, endpoint: 'batch-read', sent: { inputs: [{ id: '101' }] } };

  it('expects what the writes before the read associated, less what an archive removed, of the records read', () => {
    const kept = sequence([write, { ...read, body: page({ '101': ['201'] }) }], [write, archive, { ...read }]);
    expect(rejudgeSequence('read-after-write', kept, context)).toEqual({ inputs: 1, findings: [] });
    const lost = sequence([write, { ...read, body: page({ '101': [] }) }], [write, archive, read]);
    expect(messages(rejudgeSequence('read-after-write', lost, context))).toEqual([
      '101 -> 201 was associated but is not read back',
    ]);
  });

  it('a body broken on purpose associates nothing the read must show', () => {
    const broken = { ...write, intent: 'invalid-request' as const };
    const replayed = sequence([{ ...read, body: page({ '101': [] }) }], [broken, read]);
    expect(rejudgeSequence('read-after-write', replayed, context).inputs).toBe(0);
  });

  it('judges nothing on reads that now go on to a page the run never read', () => {
    const more = { ...read, body: page({ '101': ['201'] }, { '101': 'A' }), then: page({ '101': ['201'] }) };
    expect(rejudgeSequence('read-after-write', sequence([write, more]), context).inputs).toBe(0);
    expect(readsStopShort([step(more)])).toBe(true);
    expect(readsStopShort([step({ ...more, then: page({ '101': ['201'] }, { '101': 'A' }) })])).toBe(false);
  });

  it('a limit configuration is read back in the answer that created it', () => {
    const create = {
      id: 7,
      endpoint: 'configurations-batch-create',
      status: 201,
      sent: { inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 200 }] },
    };
    const shown = { ...STAMPS, status: 'COMPLETE', results: [{ typeId: 279, userEnforcedMaxToObjectIds: 200 }] };
    const kept = sequence([{ ...create, body: shown }]);
    expect(rejudgeSequence('read-after-write', kept, context)).toEqual({ inputs: 1, findings: [] });
    const empty = sequence([{ ...create, body: { ...STAMPS, status: 'COMPLETE', results: [] } }]);
    expect(messages(rejudgeSequence('read-after-write', empty, context))).toEqual([
      'configuration 279 -> max 200 was associated but is not read back',
    ]);
  });
});

describe('read-after-write rebuilt from a replay: what the run had written before the read', () => {
  const put = (id: number, to: string, status = 200, typeId = 279): Step => ({
    id,
    endpoint: 'associate-default',
    params: { fromObjectType: 'contacts', fromObjectId: '101', toObjectType: 'companies', toObjectId: to },
    status,
    body: {
      status: 'COMPLETE',
      results: [
        {
          from: { id: '101' },
          to: { id: to },
          associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId },
        },
      ],
      ...STAMPS,
    },
  });
  const read = (id: number, targets: string[]): Step => ({
    id,
    endpoint: 'batch-read',
    sent: { inputs: [{ id: '101' }] },
    body: page({ '101': targets }),
  });
  const rejudged = (steps: readonly Step[], history: readonly Step[]) =>
    rejudgeSequence('read-after-write', sequence(steps, history), context);

  it('expects the writes before the read, not those after it, nor those that fail now', () => {
    const history = [put(1, '201'), put(2, '202', 500), read(3, ['201']), put(4, '203')];
    expect(rejudged([read(3, ['201'])], history)).toEqual({ inputs: 1, findings: [] });
  });

  it("a PUT's pair whatever its answer lists; a batch's only the pairs its answer lists", () => {
    const unlisted = { ...put(1, '201'), body: { status: 'COMPLETE', results: [], ...STAMPS } };
    expect(messages(rejudged([read(2, [])], [unlisted, read(2, [])]))).toEqual([
      '101 -> 201 was associated but is not read back',
    ]);
    const batch: Step = {
      id: 1,
      endpoint: 'batch-associate-default',
      sent: {
        inputs: [
          { from: { id: '101' }, to: { id: '201' } },
          { from: { id: '101' }, to: { id: '202' } },
        ],
      },
      body: associated([['101', '201']]),
    };
    expect(rejudged([read(2, ['201'])], [batch, read(2, ['201'])])).toEqual({ inputs: 1, findings: [] });
  });

  it('expects the type the first write reported, and names that write', () => {
    const history = [put(1, '201', 200, 279), put(2, '201', 200, 280), read(3, ['201'])];
    expect(rejudged([read(3, ['201'])], history)).toEqual({ inputs: 1, findings: [] });
    // The reads show type 279: a first write that reported another is not read back with its type.
    const retyped = [put(1, '201', 200, 1), put(2, '201', 200, 279), read(3, ['201'])];
    expect(messages(rejudged([read(3, ['201'])], retyped))).toEqual([
      '101 -> 201 is read back without its default type 1 (types 279)',
    ]);
    const lost = rejudged([read(3, [])], [...history.slice(0, 2), read(3, [])]);
    expect(lost.findings).toMatchObject([
      { message: '101 -> 201 was associated but is not read back', exchangeIds: [1, 3] },
    ]);
  });

  it('a body broken on purpose archives nothing either', () => {
    const broken: Step = {
      id: 2,
      endpoint: 'batch-associate-default',
      intent: 'invalid-request',
      sent: { inputs: [{ from: { id: '101' }, to: [{ id: '201' }] }] },
      body: associated([]),
    };
    expect(messages(rejudged([read(3, [])], [put(1, '201'), broken, read(3, [])]))).toEqual([
      '101 -> 201 was associated but is not read back',
    ]);
  });

  it('a configuration create is judged alone, and only when it succeeds now', () => {
    const create = (status: number | 'no answer'): Step => ({
      id: 7,
      endpoint: 'configurations-batch-create',
      status,
      sent: { inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 200 }] },
      body: { ...STAMPS, status: 'COMPLETE', results: [] },
    });
    expect(rejudgeSequence('read-after-write', sequence([create(201)]), context).inputs).toBe(1);
    expect(rejudgeSequence('read-after-write', sequence([create(400)]), context).inputs).toBe(0);
    expect(rejudgeSequence('read-after-write', sequence([create('no answer')]), context).inputs).toBe(0);
    // Beside a read, it is a write like any other: what the read must show is judged, not its own answer.
    expect(rejudged([create(201), read(8, [])], [create(201), read(8, [])]).inputs).toBe(0);
    expect(rejudgeSequence('read-after-write', sequence([]), context).inputs).toBe(0);
  });
});

describe('idempotent rebuilt from a replay', () => {
  const put = (id: number, body: unknown): Step => ({
    id,
    endpoint: 'associate-default',
    params: { fromObjectType: 'contacts', fromObjectId: '101', toObjectType: 'companies', toObjectId: '201' },
    body,
  });

  it('compares the two writes of the pair: the same answer passes, another is a finding', () => {
    const same = sequence([put(1, associated([['101', '201']])), put(2, associated([['101', '201']]))]);
    expect(rejudgeSequence('idempotent', same, context)).toEqual({ inputs: 1, findings: [] });
    const changed = associated([['101', '201']]) as { results: { associationSpec: object }[] };
    changed.results[0] = {
      ...changed.results[0],
      associationSpec: { associationCategory: 'USER_DEFINED', associationTypeId: 1 },
    };
    const differs = sequence([put(1, associated([['101', '201']])), put(2, changed)]);
    expect(messages(rejudgeSequence('idempotent', differs, context))).toEqual([
      'repeating associate-default changed its results',
    ]);
  });

  it('a repeat in a batch is compared only where its answer lists the pair', () => {
    const batch: Step = {
      id: 2,
      endpoint: 'batch-associate-default',
      sent: { inputs: [{ from: { id: '101' }, to: { id: '201' } }] },
      body: associated([]),
    };
    expect(rejudgeSequence('idempotent', sequence([put(1, associated([['101', '201']])), batch]), context).inputs).toBe(
      0,
    );
  });
});

describe('idempotent rebuilt from a replay: which writes, which pairs, which reads', () => {
  const put = (id: number, status = 200): Step => ({
    id,
    endpoint: 'associate-default',
    params: { fromObjectType: 'contacts', fromObjectId: '101', toObjectType: 'companies', toObjectId: '201' },
    status,
    body: associated([['101', '201']]),
  });
  const batch = (id: number, pairs: readonly (readonly [string, string])[]): Step => ({
    id,
    endpoint: 'batch-associate-default',
    sent: { inputs: pairs.map(([from, to]) => ({ from: { id: from }, to: { id: to } })) },
    body: associated(pairs),
  });
  const read = (id: number, body: unknown): Step => ({
    id,
    endpoint: 'batch-read',
    sent: { inputs: [{ id: '101' }] },
    body,
  });
  const twice = page({ '101': ['201', '201'] });

  it('a batch that named the pair twice is its own repeat, judged with the reads after it', () => {
    const named = batch(1, [
      ['101', '201'],
      ['101', '201'],
    ]);
    const replayed = rejudgeSequence('idempotent', sequence([named, read(2, twice)]), context);
    expect(replayed.findings.length).toBeGreaterThan(0);
    for (const finding of replayed.findings)
      expect(finding).toMatchObject({
        message: '101 -> 201 is listed more than once after a repeated associate-default',
        exchangeIds: [1, 2],
      });
  });

  it('compares the second write with the first, a PUT whatever its answer lists', () => {
    const refused = {
      ...put(2, 409),
      body: { status: 'error', message: 'x', correlationId: 'c', category: 'CONFLICT' },
    };
    expect(messages(rejudgeSequence('idempotent', sequence([put(1), refused]), context))).toEqual([
      'the same associate-default request succeeded (200) and then failed (409)',
    ]);
  });

  it('compares only the pairs both writes asked for', () => {
    const first = batch(1, [['101', '201']]);
    const second = batch(2, [
      ['101', '201'],
      ['101', '202'],
    ]);
    expect(rejudgeSequence('idempotent', sequence([first, second]), context).inputs).toBe(1);
  });

  it('makes no repeat of reads alone, of an auxiliary call, or of reads that now stop short of the record', () => {
    expect(rejudgeSequence('idempotent', sequence([read(1, page({ '101': ['201'] }))]), context).inputs).toBe(0);
    const auxiliary: Step = { ...batch(2, [['101', '201']]), endpoint: 'objects-batch-create' };
    expect(rejudgeSequence('idempotent', sequence([put(1), auxiliary]), context).inputs).toBe(0);
    expect(rejudgeSequence('idempotent', sequence([auxiliary, put(3)]), context).inputs).toBe(0);
    const more = { ...read(3, page({ '101': ['201'] }, { '101': 'A' })), then: page({ '101': ['201'] }) };
    expect(rejudgeSequence('idempotent', sequence([put(1), put(2), more]), context).inputs).toBe(0);
    expect(
      rejudgeSequence('idempotent', sequence([put(1), put(2), { ...more, then: more.body }]), context).inputs,
    ).toBe(1);
  });
});

describe('archive-effective rebuilt from a replay', () => {
  const remove = (status: number): Step => ({
    id: 1,
    endpoint: 'association-archive-single',
    params: { fromObjectType: 'contacts', fromObjectId: '101', toObjectType: 'companies', toObjectId: '201' },
    status,
  });
  const read = (targets: string[]): Step => ({
    id: 2,
    endpoint: 'batch-read',
    sent: { inputs: [{ id: '101' }] },
    body: page({ '101': targets }),
  });

  it('a pair read back after its archive answered 2xx is a finding; one gone is not', () => {
    expect(messages(rejudgeSequence('archive-effective', sequence([remove(204), read(['201'])]), context))).toEqual([
      '101 -> 201 was archived (single-delete, answered 2xx) but is still read back',
    ]);
    expect(rejudgeSequence('archive-effective', sequence([remove(204), read([])]), context)).toEqual({
      inputs: 1,
      findings: [],
    });
  });

  it('an archive that fails now makes no sequence to judge', () => {
    expect(rejudgeSequence('archive-effective', sequence([remove(500), read(['201'])]), context).inputs).toBe(0);
  });

  it('an archive without a read after it makes none either', () => {
    expect(rejudgeSequence('archive-effective', sequence([remove(204)]), context).inputs).toBe(0);
  });

  it('only an archive removes a pair, whatever another request named', () => {
    const write: Step = {
      id: 1,
      endpoint: 'batch-associate-default',
      sent: { inputs: [{ from: { id: '101' }, to: [{ id: '201' }] }] },
      body: associated([]),
    };
    expect(rejudgeSequence('archive-effective', sequence([write, read(['201'])]), context).inputs).toBe(0);
  });
});

describe('what a re-sent request asked for, and whether it succeeded now', () => {
  const PATH = { fromObjectType: 'contacts', fromObjectId: '101', toObjectType: 'companies', toObjectId: '201' };
  const { toObjectId: _to, ...withoutTo } = PATH;
  const { fromObjectId: _from, ...withoutFrom } = PATH;

  it('readIds: the ids a batch read asked for, skipping inputs without one', () => {
    expect(readIds({ inputs: [{ id: '101' }, {}, { id: 102 }, { id: null }] })).toEqual(['101', '102']);
    expect(readIds({ inputs: 'x' })).toEqual([]);
  });

  it('askedAfter: the cursor of the first input, when it is text', () => {
    expect(askedAfter({ inputs: [{ id: '101', after: 'A' }] })).toBe('A');
    expect(askedAfter({ inputs: [{ id: '101', after: 5 }] })).toBeUndefined();
    expect(askedAfter({ inputs: [] })).toBeUndefined();
  });

  it("requestedPairs: a PUT's pair from its path, a batch's from inputs with both ids", () => {
    const put = (params: Record<string, string>) => step({ id: 1, endpoint: 'associate-default', params });
    expect(requestedPairs(put(PATH))).toEqual([['101', '201']]);
    expect(requestedPairs(put(withoutTo))).toEqual([]);
    expect(requestedPairs(put(withoutFrom))).toEqual([]);
    const inputs = [
      { from: { id: '101' }, to: { id: '201' } },
      { from: { id: '101' } },
      { to: { id: '202' } },
      { from: { id: '102' }, to: { id: 203 } },
    ];
    expect(requestedPairs(step({ id: 1, endpoint: 'batch-associate-default', sent: { inputs } }))).toEqual([
      ['101', '201'],
      ['102', '203'],
    ]);
  });

  it("archivedPairs: a DELETE's pair from its path, a batch archive's from each input's from and to list", () => {
    const single = (params: Record<string, string>) => step({ id: 1, endpoint: 'association-archive-single', params });
    expect(archivedPairs(single(PATH))).toEqual([['101', '201']]);
    expect(archivedPairs(single(withoutTo))).toEqual([]);
    const inputs = [
      { from: { id: '101' }, to: [{ id: '201' }, {}, { id: 202 }] },
      { from: { id: '102' }, to: { id: '203' } },
      { to: [{ id: '204' }] },
    ];
    expect(archivedPairs(step({ id: 1, endpoint: 'associations-batch-archive', sent: { inputs } }))).toEqual([
      ['101', '201'],
      ['101', '202'],
    ]);
  });

  it('succeededNow: a 2xx now; not another status, nor no answer', () => {
    expect(succeededNow(step({ id: 1, endpoint: 'batch-read', status: 204 }))).toBe(true);
    expect(succeededNow(step({ id: 1, endpoint: 'batch-read', status: 404 }))).toBe(false);
    expect(succeededNow(step({ id: 1, endpoint: 'batch-read', status: 'no answer' }))).toBe(false);
  });

  it("readsStopShort: only where a record's last page now leads on and the run's did not", () => {
    const sent = { inputs: [{ id: '101', after: 'A' }] };
    const lastPage = (now: string | undefined, then: string | undefined): ReplayedExchange =>
      step({
        id: 2,
        endpoint: 'batch-read',
        sent,
        body: page({ '101': ['201'] }, now === undefined ? {} : { '101': now }),
        then: page({ '101': ['201'] }, then === undefined ? {} : { '101': then }),
      });
    expect(readsStopShort([lastPage('B', undefined)])).toBe(true);
    expect(readsStopShort([lastPage('B', 'A')])).toBe(true);
    // The run's page looped (or ended); now it ends (or loops): no page the replay cannot read.
    expect(readsStopShort([lastPage(undefined, 'A')])).toBe(false);
    expect(readsStopShort([lastPage('A', undefined)])).toBe(false);
    expect(readsStopShort([lastPage('B', 'C')])).toBe(false);
    // Only batch reads are pages.
    const auxiliary = step({
      id: 3,
      endpoint: 'objects-batch-create',
      sent,
      body: page({ '101': ['201'] }, { '101': 'B' }),
      then: page({ '101': ['201'] }),
    });
    expect(readsStopShort([auxiliary])).toBe(false);
  });
});
