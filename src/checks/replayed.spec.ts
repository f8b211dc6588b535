import { describe, expect, it } from 'vitest';
import { auxiliaryOperation, isEndpointId, operation } from '../catalogue/index.js';
import type { Exchange } from '../exchange.js';
import { createValidator } from '../validate/index.js';
import { rejudgeSequence } from './index.js';
import { observeAuxiliary, observeExchange } from './observed.js';
import { readsStopShort } from './replayed.js';
import type { ExchangeIntent, ReplayedExchange, ReplayedSequence } from './types.js';

// The sequence checks' `rebuild`, judged through `rejudgeSequence` as `hsac replay` judges a sequence finding.

const context = { profile: 'strict' as const, validator: createValidator({ profile: 'strict' }) };
const STAMPS = { startedAt: '2026-11-20T09:15:02.204Z', completedAt: '2026-11-20T09:15:02.377Z' };

interface Step {
  readonly id: number;
  readonly endpoint: string;
  readonly sent?: unknown;
  readonly params?: Record<string, string>;
  readonly status?: number;
  /** The answer now. */
  readonly body?: unknown;
  /** The run's answer (default: the same as now). */
  readonly then?: unknown;
  readonly intent?: ExchangeIntent;
}

function exchangeOf(id: number, status: number, body: unknown): Exchange {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return {
    id,
    request: { method: 'POST', url: 'http://127.0.0.1/', headers: {} },
    response: {
      status,
      headers: { 'content-type': 'application/json' },
      ...(text === undefined ? {} : { body: text }),
      bytes: text?.length ?? 0,
    },
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
});
