import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../provider/index.js';
import { journalEntries, hsac, SEED } from './harness.js';

/**
 * Issue 12 §3: records given with `--records` are read first; IDs the target does not hold are
 * the user's usage error (exit 2) naming them, before anything is written, never `status-family`
 * findings against the target.
 */
let dir: string;
let sandbox: Sandbox;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-portal-records-'));
  // A one-second window (as `hsac run` gives its embedded sandbox): no run here waits out HubSpot's ten seconds.
  sandbox = await startSandbox({ rateLimit: { max: 50, intervalMs: 1000 } });
});
afterAll(async () => {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A short run: no wide record, the sandbox's own budget (its window is one second). */
const QUICK = ['--seed', SEED, '--runs', '1', '--paging-budget', '0', '--rate-limit', '50/1s'];

describe('--records IDs that do not exist', () => {
  it('are a usage error (exit 2) naming them, and nothing is written', async () => {
    const [contact] = sandbox
      .contents()
      .records.filter((record) => record.startsWith('0-1:'))
      .map((record) => record.split(':')[1] ?? '');
    const [company] = sandbox
      .contents()
      .records.filter((record) => record.startsWith('0-2:'))
      .map((record) => record.split(':')[1] ?? '');
    expect(contact && company).toBeTruthy();
    const records = join(dir, 'records.json');
    writeFileSync(
      records,
      JSON.stringify({ fromIds: [contact, '999999999001'], toIds: [company, '999999999002', '999999999003'] }),
    );
    const before = sandbox.contents();
    const reportDir = join(dir, 'missing');
    const ran = await hsac([
      'run',
      '--target',
      sandbox.url,
      '--token',
      sandbox.token,
      '--records',
      records,
      ...QUICK,
      '--report-dir',
      reportDir,
    ]);
    expect(ran.code).toBe(2);
    expect(ran.err).toContain(
      '--records names 3 record(s) the target does not hold: contacts 999999999001, companies 999999999002, companies 999999999003; nothing was written',
    );
    expect(ran.err).not.toContain(`contacts ${contact}`);
    expect(sandbox.contents()).toEqual(before);
    // No write was ever about to be sent: the journal holds the run and its (empty) cleanup only.
    expect(journalEntries(join(reportDir, 'journal.jsonl')).map((entry) => entry.kind)).toEqual(['run', 'complete']);
  });

  it('records that all exist are used as before (the read costs one request per 100 IDs per side)', async () => {
    const contacts = sandbox
      .contents()
      .records.filter((record) => record.startsWith('0-1:'))
      .slice(0, 2)
      .map((record) => record.split(':')[1] ?? '');
    const companies = sandbox
      .contents()
      .records.filter((record) => record.startsWith('0-2:'))
      .slice(0, 3)
      .map((record) => record.split(':')[1] ?? '');
    const records = join(dir, 'present.json');
    writeFileSync(records, JSON.stringify({ fromIds: contacts, toIds: companies }));
    const reportDir = join(dir, 'present');
    const ran = await hsac([
      'run',
      '--target',
      sandbox.url,
      '--token',
      sandbox.token,
      '--records',
      records,
      ...QUICK,
      '--report-dir',
      reportDir,
    ]);
    const result = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as {
      exchanges: { endpoint: string }[];
    };
    expect(ran.code, ran.out).toBe(0);
    expect(result.exchanges.filter((e) => e.endpoint === 'objects-batch-read')).toHaveLength(2);
  });
});
