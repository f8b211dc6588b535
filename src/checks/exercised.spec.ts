import { describe, expect, it } from 'vitest';
import { operation, type EndpointId } from '../catalogue/index.js';
import type { Exchange } from '../exchange.js';
import { createValidator } from '../validate/index.js';
import {
  ALL_CHECKS,
  appliesTo,
  archiveEffective,
  EXCHANGE_CHECKS,
  idempotent,
  pagingTerminates,
  readAfterWrite,
} from './index.js';
import { invalidRequestRejected } from './invalid-request-rejected.js';
import { observeExchange } from './observed.js';
import type { ExchangeCheck, ExchangeIntent, ObservedExchange } from './types.js';

/**
 * "Exercised, not evaluated" (DESIGN.md): every check counts the cases in which the condition it
 * judges actually arose, and says 0 where it had nothing to judge, so a report can never call a
 * check that judged nothing a pass.
 */

const context = { profile: 'strict' as const, validator: createValidator({ profile: 'strict' }) };
const JSON_HEADERS = { 'content-type': 'application/json;charset=utf-8' };
const STAMPS = { startedAt: '2026-11-20T09:15:02.204Z', completedAt: '2026-11-20T09:15:02.377Z' };
const ERROR = {
  status: 'error',
  message: 'Invalid input JSON',
  correlationId: '3f7c2a34-6a8f-4f7a-9c55-1e0f9f6e2b11',
  category: 'VALIDATION_ERROR',
};

function observed(options: {
  endpoint?: EndpointId;
  intent?: ExchangeIntent;
  status?: number;
  body?: unknown;
  sent?: unknown;
  noResponse?: boolean;
}): ObservedExchange {
  const op = operation(options.endpoint ?? 'batch-read', '2026-03');
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const exchange: Exchange = {
    id: 1,
    request: { method: op.method, url: `http://127.0.0.1${op.pathTemplate}`, headers: {} },
    ...(options.noResponse
      ? { failure: { kind: 'reset' as const, message: 'socket hang up' } }
      : {
          response: {
            status: options.status ?? 200,
            headers: JSON_HEADERS,
            ...(body === undefined ? {} : { body }),
            bytes: body?.length ?? 0,
          },
        }),
    attempts: [{ startedAt: '2026-11-20T09:15:02.000Z', durationMs: 3 }],
    startedAt: '2026-11-20T09:15:02.000Z',
    durationMs: 3,
  };
  const sent = options.sent === undefined ? {} : { sent: options.sent };
  const intent = options.intent ?? 'conformance';
  const invalidity = 'required-removed:/inputs';
  return observeExchange({ operation: op, intent, exchange, ...sent, replay: 'hsac run --seed 42', invalidity });
}

function read(targets: Record<string, string[]>, after?: string): ObservedExchange {
  return observed({
    body: {
      status: 'COMPLETE',
      results: Object.entries(targets).map(([from, to]) => ({
        from: { id: from },
        to: to.map((id) => ({ toObjectId: id, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }] })),
        ...(after ? { paging: { next: { after } } } : {}),
      })),
      ...STAMPS,
    },
  });
}

const exchangeCheck = (id: string): ExchangeCheck => {
  const check = EXCHANGE_CHECKS.find((c) => c.id === id);
  if (!check) throw new Error(`no exchange check ${id}`);
  return check;
};

describe('the registry declares, for every check, where it applies and why it may not be exercised', () => {
  it.each(ALL_CHECKS.map((check) => [check.id, check] as const))('%s', (_id, check) => {
    expect(check.notExercisedWhy.length).toBeGreaterThan(10);
    for (const endpoint of check.endpoints ?? [])
      expect(['batch-associate-default', 'batch-read', 'configurations-batch-create', 'associate-default']).toContain(
        endpoint,
      );
  });

  it('applicability: paging only on batch read, idempotency only on writes, transport everywhere', () => {
    expect(appliesTo(pagingTerminates, 'batch-read')).toBe(true);
    expect(appliesTo(pagingTerminates, 'associate-default')).toBe(false);
    expect(appliesTo(idempotent, 'batch-read')).toBe(false);
    expect(appliesTo(exchangeCheck('transport'), 'configurations-batch-create')).toBe(true);
    expect(appliesTo(invalidRequestRejected, 'associate-default')).toBe(false);
  });
});

describe('exchange checks count only the cases that arose', () => {
  it.each([
    ['auth-enforced', observed({ intent: 'no-auth', status: 401, body: ERROR }), observed({ status: 200 })],
    // A rate-limited probe says nothing about auth or the input limit: not exercised, and no finding.
    [
      'auth-enforced',
      observed({ intent: 'no-auth', status: 401, body: ERROR }),
      observed({ intent: 'no-auth', status: 429, body: ERROR }),
    ],
    [
      'input-limit-enforced',
      observed({ intent: 'over-limit', status: 400, body: ERROR }),
      observed({ intent: 'over-limit', status: 503 }),
    ],
    [
      'input-limit-enforced',
      observed({ intent: 'over-limit', status: 400, body: ERROR }),
      observed({ intent: 'over-limit', status: 429, body: ERROR }),
    ],
    [
      'invalid-request-rejected',
      observed({ intent: 'invalid-request', status: 400, body: ERROR }),
      observed({ intent: 'conformance', status: 400, body: ERROR }),
    ],
    ['status-family', observed({ status: 200 }), observed({ intent: 'no-auth', status: 401, body: ERROR })],
    ['content-type', observed({ status: 200, body: {} }), observed({ status: 204 })],
    ['response-body', observed({ status: 200, body: {} }), observed({ status: 502, body: {} })],
    ['token-redaction', observed({ status: 200 }), observed({ noResponse: true })],
  ] as const)('%s: 1 where it arose, 0 where it did not', (id, arose, didNot) => {
    const check = exchangeCheck(id);
    expect(check.exercised(arose, context)).toBe(1);
    expect(check.exercised(didNot, context)).toBe(0);
    if (didNot.exchange.response?.status === 429) expect(check.check(didNot, context)).toEqual([]);
  });
});

describe('invalid-request-rejected', () => {
  it('is silent on a 4xx, fires on a 2xx naming how the body was broken, and ignores other intents, 429 and 5xx', () => {
    expect(
      invalidRequestRejected.check(observed({ intent: 'invalid-request', status: 400, body: ERROR }), context),
    ).toEqual([]);
    const [finding] = invalidRequestRejected.check(
      observed({ intent: 'invalid-request', status: 200, body: {} }),
      context,
    );
    expect(finding).toMatchObject({
      check: 'invalid-request-rejected',
      severity: 'error',
      actual: 200,
      endpoint: 'batch-read',
      replay: 'hsac run --seed 42',
    });
    expect(finding?.message).toContain('required-removed:/inputs');
    expect(invalidRequestRejected.check(observed({ intent: 'conformance', status: 200 }), context)).toEqual([]);
    expect(invalidRequestRejected.check(observed({ intent: 'invalid-request', status: 429 }), context)).toEqual([]);
    // A server that fails on a malformed body instead of refusing it is wrong too.
    expect(invalidRequestRejected.check(observed({ intent: 'invalid-request', status: 500 }), context)).toMatchObject([
      { check: 'invalid-request-rejected', actual: 500 },
    ]);
  });
});

describe('sequence checks count the cases their sequence held', () => {
  it('paging-terminates: a one-page read followed no cursor (0); three pages followed two', () => {
    expect(pagingTerminates.exercised({ fromId: '101', pages: [read({ '101': ['201'] })], maxPages: 50 })).toBe(0);
    expect(
      pagingTerminates.exercised({
        fromId: '101',
        pages: [read({ '101': ['201'] }, 'a'), read({ '101': ['202'] }, 'b'), read({ '101': ['203'] })],
        maxPages: 50,
      }),
    ).toBe(2);
  });

  it('read-after-write: the writes read back; none without a read', () => {
    expect(
      readAfterWrite.exercised({
        expected: [
          { fromId: '101', toId: '201' },
          { fromId: '101', toId: '202' },
        ],
        reads: [read({ '101': ['201', '202'] })],
      }),
    ).toBe(2);
    expect(readAfterWrite.exercised({ expected: [{ fromId: '101', toId: '201' }], reads: [] })).toBe(0);
  });

  it('idempotent: a repeat compared only when the first write succeeded and listed the pair', () => {
    const listed = {
      status: 'COMPLETE',
      results: [
        {
          from: { id: '101' },
          to: { id: '201' },
          associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 },
        },
      ],
      ...STAMPS,
    };
    const ok = observed({ endpoint: 'associate-default', status: 200, body: listed });
    const failed = observed({ endpoint: 'associate-default', status: 404, body: ERROR });
    // A 207 that names the pair in errors wrote nothing: comparing a repeat with it would be a false error.
    const refused = observed({
      endpoint: 'batch-associate-default',
      status: 207,
      body: {
        status: 'COMPLETE',
        results: [],
        errors: [{ ...ERROR, context: { ids: ['101'] } }],
        numErrors: 1,
        ...STAMPS,
      },
    });
    expect(idempotent.exercised({ first: ok, second: ok, fromId: '101', toId: '201' })).toBe(1);
    expect(idempotent.exercised({ first: failed, second: ok, fromId: '101', toId: '201' })).toBe(0);
    expect(idempotent.exercised({ first: refused, second: ok, fromId: '101', toId: '201' })).toBe(0);
    expect(idempotent.check({ first: refused, second: ok, fromId: '101', toId: '201' }, context)).toEqual([]);
  });
});

describe('archive-effective', () => {
  const archived = [
    { fromId: '101', toId: '201', how: 'batch-archive' as const },
    { fromId: '101', toId: '202', how: 'single-delete' as const },
  ];

  it('is silent when the archived pairs are gone, and counts them as exercised', () => {
    const reads = [read({ '101': ['203'] })];
    expect(archiveEffective.check({ archived, reads }, context)).toEqual([]);
    expect(archiveEffective.exercised({ archived, reads })).toBe(2);
  });

  it('fires for each archived pair still read back, on any page, naming how it was archived', () => {
    const findings = archiveEffective.check(
      { archived, reads: [read({ '101': ['203'] }, 'x'), read({ '101': ['201', '202'] })] },
      context,
    );
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('101 -> 201 was archived (batch-archive'),
      expect.stringContaining('101 -> 202 was archived (single-delete'),
    ]);
    expect(findings.every((f) => f.check === 'archive-effective' && f.severity === 'error')).toBe(true);
  });

  it('judges nothing without a successful read (0 exercised, no finding)', () => {
    const reads = [observed({ status: 500, body: {} })];
    expect(archiveEffective.check({ archived, reads }, context)).toEqual([]);
    expect(archiveEffective.exercised({ archived, reads })).toBe(0);
  });
});
