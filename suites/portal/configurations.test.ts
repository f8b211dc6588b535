import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../provider/index.js';
import { isSuccess } from '../../src/catalogue/index.js';
import type { RunResult } from '../../src/runner/result.js';
import { matchers } from '../support/matchers.js';
import { entriesOf, hsac, limitLine, SEED, setUserLimit, spawnRun, until, USER_LIMIT } from './harness.js';

/**
 * Issue 12 §3: a limit configuration the user set before the run (contacts -> companies, type 279,
 * max 2) is the same after it, whether the run ends normally, is interrupted (SIGINT), or is
 * killed (SIGKILL) and cleaned up with `hsac cleanup`; a portal with no limit has none after a run.
 * Each case first proves the run did change the limit (else "unchanged" would prove nothing), then
 * compares `sandbox.contents()` (records, associations and configurations) with before the run.
 */
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-portal-configurations-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const USER_LINE = `0-1>0-2:279:${JSON.stringify(USER_LIMIT)}`;

let sandbox: Sandbox;
beforeEach(async () => {
  // A one-second window (as `hsac run` gives its embedded sandbox) keeps each run short.
  sandbox = await startSandbox({ rateLimit: { max: 50, intervalMs: 1000 } });
});
afterEach(() => sandbox.stop());

/** The run's own writes of the user's limit that the sandbox accepted, with the maxima asked for. */
function limitWrites(result: RunResult): number[] {
  return result.exchanges
    .filter(
      (e) =>
        e.endpoint === 'configurations-batch-create' && e.purpose !== 'cleanup' && isSuccess(e.response?.status ?? 0),
    )
    .map(
      (e) =>
        (JSON.parse(e.request.body ?? '{}') as { inputs: { maxToObjectIds: number }[] }).inputs[0]?.maxToObjectIds ?? 0,
    );
}

describe('a limit configuration set before the run is unchanged after it', () => {
  it('after a normal run: the run read it, journaled it, overwrote it, and put it back (update)', async () => {
    await setUserLimit(sandbox);
    const before = sandbox.contents();
    expect(before.configurations).toContain(USER_LINE);
    const reportDir = join(dir, 'normal');
    const ran = await hsac([
      'run',
      '--target',
      sandbox.url,
      '--token',
      sandbox.token,
      '--seed',
      SEED,
      '--runs',
      '2',
      '--report-dir',
      reportDir,
    ]);
    const result = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunResult;
    expect(ran.code, result.summary.reason).toBe(0);
    // It did change the limit: the coverage sequence sets max 200.
    expect(limitWrites(result)).toContain(200);
    const journal = join(reportDir, 'journal.jsonl');
    expect(entriesOf(journal, 'configuration-before')).toEqual([
      {
        kind: 'configuration-before',
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        typeId: 279,
        original: USER_LIMIT,
      },
    ]);
    // Read before the first body that could change it (the invalid ones included); the probe
    // without a token comes earlier, and a portal must refuse it.
    const firstRead = result.exchanges.findIndex((e) => e.endpoint === 'configurations-read');
    expect(firstRead).toBeGreaterThan(-1);
    expect(
      result.exchanges.findIndex((e) => e.endpoint === 'configurations-batch-create' && e.intent !== 'no-auth'),
    ).toBeGreaterThan(firstRead);
    expect(entriesOf(journal, 'configuration-restored')).toEqual([
      {
        kind: 'configuration-restored',
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        typeId: 279,
        how: 'updated',
      },
    ]);
    expect(sandbox.contents()).toEqual(before);
  });

  it('after Ctrl-C (SIGINT to hsac run mid-way): the run cleans up and puts it back, exit 3', async () => {
    await setUserLimit(sandbox);
    const before = sandbox.contents();
    const reportDir = join(dir, 'interrupted');
    const journal = join(reportDir, 'journal.jsonl');
    const { child, exited } = spawnRun(sandbox, reportDir);
    // Interrupt once the run has overwritten the user's limit: the moment that needs the restore.
    await until(
      'the run to overwrite the limit',
      () => limitLine(sandbox) !== undefined && limitLine(sandbox) !== USER_LINE,
    );
    expect(entriesOf(journal, 'configuration-before').map((entry) => entry.original)).toEqual([USER_LIMIT]);
    child.kill('SIGINT');
    expect(await exited).toBe(3);
    expect(entriesOf(journal, 'configuration-restored').map((entry) => entry.how)).toEqual(['updated']);
    expect(entriesOf(journal, 'complete')).toHaveLength(1);
    expect(sandbox.contents()).toEqual(before);
  });

  it('after SIGKILL plus hsac cleanup: the journal alone is enough to put it back', async () => {
    await setUserLimit(sandbox);
    const before = sandbox.contents();
    const reportDir = join(dir, 'killed');
    const journal = join(reportDir, 'journal.jsonl');
    const { child, exited } = spawnRun(sandbox, reportDir);
    await until(
      'the run to overwrite the limit',
      () => limitLine(sandbox) !== undefined && limitLine(sandbox) !== USER_LINE,
    );
    child.kill('SIGKILL');
    await exited;
    // Killed: nothing was cleaned, the user's limit is still overwritten.
    expect(limitLine(sandbox)).not.toBe(USER_LINE);
    expect(entriesOf(journal, 'complete')).toEqual([]);
    expect(entriesOf(journal, 'configuration-before').map((entry) => entry.original)).toEqual([USER_LIMIT]);
    const cleaned = await hsac(['cleanup', '--journal', journal, '--token', sandbox.token]);
    expect(cleaned.code, cleaned.out).toBe(0);
    expect(cleaned.out).toMatch(/1 limit configurations as they were before/);
    expect(sandbox.contents()).toEqual(before);
    // Again: nothing left, so no token is needed.
    expect(await hsac(['cleanup', '--journal', journal])).toMatchObject({
      code: 0,
      out: matchers.stringContaining('nothing to clean'),
    });
  });
});

describe('a portal with no limit configuration has none after a run', () => {
  it('the limit the run set is purged, and nothing else on the portal changed', async () => {
    const empty = await startSandbox({ rateLimit: { max: 50, intervalMs: 1000 }, seedData: false });
    try {
      const before = empty.contents();
      expect(before.configurations).toEqual([]);
      const reportDir = join(dir, 'none');
      const ran = await hsac([
        'run',
        '--target',
        empty.url,
        '--token',
        empty.token,
        '--seed',
        SEED,
        '--runs',
        '2',
        '--report-dir',
        reportDir,
      ]);
      const result = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunResult;
      expect(ran.code, result.summary.reason).toBe(0);
      expect(limitWrites(result).length).toBeGreaterThan(0);
      const journal = join(reportDir, 'journal.jsonl');
      expect(entriesOf(journal, 'configuration-before').map((entry) => entry.original)).toEqual(['none']);
      expect(entriesOf(journal, 'configuration-restored').map((entry) => entry.how)).toEqual(['purged']);
      expect(empty.contents()).toEqual(before);
    } finally {
      await empty.stop();
    }
  });
});
