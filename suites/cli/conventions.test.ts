import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colourEnabled } from '../../src/commands/common.js';
import { packageRoot } from '../../src/paths.js';
import { REPORT_FILES } from '../../src/report/index.js';
import { inChildSlot } from '../support/child-slots.js';
import { hsac, hsacChild, type Spawned } from '../support/cli.js';

/**
 * The command-line conventions of issue 14, item 5, on the built CLI (`bin/hsac.js`, `dist/`): `hsac run --json`
 * prints one document and nothing else on stdout; every `--json` holds `{ ok, findings }`; `report merge` takes
 * `--report-dir` like `run` and `gate` (`--out` stays as its alias); `--progress` writes cursor escapes only to a
 * terminal; verdict words are coloured on a terminal, never with `NO_COLOR`, and anywhere with `FORCE_COLOR`.
 */

const execFileAsync = promisify(execFile);
const BIN = join(packageRoot(), 'bin', 'hsac.js');
const EXAMPLE = join(packageRoot(), 'examples', 'batch-read-200.json');
/** A short run of the embedded sandbox: one endpoint, the coverage sequence only (no wide record, no invalid
 * bodies), a fixed seed. */
const SHORT_RUN = [
  'run',
  '--seed',
  '5',
  '--runs',
  '0',
  '--endpoints',
  'batch-read',
  '--invalid-requests',
  '0',
  '--paging-budget',
  '0',
];
/** The environment without anything that would turn colour on or off, so each test states its own. */
const { NO_COLOR: _noColour, FORCE_COLOR: _forceColour, ...PLAIN_ENV } = process.env;
// `script` gives the child a pseudo-terminal: the only way to prove what hsac does on a real one.
const HAS_SCRIPT = existsSync('/usr/bin/script');
const ESCAPE = '\x1b[';

/** The built CLI as a user runs it: a child process with its stdout and stderr piped (not a terminal). */
async function bin(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Spawned> {
  return hsacChild(args, { env: { ...PLAIN_ENV, ...env } });
}

/** The built CLI on a pseudo-terminal (stdout and stderr both, merged, as `script` records them). */
async function onTerminal(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const command = [process.execPath, BIN, ...args].map((word) => `'${word}'`).join(' ');
  const { stdout } = await inChildSlot(() =>
    execFileAsync('script', ['-qec', command, '/dev/null'], { env: { ...PLAIN_ENV, ...env } }),
  );
  return stdout;
}

// Every test runs side by side (`concurrent`): most spawn the built CLI and wait for it, each in a directory of its
// own, and none changes anything the process shares. Children start as the file's child slots allow (two at once).
let dir: string;
let shardRun: Spawned;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-cli-conventions-'));
  shardRun = await bin([...SHORT_RUN, '--json', '--report-dir', join(dir, 'shard')]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hsac run --json', { concurrent: true }, () => {
  it('prints exactly one JSON document on stdout, the console lines on stderr', () => {
    expect(shardRun.code, shardRun.stderr).toBe(0);
    const doc = JSON.parse(shardRun.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({ ok: true, verdict: 'pass', exitCode: 0, reportDir: join(dir, 'shard') });
    expect(doc.findings).toEqual([]);
    expect(doc.summary).toMatchObject({ verdict: 'pass', seed: 5 });
    expect(doc.reports).toContain(join(dir, 'shard', REPORT_FILES.json));
    expect(doc.replay).toMatch(/^hsac run --seed 5 /);
    expect(shardRun.stderr).toContain('hsac run: seed 5');
    expect(shardRun.stdout).not.toContain('hsac run:');
  });

  it('a failing run: ok false, its findings, the exit code 1 in the document and of the process', async () => {
    const ran = await bin([...SHORT_RUN, '--json', '--fault', 'missing-completedAt', '--report-dir', join(dir, 'f')]);
    expect(ran.code, ran.stderr).toBe(1);
    const doc = JSON.parse(ran.stdout) as {
      ok: boolean;
      verdict: string;
      exitCode: number;
      findings: { check: string; severity: string }[];
    };
    expect(doc).toMatchObject({ ok: false, verdict: 'fail', exitCode: 1 });
    expect(doc.findings.length).toBeGreaterThan(0);
    expect(doc.findings.every((finding) => finding.check !== '' && finding.severity !== '')).toBe(true);
  });
});

describe('every --json holds { ok, findings }', { concurrent: true }, () => {
  const driftReport = (): string => {
    const path = join(dir, 'drift.json');
    const body = {
      status: 'COMPLETE',
      results: [{ from: { id: '1' }, to: [{ toObjectId: '2', associationTypes: [], extra: 1 }] }],
      startedAt: '2026-01-01T00:00:00Z',
      completedAt: '2026-01-01T00:00:01Z',
    };
    const exchange = {
      endpoint: 'batch-read',
      apiVersion: '2026-03',
      request: { method: 'POST', url: 'https://api.hubapi.com/crm/associations/2026-03/contacts/companies/batch/read' },
      response: { status: 200, headers: { 'content-type': 'application/json' }, body },
    };
    writeFileSync(path, JSON.stringify({ exchanges: [exchange] }));
    return path;
  };
  const structure = join(packageRoot(), 'schemas', '2026-03', 'associations.struct.json');

  it.each([
    ['validate', () => ['validate', '--json', '--endpoint', 'batch-read', EXAMPLE]],
    ['audit structure', () => ['audit', 'structure', '--json', structure]],
    ['audit diff', () => ['audit', 'diff', '--json', structure, structure]],
    ['audit drift', () => ['audit', 'drift', '--json', driftReport()]],
  ])('%s', async (_name, args) => {
    const ran = await hsac(args());
    expect(ran.code, ran.err).toBeLessThan(2);
    const doc = JSON.parse(ran.out) as { ok: unknown; findings: unknown };
    expect(typeof doc.ok).toBe('boolean');
    expect(Array.isArray(doc.findings)).toBe(true);
  });

  it('audit drift: each field and enum value the schemas lack is an error finding, ok false, exit 1', async () => {
    const ran = await hsac(['audit', 'drift', '--json', driftReport()]);
    expect(ran.code, ran.err).toBe(1);
    const doc = JSON.parse(ran.out) as { ok: boolean; findings: Record<string, unknown>[] };
    expect(doc.ok).toBe(false);
    expect(doc.findings).toContainEqual(
      expect.objectContaining({
        check: 'drift-unknown-field',
        severity: 'error',
        instancePath: '/results/*/to/*/extra',
        endpoint: 'batch-read',
        apiVersion: '2026-03',
      }),
    );
  });
});

describe('hsac report merge --report-dir, as run and gate spell it', { concurrent: true }, () => {
  it('writes the merge to --report-dir', async () => {
    const ran = await hsac(['report', 'merge', join(dir, 'shard'), '--report-dir', join(dir, 'merged')]);
    expect(ran.code, ran.err).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'merged', REPORT_FILES.json), 'utf8'))).toMatchObject({
      summary: { verdict: 'pass' },
    });
  });

  it('--out is its alias: alone, or naming the same directory', async () => {
    const alone = await hsac(['report', 'merge', join(dir, 'shard'), '--out', join(dir, 'by-out')]);
    expect(alone.code, alone.err).toBe(0);
    expect(existsSync(join(dir, 'by-out', REPORT_FILES.json))).toBe(true);
    const same = join(dir, 'both');
    const both = await hsac(['report', 'merge', join(dir, 'shard'), '--out', same, '--report-dir', same]);
    expect(both.code, both.err).toBe(0);
  });

  it('--report-dir and --out naming different directories: usage error, one line, exit 2', async () => {
    const ran = await hsac(['report', 'merge', join(dir, 'shard'), '--report-dir', join(dir, 'x'), '--out', 'y']);
    expect(ran.code).toBe(2);
    expect(ran.err).toMatch(/^hsac: --report-dir .* and --out y disagree: --out is an alias, give one of them\n$/);
  });

  it('--report-dir naming a shard directory is refused, by the flag given', async () => {
    const ran = await hsac(['report', 'merge', join(dir, 'shard'), '--report-dir', join(dir, 'shard')]);
    expect(ran.code).toBe(2);
    expect(ran.err).toContain(`--report-dir ${join(dir, 'shard')} is one of the shard directories`);
  });
});

describe('--progress: cursor escapes only on a terminal', { concurrent: true }, () => {
  it('off a terminal, even with --progress: plain lines, no \\r, no escape sequence', async () => {
    const ran = await bin([...SHORT_RUN, '--progress', '--report-dir', join(dir, 'progress')]);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stderr).toContain('hsac run: done: ');
    expect(ran.stderr).not.toContain('\r');
    expect(ran.stderr).not.toContain(ESCAPE);
  });

  it.skipIf(!HAS_SCRIPT)('on a terminal: the progress line is redrawn in place', async () => {
    const shown = await onTerminal([...SHORT_RUN, '--report-dir', join(dir, 'tty')], { NO_COLOR: '1' });
    expect(shown).toContain('\r\x1b[2K');
  });
});

describe('colour of the verdict words: a terminal, NO_COLOR, FORCE_COLOR', { concurrent: true }, () => {
  const validate = ['validate', '--endpoint', 'batch-read', EXAMPLE];
  const greenPass = '\x1b[32mPASS\x1b[0m';

  it('piped: no colour; FORCE_COLOR=1: colour; FORCE_COLOR=0 or NO_COLOR with it: none', async () => {
    const [piped, forced, forcedOff, forcedWithNoColour] = await Promise.all([
      bin(validate),
      bin(validate, { FORCE_COLOR: '1' }),
      bin(validate, { FORCE_COLOR: '0' }),
      bin(validate, { FORCE_COLOR: '1', NO_COLOR: '1' }),
    ]);
    expect(piped.stdout).not.toContain(ESCAPE);
    expect(forced.stdout).toContain(greenPass);
    expect(forcedOff.stdout).not.toContain(ESCAPE);
    expect(forcedWithNoColour.stdout).not.toContain(ESCAPE);
  });

  it('hsac run: FAIL and NOT EXERCISED in colour with FORCE_COLOR; --json never coloured', async () => {
    const failing = [...SHORT_RUN, '--fault', 'missing-completedAt'];
    const [ran, json] = await Promise.all([
      bin([...failing, '--report-dir', join(dir, 'colour')], { FORCE_COLOR: '1' }),
      bin([...failing, '--json', '--report-dir', join(dir, 'colour-json')], { FORCE_COLOR: '1' }),
    ]);
    expect(ran.code, ran.stderr).toBe(1);
    expect(ran.stdout).toContain('hsac run: \x1b[31mFAIL\x1b[0m');
    expect(ran.stdout).toContain('  \x1b[33mNOT EXERCISED\x1b[0m ');
    expect(json.stdout).not.toContain(ESCAPE);
  });

  it.skipIf(!HAS_SCRIPT)('on a terminal: colour, unless NO_COLOR (any non-empty value)', async () => {
    const [terminal, noColour] = await Promise.all([onTerminal(validate), onTerminal(validate, { NO_COLOR: 'yes' })]);
    expect(terminal).toContain(greenPass);
    expect(noColour).not.toContain(ESCAPE);
  });

  it.each([
    [true, {}, true],
    [false, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
    [false, { FORCE_COLOR: '1' }, true],
    [false, { FORCE_COLOR: '3' }, true],
    [false, { FORCE_COLOR: '' }, false],
    [true, { FORCE_COLOR: '0' }, false],
    [false, { FORCE_COLOR: '1', NO_COLOR: '1' }, false],
  ] as const)('colourEnabled(isTTY %s, %j) is %s', (isTTY, env, expected) => {
    expect(colourEnabled({ isTTY }, env)).toBe(expected);
  });
});
