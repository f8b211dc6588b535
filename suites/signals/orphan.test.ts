import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../provider/index.js';
import { matchers } from '../support/matchers.js';
import {
  ASSOCIATION_CALLS,
  BIN,
  holdingProxy,
  processEnded,
  rateLimitedProvider,
  readJournalLines,
  readReport,
  say,
  spawnNode,
  waitFor,
  type Provider,
  type Spawned,
} from './harness.js';

/**
 * hsac never outlives its parent (issue 12: under `timeout ... npx hsac` the child ran on for an
 * hour). A wrapper process spawns `hsac run` with its output piped through the wrapper, as npx or
 * a CI runner does, and is killed with SIGKILL while the run waits out a 45 s Retry-After: the
 * wrapper gets no chance to pass anything on, and hsac's stdout and stderr now lead nowhere
 * (EPIPE). hsac sees its parent gone (its parent pid changes), treats it as a SIGTERM, and exits
 * by itself: the wait ended, cleanup done, reports written.
 */

/** hsac checks its parent every 0.5 s and, once stopped, must finish within 10 s; this is the test's outer bound. */
const BOUND_MS = 30_000;

/** Kills the wrapper (SIGKILL) and resolves to when the hsac it started ended, or undefined past `bound`. */
async function killParent(wrapper: Spawned, bound: number): Promise<{ pid: number; afterMs: number | undefined }> {
  const pid = Number(/hsac pid (\d+)/.exec(wrapper.out())?.[1]);
  const killed = performance.now();
  wrapper.child.kill('SIGKILL');
  await wrapper.exited;
  let endedAt: number | undefined;
  await waitFor(() => {
    if (!processEnded(pid)) return false;
    endedAt = performance.now();
    return true;
  }, bound);
  // Never leave a stray process behind a failed test.
  if (endedAt === undefined) process.kill(pid, 'SIGKILL');
  return { pid, afterMs: endedAt === undefined ? undefined : endedAt - killed };
}

const WRAPPER = `
import { spawn } from 'node:child_process';
const [bin, ...args] = process.argv.slice(2);
const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
child.stderr.pipe(process.stderr);
child.stdout.pipe(process.stdout);
process.stdout.write('hsac pid ' + child.pid + '\\n');
`;

let dir: string;
let provider: Provider;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-orphan-'));
  provider = await rateLimitedProvider(45);
});
afterAll(async () => {
  await provider.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the parent dies (SIGKILL) while hsac run waits', () => {
  it('hsac exits by itself, having ended the wait, cleaned up and written its reports', async () => {
    const wrapper = join(dir, 'wrapper.mjs');
    writeFileSync(wrapper, WRAPPER);
    const reportDir = join(dir, 'orphan');
    const ran = spawnNode(wrapper, [
      BIN,
      'run',
      '--target',
      provider.url,
      '--token',
      'pat-na1-orphan-test-0001',
      '--seed',
      '5',
      '--report-dir',
      reportDir,
    ]);
    expect(
      await waitFor(() => /hsac pid \d+/.test(ran.out()) && ran.err().includes('waiting 45.0 s'), 30_000),
      ran.out() + ran.err(),
    ).toBe(true);
    const { pid, afterMs } = await killParent(ran, BOUND_MS);
    expect(afterMs, `hsac (pid ${pid}) still running ${BOUND_MS / 1000} s after its parent died`).toBeDefined();
    say('parent SIGKILLed during a 45 s wait: parent death to hsac exit', afterMs ?? Number.NaN);
    const report = readReport(reportDir);
    expect(report.summary).toMatchObject({ verdict: 'inconclusive', reason: matchers.stringContaining('interrupted') });
    expect(readJournalLines(join(reportDir, 'journal.jsonl')).map((entry) => entry.kind)).toEqual(['run', 'complete']);
  }, 90_000);
});

describe('the parent dies while hsac run is stuck in cleanup (the target stopped answering)', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 4 });
  });
  afterAll(() => sandbox.stop());

  it('hsac still exits by itself (cleanup gives up within seconds, or the 10 s grace ends it), leaving the rest journaled', async () => {
    const proxy = await holdingProxy(sandbox.url);
    try {
      const wrapper = join(dir, 'wrapper.mjs');
      writeFileSync(wrapper, WRAPPER);
      const reportDir = join(dir, 'orphan-in-cleanup');
      const journal = join(reportDir, 'journal.jsonl');
      const ran = spawnNode(wrapper, [
        BIN,
        'run',
        '--target',
        proxy.url,
        '--token',
        sandbox.token,
        '--runs',
        '200',
        '--seed',
        '12',
        '--report-dir',
        reportDir,
      ]);
      expect(
        await waitFor(
          () => existsSync(journal) && readFileSync(journal, 'utf8').includes('"kind":"associate"'),
          40_000,
        ),
        ran.err(),
      ).toBe(true);
      proxy.hold(ASSOCIATION_CALLS);
      expect(await waitFor(() => proxy.held() > 0, 30_000), ran.err()).toBe(true);
      // Nobody is left to send a second signal, and cleanup's calls hang: cleanup's own deadline
      // after the stop (each call capped, no call sent after a few seconds) ends the run, or the
      // grace does; either way what cleanup could not archive stays journaled for hsac cleanup.
      const { pid, afterMs } = await killParent(ran, 40_000);
      expect(afterMs, `hsac (pid ${pid}) still running 40 s after its parent died`).toBeDefined();
      say('parent SIGKILLed, cleanup hanging: parent death to hsac exit', afterMs ?? Number.NaN);
      const kinds = readJournalLines(journal).map((entry) => entry.kind);
      expect(kinds).not.toContain('complete');
      expect(kinds).toContain('associate');
    } finally {
      await proxy.stop();
    }
  }, 120_000);
});
