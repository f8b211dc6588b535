import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hsac } from '../support/cli.js';
import { runSandboxCommand } from '../../src/commands/sandbox.js';
import { packageRoot } from '../../src/paths.js';
import { FAULTS } from '../../provider/index.js';
import { bodyOf, send } from './client.js';

const io = (sink: { out: string }) => ({
  out: (t: string) => void (sink.out += t),
  err: (t: string) => void (sink.out += t),
  stdin: () => Buffer.alloc(0),
});

describe('hsac sandbox', () => {
  it('--list-faults prints every fault, one line each, and exits 0', async () => {
    const ran = await hsac(['sandbox', '--list-faults']);
    expect(ran.code).toBe(0);
    const lines = ran.out.trimEnd().split('\n');
    expect(lines).toHaveLength(FAULTS.length);
    lines.forEach((line, i) => {
      const fault = FAULTS[i];
      expect(line).toMatch(
        new RegExp(`^${fault?.name ?? '?'} +${fault?.kind ?? '?'} +\\S.*\\[${fault?.triggers.join(', ') ?? '?'}\\]$`),
      );
    });
  });

  it('refuses an unknown fault with one line naming the known ones (exit 2), before listening', async () => {
    const ran = await hsac(['sandbox', '--fault', 'missing-completedAt', '--fault', 'missing-everything']);
    expect(ran.code).toBe(2);
    expect(ran.out).toBe('');
    expect(ran.err.trimEnd().split('\n')).toHaveLength(1);
    expect(ran.err).toMatch(
      /^hsac: unknown fault "missing-everything" \(known: missing-status, .*connection-reset\)\n$/,
    );
  });

  it.each([
    [['--rate-limit', '5/1s'], /--rate-limit/],
    [['--port', '99999'], /--port/],
    [['--token', 'two words'], /token must be/],
  ])('refuses %j (exit 2)', async (args, message) => {
    const ran = await hsac(['sandbox', ...args]);
    expect(ran.code).toBe(2);
    expect(ran.err).toMatch(message);
  });

  it('prints its URL and token first, serves with the given faults and limit, and stops cleanly (exit 0)', async () => {
    const sink = { out: '' };
    const code = await runSandboxCommand(
      { port: 0, fault: ['missing-completedAt'], rateLimit: 7, token: 'pat-na1-cli-test-token-0001' },
      io(sink),
      async (sandbox) => {
        const answer = await send(sandbox, {
          method: 'POST',
          path: '/crm/associations/2026-03/contacts/companies/batch/read',
          body: { inputs: [{ id: sandbox.seeded?.records.contacts?.[1] }] },
        });
        expect(bodyOf(answer)).not.toHaveProperty('completedAt');
        expect(answer.headers['x-hubspot-ratelimit-max']).toBe('7');
      },
    );
    expect(code).toBe(0);
    const lines = sink.out.split('\n');
    expect(lines[0]).toMatch(/^hsac sandbox: listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[1]).toMatch(/^ {2}url {10}http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[2]).toBe('  token        pat-na1-cli-test-token-0001');
    expect(sink.out).toContain('  faults       missing-completedAt\n');
    expect(sink.out).toContain('  rate limit   7 requests / 10 s per token');
    expect(sink.out).toMatch(/hsac sandbox: stopped after 1 request\n$/);
  });

  it('refuses a port in use (exit 2, one line)', async () => {
    const sink = { out: '' };
    await runSandboxCommand({ port: 0, fault: [] }, io(sink), async (first) => {
      await expect(hsac(['sandbox', '--port', String(first.port)])).resolves.toMatchObject({
        code: 2,
        err: `hsac: port ${first.port} is already in use\n`,
      });
    });
  });

  // The published bin, as a user runs it: `npm test` builds first (pretest), as for suites/cli.
  const bin = join(packageRoot(), 'bin', 'hsac.js');
  it('the bin runs until SIGTERM and exits 0 with its last line', async () => {
    const child = spawn(process.execPath, [bin, 'sandbox', '--token', 'pat-na1-bin-test-token-0001'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 10_000);
      child.stdout.on('data', () => {
        const match = /url +(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    const details = await send(
      { url, token: 'pat-na1-bin-test-token-0001' },
      { method: 'GET', path: '/account-info/v3/details' },
    );
    expect(bodyOf(details).accountType).toBe('SANDBOX');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toMatch(/stopped after 1 request\n$/);
  });
});
