import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../provider/index.js';
import {
  ASSOCIATION_CALLS,
  BIN,
  holdingProxy,
  readJournalLines,
  readReport,
  say,
  spawnNode,
  waitFor,
  type HoldingProxy,
} from './harness.js';

/**
 * One SIGINT, then the target stops answering: cleanup cannot archive anything, yet the run still
 * ends within 10 s with its reports (each cleanup call is capped, none is retried, and no call is
 * sent after a few seconds), says that cleanup left work, and leaves it journaled for
 * `hsac cleanup`. Times are measured and printed; the test's own timeout is far wider.
 */

const PROMISED_MS = 10_000;
let dir: string;
let sandbox: Sandbox;
let proxy: HoldingProxy;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-dead-cleanup-'));
  sandbox = await startSandbox({ seed: 5 });
  proxy = await holdingProxy(sandbox.url);
});
afterAll(async () => {
  await proxy.stop();
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a target that stops answering after Ctrl-C', () => {
  it('the run exits 3 within 10 s with its reports, and says cleanup left work (not that it cleaned up)', async () => {
    const reportDir = join(dir, 'dead');
    const journal = join(reportDir, 'journal.jsonl');
    const ran = spawnNode(BIN, [
      'run',
      '--target',
      proxy.url,
      '--token',
      sandbox.token,
      '--runs',
      '200',
      '--seed',
      '11',
      '--report-dir',
      reportDir,
    ]);
    expect(
      await waitFor(() => existsSync(journal) && readFileSync(journal, 'utf8').includes('"kind":"associate"'), 40_000),
      ran.err(),
    ).toBe(true);
    proxy.hold(ASSOCIATION_CALLS);
    expect(await waitFor(() => proxy.held() > 0, 30_000), ran.err()).toBe(true);
    const sent = performance.now();
    ran.child.kill('SIGINT');
    const { code, at } = await ran.exited;
    say('SIGINT, then a target that never answers: signal to exit', at - sent);
    expect(code, ran.err()).toBe(3);
    expect(at - sent).toBeLessThan(PROMISED_MS);
    const report = readReport(reportDir);
    expect(report.summary.reason).toContain('cleanup left work in the journal: run hsac cleanup --journal');
    expect(report.summary.reason).not.toContain('what it created was cleaned up');
    expect(readJournalLines(journal).map((entry) => entry.kind)).not.toContain('complete');
  }, 90_000);
});
