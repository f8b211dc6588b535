import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../provider/index.js';
import { gradableCheckIds } from '../../src/config/check-ids.js';
import { packageRoot } from '../../src/paths.js';
import type { RunResult } from '../../src/runner/result.js';
import { hsac } from '../support/cli.js';

/**
 * Duplicate keys (issue 12, item 4): `{"status":"CANCELLED",...,"status":"COMPLETE"}` is one body
 * to JSON.parse (the last wins) and another to a parser that keeps the first. `hsac validate` and
 * every response `hsac run` checks report it as `duplicate-key` at the object's JSON Pointer: an
 * error under strict, a warning under lenient; the config's `run.checks` may grade it.
 */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-duplicate-key-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const example = readFileSync(join(packageRoot(), 'examples', 'batch-read-200.json'), 'utf8');

/** The shipped 200 with a second `status` (CANCELLED first, the real one last: JSON.parse sees COMPLETE). */
const twoStatuses = (): string => example.replace(/^\s*\{/, '{"status":"CANCELLED",');

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

interface Report {
  ok: boolean;
  findings: { check: string; severity: string; instancePath: string; actual?: unknown }[];
}

describe('hsac validate', () => {
  it("strict: an error at the object's pointer (exit 1), though the parsed body is valid", async () => {
    const ran = await hsac([
      'validate',
      '--endpoint',
      'batch-read',
      '--json',
      file('two-statuses.json', twoStatuses()),
    ]);
    expect(JSON.parse(ran.out)).toEqual({
      ok: false,
      findings: [
        expect.objectContaining({ check: 'duplicate-key', severity: 'error', instancePath: '', actual: 'status' }),
      ],
    });
    expect(ran.code).toBe(1);
  });

  it('lenient: a warning (exit 0)', async () => {
    const ran = await hsac([
      'validate',
      '--endpoint',
      'batch-read',
      '--profile',
      'lenient',
      '--json',
      file('two-statuses-lenient.json', twoStatuses()),
    ]);
    expect(JSON.parse(ran.out)).toEqual({
      ok: true,
      findings: [expect.objectContaining({ check: 'duplicate-key', severity: 'warning', instancePath: '' })],
    });
    expect(ran.code).toBe(0);
  });

  it('nested, escaped and after a BOM: the pointer of the innermost object', async () => {
    const body = JSON.parse(example) as { results: { to: Record<string, unknown>[] }[] };
    const text = JSON.stringify(body).replace('"toObjectId"', '"toObjectId":"0","\\u0074oObjectId"');
    const ran = await hsac(['validate', '--endpoint', 'batch-read', '--json', file('nested.json', `\uFEFF${text}`)]);
    const report = JSON.parse(ran.out) as Report;
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        check: 'duplicate-key',
        severity: 'error',
        instancePath: '/results/0/to/0',
        actual: 'toObjectId',
      }),
    );
    expect(report.findings).toContainEqual(expect.objectContaining({ check: 'body-encoding' }));
  });

  it('the text report names the check, the pointer and the key', async () => {
    const ran = await hsac(['validate', '--endpoint', 'batch-read', file('two-statuses-text.json', twoStatuses())]);
    expect(ran.out).toMatch(/error\s+duplicate-key\s+\(body\)\n\s+the object has the key "status" more than once/);
  });

  it('the config may grade it: duplicate-key is a known check id', () => {
    expect(gradableCheckIds()).toContain('duplicate-key');
  });
});

describe('hsac run: every response body it checks', () => {
  let sandbox: Sandbox;
  let proxy: Server;
  let proxyUrl: string;
  let rewritten = 0;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 9, rateLimit: { max: 1_000_000 } });
    // In front of the sandbox: every batch-read answer gets a second, earlier "status".
    proxy = createServer((req, res) => {
      const upstream = httpRequest(
        new URL(req.url ?? '/', sandbox.url),
        { method: req.method, headers: req.headers },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => {
            let body = Buffer.concat(chunks).toString('utf8');
            if ((req.url ?? '').endsWith('/batch/read') && body.startsWith('{"status":')) {
              body = `{"status":"CANCELLED",${body.slice(1)}`;
              rewritten++;
            }
            const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) };
            res.writeHead(answer.statusCode ?? 502, headers);
            res.end(body);
          });
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    proxy.closeAllConnections();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
    await sandbox.stop();
  });

  /** A small run: the coverage sequence on batch-read, no wide record or invalid bodies. */
  const FLAGS = [
    '--seed',
    '1',
    '--endpoints',
    'batch-read',
    '--runs',
    '0',
    '--invalid-requests',
    '0',
    '--paging-budget',
    '0',
    '--rate-limit',
    '1000000/1s',
  ];

  it.each([
    ['lenient', 'warning', 0],
    ['strict', 'error', 1],
  ] as const)(
    '%s: each rewritten batch read is a duplicate-key %s (exit %i)',
    async (profile, severity, code) => {
      const reportDir = join(dir, `run-${profile}`);
      const before = rewritten;
      const ran = await hsac([
        'run',
        '--target',
        proxyUrl,
        '--token',
        sandbox.token,
        ...FLAGS,
        '--profile',
        profile,
        '--report-dir',
        reportDir,
      ]);
      const result = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunResult;
      const found = result.findings.filter((f) => f.check === 'duplicate-key');
      expect(rewritten - before).toBeGreaterThan(0);
      expect(found.length).toBeGreaterThan(0);
      for (const finding of found)
        expect(finding).toMatchObject({ severity, endpoint: 'batch-read', instancePath: '', actual: 'status' });
      expect(ran.code, ran.out + ran.err).toBe(code);
    },
    60_000,
  );

  it('run.checks grades it like any check (off: not reported)', async () => {
    const reportDir = join(dir, 'run-off');
    const config = file('hsac.config.json', JSON.stringify({ run: { checks: { 'duplicate-key': 'off' } } }));
    const ran = await hsac([
      'run',
      '--config',
      config,
      '--target',
      proxyUrl,
      '--token',
      sandbox.token,
      ...FLAGS,
      '--profile',
      'strict',
      '--report-dir',
      reportDir,
    ]);
    const result = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunResult;
    expect(result.findings.filter((f) => f.check === 'duplicate-key')).toEqual([]);
    expect(ran.code, ran.out + ran.err).toBe(0);
  }, 60_000);
});
