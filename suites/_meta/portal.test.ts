import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../provider/index.js';
import { main } from '../../src/cli.js';
import { packageRoot } from '../../src/paths.js';
import type { RunResult } from '../../src/runner/result.js';
import { matchers } from '../support/matchers.js';
import { hsacRun, SEED, useReportDir } from './harness.js';

/**
 * A run leaves the portal as it found it: what it created is archived after a normal run, after
 * Ctrl-C and (through `hsac cleanup`) after a kill; it refuses to write to a production portal;
 * and no report or journal holds the token.
 */
const dir = useReportDir('portal');

describe('a run leaves the portal as it found it', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ pageSize: 5, rateLimit: { max: 50, intervalMs: 1000 } });
  });
  afterAll(() => sandbox.stop());

  it('after a normal run, nothing it created remains and pre-existing records are unchanged', async () => {
    const before = sandbox.contents();
    const { code, result } = await hsacRun(dir(), [
      '--target',
      sandbox.url,
      '--token',
      sandbox.token,
      '--probe-rate-limit',
    ]);
    expect(code, result.summary.reason).toBe(0);
    expect(result.exchanges.some((e) => e.endpoint === 'objects-batch-create')).toBe(true);
    expect(sandbox.contents()).toEqual(before);
  });

  it('a run refuses to write to a portal whose account details say STANDARD (exit 2)', async () => {
    const production = await startSandbox({ accountType: 'STANDARD' });
    try {
      const before = production.contents();
      let err = '';
      const code = await main(
        ['run', '--target', production.url, '--token', production.token, '--report-dir', join(dir(), 'refused')],
        {
          out: () => undefined,
          err: (text) => void (err += text),
          stdin: () => Buffer.alloc(0),
        },
      );
      expect(code).toBe(2);
      expect(err).toMatch(/refusing to write: the portal's accountType is "STANDARD"/);
      expect(production.contents()).toEqual(before);
    } finally {
      await production.stop();
    }
  });

  it('after a run killed mid-way (SIGKILL), hsac cleanup --journal removes everything it created', async () => {
    const before = sandbox.contents();
    const reportDir = join(dir(), 'killed');
    const journal = join(reportDir, 'journal.jsonl');
    // The real bin in a child process, so it can die without a chance to clean up.
    const child = spawn(
      process.execPath,
      [
        join(packageRoot(), 'bin', 'hsac.js'),
        'run',
        '--target',
        sandbox.url,
        '--token',
        sandbox.token,
        '--runs',
        '200',
        '--seed',
        SEED,
        '--report-dir',
        reportDir,
      ],
      {
        stdio: 'ignore',
      },
    );
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + 20_000;
    // Kill it once it has journaled associations (records exist, links exist): the worst moment.
    while (
      Date.now() < deadline &&
      !(existsSync(journal) && readFileSync(journal, 'utf8').includes('"kind":"associate"'))
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    await exited;
    expect(readFileSync(journal, 'utf8')).toContain('"kind":"associate"');
    expect(readFileSync(journal, 'utf8')).not.toContain('"kind":"complete"');
    expect(sandbox.contents()).not.toEqual(before);
    let out = '';
    const code = await main(['cleanup', '--journal', journal, '--token', sandbox.token], {
      out: (text) => void (out += text),
      err: () => undefined,
      stdin: () => Buffer.alloc(0),
    });
    expect(code, out).toBe(0);
    expect(sandbox.contents()).toEqual(before);
    expect(readFileSync(journal, 'utf8')).toContain('"kind":"complete"');
  });

  it('Ctrl-C (SIGINT) mid-run stops it, cleans up what it created, and exits 3 (cut short)', async () => {
    const before = sandbox.contents();
    const reportDir = join(dir(), 'interrupted');
    const journal = join(reportDir, 'journal.jsonl');
    const child = spawn(
      process.execPath,
      [
        join(packageRoot(), 'bin', 'hsac.js'),
        'run',
        '--target',
        sandbox.url,
        '--token',
        sandbox.token,
        '--runs',
        '200',
        '--seed',
        SEED,
        '--report-dir',
        reportDir,
      ],
      {
        stdio: 'ignore',
      },
    );
    const exitCode = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 20_000;
    while (
      Date.now() < deadline &&
      !(existsSync(journal) && readFileSync(journal, 'utf8').includes('"kind":"associate"'))
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGINT');
    expect(await exitCode).toBe(3);
    expect(readFileSync(journal, 'utf8')).toContain('"kind":"complete"');
    expect(sandbox.contents()).toEqual(before);
    const interrupted = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunResult;
    expect(interrupted.summary).toMatchObject({
      verdict: 'inconclusive',
      reason: matchers.stringContaining('interrupted'),
    });
  });

  it('no token, report or journal holds the token', async () => {
    const { result, reportDir } = await hsacRun(dir(), ['--target', sandbox.url, '--token', sandbox.token]);
    for (const name of ['report.json', 'junit.xml', 'journal.jsonl'])
      expect(readFileSync(join(reportDir, name), 'utf8')).not.toContain(sandbox.token);
    expect(JSON.stringify(result)).not.toContain(sandbox.token);
  });
});
