import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../provider/index.js';
import { auxiliaryOperation } from '../catalogue/index.js';
import { observeAuxiliary, type AuxiliaryObservedExchange } from '../checks/index.js';
import { HubSpotClient, type Exchange } from '../transport/index.js';
import { createValidator } from '../validate/index.js';
import {
  guardConfiguration,
  parseConfigurations,
  restoreConfigurations,
  untouchedConfigurations,
} from './configurations.js';
import { Journal, leftovers, readJournal, type JournalEntry } from './journal.js';
import { Session } from './session.js';

const V = '2026-03';
const PAIR = { fromObjectType: 'contacts', toObjectType: 'companies' } as const;
const NO_RETRY = { maxRetries: 0, maxRateLimitRetries: 0, baseDelayMs: 1, maxDelayMs: 1 };

let dir: string;
let counter = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-configurations-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sessionFor(baseUrl: string, token: string): Session {
  return new Session(
    new HubSpotClient({ baseUrl, token, retry: NO_RETRY, timeoutMs: 2000 }),
    { profile: 'lenient', validator: createValidator({ profile: 'lenient' }) },
    'test',
  );
}

function journalFor(baseUrl: string): Journal {
  const journal = new Journal(join(dir, `journal-${++counter}.jsonl`));
  journal.append({ kind: 'run', runId: `test-${counter}`, baseUrl, apiVersion: V, at: '2026-12-01T00:00:00.000Z' });
  return journal;
}

const entries = (journal: Journal): JournalEntry[] => readJournal(journal.path);
const ofKind = <K extends JournalEntry['kind']>(journal: Journal, kind: K): Extract<JournalEntry, { kind: K }>[] =>
  entries(journal).filter((entry): entry is Extract<JournalEntry, { kind: K }> => entry.kind === kind);

async function post(sandbox: Sandbox, path: string, body: unknown): Promise<number> {
  const answer = await fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await answer.arrayBuffer();
  return answer.status;
}
const configure = (sandbox: Sandbox, maxToObjectIds: number): Promise<number> =>
  post(sandbox, `/crm/associations/${V}/definitions/configurations/contacts/companies/batch/create`, {
    inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds }],
  });
const purge = (sandbox: Sandbox): Promise<number> =>
  post(sandbox, `/crm/associations/${V}/definitions/configurations/contacts/companies/batch/purge`, {
    inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }],
  });

/** A configurations read answer as the session hands it over (its body read once). */
function configurationsAnswer(exchange: Exchange): AuxiliaryObservedExchange {
  return observeAuxiliary({ auxiliary: auxiliaryOperation('configurations-read', V), exchange });
}

function exchange(status: number, body: string): AuxiliaryObservedExchange {
  const request = { method: 'GET', url: 'http://x/', headers: {} };
  const response = { status, headers: {}, body, bytes: body.length };
  return configurationsAnswer({ id: 1, request, response, attempts: [], startedAt: '', durationMs: 0 });
}

describe('parseConfigurations: only an answer fully understood counts as read', () => {
  it('reads typeId, category and userEnforcedMaxToObjectIds; a type without a limit (or null) has none', () => {
    const read = parseConfigurations(
      exchange(
        200,
        JSON.stringify({
          results: [
            { category: 'HUBSPOT_DEFINED', typeId: 279, userEnforcedMaxToObjectIds: 2 },
            { category: 'USER_DEFINED', typeId: 142, label: 'Billing', userEnforcedMaxToObjectIds: '5' },
            { category: 'USER_DEFINED', typeId: 143 },
            { category: 'USER_DEFINED', typeId: 144, userEnforcedMaxToObjectIds: null },
          ],
        }),
      ),
    );
    expect(read.ok && [...read.byType.values()]).toEqual([
      { category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 2 },
      { category: 'USER_DEFINED', typeId: 142, maxToObjectIds: 5, label: 'Billing' },
    ]);
  });

  it.each([
    ['a 404', exchange(404, '{"status":"error"}'), /answered status 404/],
    ['a body that is not JSON', exchange(200, '<html>'), /not JSON/],
    ['no results array', exchange(200, '{"results":{}}'), /no results array/],
    [
      'an entry without typeId',
      exchange(200, '{"results":[{"category":"HUBSPOT_DEFINED"}]}'),
      /results\[0\] without a typeId/,
    ],
    [
      'a limit that is not an integer',
      exchange(200, '{"results":[{"category":"HUBSPOT_DEFINED","typeId":279,"userEnforcedMaxToObjectIds":"lots"}]}'),
      /"lots", not an integer/,
    ],
  ])('is not read from %s', (_name, answer, why) => {
    const read = parseConfigurations(answer);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.why).toMatch(why);
  });
});

describe('guardConfiguration and restoreConfigurations against the sandbox', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => sandbox.stop());

  it('journals the original (max 2) before the write, reads once per run, and the restore updates the limit back', async () => {
    expect(await configure(sandbox, 2)).toBe(201);
    const before = sandbox.contents().configurations;
    const session = sessionFor(sandbox.url, sandbox.token);
    const journal = journalFor(sandbox.url);
    expect(await guardConfiguration(session, journal, V, PAIR.fromObjectType, PAIR.toObjectType, 279)).toEqual({
      ok: true,
    });
    expect(ofKind(journal, 'configuration-before')).toEqual([
      {
        kind: 'configuration-before',
        ...PAIR,
        typeId: 279,
        original: { category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 2 },
      },
    ]);
    await configure(sandbox, 200);
    // The second guard of the run must not read the run's own 200 as the original.
    expect(await guardConfiguration(session, journal, V, PAIR.fromObjectType, PAIR.toObjectType, 279)).toEqual({
      ok: true,
    });
    expect(session.exchanges.filter((e) => e.endpoint === 'configurations-read')).toHaveLength(1);
    expect(ofKind(journal, 'configuration-before')).toHaveLength(1);

    const restore = await restoreConfigurations(
      session,
      journal,
      V,
      leftovers(entries(journal)).configurations.values(),
    );
    expect(restore).toEqual({ restored: 1, failures: [] });
    expect(sandbox.contents().configurations).toEqual(before);
    expect(ofKind(journal, 'configuration-restored')).toEqual([
      { kind: 'configuration-restored', ...PAIR, typeId: 279, how: 'updated' },
    ]);
    expect(session.exchanges.map((e) => e.endpoint).slice(1)).toEqual([
      'configurations-read',
      'configurations-batch-update',
      'configurations-read',
    ]);
    expect(leftovers(entries(journal)).configurations.size).toBe(0);
  });

  it('purges a limit that did not exist before, and only that type (the seeded label limit 142 on the pair stays)', async () => {
    const before = sandbox.contents().configurations;
    expect(before.some((line) => line.startsWith('0-1>0-2:142:'))).toBe(true);
    const session = sessionFor(sandbox.url, sandbox.token);
    const journal = journalFor(sandbox.url);
    await guardConfiguration(session, journal, V, PAIR.fromObjectType, PAIR.toObjectType, 279);
    expect(ofKind(journal, 'configuration-before')[0]?.original).toBe('none');
    await configure(sandbox, 200);
    expect(sandbox.contents().configurations).toHaveLength(before.length + 1);
    const restore = await restoreConfigurations(
      session,
      journal,
      V,
      leftovers(entries(journal)).configurations.values(),
    );
    expect(restore).toEqual({ restored: 1, failures: [] });
    expect(sandbox.contents().configurations).toEqual(before);
    expect(ofKind(journal, 'configuration-restored')[0]?.how).toBe('purged');
  });

  it('re-creates a limit that is gone (purged by someone, or by a provider acting on an invalid body)', async () => {
    await configure(sandbox, 2);
    const before = sandbox.contents().configurations;
    const session = sessionFor(sandbox.url, sandbox.token);
    const journal = journalFor(sandbox.url);
    await guardConfiguration(session, journal, V, PAIR.fromObjectType, PAIR.toObjectType, 279);
    await purge(sandbox);
    const restore = await restoreConfigurations(
      session,
      journal,
      V,
      leftovers(entries(journal)).configurations.values(),
    );
    expect(restore).toEqual({ restored: 1, failures: [] });
    expect(sandbox.contents().configurations).toEqual(before);
    expect(ofKind(journal, 'configuration-restored')[0]?.how).toBe('recreated');
    // The re-create is the endpoint under test: its answer was checked like any other.
    expect(session.exchanges.some((e) => e.endpoint === 'configurations-batch-create' && e.purpose !== undefined)).toBe(
      true,
    );
  });

  it('leaves a limit that is already as it was, and a second restore has nothing to do', async () => {
    await configure(sandbox, 2);
    const session = sessionFor(sandbox.url, sandbox.token);
    const journal = journalFor(sandbox.url);
    await guardConfiguration(session, journal, V, PAIR.fromObjectType, PAIR.toObjectType, 279);
    expect(
      await restoreConfigurations(session, journal, V, leftovers(entries(journal)).configurations.values()),
    ).toEqual({ restored: 1, failures: [] });
    expect(ofKind(journal, 'configuration-restored')[0]?.how).toBe('unchanged');
    expect(session.exchanges.filter((e) => e.endpoint !== 'configurations-read')).toEqual([]);
    expect([...leftovers(entries(journal)).configurations.values()]).toEqual([]);
  });
});

describe('a limit that cannot be read is not touched, and one that does not take is not called restored', () => {
  let server: Server;
  let url: string;
  /** What the stub answers to a configurations read; updates are answered 200 and ignored. */
  let readAnswer: { status: number; body: unknown };
  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const { status, body } =
          request.method === 'GET'
            ? readAnswer
            : {
                status: 200,
                body: {
                  status: 'COMPLETE',
                  results: [],
                  startedAt: '2026-12-01T00:00:00.000Z',
                  completedAt: '2026-12-01T00:00:00.000Z',
                },
              };
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a failed read journals nothing, says why, and is not retried in the run', async () => {
    readAnswer = {
      status: 403,
      body: {
        status: 'error',
        message: "This app hasn't been granted all required scopes",
        category: 'MISSING_SCOPES',
        correlationId: '00000000-0000-4000-8000-000000000000',
      },
    };
    const session = sessionFor(url, 'pat-na1-test');
    const journal = journalFor(url);
    const guard = await guardConfiguration(session, journal, V, PAIR.fromObjectType, PAIR.toObjectType, 279);
    const why = guard.ok ? undefined : guard.why;
    expect(why).toMatch(/contacts -> companies type 279 was not touched: .*status 403/);
    expect(guard).toEqual({ ok: false, why });
    expect(await guardConfiguration(session, journal, V, PAIR.fromObjectType, PAIR.toObjectType, 279)).toEqual(guard);
    expect(session.exchanges).toHaveLength(1);
    expect(ofKind(journal, 'configuration-before')).toEqual([]);
    expect(untouchedConfigurations(journal)).toEqual([guard.ok ? '' : guard.why]);
    expect(readFileSync(journal.path, 'utf8')).not.toContain('configuration');
  });

  it('an update answered 200 that the read does not show is a failure, and the original stays journaled', async () => {
    readAnswer = {
      status: 200,
      body: { results: [{ category: 'HUBSPOT_DEFINED', typeId: 279, userEnforcedMaxToObjectIds: 200 }] },
    };
    const session = sessionFor(url, 'pat-na1-test');
    const journal = journalFor(url);
    journal.append({
      kind: 'configuration-before',
      ...PAIR,
      typeId: 279,
      original: { category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 2 },
    });
    const restore = await restoreConfigurations(
      session,
      journal,
      V,
      leftovers(entries(journal)).configurations.values(),
    );
    expect(restore.restored).toBe(0);
    expect(restore.failures).toEqual([
      expect.stringMatching(
        /type 279 to HUBSPOT_DEFINED max 2: read back as HUBSPOT_DEFINED max 200; the journal keeps the original/,
      ),
    ]);
    expect(leftovers(entries(journal)).configurations.size).toBe(1);
  });

  it('a pair that cannot be read at cleanup is left as is, and said', async () => {
    readAnswer = {
      status: 500,
      body: {
        status: 'error',
        message: 'boom',
        category: 'INTERNAL_ERROR',
        correlationId: '00000000-0000-4000-8000-000000000000',
      },
    };
    const session = sessionFor(url, 'pat-na1-test');
    const journal = journalFor(url);
    journal.append({ kind: 'configuration-before', ...PAIR, typeId: 279, original: 'none' });
    const restore = await restoreConfigurations(
      session,
      journal,
      V,
      leftovers(entries(journal)).configurations.values(),
    );
    expect(restore).toEqual({
      restored: 0,
      failures: [
        expect.stringMatching(/type 279 to no limit: the configurations read answered status 500; left as is/),
      ],
    });
    expect(session.exchanges.map((e) => e.request.method)).toEqual(['GET']);
  });
});

describe('a configurations read that names a type twice is not trusted', () => {
  it('is unusable: which of the two is the limit cannot be told', async () => {
    const { parseConfigurations } = await import('./configurations.js');
    const body = JSON.stringify({
      results: [
        { category: 'HUBSPOT_DEFINED', typeId: 279, userEnforcedMaxToObjectIds: 2 },
        { category: 'HUBSPOT_DEFINED', typeId: 279, userEnforcedMaxToObjectIds: 9 },
      ],
    });
    const request = { method: 'GET', url: 'http://127.0.0.1/x', headers: {} };
    const response = { status: 200, headers: {}, body, bytes: body.length };
    const startedAt = '2026-12-03T00:00:00.000Z';
    const answer = configurationsAnswer({ id: 1, request, response, attempts: [], startedAt, durationMs: 1 });
    const read = parseConfigurations(answer);
    expect(read).toEqual({ ok: false, why: 'the configurations read lists type 279 twice' });
  });
});
