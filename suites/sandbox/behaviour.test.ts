import { Agent, request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  API_VERSIONS,
  auxiliaryOperation,
  ERROR_STATUSES,
  operation,
  SUCCESS_STATUSES,
  type ApiVersion,
} from '../../src/catalogue/index.js';
import { createValidator } from '../../src/validate/index.js';
import {
  encodeCursor,
  manualClock,
  startSandbox,
  type ManualClock,
  type Sandbox,
  type SandboxOptions,
} from '../../provider/index.js';
import { matchers } from '../support/matchers.js';
import { bodyOf, send, type Call, type Exchange } from './client.js';
import { diffExchanges } from './diff.js';
import { acceptedBodies, INVALID_BODIES, type BodyEndpoint } from './invalid-bodies.js';
import { auxiliaryCall, endpointCall, id, ids, SCENARIOS, suiteOptions, TEST_TOKEN } from './scenarios.js';

const strict = createValidator({ profile: 'strict' });
const running: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.stop()));
});

async function sandbox(extra: SandboxOptions = {}): Promise<Sandbox> {
  const started = await startSandbox(suiteOptions(extra));
  running.push(started);
  return started;
}

const V: ApiVersion = '2026-03';
const CONTACTS_COMPANIES = { fromObjectType: 'contacts', toObjectType: 'companies' };
const readCall = (inputs: unknown[], extra: Partial<Call> = {}, pair = CONTACTS_COMPANIES): Call =>
  endpointCall('batch-read', V, pair, { inputs }, extra);
const resultsOf = (exchange: Exchange) =>
  bodyOf(exchange).results as {
    from: { id: string };
    to: { toObjectId: string; associationTypes: Record<string, unknown>[] }[];
    paging?: { next?: { after: string } };
  }[];
const errorsOf = (exchange: Exchange) => bodyOf(exchange).errors as Record<string, unknown>[];
const readSuccess = operation('batch-read', V).responses.find((r) => r.kind === 'success')?.status;
const readPartial = operation('batch-read', V).responses.find((r) => r.kind === 'partial')?.status;

/** An `Error` body strict hsac accepts for this status. */
function expectErrorBody(answer: Exchange, status: number, category: string): Record<string, unknown> {
  expect(answer.status).toBe(status);
  expect(
    strict.validateResponseText({ endpoint: 'batch-read', apiVersion: V, status, body: answer.text }).findings,
  ).toEqual([]);
  const body = bodyOf(answer);
  expect(body).toMatchObject({ status: 'error', category, correlationId: answer.headers['x-hubspot-correlation-id'] });
  return body;
}

describe('bearer-token auth with HubSpot 401 body', () => {
  it('answers 401 INVALID_AUTHENTICATION without a token, with a wrong one and with another scheme', async () => {
    const s = await sandbox();
    const call = readCall([{ id: id(s, 'contacts', 1) }]);
    for (const extra of [{ token: null }, { token: 'pat-na1-wrong-token-0000' }] as const) {
      const answer = await send(s, { ...call, ...extra });
      const body = expectErrorBody(answer, ERROR_STATUSES.unauthorized, 'INVALID_AUTHENTICATION');
      expect(body.message).toMatch(/^Authentication credentials not found/);
      // The 401 never repeats what was presented.
      expect(answer.text).not.toContain('wrong-token');
      expect(JSON.stringify(answer.headers)).not.toContain('wrong-token');
    }
    const basic = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${s.url}/account-info/v3/details`,
        { headers: { authorization: `Basic ${TEST_TOKEN}` }, agent: false },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(basic).toBe(ERROR_STATUSES.unauthorized);
    expect((await send(s, call)).status).toBe(readSuccess);
  });

  it('generates a pat-na1 token per start unless one is given, and never echoes it', async () => {
    const a = await startSandbox({ seedData: false });
    const b = await startSandbox({ seedData: false });
    running.push(a, b);
    expect(a.token).toMatch(/^pat-na1-[0-9a-f-]{36}$/);
    expect(a.token).not.toBe(b.token);
    const s = await sandbox();
    const answers: Exchange[] = [];
    for (const name of ['read-one', 'read-partial', 'associate-put', 'associate-put-not-found', 'configure'] as const)
      answers.push(await SCENARIOS[name].run(s, V));
    answers.push(await send(s, { method: 'GET', path: '/no/such/path' }));
    for (const answer of answers) expect(answer.text + JSON.stringify(answer.headers)).not.toContain(TEST_TOKEN);
  });

  it('refuses a token that cannot be sent in a header', async () => {
    await expect(startSandbox({ token: 'has space' })).rejects.toThrow(RangeError);
  });
});

describe('the ten-secondly rolling limit (FACTS §6), on an injected clock', () => {
  it('answers 429 TEN_SECONDLY_ROLLING with the rate-limit headers and Retry-After, then recovers', async () => {
    const clock = manualClock();
    const s = await sandbox({ clock, rateLimit: { max: 3 } });
    const call = readCall([{ id: id(s, 'contacts', 1) }]);
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const answer = await send(s, call);
      expect(answer.status).toBe(readSuccess);
      expect(answer.headers).toMatchObject({
        'x-hubspot-ratelimit-max': '3',
        'x-hubspot-ratelimit-interval-milliseconds': '10000',
        'x-hubspot-ratelimit-daily': '250000',
      });
      remaining.push(answer.headers['x-hubspot-ratelimit-remaining'] ?? '');
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await send(s, call);
    expect(limited.status).toBe(ERROR_STATUSES.tooManyRequests);
    expect(
      strict.validateResponseText({ endpoint: 'batch-read', apiVersion: V, status: limited.status, body: limited.text })
        .findings,
    ).toEqual([]);
    expect(bodyOf(limited)).toEqual({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      correlationId: limited.headers['x-hubspot-correlation-id'],
      policyName: 'TEN_SECONDLY_ROLLING',
      requestId: matchers.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    });
    expect(limited.headers).toMatchObject({
      'retry-after': '10',
      'x-hubspot-ratelimit-remaining': '0',
      'x-hubspot-ratelimit-max': '3',
    });
    clock.advance(9_999);
    expect((await send(s, call)).headers['retry-after']).toBe('1');
    clock.advance(1);
    expect((await send(s, call)).status).toBe(readSuccess);
  });

  it('is a sliding window: a request leaves it ten seconds after it was counted', async () => {
    const clock = manualClock();
    const s = await sandbox({ clock, rateLimit: { max: 3 } });
    const call = readCall([{ id: id(s, 'contacts', 1) }]);
    const at = async (millis: number, clockAt: ManualClock): Promise<Exchange> => {
      clockAt.advance(millis);
      return send(s, call);
    };
    expect((await at(0, clock)).status).toBe(readSuccess); // t = 0
    expect((await at(4_000, clock)).status).toBe(readSuccess); // t = 4 s
    expect((await at(4_000, clock)).status).toBe(readSuccess); // t = 8 s
    const limited = await at(1_000, clock); // t = 9 s: the t = 0 request leaves at 10 s
    expect(limited.status).toBe(ERROR_STATUSES.tooManyRequests);
    expect(limited.headers['retry-after']).toBe('1');
    expect((await at(1_001, clock)).status).toBe(readSuccess); // t = 10.001 s
    const again = await at(500, clock); // t = 10.501 s: 4 s, 8 s and 10.001 s are in the window
    expect(again.status).toBe(ERROR_STATUSES.tooManyRequests);
    expect(again.headers['retry-after']).toBe('4');
  });

  it('reports the per-second headers and does not count refused or unauthenticated requests', async () => {
    const clock = manualClock();
    const s = await sandbox({ clock, rateLimit: { max: 100 } });
    const call = readCall([{ id: id(s, 'contacts', 1) }]);
    await send(s, { ...call, token: null });
    const first = await send(s, call);
    expect(first.headers).toMatchObject({
      'x-hubspot-ratelimit-secondly': '10',
      'x-hubspot-ratelimit-secondly-remaining': '9',
      'x-hubspot-ratelimit-remaining': '99',
    });
    clock.advance(1_000);
    expect((await send(s, call)).headers).toMatchObject({
      'x-hubspot-ratelimit-secondly-remaining': '9',
      'x-hubspot-ratelimit-remaining': '98',
    });
  });
});

describe('the daily limit', () => {
  it('answers 429 DAILY until midnight UTC, with Retry-After to midnight', async () => {
    const clock = manualClock(Date.parse('2026-11-20T23:59:00.000Z'));
    const s = await sandbox({ clock, rateLimit: { daily: 2 } });
    const call = readCall([{ id: id(s, 'contacts', 1) }]);
    expect((await send(s, call)).headers['x-hubspot-ratelimit-daily-remaining']).toBe('1');
    expect((await send(s, call)).status).toBe(readSuccess);
    const limited = await send(s, call);
    expect(limited.status).toBe(ERROR_STATUSES.tooManyRequests);
    expect(bodyOf(limited)).toMatchObject({
      policyName: 'DAILY',
      message: 'You have reached your daily limit.',
      errorType: 'RATE_LIMIT',
    });
    expect(limited.headers).toMatchObject({ 'retry-after': '60', 'x-hubspot-ratelimit-daily-remaining': '0' });
    clock.advance(60_000);
    expect((await send(s, call)).status).toBe(readSuccess);
  });
});

describe('batch read: the 1000-input limit, paging, partial results', () => {
  it('answers 1000 inputs and refuses 1001 with a 400 Error naming the limit', async () => {
    const s = await sandbox();
    const input = { id: id(s, 'contacts', 1) };
    const ok = await send(s, readCall(Array.from({ length: 1000 }, () => input)));
    expect(ok.status).toBe(readSuccess);
    expect(resultsOf(ok)).toHaveLength(1000);
    const refused = await send(s, readCall(Array.from({ length: 1001 }, () => input)));
    expect(expectErrorBody(refused, ERROR_STATUSES.badRequest, 'VALIDATION_ERROR').message).toMatch(
      /1001.*at most 1000/,
    );
  });

  it('pages with after: every association once, in order, paging present only while more remain', async () => {
    const s = await sandbox();
    const pair = { fromObjectType: 'companies', toObjectType: 'contacts' };
    const hub = s.seeded?.hubCompanyId ?? '';
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = resultsOf(
        await send(s, readCall([after === undefined ? { id: hub } : { id: hub, after }], {}, pair)),
      )[0];
      pages += 1;
      seen.push(...(page?.to.map((t) => t.toObjectId) ?? []));
      after = page?.paging?.next?.after;
      if (after === undefined) expect(page).not.toHaveProperty('paging');
    } while (after !== undefined && pages < 10);
    expect(pages).toBe(2);
    expect(seen).toEqual(
      ids(s, 'contacts')
        .slice(0, 5)
        .slice()
        .sort((a, b) => a.length - b.length || a.localeCompare(b)),
    );
  });

  it('pages at 500 by default, like HubSpot (a company with 620 contacts)', async () => {
    const s = await startSandbox({ token: TEST_TOKEN });
    running.push(s);
    const pair = { fromObjectType: 'companies', toObjectType: 'contacts' };
    const hub = s.seeded?.hubCompanyId ?? '';
    const first = resultsOf(await send(s, readCall([{ id: hub }], {}, pair)))[0];
    expect(first?.to).toHaveLength(500);
    const second = resultsOf(await send(s, readCall([{ id: hub, after: first?.paging?.next?.after }], {}, pair)))[0];
    expect(second?.to).toHaveLength(120);
    expect(second).not.toHaveProperty('paging');
  });

  it('answers 207 with a StandardError per failed input: unknown record, no associations, bad ID, bad cursor', async () => {
    const s = await sandbox();
    const lonely = s.seeded?.unassociated.contacts ?? '';
    const answer = await send(
      s,
      readCall([
        { id: id(s, 'contacts', 0) },
        { id: '999' },
        { id: lonely },
        { id: 'abc' },
        { id: id(s, 'contacts', 1), after: 'not-a-cursor' },
      ]),
    );
    expect(answer.status).toBe(readPartial);
    expect(resultsOf(answer).map((r) => r.from.id)).toEqual([id(s, 'contacts', 0)]);
    expect(bodyOf(answer).numErrors).toBe(4);
    expect(errorsOf(answer).map((e) => [e.id, e.category, e.status])).toEqual([
      ['999', 'OBJECT_NOT_FOUND', 'error'],
      [lonely, 'OBJECT_NOT_FOUND', 'error'],
      ['abc', 'VALIDATION_ERROR', 'error'],
      [id(s, 'contacts', 1), 'VALIDATION_ERROR', 'error'],
    ]);
    expect(errorsOf(answer)[1]?.message).toBe(`No company is associated with contact ${lonely}.`);
    expect(
      strict.validateResponseText({ endpoint: 'batch-read', apiVersion: V, status: answer.status, body: answer.text })
        .findings,
    ).toEqual([]);
  });

  it('accepts numeric IDs in requests, as HubSpot does (its docs send "id": 9001)', async () => {
    const s = await sandbox();
    const asString = await send(s, readCall([{ id: id(s, 'contacts', 1) }]));
    const asNumber = await send(s, readCall([{ id: Number(id(s, 'contacts', 1)) }]));
    expect(resultsOf(asNumber)).toEqual(resultsOf(asString));
  });
});

describe('writes: idempotent, visible to the next read at once, limits enforced', () => {
  it('associating the default type twice answers the same and stores one association', async () => {
    const s = await sandbox();
    const put = endpointCall('associate-default', V, {
      fromObjectType: 'contacts',
      fromObjectId: id(s, 'contacts', 2),
      toObjectType: 'companies',
      toObjectId: id(s, 'companies', 5),
    });
    const first = await send(s, put);
    const second = await send(s, put);
    expect(diffExchanges(first, second).filter((line) => !line.includes('x-hubspot-'))).toEqual([]);
    const batch = await send(
      s,
      endpointCall('batch-associate-default', V, CONTACTS_COMPANIES, {
        inputs: [{ from: { id: id(s, 'contacts', 2) }, to: { id: id(s, 'companies', 5) } }],
      }),
    );
    expect(bodyOf(batch).results).toEqual(bodyOf(first).results);
    const read = resultsOf(await send(s, readCall([{ id: id(s, 'contacts', 2) }])))[0];
    expect(read?.to.filter((t) => t.toObjectId === id(s, 'companies', 5))).toEqual([
      {
        toObjectId: id(s, 'companies', 5),
        associationTypes: [
          { category: 'HUBSPOT_DEFINED', typeId: 279, fromObjectTypeId: '0-1', toObjectTypeId: '0-2' },
        ],
      },
    ]);
  });

  it('reads reflect associate, archive and record archive at once, in both directions', async () => {
    const s = await sandbox();
    const contact = id(s, 'contacts', 3);
    const deal = id(s, 'deals', 5);
    const dealsOf = async () =>
      await send(s, readCall([{ id: contact }], {}, { fromObjectType: 'contacts', toObjectType: 'deals' }));
    const contactsOf = async () =>
      await send(s, readCall([{ id: deal }], {}, { fromObjectType: 'deals', toObjectType: 'contacts' }));
    await send(
      s,
      endpointCall(
        'batch-associate-default',
        V,
        { fromObjectType: 'contacts', toObjectType: 'deals' },
        { inputs: [{ from: { id: contact }, to: { id: deal } }] },
      ),
    );
    expect(resultsOf(await dealsOf())[0]?.to.map((t) => t.toObjectId)).toContain(deal);
    expect(resultsOf(await contactsOf())[0]?.to).toEqual([
      {
        toObjectId: contact,
        associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 3, fromObjectTypeId: '0-3', toObjectTypeId: '0-1' }],
      },
    ]);
    const archived = await send(
      s,
      auxiliaryCall(
        'associations-batch-archive',
        V,
        { fromObjectType: 'contacts', toObjectType: 'deals' },
        { inputs: [{ from: { id: contact }, to: [{ id: deal }] }] },
      ),
    );
    expect(archived.status).toBe(auxiliaryOperation('associations-batch-archive', V).responses[0]?.status);
    expect(resultsOf(await dealsOf())[0]?.to.map((t) => t.toObjectId) ?? []).not.toContain(deal);
    expect(errorsOf(await contactsOf())[0]?.category).toBe('OBJECT_NOT_FOUND');
    // Archiving a record removes it from every read.
    const hub = s.seeded?.hubCompanyId ?? '';
    await send(
      s,
      auxiliaryCall('objects-batch-archive', V, { objectType: 'contacts' }, { inputs: [{ id: id(s, 'contacts', 1) }] }),
    );
    const hubContacts = resultsOf(
      await send(
        s,
        readCall(
          [{ id: hub }, { id: hub, after: encodeCursor(3) }],
          {},
          { fromObjectType: 'companies', toObjectType: 'contacts' },
        ),
      ),
    );
    expect(hubContacts.flatMap((r) => r.to.map((t) => t.toObjectId))).not.toContain(id(s, 'contacts', 1));
  });

  it('enforces a configured limit on the default type, and configuration errors state the allowed range', async () => {
    const s = await sandbox();
    const configure = (inputs: unknown[]) =>
      send(s, endpointCall('configurations-batch-create', V, CONTACTS_COMPANIES, { inputs }));
    const set = await configure([{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 1 }]);
    expect(set.status).toBe(operation('configurations-batch-create', V).responses[0]?.status);
    expect(bodyOf(set).results).toEqual([{ category: 'HUBSPOT_DEFINED', typeId: 279, userEnforcedMaxToObjectIds: 1 }]);
    const refused = await send(
      s,
      endpointCall('associate-default', V, {
        fromObjectType: 'contacts',
        fromObjectId: id(s, 'contacts', 2),
        toObjectType: 'companies',
        toObjectId: id(s, 'companies', 5),
      }),
    );
    expect(expectErrorBody(refused, ERROR_STATUSES.badRequest, 'VALIDATION_ERROR').message).toMatch(/configured limit/);
    const ranges = await configure([
      { category: 'USER_DEFINED', typeId: 142, maxToObjectIds: 2 },
      { category: 'USER_DEFINED', typeId: 143, maxToObjectIds: 1 },
      { category: 'HUBSPOT_DEFINED', typeId: 142, maxToObjectIds: 1 },
    ]);
    expect(ranges.status).toBe(SUCCESS_STATUSES.multiStatus);
    expect(errorsOf(ranges).map((e) => e.message)).toEqual([
      'maxToObjectIds must be between 1 and 1, got 2',
      'Association type 143 does not exist from contacts to companies',
      'Association type 142 is USER_DEFINED, not HUBSPOT_DEFINED',
    ]);
  });

  it('creates records with digit-string IDs (half above 2^31) and inline associations', async () => {
    const s = await sandbox();
    const hub = s.seeded?.hubCompanyId ?? '';
    const created = await send(
      s,
      auxiliaryCall(
        'objects-batch-create',
        V,
        { objectType: 'contacts' },
        {
          inputs: [
            {
              properties: { email: 'zoë@example.com', firstname: 'Zoë' },
              associations: [
                { to: { id: hub }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }] },
              ],
            },
            { properties: { email: 'ada@example.com', score: 7 } },
          ],
        },
      ),
    );
    const records = bodyOf(created).results as { id: string; properties: Record<string, string> }[];
    expect(records.map((r) => r.id).every((recordId) => /^[1-9][0-9]*$/.test(recordId))).toBe(true);
    expect(records.some((r) => Number(r.id) > 2 ** 31)).toBe(true);
    expect(records[1]?.properties.score).toBe('7');
    expect(resultsOf(await send(s, readCall([{ id: records[0]?.id }])))[0]?.to.map((t) => t.toObjectId)).toEqual([hub]);
    const bad = await send(
      s,
      auxiliaryCall(
        'objects-batch-create',
        V,
        { objectType: 'contacts' },
        { inputs: [{ properties: { email: 'ok@example.com' } }, { properties: 'nope' }] },
      ),
    );
    expect(bad.status).toBe(ERROR_STATUSES.badRequest);
    const limit = auxiliaryOperation('objects-batch-create', V).maxInputs ?? 0;
    const tooMany = await send(
      s,
      auxiliaryCall(
        'objects-batch-create',
        V,
        { objectType: 'contacts' },
        { inputs: Array.from({ length: limit + 1 }, () => ({ properties: {} })) },
      ),
    );
    expect(String(expectErrorBody(tooMany, ERROR_STATUSES.badRequest, 'VALIDATION_ERROR').message)).toMatch(
      `at most ${limit} inputs`,
    );
    // Neither refused batch created anything: the hub's contacts are the seeded five and the one created above.
    const hubContacts = await send(
      s,
      readCall(
        [{ id: hub }, { id: hub, after: encodeCursor(3) }],
        {},
        { fromObjectType: 'companies', toObjectType: 'contacts' },
      ),
    );
    expect(resultsOf(hubContacts).flatMap((r) => r.to)).toHaveLength(6);
  });
});

describe('realistic data', () => {
  it('the same seed gives the same records; IDs are digit strings, several above 2^31; labels are unicode', async () => {
    const a = await sandbox();
    const b = await sandbox();
    const c = await sandbox({ seed: 8 });
    expect(b.seeded).toEqual(a.seeded);
    expect(c.seeded?.records.contacts).not.toEqual(a.seeded?.records.contacts);
    const all = Object.values(a.seeded?.records ?? {}).flat();
    expect(all.every((recordId) => /^[1-9][0-9]*$/.test(recordId))).toBe(true);
    expect(all.filter((recordId) => Number(recordId) > 2 ** 31).length).toBeGreaterThanOrEqual(all.length / 2 - 1);
    const labels = resultsOf(await send(a, readCall([{ id: id(a, 'contacts', 0) }])))[0]?.to[0]?.associationTypes.map(
      (t) => t.label,
    );
    expect(labels).toEqual(['Primary', 'Décideur · 決定者', undefined]);
  });

  it('accepts object type names, singular names, type IDs and the custom type by any of its names', async () => {
    const s = await sandbox();
    const read = (from: string, to: string, recordId: string) =>
      send(s, readCall([{ id: recordId }], {}, { fromObjectType: from, toObjectType: to }));
    const byName = await read('contacts', 'companies', id(s, 'contacts', 1));
    for (const [from, to] of [
      ['0-1', '0-2'],
      ['contact', 'COMPANY'],
      ['CONTACTS', '0-2'],
    ])
      expect(
        diffExchanges(byName, await read(from ?? '', to ?? '', id(s, 'contacts', 1))).filter(
          (l) => !l.includes('x-hubspot-'),
        ),
      ).toEqual([]);
    const custom = await read('projects', 'companies', id(s, 'projects', 1));
    for (const spelling of ['2-4417271', 'p48213907_projects', 'project']) {
      expect(resultsOf(await read(spelling, 'companies', id(s, 'projects', 1)))).toEqual(resultsOf(custom));
    }
    expect(resultsOf(custom)[0]?.to[0]?.associationTypes[0]).toMatchObject({
      category: 'USER_DEFINED',
      fromObjectTypeId: '2-4417271',
      toObjectTypeId: '0-2',
    });
    expect(
      expectErrorBody(await read('widgets', 'companies', '1'), ERROR_STATUSES.badRequest, 'VALIDATION_ERROR').message,
    ).toBe('Unable to infer object type from: widgets');
  });

  it('reports accountType SANDBOX by default, or what it is told', async () => {
    const s = await sandbox({ accountType: 'STANDARD' });
    expect(bodyOf(await send(s, auxiliaryCall('account-details', V, {})))).toMatchObject({
      accountType: 'STANDARD',
      portalId: 48213907,
      timeZone: 'Etc/UTC',
    });
  });
});

describe('bad requests get an Error body, never a crash or a hang', () => {
  const read = (s: Sandbox, extra: Partial<Call>) => send(s, { ...readCall([{ id: id(s, 'contacts', 1) }]), ...extra });

  it.each([
    ['malformed JSON', { rawBody: '{"inputs": [' }, /^Invalid input JSON/],
    ['an HTML page', { rawBody: '<html><body>hi</body></html>' }, /^Invalid input JSON/],
    ['a wrong content type', { contentType: 'text/plain' }, /Unsupported content type "text\/plain"/],
    ['no content type', { contentType: null }, /Unsupported content type/],
    ['a __proto__ key', { rawBody: '{"inputs": [], "__proto__": {"polluted": true}}' }, /__proto__/],
    ['an escaped __proto__ key', { rawBody: '{"inputs": [], "\\u005f_proto__": {"polluted": true}}' }, /__proto__/],
    ['deep nesting', { rawBody: `${'['.repeat(100)}${']'.repeat(100)}` }, /nested deeper than 64/],
    ['no body', { rawBody: '' }, /"inputs"/],
    ['inputs not an array', { body: { inputs: { id: '1' } } }, /inputs must be an array/],
    ['an input without id', { body: { inputs: [{}] } }, /inputs\[0\]\.id is required/],
    ['an input that is not an object', { body: { inputs: ['1'] } }, /inputs\[0\] must be an object/],
  ] as const)('%s', async (_what, extra, message) => {
    const s = await sandbox();
    const answer = await read(s, extra);
    expect(String(expectErrorBody(answer, ERROR_STATUSES.badRequest, 'VALIDATION_ERROR').message)).toMatch(message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Still serving.
    expect((await read(s, {})).status).toBe(readSuccess);
  });

  it('refuses a body over the limit with a 400, reads no more than that, and keeps serving', async () => {
    const s = await sandbox({ limits: { maxBytes: 1024 } });
    const answer = await read(s, {
      rawBody: JSON.stringify({ inputs: Array.from({ length: 200 }, () => ({ id: '1' })) }),
    });
    expect(String(expectErrorBody(answer, ERROR_STATUSES.badRequest, 'VALIDATION_ERROR').message)).toMatch(
      /over 1024 bytes/,
    );
    expect((await read(s, {})).status).toBe(readSuccess);
  });

  it('answers unknown paths 404, other methods 405 with Allow, bad percent-encoding 400, in the Error shape', async () => {
    const s = await sandbox();
    expectErrorBody(
      await send(s, { method: 'GET', path: '/crm/v5/nothing' }),
      ERROR_STATUSES.notFound,
      'OBJECT_NOT_FOUND',
    );
    const wrongMethod = await send(s, { method: 'GET', path: operation('batch-read', V).pathTemplate });
    expectErrorBody(wrongMethod, ERROR_STATUSES.methodNotAllowed, 'VALIDATION_ERROR');
    expect(wrongMethod.headers.allow).toBe('POST');
    const put = operation('associate-default', V);
    const badEncoding = await send(s, {
      method: 'PUT',
      path: put.pathTemplate.replace('{fromObjectType}', '%E0%A4%A').replace(/\{[A-Za-z]+\}/g, '1'),
    });
    expectErrorBody(badEncoding, ERROR_STATUSES.badRequest, 'VALIDATION_ERROR');
    const badId = await send(
      s,
      endpointCall('associate-default', V, {
        fromObjectType: 'contacts',
        fromObjectId: 'abc',
        toObjectType: 'companies',
        toObjectId: '1',
      }),
    );
    expectErrorBody(badId, ERROR_STATUSES.badRequest, 'VALIDATION_ERROR');
  });
});

describe("request bodies the spec makes invalid: a 400 VALIDATION_ERROR whose body is the version's Error", () => {
  const endpoints = Object.keys(INVALID_BODIES) as BodyEndpoint[];

  it.each(API_VERSIONS.flatMap((version) => endpoints.map((endpoint) => [endpoint, version] as const)))(
    '%s %s',
    async (endpoint, version) => {
      const s = await sandbox({ rateLimit: { max: 10_000 } });
      const pair =
        endpoint === 'batch-associate-default'
          ? { fromObjectType: 'contacts', toObjectType: 'deals' }
          : CONTACTS_COMPANIES;
      for (const { what, body, message } of INVALID_BODIES[endpoint]) {
        const answer = await send(s, endpointCall(endpoint, version, pair, body));
        expect(answer.status, what).toBe(ERROR_STATUSES.badRequest);
        expect(
          strict.validateResponseText({ endpoint, apiVersion: version, status: answer.status, body: answer.text })
            .findings,
          what,
        ).toEqual([]);
        expect(bodyOf(answer), what).toMatchObject({
          status: 'error',
          category: 'VALIDATION_ERROR',
          correlationId: answer.headers['x-hubspot-correlation-id'],
          message: matchers.stringMatching(message),
        });
        expect(answer.headers['x-hubspot-correlation-id'], what).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
      }
      // What HubSpot's binding takes is not refused: numeric IDs, undeclared fields, an empty batch.
      for (const [what, body] of acceptedBodies({
        from: id(s, 'contacts', 1),
        to: id(s, endpoint === 'batch-associate-default' ? 'deals' : 'companies', 2),
      })[endpoint]) {
        const answer = await send(s, endpointCall(endpoint, version, pair, body));
        expect(
          operation(endpoint, version).responses.map((r) => r.status),
          `${what}: ${answer.text.slice(0, 200)}`,
        ).toContain(answer.status);
      }
    },
  );

  it('judges the input limit before the inputs: 1001 inputs, one of them broken, are refused for their number', async () => {
    const s = await sandbox();
    const inputs: unknown[] = Array.from({ length: 1001 }, () => ({ id: id(s, 'contacts', 1) }));
    inputs[7] = {};
    expect(
      expectErrorBody(await send(s, readCall(inputs)), ERROR_STATUSES.badRequest, 'VALIDATION_ERROR').message,
    ).toMatch(/Too many inputs: 1001/);
    // Under input-limit-not-enforced the broken input is what is refused.
    const unlimited = await sandbox({ faults: ['input-limit-not-enforced'] });
    expect(
      expectErrorBody(await send(unlimited, readCall(inputs)), ERROR_STATUSES.badRequest, 'VALIDATION_ERROR').message,
    ).toMatch(/inputs\[7\]\.id is required/);
  });
});

describe('the single association archive (DELETE of one pair)', () => {
  const deleteCall = (version: ApiVersion, from: readonly [string, string], to: readonly [string, string]): Call =>
    auxiliaryCall('association-archive-single', version, {
      fromObjectType: from[0],
      fromObjectId: from[1],
      toObjectType: to[0],
      toObjectId: to[1],
    });

  it.each(API_VERSIONS)(
    '%s: removes every association type between the pair, both directions, and answers 204 with no body',
    async (version) => {
      const s = await sandbox();
      const contact = id(s, 'contacts', 0);
      const hub = s.seeded?.hubCompanyId ?? '';
      const companiesOf = async () =>
        resultsOf(
          await send(s, endpointCall('batch-read', version, CONTACTS_COMPANIES, { inputs: [{ id: contact }] })),
        )[0]?.to ?? [];
      const contactsOfHub = async () =>
        resultsOf(
          await send(
            s,
            endpointCall(
              'batch-read',
              version,
              { fromObjectType: 'companies', toObjectType: 'contacts' },
              { inputs: [{ id: hub }, { id: hub, after: encodeCursor(3) }] },
            ),
          ),
        ).flatMap((r) => r.to);
      // Contact 0 is linked to the hub three ways: the default type, Primary and a user label.
      expect((await companiesOf()).find((t) => t.toObjectId === hub)?.associationTypes.map((t) => t.typeId)).toEqual([
        1, 142, 279,
      ]);
      const answer = await send(s, deleteCall(version, ['contacts', contact], ['companies', hub]));
      expect(answer.status).toBe(auxiliaryOperation('association-archive-single', version).responses[0]?.status);
      expect(answer.status).toBe(SUCCESS_STATUSES.noContent);
      expect(answer.text).toBe('');
      expect((await companiesOf()).map((t) => t.toObjectId)).not.toContain(hub);
      expect((await contactsOfHub()).map((t) => t.toObjectId)).not.toContain(contact);
      // Again, and for a pair that was never associated: still 204 (idempotent, as the batch archive).
      expect((await send(s, deleteCall(version, ['contacts', contact], ['companies', hub]))).status).toBe(
        SUCCESS_STATUSES.noContent,
      );
      expect(
        (await send(s, deleteCall(version, ['contacts', s.seeded?.unassociated.contacts ?? ''], ['companies', hub])))
          .status,
      ).toBe(SUCCESS_STATUSES.noContent);
    },
  );

  it('answers an unknown record 404 and a malformed ID 400, both with an Error body, and removes nothing', async () => {
    const s = await sandbox();
    const hub = s.seeded?.hubCompanyId ?? '';
    for (const [from, to] of [
      [
        ['contacts', '999'],
        ['companies', hub],
      ],
      [
        ['contacts', id(s, 'contacts', 1)],
        ['companies', '999'],
      ],
    ] as const) {
      const answer = await send(s, deleteCall(V, from, to));
      expect(answer.status).toBe(ERROR_STATUSES.notFound);
      expect(
        strict.validateResponseText({
          endpoint: 'associate-default',
          apiVersion: V,
          status: answer.status,
          body: answer.text,
        }).findings,
      ).toEqual([]);
      expect(bodyOf(answer)).toMatchObject({
        status: 'error',
        category: 'OBJECT_NOT_FOUND',
        message: 'No ' + (from[1] === '999' ? 'contact' : 'company') + ' with ID 999 exists',
        correlationId: answer.headers['x-hubspot-correlation-id'],
      });
    }
    expectErrorBody(
      await send(s, deleteCall(V, ['contacts', 'abc'], ['companies', hub])),
      ERROR_STATUSES.badRequest,
      'VALIDATION_ERROR',
    );
    expectErrorBody(
      await send(s, deleteCall(V, ['widgets', '1'], ['companies', hub])),
      ERROR_STATUSES.badRequest,
      'VALIDATION_ERROR',
    );
    expect(resultsOf(await send(s, readCall([{ id: id(s, 'contacts', 1) }])))[0]?.to.map((t) => t.toObjectId)).toEqual([
      hub,
    ]);
  });
});

describe('large pages: a record with 1001 associations', () => {
  const pair = { fromObjectType: 'companies', toObjectType: 'contacts' };
  const wide = (pageSize: number, faults: readonly string[] = []): Promise<Sandbox> =>
    sandbox({ pageSize, faults, seedData: { recordsPerType: 6, hubAssociations: 1001 }, rateLimit: { max: 100_000 } });
  const page = async (s: Sandbox, after?: string) =>
    resultsOf(
      await send(
        s,
        readCall(
          [after === undefined ? { id: s.seeded?.hubCompanyId ?? '' } : { id: s.seeded?.hubCompanyId ?? '', after }],
          {},
          pair,
        ),
      ),
    )[0];
  const byId = (a: string, b: string): number => a.length - b.length || a.localeCompare(b);

  it.each([
    [5, 201],
    [50, 21],
    [200, 6],
    [500, 3],
  ] as const)('pages at %i: %i pages, every association once, in order', async (pageSize, pages) => {
    const s = await wide(pageSize);
    const seen: string[] = [];
    const sizes: number[] = [];
    let after: string | undefined;
    do {
      const result = await page(s, after);
      sizes.push(result?.to.length ?? 0);
      seen.push(...(result?.to.map((t) => t.toObjectId) ?? []));
      after = result?.paging?.next?.after;
    } while (after !== undefined && sizes.length <= pages);
    expect(sizes).toHaveLength(pages);
    expect(sizes.slice(0, -1).every((size) => size === pageSize)).toBe(true);
    expect(sizes.at(-1)).toBe(1001 - pageSize * (pages - 1));
    expect(seen).toEqual(ids(s, 'contacts').slice(0, 1001).slice().sort(byId));
  });

  it.each([5, 50, 200, 500])('paging-not-advancing answers the first page again at %i', async (pageSize) => {
    const s = await wide(pageSize, ['paging-not-advancing']);
    const first = await page(s);
    const second = await page(s, first?.paging?.next?.after);
    expect(first?.to).toHaveLength(pageSize);
    expect(second).toEqual(first);
    expect(second?.paging?.next?.after).toBe(encodeCursor(pageSize));
  });

  it.each([5, 50, 200, 500])(
    'paging-never-ends points past the last page at %i, and on past the end',
    async (pageSize) => {
      const s = await wide(pageSize, ['paging-never-ends']);
      const pages = Math.ceil(1001 / pageSize);
      const last = await page(s, encodeCursor(pageSize * (pages - 1)));
      expect(last?.to).toHaveLength(1001 - pageSize * (pages - 1));
      expect(last?.paging?.next?.after).toBe(encodeCursor(pageSize * pages));
      const beyond = await page(s, last?.paging?.next?.after);
      expect(beyond).toMatchObject({ to: [], paging: { next: { after: encodeCursor(pageSize * (pages + 1)) } } });
    },
  );

  it('creates 1100 records (11 batches of 100) and associates them to one company (11 batches of 100) in the store', async () => {
    const s = await sandbox({ pageSize: 500, rateLimit: { max: 100_000 } });
    const company = id(s, 'companies', 3);
    const created: string[] = [];
    for (let batch = 0; batch < 11; batch++) {
      const inputs = Array.from({ length: 100 }, (_, i) => ({
        properties: { email: `wide-${batch * 100 + i}@example.com` },
      }));
      const answer = await send(s, auxiliaryCall('objects-batch-create', V, { objectType: 'contacts' }, { inputs }));
      created.push(...(bodyOf(answer).results as { id: string }[]).map((r) => r.id));
    }
    expect(new Set(created).size).toBe(1100);
    for (let batch = 0; batch < 11; batch++) {
      const inputs = created
        .slice(batch * 100, batch * 100 + 100)
        .map((contact) => ({ from: { id: company }, to: { id: contact } }));
      const answer = await send(
        s,
        endpointCall(
          'batch-associate-default',
          V,
          { fromObjectType: 'companies', toObjectType: 'contacts' },
          { inputs },
        ),
      );
      expect(bodyOf(answer).numErrors).toBe(0);
    }
    const read = async (after?: string) =>
      resultsOf(await send(s, readCall([after === undefined ? { id: company } : { id: company, after }], {}, pair)))[0];
    const first = await read();
    const second = await read(first?.paging?.next?.after);
    const third = await read(second?.paging?.next?.after);
    expect([first, second, third].map((r) => r?.to.length)).toEqual([500, 500, 100]);
    expect(third).not.toHaveProperty('paging');
  });
});

describe('stop()', () => {
  it('closes every socket, including keep-alive connections and a delayed answer, and stops listening', async () => {
    const s = await startSandbox(suiteOptions({ faults: ['slow-response'], faultOptions: { slowResponseMs: 60_000 } }));
    const agent = new Agent({ keepAlive: true });
    const get = (path: string) =>
      new Promise<{ status?: number; error?: string }>((resolve) => {
        const req = httpRequest(
          `${s.url}${path}`,
          { agent, headers: { authorization: `Bearer ${TEST_TOKEN}` } },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
          },
        );
        req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
        req.end();
      });
    expect((await get('/account-info/v3/details')).status).toBe(
      auxiliaryOperation('account-details', V).responses[0]?.status,
    );
    const idle = Object.values(agent.freeSockets).flat()[0];
    expect(idle).toBeDefined();
    const idleClosed = new Promise<boolean>((resolve) => {
      idle?.once('close', () => resolve(true));
      setTimeout(() => resolve(false), 10_000).unref();
    });
    const pending = send(s, { ...readCall([{ id: id(s, 'contacts', 1) }]), timeoutMs: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await s.stop();
    await s.stop(); // twice is harmless
    // A hang guard, not a speed check: stop must not wait out the held request (60 s); 10 s is room for any load.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect((await pending).error).toMatch(/ECONNRESET|socket hang up/);
    // The idle keep-alive connection was closed by the server.
    expect(await idleClosed).toBe(true);
    expect((await send(s, { method: 'GET', path: '/account-info/v3/details' })).error).toBe('ECONNREFUSED');
    agent.destroy();
  });

  it('refuses bad options with a RangeError naming the value', async () => {
    await expect(startSandbox({ port: 70_000 })).rejects.toThrow(/port must be .* got 70000/);
    await expect(startSandbox({ pageSize: 0 })).rejects.toThrow(/pageSize/);
    await expect(startSandbox({ rateLimit: { max: 0 } })).rejects.toThrow(/rateLimit.max/);
    await expect(startSandbox({ seedData: { recordsPerType: 1 } })).rejects.toThrow(/recordsPerType/);
    await expect(startSandbox({ accountType: 'sandbox; drop' })).rejects.toThrow(/accountType/);
  });
});
