import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../provider/index.js';
import type { JournalEntry } from '../../src/runner/journal.js';
import { matchers } from '../support/matchers.js';
import { entriesOf, hsac, limitLine, setUserLimit, USER_LIMIT } from './harness.js';

/**
 * `hsac cleanup` (issue 12 §4): the journal defaults to `reports/latest/journal.jsonl`; nothing to
 * clean needs no token; only work journaled against the target it talks to is touched, and the
 * other targets with work left are named; failures are printed. The journals are written by hand,
 * as a crashed run leaves them.
 */
let dir: string;
let counter = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-portal-cleanup-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ rateLimit: { max: 50, intervalMs: 1000 } });
});
afterEach(() => sandbox.stop());

/** An unreachable portal: anything cleanup sent there would fail the test's exit code. */
const ELSEWHERE = 'http://127.0.0.1:9';
const run = (baseUrl: string, runId: string): JournalEntry => ({
  kind: 'run',
  runId,
  baseUrl,
  apiVersion: '2026-03',
  at: '2026-12-01T00:00:00.000Z',
});
const USER_LINE = `0-1>0-2:279:${JSON.stringify(USER_LIMIT)}`;

/** Writes a journal (one JSON line per entry) at `path`, making its directory. */
function writeJournal(path: string, entries: readonly JournalEntry[]): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  return path;
}

/** A crashed run against the sandbox: it read the user's limit (max 2), journaled it, set 200, and died. */
async function crashedRunOnSandbox(): Promise<JournalEntry[]> {
  await setUserLimit(sandbox);
  await setUserLimit(sandbox, 200);
  return [
    run(sandbox.url, 'on-sandbox'),
    {
      kind: 'configuration-before',
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      typeId: 279,
      original: USER_LIMIT,
    },
  ];
}

/** Seeded contact IDs: on the sandbox they are someone else's records. */
function seededContacts(): string[] {
  return sandbox
    .contents()
    .records.filter((record) => record.startsWith('0-1:'))
    .slice(0, 2)
    .map((record) => record.split(':')[1] ?? '');
}

describe('hsac cleanup', () => {
  it('reads reports/latest/journal.jsonl when --journal is not given', async () => {
    const cwd = join(dir, `cwd-${++counter}`);
    writeJournal(join(cwd, 'reports', 'latest', 'journal.jsonl'), await crashedRunOnSandbox());
    const cleaned = await hsac(['cleanup', '--token', sandbox.token], cwd);
    expect(cleaned.code, cleaned.out + cleaned.err).toBe(0);
    expect(limitLine(sandbox)).toBe(USER_LINE);
    expect(entriesOf(join(cwd, 'reports', 'latest', 'journal.jsonl'), 'complete')).toHaveLength(1);
  });

  it('needs no token when there is nothing to clean: no journal, or a journal whose runs were cleaned up (exit 0)', async () => {
    const cwd = join(dir, `cwd-${++counter}`);
    mkdirSync(cwd, { recursive: true });
    expect(await hsac(['cleanup'], cwd)).toMatchObject({
      code: 0,
      out: matchers.stringMatching(/nothing to clean: no journal at reports\/latest\/journal\.jsonl/),
    });
    const done = writeJournal(join(dir, `done-${++counter}.jsonl`), [
      run(sandbox.url, 'clean'),
      { kind: 'records-created', objectType: 'contacts', ids: ['123'] },
      { kind: 'archived', what: 'records', keys: ['contacts:123'] },
      { kind: 'complete', at: '2026-12-01T00:00:01.000Z' },
    ]);
    expect(await hsac(['cleanup', '--journal', done])).toMatchObject({
      code: 0,
      out: matchers.stringContaining(`nothing to clean on ${sandbox.url}`),
    });
    // A journal named on purpose that is not there is a usage error, not "nothing to clean".
    expect(await hsac(['cleanup', '--journal', join(dir, 'missing.jsonl')])).toMatchObject({
      code: 2,
      err: matchers.stringContaining('missing.jsonl'),
    });
    // Something to clean and no token: a usage error naming the portal.
    const pending = writeJournal(join(dir, `pending-${++counter}.jsonl`), await crashedRunOnSandbox());
    expect(await hsac(['cleanup', '--journal', pending])).toMatchObject({
      code: 2,
      err: matchers.stringContaining(`cleanup of ${sandbox.url} needs the token`),
    });
  });

  it("touches only the target it talks to: the first run's by default, naming the targets it left alone; a second cleanup has nothing to do", async () => {
    const foreign = seededContacts();
    const journal = writeJournal(join(dir, `two-targets-${++counter}.jsonl`), [
      ...(await crashedRunOnSandbox()),
      // A crashed run against another portal, journaled last: its IDs are other records here.
      run(ELSEWHERE, 'elsewhere'),
      { kind: 'records-created', objectType: 'contacts', ids: foreign },
    ]);
    const before = sandbox.contents().records;
    const cleaned = await hsac(['cleanup', '--journal', journal, '--token', sandbox.token]);
    expect(cleaned.code, cleaned.out).toBe(0);
    expect(cleaned.out).toContain(`1 limit configurations as they were before (1 run on ${sandbox.url})`);
    expect(cleaned.out).toContain(`left alone: work journaled against ${ELSEWHERE}`);
    expect(limitLine(sandbox)).toBe(USER_LINE);
    expect(sandbox.contents().records).toEqual(before);
    // What this cleanup journaled counts for the sandbox, although the journal's last run is the other target's.
    const again = await hsac(['cleanup', '--journal', journal]);
    expect(again).toMatchObject({ code: 0, out: matchers.stringContaining(`nothing to clean on ${sandbox.url}`) });
    expect(again.out).toContain(`left alone: work journaled against ${ELSEWHERE}`);
  });

  it("with --target, cleans that target's entries only", async () => {
    const foreign = seededContacts();
    const journal = writeJournal(join(dir, `pick-target-${++counter}.jsonl`), [
      run(ELSEWHERE, 'elsewhere'),
      { kind: 'records-created', objectType: 'contacts', ids: foreign },
      ...(await crashedRunOnSandbox()),
    ]);
    const before = sandbox.contents().records;
    const cleaned = await hsac(['cleanup', '--journal', journal, '--target', sandbox.url, '--token', sandbox.token]);
    expect(cleaned.code, cleaned.out).toBe(0);
    expect(limitLine(sandbox)).toBe(USER_LINE);
    expect(sandbox.contents().records).toEqual(before);
    expect(cleaned.out).toContain(`left alone: work journaled against ${ELSEWHERE}`);
  });

  it('prints what it could not do, keeps it journaled, and exits 3', async () => {
    const journal = writeJournal(join(dir, `unreachable-${++counter}.jsonl`), [
      run(ELSEWHERE, 'elsewhere'),
      {
        kind: 'configuration-before',
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        typeId: 279,
        original: 'none',
      },
    ]);
    const cleaned = await hsac(['cleanup', '--journal', journal, '--token', 'pat-na1-elsewhere']);
    expect(cleaned.code).toBe(3);
    expect(cleaned.out).toMatch(
      /could not: restoring the limit configuration of contacts -> companies type 279 to no limit: .*left as is/,
    );
    expect(readFileSync(journal, 'utf8')).not.toContain('configuration-restored');
  });
});
