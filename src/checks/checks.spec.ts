import { describe, expect, it } from 'vitest';
import { operation, type EndpointId } from '../catalogue/index.js';
import type { Exchange } from '../exchange.js';
import { createValidator } from '../validate/index.js';
import { ALL_CHECKS, checkExchange, EXCHANGE_CHECKS, idempotent, pagingTerminates, readAfterWrite } from './index.js';
import { invalidRequestRejected } from './invalid-request-rejected.js';
import { observeExchange } from './observed.js';
import type { ExchangeIntent, ObservedExchange } from './types.js';

const context = { profile: 'strict' as const, validator: createValidator({ profile: 'strict' }) };
const JSON_HEADERS = { 'content-type': 'application/json;charset=utf-8' };
const STAMPS = { startedAt: '2026-11-20T09:15:02.204Z', completedAt: '2026-11-20T09:15:02.377Z' };

function observed(options: {
  endpoint?: EndpointId;
  intent?: ExchangeIntent;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  sent?: unknown;
  failure?: Exchange['failure'];
  echoedToken?: ('headers' | 'body')[];
}): ObservedExchange {
  const op = operation(options.endpoint ?? 'batch-read', '2026-03');
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  const exchange: Exchange = {
    id: 1,
    request: { method: op.method, url: `http://127.0.0.1${op.pathTemplate}`, headers: {} },
    ...(options.failure
      ? { failure: options.failure }
      : {
          response: {
            status: options.status ?? 200,
            headers: options.headers ?? JSON_HEADERS,
            ...(body === undefined ? {} : { body }),
            bytes: body?.length ?? 0,
            ...(options.echoedToken ? { echoedToken: options.echoedToken } : {}),
          },
        }),
    attempts: [{ startedAt: '2026-11-20T09:15:02.000Z', durationMs: 3 }],
    startedAt: '2026-11-20T09:15:02.000Z',
    durationMs: 3,
  };
  const intent = options.intent ?? 'conformance';
  return observeExchange({ operation: op, intent, exchange, sent: options.sent, replay: 'hsac run --seed 42' });
}

function readBody(pairs: Record<string, { to: string; typeId: number }[]>, after?: Record<string, string>): unknown {
  return {
    status: 'COMPLETE',
    results: Object.entries(pairs).map(([from, targets]) => ({
      from: { id: from },
      to: targets.map((t) => ({
        toObjectId: t.to,
        associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: t.typeId }],
      })),
      ...(after?.[from] ? { paging: { next: { after: after[from] } } } : {}),
    })),
    ...STAMPS,
  };
}

const checksOf = (o: ObservedExchange): string[] => checkExchange(o, context).map((f) => f.check);

describe('a clean exchange raises nothing', () => {
  it('batch read 200 with every input accounted for', () => {
    const clean = observed({
      body: readBody({ '101': [{ to: '201', typeId: 279 }] }),
      sent: { inputs: [{ id: '101' }] },
    });
    expect(checkExchange(clean, context)).toEqual([]);
  });
});

describe('each exchange check fires on its fault, with the replay command', () => {
  const base = { body: readBody({ '101': [{ to: '201', typeId: 279 }] }), sent: { inputs: [{ id: '101' }] } };
  it.each([
    ['transport', observed({ failure: { kind: 'reset', message: 'socket hang up' } })],
    ['transport', observed({ ...base, status: 503 })],
    ['token-redaction', observed({ ...base, echoedToken: ['headers'] })],
    [
      'status-family',
      observed({
        ...base,
        status: 404,
        body: {
          status: 'error',
          message: 'x',
          correlationId: '3f7c2a34-6a8f-4f7a-9c55-1e0f9f6e2b11',
          category: 'OBJECT_NOT_FOUND',
        },
      }),
    ],
    ['content-type', observed({ ...base, headers: { 'content-type': 'text/plain' } })],
    ['content-type', observed({ ...base, headers: {} })],
    ['required', observed({ ...base, body: { status: 'COMPLETE', results: [], startedAt: STAMPS.startedAt } })],
    ['inputs-accounted', observed({ ...base, sent: { inputs: [{ id: '101' }, { id: '102' }] } })],
    ['auth-enforced', observed({ ...base, intent: 'no-auth' })],
    ['input-limit-enforced', observed({ ...base, intent: 'over-limit' })],
    [
      'rate-limit-contract',
      observed({
        ...base,
        headers: { ...JSON_HEADERS, 'x-hubspot-ratelimit-max': '100', 'x-hubspot-ratelimit-remaining': '101' },
      }),
    ],
    [
      'rate-limit-contract',
      observed({
        ...base,
        status: 429,
        body: {
          status: 'error',
          message: 'You have reached your ten_secondly_rolling limit.',
          errorType: 'RATE_LIMIT',
          correlationId: '3f7c2a34-6a8f-4f7a-9c55-1e0f9f6e2b11',
          policyName: 'TEN_SECONDLY_ROLLING',
          requestId: '3f7c2a34-6a8f-4f7a-9c55-1e0f9f6e2b12',
        },
      }),
    ],
  ])('%s', (check, exchange) => {
    const findings = checkExchange(exchange, context).filter((f) => f.check === check);
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings)
      expect(finding).toMatchObject({ endpoint: 'batch-read', apiVersion: '2026-03', replay: 'hsac run --seed 42' });
  });

  it('an input named by an error is accounted for; "1" is not named by an error about "10"', () => {
    const body = {
      ...(readBody({ '101': [] }) as object),
      errors: [
        {
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          message: 'No contact 10',
          context: { ids: ['10'] },
          errors: [],
          links: {},
        },
      ],
      numErrors: 1,
    };
    expect(checksOf(observed({ status: 207, body, sent: { inputs: [{ id: '101' }, { id: '10' }] } }))).not.toContain(
      'inputs-accounted',
    );
    expect(checksOf(observed({ status: 207, body, sent: { inputs: [{ id: '101' }, { id: '1' }] } }))).toContain(
      'inputs-accounted',
    );
  });

  it('a 401 to a request without a token, and a 400 to one over the limit, are right', () => {
    const error = {
      status: 'error',
      message: 'Authentication credentials not found.',
      correlationId: '3f7c2a34-6a8f-4f7a-9c55-1e0f9f6e2b11',
      category: 'INVALID_AUTHENTICATION',
    };
    expect(checkExchange(observed({ intent: 'no-auth', status: 401, body: error }), context)).toEqual([]);
    expect(
      checkExchange(
        observed({ intent: 'over-limit', status: 400, body: { ...error, category: 'VALIDATION_ERROR' } }),
        context,
      ),
    ).toEqual([]);
  });
});

describe('checkExchange', () => {
  it('runs only the checks that apply to the endpoint', () => {
    // An invalid body is never sent to PUT default: the check does not apply there, whatever the exchange says.
    const put = observed({ endpoint: 'associate-default', intent: 'invalid-request', status: 200, body: {} });
    expect(invalidRequestRejected.check(put, context)).toHaveLength(1);
    expect(checksOf(put)).not.toContain('invalid-request-rejected');
  });
});

describe('sequence checks', () => {
  const page = (after?: string): ObservedExchange =>
    observed({ body: readBody({ '101': [{ to: '201', typeId: 279 }] }, after ? { '101': after } : undefined) });

  it('paging-terminates: silent on an ending chain, fires on a repeated cursor and on a chain that never ends', () => {
    expect(
      pagingTerminates.check({ fromId: '101', pages: [page('a'), page('b'), page()], maxPages: 10 }, context),
    ).toEqual([]);
    expect(
      pagingTerminates.check({ fromId: '101', pages: [page('a'), page('a')], maxPages: 10 }, context),
    ).toHaveLength(1);
    expect(
      pagingTerminates.check({ fromId: '101', pages: [page('a'), page('b'), page('c')], maxPages: 3 }, context),
    ).toHaveLength(1);
  });

  it('read-after-write: silent when the pair is read back with its type, fires when lost or mistyped', () => {
    const reads = [observed({ body: readBody({ '101': [{ to: '201', typeId: 279 }] }) })];
    expect(readAfterWrite.check({ expected: [{ fromId: '101', toId: '201', typeId: 279 }], reads }, context)).toEqual(
      [],
    );
    expect(readAfterWrite.check({ expected: [{ fromId: '101', toId: '202' }], reads }, context)).toHaveLength(1);
    expect(
      readAfterWrite.check({ expected: [{ fromId: '101', toId: '201', typeId: 1 }], reads }, context),
    ).toHaveLength(1);
  });

  it('idempotent: silent on equal answers, fires on a changed answer and on a duplicate', () => {
    const write = (typeId: number): ObservedExchange =>
      observed({
        endpoint: 'associate-default',
        body: {
          status: 'COMPLETE',
          results: [
            {
              from: { id: '101' },
              to: { id: '201' },
              associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId },
            },
          ],
          ...STAMPS,
        },
      });
    const reads = [observed({ body: readBody({ '101': [{ to: '201', typeId: 279 }] }) })];
    expect(
      idempotent.check({ first: write(279), second: write(279), reads, fromId: '101', toId: '201' }, context),
    ).toEqual([]);
    expect(
      idempotent.check({ first: write(279), second: write(280), fromId: '101', toId: '201' }, context),
    ).toHaveLength(1);
    const duplicated = [
      observed({
        body: readBody({
          '101': [
            { to: '201', typeId: 279 },
            { to: '201', typeId: 279 },
          ],
        }),
      }),
    ];
    expect(
      idempotent.check(
        { first: write(279), second: write(279), reads: duplicated, fromId: '101', toId: '201' },
        context,
      ),
    ).toHaveLength(1);
  });
});

describe('the registry', () => {
  it('has unique ids and every check names the faults that must trigger it, or says why none can', () => {
    expect(new Set(ALL_CHECKS.map((c) => c.id)).size).toBe(ALL_CHECKS.length);
    for (const check of ALL_CHECKS) {
      if (check.faults.length === 0) expect(check.noFaultWhy?.length, check.id).toBeGreaterThan(10);
      else expect(check.noFaultWhy, check.id).toBeUndefined();
    }
    // Only response-body has none: its findings carry the body-level ids, whose declarations list the faults.
    expect(ALL_CHECKS.filter((check) => check.faults.length === 0).map((check) => check.id)).toEqual(['response-body']);
    expect(EXCHANGE_CHECKS[0]?.id).toBe('transport');
  });
});
