import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../provider/index.js';
import { isErrorStatus, isSuccess } from '../../src/catalogue/index.js';
import { packageRoot } from '../../src/paths.js';
import { REPORT_FILES } from '../../src/report/index.js';
import type { RunResult } from '../../src/runner/result.js';
import { REDACTED } from '../../src/transport/index.js';
import { hsac, readResult, targetFlags } from './harness.js';
import { safe } from '../redaction/harness.js';
import { leaksIn, readOutputs } from '../redaction/oracle.js';
import { scanForToken, tokenForms } from './scan.js';
import { parseHar } from '../support/har.js';

/**
 * The redaction proof: runs against a sandbox that echoes the token in a response header, a body
 * field and error messages; every byte of every file they wrote (the five reports, the HAR, the
 * journal, the captured stdout/stderr logs of an in-process run and of a real `hsac` process) is
 * scanned for the token in every encoding: no copy, byte for byte (scan.ts) nor after decoding
 * (suites/redaction/oracle.ts: escapes undone, any case, hex). The runs must have received the
 * echoes (the token-redaction check reported all three kinds), so the proof cannot pass vacuously.
 * Echoes in every encoding and placement are proven in suites/redaction.
 */

const TOKEN = `pat-na1-${randomUUID()}`;
const ECHO_FAULTS = ['token-echo-header', 'token-echo-body', 'token-echo-error-message'];
const PLAN = ['--seed', '3', '--runs', '2', '--progress'];

let dir: string;
/** Undefined until beforeAll has started it (afterAll runs after a failed start too). */
let sandbox: Sandbox | undefined;
let inProcess: RunResult;
let child: RunResult;

/** `hsac run` as a real process (the built bin), its stdout and stderr written straight to log files. */
async function runProcess(reportDir: string, sandboxUrl: string): Promise<number> {
  const bin = join(packageRoot(), 'bin', 'hsac.js');
  if (!existsSync(join(packageRoot(), 'dist', 'src', 'cli.js')))
    throw new Error('dist/ is missing: run `npm run build` (npm test builds first)');
  mkdirSync(reportDir, { recursive: true });
  const out = openSync(join(reportDir, 'stdout.log'), 'w');
  const err = openSync(join(reportDir, 'stderr.log'), 'w');
  try {
    const flags = targetFlags(sandboxUrl, TOKEN).filter(
      (_, i, all) => all[i] !== '--token' && all[i - 1] !== '--token',
    );
    const proc = spawn(process.execPath, [bin, 'run', ...flags, ...PLAN, '--report-dir', reportDir], {
      // The token the way CI passes it: from a secret, in the environment.
      env: { ...process.env, HUBSPOT_ACCESS_TOKEN: TOKEN },
      stdio: ['ignore', out, err],
    });
    return await new Promise<number>((resolve, reject) => {
      proc.once('error', reject);
      proc.once('exit', (code) => resolve(code ?? -1));
    });
  } finally {
    closeSync(out);
    closeSync(err);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-report-redaction-'));
  const started = await startSandbox({
    token: TOKEN,
    faults: ECHO_FAULTS,
    seed: 3,
    pageSize: 5,
    rateLimit: { max: 1000, intervalMs: 1000 },
  });
  sandbox = started;
  const inProcessDir = join(dir, 'in-process');
  const [ran, code] = await Promise.all([
    hsac(['run', ...targetFlags(started.url, TOKEN), ...PLAN, '--report-dir', inProcessDir]),
    runProcess(join(dir, 'process'), started.url),
  ]);
  // What the in-process run printed, kept as its log files (the logs a CI job would keep).
  writeFileSync(join(inProcessDir, 'stdout.log'), ran.out);
  writeFileSync(join(inProcessDir, 'stderr.log'), ran.err);
  expect(ran.code, safe(ran.err, TOKEN)).toBe(1);
  expect(code, safe(readFileSync(join(dir, 'process', 'stderr.log'), 'utf8'), TOKEN)).toBe(1);
  inProcess = readResult(inProcessDir);
  child = readResult(join(dir, 'process'));
});
afterAll(async () => {
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('no file holds the token, whatever the provider echoes', () => {
  it('the runs received all three echoes (header, body field, error message) and reported them', () => {
    for (const result of [inProcess, child]) {
      const echoed = (where: 'headers' | 'body', status: (s: number) => boolean): number =>
        result.exchanges.filter(
          (e) => e.response && status(e.response.status) && e.response.echoedToken?.includes(where),
        ).length;
      expect(
        echoed('headers', () => true),
        'token-echo-header',
      ).toBeGreaterThan(0);
      expect(echoed('body', isSuccess), 'token-echo-body').toBeGreaterThan(0);
      expect(echoed('body', isErrorStatus), 'token-echo-error-message').toBeGreaterThan(0);
      expect(
        result.findings.filter((f) => f.check === 'token-redaction' && f.severity === 'error').length,
      ).toBeGreaterThan(0);
    }
    // Where the token was, the records say [REDACTED]: in the report, the HAR and the page.
    for (const name of [REPORT_FILES.json, REPORT_FILES.har, REPORT_FILES.html]) {
      expect(readFileSync(join(dir, 'in-process', name), 'utf8').includes(REDACTED), name).toBe(true);
    }
    // Both HARs are HAR 1.2 documents (parseHar validates them), their curl lines naming the variable, not the token.
    for (const run of ['in-process', 'process']) {
      const har = parseHar(readFileSync(join(dir, run, REPORT_FILES.har), 'utf8'));
      const authorized = har.log.entries.filter((entry) => entry._hsac.curl.includes('Authorization'));
      expect(authorized.length, run).toBeGreaterThan(0);
      for (const entry of authorized)
        expect(entry._hsac.curl).toContain('"Authorization: Bearer $HUBSPOT_ACCESS_TOKEN"');
    }
  });

  it('the scanner finds a planted copy of the token in each encoding (so a clean scan means something)', () => {
    const canary = join(dir, 'canary');
    mkdirSync(canary);
    const planted: Record<string, string> = {
      raw: `Authorization: Bearer ${TOKEN}`,
      'percent-encoded': `?access_token=${encodeURIComponent(`${TOKEN}/`)}`,
      base64: Buffer.from(TOKEN).toString('base64'),
      'base64 in a Basic credential': `Authorization: Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}`,
      'base64url, shifted one byte': Buffer.from(`x${TOKEN}`).toString('base64url'),
      'base64, shifted two bytes': Buffer.from(`xy${TOKEN}`).toString('base64'),
    };
    for (const [name, text] of Object.entries(planted)) writeFileSync(join(canary, `${name}.txt`), text);
    const scan = scanForToken([canary], TOKEN);
    for (const name of Object.keys(planted))
      expect(
        scan.copies.some((c) => c.file.endsWith(`${name}.txt`)),
        name,
      ).toBe(true);
    expect(tokenForms(TOKEN).length).toBeGreaterThanOrEqual(5);
    rmSync(canary, { recursive: true });
  });

  it('every byte of every file written (reports, HAR, journal, logs) holds no copy of the token in any form', () => {
    const scan = scanForToken([join(dir, 'in-process'), join(dir, 'process')], TOKEN);
    const names = new Set(scan.files.map((file) => file.slice(file.lastIndexOf('/') + 1)));
    for (const name of [...Object.values(REPORT_FILES), 'journal.jsonl', 'stdout.log', 'stderr.log'])
      expect(names, name).toContain(name);
    // Both runs' logs have content: the scan read what hsac printed, not empty files.
    for (const run of ['in-process', 'process'])
      expect(readFileSync(join(dir, run, 'stderr.log'), 'utf8').includes('hsac run: seed 3'), run).toBe(true);
    // Where, never what: a copy's form is an encoding of the token.
    expect(scan.copies.map((copy) => `${copy.file.slice(dir.length)} at byte ${copy.offset}`)).toEqual([]);
    // And after decoding: escapes (JSON, HTML, percent) undone level by level, any letter case, hex.
    const outputs = Object.fromEntries(
      ['in-process', 'process'].flatMap((run) =>
        Object.entries(readOutputs(join(dir, run))).map(([name, text]) => [`${run}/${name}`, text]),
      ),
    );
    expect(leaksIn(outputs, TOKEN)).toEqual([]);
    console.info(
      `redaction scan: ${scan.files.length} files, ${scan.bytes} bytes, ${scan.forms.length} distinct forms of the token (raw, percent-encoded, base64 and base64url at all 3 alignments); ` +
        `echoes received: ${[inProcess, child].map((r) => r.exchanges.filter((e) => (e.response?.echoedToken?.length ?? 0) > 0).length).join(' + ')} exchanges; copies found: ${scan.copies.length}`,
    );
  });
});
