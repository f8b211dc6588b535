import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchers } from '../support/matchers.js';
import {
  BIN,
  rateLimitedProvider,
  readJournalLines,
  readReport,
  say,
  spawnNode,
  waitFor,
  type Provider,
} from './harness.js';

/**
 * Every wait is bounded and interruptible (issue 12, item 2), proved on the built bin in a child
 * process against a provider that answers every request 429 with a Retry-After:
 * - Retry-After 86400 (over the default --max-wait of 60 s): inconclusive at once, naming the wait;
 * - Retry-After 45 (under it, so the run waits): one SIGINT or SIGTERM ends the wait, the run
 *   cleans up, writes its reports and exits 3 within 10 s (DESIGN.md).
 * Times are measured and printed; the only assertion on them is hsac's own promise (< 10 s), and
 * each test's timeout is far wider, so a busy machine fails nothing it should not.
 */

/** hsac's promise: a signal ends the run (cleanup and reports included) within this. */
const PROMISED_MS = 10_000;

let dir: string;
let longWait: Provider;
let dayWait: Provider;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-signals-'));
  longWait = await rateLimitedProvider(45);
  dayWait = await rateLimitedProvider(86_400);
});
afterAll(async () => {
  await longWait.stop();
  await dayWait.stop();
  rmSync(dir, { recursive: true, force: true });
});

const runArgs = (target: string, reportDir: string): string[] => [
  'run',
  '--target',
  target,
  '--token',
  'pat-na1-signals-test-0001',
  '--seed',
  '7',
  '--report-dir',
  reportDir,
];

describe('a wait over --max-wait', () => {
  it('Retry-After: 86400 ends the run inconclusive (exit 3) at once, naming the wait asked for', async () => {
    const reportDir = join(dir, 'day');
    const started = performance.now();
    const ran = spawnNode(BIN, runArgs(dayWait.url, reportDir));
    const { code, at } = await ran.exited;
    say('Retry-After 86400: start to exit', at - started);
    expect(code, ran.err()).toBe(3);
    expect(at - started).toBeLessThan(PROMISED_MS);
    expect(ran.out()).toMatch(/INCONCLUSIVE \(.*asked to wait 86400 s \(Retry-After: 86400 .*over the 60 s bound/);
    const report = readReport(reportDir);
    expect(report.summary.verdict).toBe('inconclusive');
    expect(report.summary.reason).toContain('86400 s');
    expect(readJournalLines(join(reportDir, 'journal.jsonl')).map((entry) => entry.kind)).toEqual(['run', 'complete']);
  }, 60_000);
});

describe.each(['SIGINT', 'SIGTERM'] as const)('%s during a 45 s wait', (signal) => {
  it('ends the wait at once; the run cleans up, writes its reports and exits 3 within 10 s', async () => {
    const reportDir = join(dir, `wait-${signal}`);
    const ran = spawnNode(BIN, runArgs(longWait.url, reportDir));
    // The wait is shown (over 2 s); only then is the signal sent, so it lands in the wait.
    const waiting = await waitFor(() => ran.err().includes('waiting 45.0 s before GET /account-info'), 30_000);
    expect(waiting, ran.err()).toBe(true);
    const sent = performance.now();
    ran.child.kill(signal);
    const { code, at } = await ran.exited;
    say(`${signal} during a 45 s wait: signal to exit`, at - sent);
    expect(code, ran.err()).toBe(3);
    expect(at - sent).toBeLessThan(PROMISED_MS);
    expect(ran.err()).toContain(`hsac run: ${signal}: stopping`);
    const report = readReport(reportDir);
    expect(report.summary).toMatchObject({ verdict: 'inconclusive', reason: matchers.stringContaining('interrupted') });
    // Nothing was created before the wait; cleanup found nothing left and said so.
    expect(readJournalLines(join(reportDir, 'journal.jsonl')).map((entry) => entry.kind)).toEqual(['run', 'complete']);
  }, 60_000);
});
