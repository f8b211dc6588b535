import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTypeFor, startSandbox, type Sandbox } from '../../provider/index.js';
import { buildPath, operation, type EndpointId } from '../catalogue/index.js';
import type { Exchange } from '../exchange.js';
import { createValidator } from '../validate/index.js';
import { inputsAccounted } from './inputs-accounted.js';
import { observeExchange } from './observed.js';
import type { ExchangeIntent, ObservedExchange } from './types.js';

const context = { profile: 'strict' as const, validator: createValidator({ profile: 'strict' }) };
const STAMPS = { startedAt: '2026-11-20T09:15:02.204Z', completedAt: '2026-11-20T09:15:02.377Z' };

/** An exchange as the session hands it to the checks: `body` is sent as JSON text unless it is a string. */
function observed(options: {
  endpoint?: EndpointId;
  intent?: ExchangeIntent;
  status?: number;
  body?: unknown;
  sent?: unknown;
  apiVersion?: string;
  /** No answer came back (a transport failure). */
  unanswered?: boolean;
}): ObservedExchange {
  const op = operation(options.endpoint ?? 'batch-read', options.apiVersion ?? '2026-03');
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  const exchange: Exchange = {
    id: 1,
    request: { method: op.method, url: `http://127.0.0.1${op.pathTemplate}`, headers: {} },
    ...(options.unanswered
      ? { failure: { kind: 'reset' as const, message: 'socket hang up' } }
      : {
          response: {
            status: options.status ?? 200,
            headers: { 'content-type': 'application/json;charset=utf-8' },
            ...(body === undefined ? {} : { body }),
            bytes: body?.length ?? 0,
          },
        }),
    attempts: [{ startedAt: STAMPS.startedAt, durationMs: 3 }],
    startedAt: STAMPS.startedAt,
    durationMs: 3,
  };
  const sent = options.sent === undefined ? {} : { sent: options.sent };
  const intent = options.intent ?? 'conformance';
  return observeExchange({ operation: op, intent, exchange, ...sent, replay: 'hsac run --seed 42' });
}

/** What the check says: the inputs it judged and the unaccounted ones it names (empty: none). */
function judge(o: ObservedExchange): { exercised: number; missing: unknown[] } {
  const findings = inputsAccounted.check(o, context);
  expect(
    findings.every(
      (f) => f.check === 'inputs-accounted' && f.severity === 'error' && f.replay === 'hsac run --seed 42',
    ),
  ).toBe(true);
  return {
    exercised: inputsAccounted.exercised(o, context),
    missing: findings.flatMap((f): unknown[] => (Array.isArray(f.actual) ? f.actual : [])),
  };
}

/** A batch-read result for a from ID (FACTS.md §2: `{from, to[], paging?}`). */
const readResult = (from: string) => ({
  from: { id: from },
  to: [{ toObjectId: '201', associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }] }],
});

/**
 * A StandardError with every field the spec requires (FACTS.md §5: category, context string ->
 * string[], errors ErrorDetail[], links, message, status "error"); `extra` adds the optional ones.
 */
const standardError = (extra: Record<string, unknown> = {}) => ({
  status: 'error',
  category: 'OBJECT_NOT_FOUND',
  message: 'One or more records could not be found',
  context: {},
  errors: [],
  links: {},
  ...extra,
});

/** A batch-read 207 (FACTS.md §2 / §6: results plus `errors` and `numErrors`, status still COMPLETE). */
const read207 = (results: string[], errors: unknown[]) => ({
  status: 'COMPLETE',
  results: results.map(readResult),
  errors,
  numErrors: errors.length,
  ...STAMPS,
});

const readSent = (...ids: string[]) => ({ inputs: ids.map((id) => ({ id })) });

describe('HubSpot names a failed input by one ID: each form accounts for it (batch read 207, inputs 101 and 102, 102 failed)', () => {
  const sent = readSent('101', '102');
  it.each([
    // FACTS.md §5 "StandardError": context is a map string -> string[]; the spec's ids list.
    [
      'StandardError.context.ids (FACTS.md §5, spec StandardError.context)',
      standardError({ context: { ids: ['102'] } }),
    ],
    // FACTS.md §5: context is a map; any key's value list may carry the ID.
    [
      'another StandardError.context list (FACTS.md §5: map string -> string[])',
      standardError({ context: { fromObjectId: ['102'] } }),
    ],
    // FACTS.md §5 "StandardError": optional `id` (string).
    ['StandardError.id (FACTS.md §5, spec StandardError.id)', standardError({ id: '102' })],
    // FACTS.md §5 "ErrorDetail": optional `in` (string), the field or parameter the error is about.
    [
      'ErrorDetail.in holding the ID (FACTS.md §5, spec ErrorDetail.in)',
      standardError({ errors: [{ message: 'not found', in: '102' }] }),
    ],
    [
      'ErrorDetail.in as a field path to the input (FACTS.md §5 ErrorDetail.in; the sandbox writes inputs[1].id)',
      standardError({ errors: [{ message: 'not found', in: 'inputs[1].id' }] }),
    ],
    // The brief's `in` on the error itself: objects are open, so HubSpot may add it (DESIGN.md "Objects are open").
    ['`in` on the StandardError itself (open objects)', standardError({ in: '102' })],
    // FACTS.md §5 "ErrorDetail": optional `context` (map string -> string[]).
    [
      'ErrorDetail.context (FACTS.md §5, spec ErrorDetail.context)',
      standardError({ errors: [{ message: 'not found', context: { ids: ['102'] } }] }),
    ],
    // FACTS.md §5 / §7.3: the docs example writes context as the Java toString string.
    [
      'ErrorDetail.context as the docs string (FACTS.md §7.3)',
      standardError({ errors: [{ message: 'not found', context: '{ids=[102]}' }] }),
    ],
    // FACTS.md §5: `message` (string, required); HubSpot's say which record.
    [
      'the message, as a whole token (FACTS.md §5 StandardError.message)',
      standardError({ message: 'No contact with ID 102 exists' }),
    ],
    // StandardError.context values are strings (FACTS.md §5); a lenient provider may send numbers.
    ['a numeric ID in context (lenient numeric-id, FACTS.md §7.6)', standardError({ context: { ids: [102] } })],
  ])('%s', (_name, error) => {
    expect(judge(observed({ status: 207, body: read207(['101'], [error]), sent }))).toEqual({
      exercised: 2,
      missing: [],
    });
  });

  it('an error about another ID does not account for it: "1" is not named by "10"', () => {
    const other = standardError({
      context: { ids: ['10'] },
      message: 'No contact with ID 10 exists',
      errors: [{ message: 'not found', in: '10' }],
    });
    expect(
      judge(observed({ status: 207, body: read207(['101'], [other]), sent: readSent('101', '1') })).missing,
    ).toEqual(['1']);
    // `inputs[1]` points at 102 (position 1), not at the input "1".
    const byPosition = standardError({ errors: [{ message: 'not found', in: 'inputs[1].id' }] });
    expect(
      judge(observed({ status: 207, body: read207(['101'], [byPosition]), sent: readSent('101', '102', '1') })).missing,
    ).toEqual(['1']);
  });

  it('a field path names the input at its position, not the number in it', () => {
    const error = standardError({ errors: [{ message: 'not found', in: 'inputs[0].typeId' }] });
    const body = { status: 'COMPLETE', results: [], errors: [error], numErrors: 1, ...STAMPS };
    const sent = {
      inputs: [
        { category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 5 },
        { category: 'HUBSPOT_DEFINED', typeId: 0, maxToObjectIds: 5 },
      ],
    };
    expect(judge(observed({ endpoint: 'configurations-batch-create', status: 207, body, sent })).missing).toEqual([
      'typeId 0',
    ]);
  });
});

describe('each endpoint is keyed as HubSpot keys it', () => {
  it('associate default: an error naming only the from ID accounts for the pair (FACTS.md §1: failures in the 200 errors; issue 11 item 4)', () => {
    const body = {
      status: 'COMPLETE',
      results: [],
      errors: [
        standardError({
          category: 'VALIDATION_ERROR',
          message: 'contact 101 already has 2 companies with association type 279, the configured limit',
          context: { ids: ['101'] },
        }),
      ],
      numErrors: 1,
      ...STAMPS,
    };
    const sent = { inputs: [{ from: { id: '101' }, to: { id: '201' } }] };
    expect(judge(observed({ endpoint: 'batch-associate-default', body, sent }))).toEqual({ exercised: 1, missing: [] });
  });

  it('associate default: the to ID when that one was bad (FACTS.md §1)', () => {
    const body = {
      status: 'COMPLETE',
      results: [],
      errors: [standardError({ message: 'No company with ID 999 exists', context: { ids: ['999'] } })],
      numErrors: 1,
      ...STAMPS,
    };
    expect(
      judge(
        observed({
          endpoint: 'batch-associate-default',
          body,
          sent: { inputs: [{ from: { id: '101' }, to: { id: '999' } }] },
        }),
      ).missing,
    ).toEqual([]);
  });

  it('associate default: a result in either direction answers the pair (FACTS.md §1: one result or two, unverified)', () => {
    const spec = { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 };
    const sent = {
      inputs: [
        { from: { id: '101' }, to: { id: '201' } },
        { from: { id: '102' }, to: { id: '202' } },
      ],
    };
    const body = {
      status: 'COMPLETE',
      results: [{ from: { id: '201' }, to: { id: '101' }, associationSpec: spec }],
      ...STAMPS,
    };
    expect(judge(observed({ endpoint: 'batch-associate-default', body, sent }))).toEqual({
      exercised: 2,
      missing: ['102->202'],
    });
  });

  it('configurations create: the typeId, in results or in an error (FACTS.md §3)', () => {
    const sent = {
      inputs: [
        { category: 'USER_DEFINED', typeId: 37, maxToObjectIds: 5 },
        { category: 'USER_DEFINED', typeId: 999, maxToObjectIds: 5 },
      ],
    };
    const result = { category: 'USER_DEFINED', typeId: 37, userEnforcedMaxToObjectIds: 5 };
    const named = {
      status: 'COMPLETE',
      results: [result],
      errors: [standardError({ context: { typeId: ['999'] } })],
      numErrors: 1,
      ...STAMPS,
    };
    expect(judge(observed({ endpoint: 'configurations-batch-create', status: 207, body: named, sent }))).toEqual({
      exercised: 2,
      missing: [],
    });
    const silent = { status: 'COMPLETE', results: [result], ...STAMPS };
    expect(
      judge(observed({ endpoint: 'configurations-batch-create', status: 201, body: silent, sent })).missing,
    ).toEqual(['typeId 999']);
  });

  it('batch read: an input neither in results nor in errors is named in the finding', () => {
    expect(
      judge(
        observed({
          body: { status: 'COMPLETE', results: [readResult('101')], ...STAMPS },
          sent: readSent('101', '102', '103'),
        }),
      ),
    ).toEqual({ exercised: 3, missing: ['102', '103'] });
  });
});

describe('an input is judged only by the keys it has, a result answers only by the keys it names', () => {
  const spec = { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 };
  const pairResult = (from: string | undefined, to: string | undefined) => ({
    ...(from === undefined ? {} : { from: { id: from } }),
    ...(to === undefined ? {} : { to: { id: to } }),
    associationSpec: spec,
  });
  const associate = (inputs: unknown[], results: unknown[]) =>
    observed({
      endpoint: 'batch-associate-default',
      body: { status: 'COMPLETE', results, ...STAMPS },
      sent: { inputs },
    });

  it('associate default: a pair without its from or its to ID is not judged', () => {
    const inputs = [{ from: { id: '101' } }, { to: { id: '201' } }, { from: { id: '101' }, to: { id: '202' } }];
    expect(judge(associate(inputs, [pairResult('101', '202')]))).toEqual({ exercised: 1, missing: [] });
  });

  it('associate default: a result missing its from or its to ID answers no pair, not even one whose ID reads "undefined"', () => {
    const inputs = [
      { from: { id: 'undefined' }, to: { id: '201' } },
      { from: { id: '101' }, to: { id: 'undefined' } },
    ];
    expect(judge(associate(inputs, [pairResult(undefined, '201'), pairResult('101', undefined)]))).toEqual({
      exercised: 2,
      missing: ['undefined->201', '101->undefined'],
    });
  });

  it('configurations create: an input without a typeId is not judged', () => {
    const sent = { inputs: [{ category: 'USER_DEFINED' }, { category: 'USER_DEFINED', typeId: 37 }] };
    const body = { status: 'COMPLETE', results: [{ category: 'USER_DEFINED', typeId: 37 }], ...STAMPS };
    expect(judge(observed({ endpoint: 'configurations-batch-create', status: 201, body, sent }))).toEqual({
      exercised: 1,
      missing: [],
    });
  });

  it('an answer without results accounts for the inputs its errors name, and only those', () => {
    const errors = [standardError({ context: { ids: ['101'] } })];
    const body = { status: 'COMPLETE', errors, numErrors: 1, ...STAMPS };
    expect(judge(observed({ status: 207, body, sent: readSent('101') }))).toEqual({ exercised: 1, missing: [] });
    expect(judge(observed({ status: 207, body, sent: readSent('101', '102') }))).toEqual({
      exercised: 2,
      missing: ['102'],
    });
  });
});

describe('how a finding lists the unaccounted inputs', () => {
  const ids = (count: number): string[] => Array.from({ length: count }, (_, index) => String(101 + index));
  const unaccounted = (count: number) =>
    inputsAccounted.check(observed({ body: read207([], []), sent: readSent(...ids(count)) }), context);

  it('points at /results, names up to five in its message, then an ellipsis', () => {
    expect(unaccounted(5)).toMatchObject([
      {
        instancePath: '/results',
        message: '5 input(s) neither in results nor named by an error: 101, 102, 103, 104, 105',
        expected: 'each input in results, or named by an error (id, context, in or message)',
        actual: ids(5),
      },
    ]);
    expect(unaccounted(6)[0]?.message).toBe(
      '6 input(s) neither in results nor named by an error: 101, 102, 103, 104, 105, …',
    );
  });

  it('lists at most twenty as its actual value', () => {
    expect(unaccounted(25)[0]?.actual).toEqual(ids(20));
  });

  it('inputs named by fewer errors than they need: up to five in the message, then an ellipsis', () => {
    // Pairs 101 -> 201.. of which only the first has a result; one error names the shared from ID (capacity 1).
    const errors = [standardError({ context: { ids: ['101'] } })];
    const capacityFinding = (pairs: number) => {
      const targets = Array.from({ length: pairs }, (_, index) => String(201 + index));
      const sent = { inputs: targets.map((to) => ({ from: { id: '101' }, to: { id: to } })) };
      const result = { from: { id: '101' }, to: { id: '201' }, associationSpec: { associationTypeId: 279 } };
      const body = { status: 'COMPLETE', results: [result], errors, numErrors: 1, ...STAMPS };
      return inputsAccounted.check(observed({ endpoint: 'batch-associate-default', status: 207, body, sent }), context);
    };
    expect(capacityFinding(6)).toMatchObject([
      {
        instancePath: '/errors',
        message:
          '5 input(s) have no result but the errors account for at most 1: more inputs went missing than errors explain (101->202, 101->203, 101->204, 101->205, 101->206)',
        expected: '<= 1 inputs without a result',
        actual: 5,
      },
    ]);
    expect(capacityFinding(7)[0]?.message).toBe(
      '6 input(s) have no result but the errors account for at most 1: more inputs went missing than errors explain (101->202, 101->203, 101->204, 101->205, 101->206, …)',
    );
    expect(capacityFinding(2)).toEqual([]);
  });
});

describe('what it does not judge: exercised 0, no finding, never a throw', () => {
  const sent = readSent('101');
  it.each([
    ['a request without a token', observed({ intent: 'no-auth', status: 200, body: read207([], []), sent })],
    ['a request over the limit', observed({ intent: 'over-limit', status: 200, body: read207([], []), sent })],
    ['an invalid request', observed({ intent: 'invalid-request', status: 200, body: read207([], []), sent })],
    [
      'a 4xx',
      observed({
        status: 404,
        body: {
          status: 'error',
          message: 'x',
          correlationId: '3f7c2a34-6a8f-4f7a-9c55-1e0f9f6e2b11',
          category: 'OBJECT_NOT_FOUND',
        },
        sent,
      }),
    ],
    ['a body that is not JSON', observed({ body: '{"status": "COMP', sent })],
    ['a JSON array body', observed({ body: [], sent })],
    ['no body', observed({ sent })],
    ['no answer', observed({ unanswered: true, sent })],
    [
      'PUT default (no inputs)',
      observed({ endpoint: 'associate-default', body: { status: 'COMPLETE', results: [], ...STAMPS } }),
    ],
  ])('%s', (_name, o) => {
    expect(inputsAccounted.exercised(o, context)).toBe(0);
    expect(inputsAccounted.check(o, context)).toEqual([]);
  });

  it('odd shapes are data: no inputs array, inputs without IDs, errors and results of any type', () => {
    for (const [body, sentBody] of [
      [{ results: 'x', errors: 'y' }, { inputs: 'z' }],
      [
        { results: [null, 1, { from: null }], errors: [null, 'e', { context: [1], errors: [null, { in: 5 }] }] },
        { inputs: [null, {}, { id: {} }, { id: '101' }] },
      ],
    ] as const) {
      const o = observed({ body, sent: sentBody });
      expect(() => inputsAccounted.check(o, context)).not.toThrow();
      expect(() => inputsAccounted.exercised(o, context)).not.toThrow();
    }
    expect(
      judge(observed({ body: { results: [null], errors: [null] }, sent: { inputs: [null, {}, { id: '101' }] } })),
    ).toEqual({ exercised: 1, missing: ['101'] });
  });

  it('declares where it applies and why it may not be exercised', () => {
    expect(inputsAccounted.endpoints).toEqual(['batch-read', 'batch-associate-default', 'configurations-batch-create']);
    expect(inputsAccounted.notExercisedWhy).toMatch(/2xx with a JSON body/);
    expect(inputsAccounted.faults).toEqual(['input-dropped', 'multi-status-without-errors']);
  });
});

/** Real answers of the reference sandbox (provider/handlers/batch-*.ts), clean and with the planted faults. */
describe('against the sandbox', () => {
  const started: Sandbox[] = [];
  const sandboxes = new Map<string, Sandbox>();
  /** One sandbox per fault set, started on first use; a small CRM (no paging needed here). */
  const sandbox = async (...faults: string[]): Promise<Sandbox> => {
    const key = faults.join(',');
    let found = sandboxes.get(key);
    if (!found) {
      found = await startSandbox({ faults, seedData: { recordsPerType: 6, hubAssociations: 1 } });
      started.push(found);
      sandboxes.set(key, found);
    }
    return found;
  };
  afterAll(async () => {
    await Promise.all(started.map((s) => s.stop()));
  });

  /** Sends a conformance request to an endpoint under test and returns the exchange as the checks see it. */
  async function send(
    target: Sandbox,
    endpoint: EndpointId,
    body: unknown,
    params: Record<string, string> = { fromObjectType: 'contacts', toObjectType: 'companies' },
  ): Promise<ObservedExchange> {
    const op = operation(endpoint, '2026-03');
    const response = await fetch(`${target.url}${buildPath(op, params)}`, {
      method: op.method,
      headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    const exchange: Exchange = {
      id: 1,
      request: { method: op.method, url: buildPath(op, params), headers: {} },
      response: {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: text,
        bytes: text.length,
      },
      attempts: [{ startedAt: STAMPS.startedAt, durationMs: 1 }],
      startedAt: STAMPS.startedAt,
      durationMs: 1,
    };
    const replay = 'hsac run --seed 42';
    return observeExchange({ operation: op, intent: 'conformance', exchange, sent: body, replay });
  }

  let contacts: readonly string[] = [];
  let companies: readonly string[] = [];
  beforeAll(async () => {
    const clean = await sandbox();
    contacts = clean.seeded?.records.contacts ?? [];
    companies = clean.seeded?.records.companies ?? [];
    expect(contacts.length).toBeGreaterThan(2);
    expect(companies.length).toBeGreaterThan(4);
  });

  it('a clean 207 batch read (one unknown ID, named by the from ID only) is not flagged', async () => {
    const o = await send(await sandbox(), 'batch-read', readSent(contacts[0] ?? '', '999999999999'));
    expect(o.exchange.response?.status).toBe(207);
    expect(judge(o)).toEqual({ exercised: 2, missing: [] });
  });

  it('clean associate default against a limit of 2 set beforehand: errors name the from ID only, nothing flagged (issue 11 item 4)', async () => {
    const target = await sandbox();
    const type = defaultTypeFor('0-1', '0-2');
    const limit = await send(target, 'configurations-batch-create', {
      inputs: [{ category: type.category, typeId: type.typeId, maxToObjectIds: 2 }],
    });
    expect(judge(limit)).toEqual({ exercised: 1, missing: [] });
    const from = contacts[1] ?? '';
    const o = await send(target, 'batch-associate-default', {
      inputs: companies.slice(0, 5).map((to) => ({ from: { id: from }, to: { id: to } })),
    });
    const body = JSON.parse(o.exchange.response?.body ?? '{}') as { errors?: { context?: { ids?: string[] } }[] };
    // The sandbox's errors name the from ID only, as HubSpot's do: the old check flagged each of these inputs.
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(body.errors?.every((e) => e.context?.ids?.length === 1 && e.context.ids[0] === from)).toBe(true);
    expect(judge(o)).toEqual({ exercised: 5, missing: [] });
  });

  it('a clean 207 configurations create (an unknown typeId) is not flagged', async () => {
    const type = defaultTypeFor('0-1', '0-2');
    const o = await send(await sandbox(), 'configurations-batch-create', {
      inputs: [
        { category: type.category, typeId: type.typeId, maxToObjectIds: 50 },
        { category: 'USER_DEFINED', typeId: 987654, maxToObjectIds: 5 },
      ],
    });
    expect(o.exchange.response?.status).toBe(207);
    expect(judge(o)).toEqual({ exercised: 2, missing: [] });
  });

  it('planted fault input-dropped is caught on batch read, associate default and configurations create', async () => {
    const target = await sandbox('input-dropped');
    // The fault drops whichever input answered last: exactly one of the two is missing.
    const read = await send(target, 'batch-read', readSent(contacts[0] ?? '', contacts[1] ?? ''));
    const dropped = judge(read).missing;
    expect(dropped).toHaveLength(1);
    expect([contacts[0], contacts[1]]).toContain(dropped[0]);
    const pairs = await send(target, 'batch-associate-default', {
      inputs: [contacts[2] ?? '', contacts[3] ?? ''].map((from) => ({
        from: { id: from },
        to: { id: companies[0] ?? '' },
      })),
    });
    expect(judge(pairs).missing).toEqual([`${contacts[3]}->${companies[0]}`]);
    const type = defaultTypeFor('0-1', '0-2');
    const configured = await send(target, 'configurations-batch-create', {
      inputs: [{ category: type.category, typeId: type.typeId, maxToObjectIds: 50 }],
    });
    expect(judge(configured).missing).toEqual([`typeId ${type.typeId}`]);
  });

  it('planted fault multi-status-without-errors is caught: the failed inputs are nowhere', async () => {
    const o = await send(
      await sandbox('multi-status-without-errors'),
      'batch-read',
      readSent(contacts[0] ?? '', '999999999999'),
    );
    expect(o.exchange.response?.status).toBe(207);
    expect(judge(o)).toEqual({ exercised: 2, missing: ['999999999999'] });
  });
});

describe('inputs-accounted: more inputs missing than errors can explain', () => {
  const STAMPS = { startedAt: '2026-11-20T09:15:02.204Z', completedAt: '2026-11-20T09:15:02.377Z' };
  const error = (id: string): Record<string, unknown> => ({
    status: 'error',
    category: 'VALIDATION_ERROR',
    message: 'limit reached',
    context: { ids: [id] },
    errors: [],
    links: {},
  });
  const sent = { inputs: ['201', '202', '203', '204'].map((to) => ({ from: { id: '101' }, to: { id: to } })) };
  const exchange = (errors: Record<string, unknown>[]): ObservedExchange => {
    const op = operation('batch-associate-default', '2026-03');
    const body = JSON.stringify({
      status: 'COMPLETE',
      results: [
        {
          from: { id: '101' },
          to: { id: '201' },
          associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 },
        },
      ],
      errors,
      numErrors: errors.length,
      ...STAMPS,
    });
    return observeExchange({
      operation: op,
      intent: 'conformance',
      sent,
      exchange: {
        id: 1,
        request: { method: 'POST', url: 'http://127.0.0.1/x', headers: {} },
        response: { status: 207, headers: { 'content-type': 'application/json' }, body, bytes: body.length },
        attempts: [],
        startedAt: STAMPS.startedAt,
        durationMs: 1,
      },
    });
  };

  it('one error per failed pair, each naming the shared from ID (HubSpot form): accounted for', () => {
    expect(
      inputsAccounted.check(exchange([error('101'), error('101'), error('101')]), {
        profile: 'strict',
        validator: createValidator({ profile: 'strict' }),
      }),
    ).toEqual([]);
  });

  it('one error naming the shared from ID for three missing pairs: two are unexplained', () => {
    const findings = inputsAccounted.check(exchange([error('101')]), {
      profile: 'strict',
      validator: createValidator({ profile: 'strict' }),
    });
    expect(findings).toMatchObject([
      {
        check: 'inputs-accounted',
        severity: 'error',
        instancePath: '/errors',
        actual: 3,
        expected: '<= 1 inputs without a result',
      },
    ]);
  });
});
