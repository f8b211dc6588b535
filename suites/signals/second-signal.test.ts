import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../provider/index.js';
import { hsac } from '../support/cli.js';
import { matchers } from '../support/matchers.js';
import {
  ASSOCIATION_CALLS,
  BIN,
  holdingProxy,
  readJournalLines,
  say,
  spawnNode,
  waitFor,
  type HoldingProxy,
} from './harness.js';

/**
 * A second SIGINT/SIGTERM exits at once (130 / 143, the shell's 128 + signal number), yet the
 * journal still says how the run ended: `{kind: 'interrupted'}` is appended synchronously before
 * the exit, and `hsac cleanup` then removes what the run left.
 *
 * To catch the run in its cleanup, a proxy in front of the reference sandbox stops answering once
 * the run has created records and associations: the first signal ends the call in progress, the
 * cleanup's first call then hangs (cleanup is not interruptible: it must archive what the run made),
 * and the second signal lands there.
 */

let dir: string;
let sandbox: Sandbox;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-second-signal-'));
  sandbox = await startSandbox({ seed: 3 });
});
afterAll(async () => {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('a second %s', (signal, exitCode) => {
  let proxy: HoldingProxy;
  beforeAll(async () => {
    proxy = await holdingProxy(sandbox.url);
  });
  afterAll(() => proxy.stop());

  it(`exits at once (${exitCode}) during cleanup, the journal marked interrupted; hsac cleanup finishes the job`, async () => {
    const before = sandbox.contents();
    const reportDir = join(dir, signal);
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
    const associated = await waitFor(
      () => existsSync(journal) && readFileSync(journal, 'utf8').includes('"kind":"associate"'),
      40_000,
    );
    expect(associated, ran.err()).toBe(true);
    proxy.hold(ASSOCIATION_CALLS);
    // The run's next call hangs at the proxy; the first signal ends it, and cleanup's first call hangs.
    expect(await waitFor(() => proxy.held() > 0, 30_000), ran.err()).toBe(true);
    const heldBeforeSignal = proxy.held();
    ran.child.kill(signal);
    expect(await waitFor(() => proxy.held() > heldBeforeSignal, 30_000), ran.err()).toBe(true);
    expect(ran.err()).toContain(`hsac run: ${signal}: stopping`);
    const second = performance.now();
    ran.child.kill(signal);
    const { code, at } = await ran.exited;
    say(`second ${signal} during cleanup: signal to exit`, at - second);
    expect(code, ran.err()).toBe(exitCode);
    expect(ran.err()).toContain(`exiting now (exit ${exitCode})`);
    const kinds = readJournalLines(journal).map((entry) => entry.kind);
    expect(kinds.at(-1)).toBe('interrupted');
    expect(readJournalLines(journal).at(-1)).toMatchObject({ kind: 'interrupted', signal, at: matchers.any(String) });
    expect(kinds).not.toContain('complete');
    expect(sandbox.contents()).not.toEqual(before);

    // What the journal lists is what is left: hsac cleanup removes it.
    proxy.release();
    const cleaned = await hsac(['cleanup', '--journal', journal, '--token', sandbox.token]);
    expect(cleaned.code, cleaned.out + cleaned.err).toBe(0);
    expect(sandbox.contents()).toEqual(before);
  }, 120_000);
});
