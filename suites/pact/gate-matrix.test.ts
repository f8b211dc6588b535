import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPropertySettings } from '../../properties/settings.js';
import { startSandbox, type Sandbox } from '../../provider/index.js';
import type { Matrix, MatrixChange } from '../../src/gate/matrix.js';
import type { ModeComparison, OneModeOnly } from '../../src/gate/modes.js';
import { pointerPattern } from '../../src/json-pointer.js';
import { packageRoot } from '../../src/paths.js';
import type { Finding } from '../../src/registry/finding.js';
import { checkIdsOf } from '../../src/registry/index.js';
import { MATRIX_FILES, matrixProblems, REPORT_FILES, reportProblems } from '../../src/report/index.js';
import { leftovers, readJournal } from '../../src/runner/journal.js';
import type { RunResult } from '../../src/runner/result.js';
import { PINNED_SDKS } from '../../src/sdk/pinned.js';
import { hsac, hsacChild, type Ran } from '../support/cli.js';
import { parseHar } from '../support/har.js';
import { findingKey } from './known-sdk-findings.js';

/**
 * Issue 15 item 4, through the CLI. (a) The matrix over every pinned `@hubspot/api-client` release is stable for a
 * fixed seed: two runs, the releases given in opposite orders, write byte-identical matrix.json files (nothing in it
 * may differ: no time, no absolute path), valid against the matrix schema, and it says what the releases are known
 * for. (b) The gate over HTTP against the sandbox reports what the in-process gate reports: with
 * `missing-completedAt` the run's `required` check finds the field missing in every answer the SDK got, the two modes
 * never disagree, and what only the in-process gate judged is exactly what a broken answer cannot show; with
 * `status-201-for-200` both modes find the SDK's status intolerance (hubspot-api-nodejs#656) alike; against a clean
 * sandbox nothing the run checks is an error and nothing it made is left.
 *
 * The seed is the run's (properties/settings.ts); the run counts are fixed and small (the matrix gates six releases;
 * over HTTP every call is a real request). Every failure names the command that replays it.
 */

const settings = readPropertySettings();
const seed = String(settings.seed);
const dir = mkdtempSync(join(tmpdir(), 'hsac-gate-matrix-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const suiteReplay = `HSAC_SEED=${settings.seed} npx vitest run --project pact suites/pact/gate-matrix.test.ts`;

/** What a failure prints: the hsac command that reproduces the run, then the suite's own replay. */
function replayOf(command: string): string {
  return `reproduce with: ${command}; replay the suite: ${suiteReplay}`;
}

/** A finding as both modes and the matrix compare it: check, severity, endpoint, version, place with `*` indices. */
function keyOf(finding: Finding): string {
  return findingKey({ ...finding, instancePath: pointerPattern(finding.instancePath) });
}

function readReport(reportDir: string): RunResult {
  return JSON.parse(readFileSync(join(reportDir, REPORT_FILES.json), 'utf8')) as RunResult;
}

/** Every file a run left in its report directory, with its text. */
function filesIn(reportDir: string): { readonly name: string; readonly text: string }[] {
  return readdirSync(reportDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { name: path.slice(reportDir.length + 1), text: readFileSync(path, 'utf8') };
    });
}

// ---------------------------------------------------------------------------------------------------------------
// (a) the matrix: two child processes of the built CLI, side by side (each gates six releases on a core of its own).
// Its 13.5.0 row is not what gate.test.ts pins 13.5.0's known findings on: that run gates HSAC_RUNS cases (20, or
// hundreds in a heavy run) per request and status, this one 3.

const MATRIX_RUNS = '3';
const aliases = PINNED_SDKS.map((pinned) => pinned.alias);
const releaseIds = PINNED_SDKS.map((pinned) => `@hubspot/api-client@${pinned.version}`);
const matrixCommand = `hsac gate sdk ${aliases.map((alias) => `--sdk ${alias}`).join(' ')} --seed ${seed} --runs ${MATRIX_RUNS}`;

/** One matrix run: the releases in the order given, and what the CLI printed (`--json`). */
interface MatrixRun {
  readonly reportDir: string;
  readonly spawned: Awaited<ReturnType<typeof hsacChild>>;
}

function gateMatrix(order: readonly string[], name: string): Promise<MatrixRun> {
  const reportDir = join(dir, name);
  const argv = ['gate', 'sdk', ...order.flatMap((alias) => ['--sdk', alias])];
  const options = ['--seed', seed, '--runs', MATRIX_RUNS, '--json', '--report-dir', reportDir];
  return hsacChild([...argv, ...options], { cwd: packageRoot() }).then((spawned) => ({ reportDir, spawned }));
}

// ---------------------------------------------------------------------------------------------------------------
// (b) over HTTP: in this process (the CLI's own code path), one run at a time (the in-process gate each of them
// runs to compare patches node's http with nock while it runs), while the matrix children run.

const HTTP_RUNS = '2';
const httpFlags = ['--api-version', 'v4', '--seed', seed, '--runs', HTTP_RUNS, '--json'];
const gateIds = new Set<string>(checkIdsOf('gate'));

/** What `gate sdk --json` prints for one SDK; over HTTP with the comparison of both modes. */
interface GateJson {
  readonly ok: boolean;
  readonly findings: readonly Finding[];
  readonly comparison?: ModeComparison;
}

/** One HTTP gate run: how to replay it, what it printed, and where its reports are. */
interface HttpRun {
  readonly replay: string;
  readonly reportDir: string;
  readonly ran: Ran;
  readonly json: GateJson;
  /** The token it sent, when the test knows it (a sandbox of its own); the embedded sandbox's is random. */
  readonly token?: string;
}

async function gateOverHttp(
  label: string,
  target: readonly string[],
  replay: string,
  token?: string,
): Promise<HttpRun> {
  const reportDir = join(dir, label);
  const ran = await hsac(['gate', 'sdk', ...target, ...httpFlags, '--report-dir', reportDir]);
  const json = JSON.parse(ran.out) as GateJson;
  return { replay: replayOf(replay), reportDir, ran, json, ...(token === undefined ? {} : { token }) };
}

const httpReplay = (target: string): string =>
  `hsac gate sdk --api-version v4 ${target} --seed ${seed} --runs ${HTTP_RUNS}`;

let matrixRuns: [MatrixRun, MatrixRun];
let inProcess: GateJson;
let missingCompletedAt: HttpRun;
let status201: HttpRun;
let clean: HttpRun;
let cleanSandbox: Sandbox | undefined;
let cleanBefore: ReturnType<Sandbox['contents']>;

beforeAll(async () => {
  const matrix = Promise.all([gateMatrix(aliases, 'matrix-a'), gateMatrix([...aliases].reverse(), 'matrix-b')]);
  // Whatever happens below, the children are awaited (a rejected hook must not leave them writing into `dir`).
  try {
    const reference = await hsac(['gate', 'sdk', ...httpFlags, '--report-dir', join(dir, 'in-process')]);
    inProcess = JSON.parse(reference.out) as GateJson;
    missingCompletedAt = await gateOverHttp(
      'missing-completedAt',
      ['--target', '--fault', 'missing-completedAt'],
      httpReplay('--target --fault missing-completedAt'),
    );
    status201 = await gateOverHttp(
      'status-201-for-200',
      ['--target', '--fault', 'status-201-for-200'],
      httpReplay('--target --fault status-201-for-200'),
    );
    // The clean sandbox is one of the test's own, by URL (as a portal is given), so its contents can be compared
    // before and after: the embedded one stops with the command.
    const sandbox = await startSandbox({ seed: settings.seed >>> 0, rateLimit: { max: 50, intervalMs: 1000 } });
    cleanSandbox = sandbox;
    cleanBefore = sandbox.contents();
    clean = await gateOverHttp(
      'clean',
      ['--target', sandbox.url, '--token', sandbox.token],
      `${httpReplay('--target')} (here: a sandbox of the test's own, by URL and token)`,
      sandbox.token,
    );
  } finally {
    matrixRuns = await matrix;
  }
});
afterAll(() => cleanSandbox?.stop());

describe('the matrix over every pinned release, for a fixed seed', () => {
  let matrix: Matrix;
  let changesAt: ReadonlyMap<string, MatrixChange[]>;
  const replay = replayOf(matrixCommand);
  beforeAll(() => {
    matrix = JSON.parse(readFileSync(join(matrixRuns[0].reportDir, MATRIX_FILES.json), 'utf8')) as Matrix;
    const changes = new Map<string, MatrixChange[]>();
    for (const change of matrix.changes) {
      const key = `${change.check} ${change.endpoint} ${change.apiVersion} ${change.instancePath}`;
      changes.set(key, [...(changes.get(key) ?? []), change]);
    }
    changesAt = changes;
  });

  it('is the same twice, the releases given in either order: byte-identical matrix.json and matrix.md', () => {
    const [first, second] = matrixRuns;
    for (const run of matrixRuns) expect(run.spawned.code, `${run.spawned.stderr}\n${replay}`).toBe(1);
    for (const name of [MATRIX_FILES.json, MATRIX_FILES.markdown])
      expect(readFileSync(join(second.reportDir, name), 'utf8'), `${name}: ${replay}`).toBe(
        readFileSync(join(first.reportDir, name), 'utf8'),
      );
  });

  it('matches the matrix schema; rows in release order, each with its own valid reports', () => {
    expect(matrixProblems(matrix), replay).toEqual([]);
    expect(
      matrix.sdks.map((row) => [row.spec, `${row.name}@${row.version}`]),
      replay,
    ).toEqual(PINNED_SDKS.map((pinned, index) => [pinned.alias, releaseIds[index]]));
    expect({ seed: matrix.seed, runs: matrix.runs, mode: matrix.mode }).toEqual({
      seed: settings.seed,
      runs: Number(MATRIX_RUNS),
      mode: 'in-process',
    });
    for (const row of matrix.sdks) {
      const report = readReport(join(matrixRuns[0].reportDir, row.reportDir));
      expect(reportProblems(report), `${row.version}: ${replay}`).toEqual([]);
      expect(report.run.replay).toBe(`hsac gate sdk --sdk ${row.spec} --seed ${seed} --runs ${MATRIX_RUNS}`);
    }
  });

  it('every release is incompatible: 8.9.0 and 10.2.1 with four errors, the newer ones with three', () => {
    expect(
      matrix.sdks.map((row) => `${row.version} ${row.verdict} ${row.errors}`),
      replay,
    ).toEqual([
      '8.9.0 incompatible 4',
      '10.2.1 incompatible 4',
      '11.2.0 incompatible 3',
      '12.1.0 incompatible 3',
      '13.5.0 incompatible 3',
      '14.0.1 incompatible 3',
    ]);
    // The JSON the CLI printed says the same, release by release, as the matrix file.
    const printed = JSON.parse(matrixRuns[0].spawned.stdout) as { ok: boolean; sdks: { version: string }[] };
    expect(printed.ok).toBe(false);
    expect(printed.sdks.map((sdk) => sdk.version)).toEqual(PINNED_SDKS.map((pinned) => pinned.version));
  });

  it('associate-default v4 is missing in 8.9.0 only (no crm.associations.v4.basicApi there)', () => {
    const missing = matrix.sdks.filter((row) =>
      row.cells.some((c) => c.endpoint === 'associate-default' && c.apiVersion === 'v4' && c.outcome === 'missing'),
    );
    expect(
      missing.map((row) => row.version),
      replay,
    ).toEqual(['8.9.0']);
    expect(changesAt.get('sdk-endpoint-missing associate-default v4 ')).toMatchObject([
      {
        severity: 'warning',
        appeared: null,
        disappeared: releaseIds[1],
        presentIn: [releaseIds[0]],
      },
    ]);
  });

  it('sdk-status-tolerance (hubspot-api-nodejs#656) is in every pinned release: never fixed', () => {
    const changes = matrix.changes.filter((change) => change.check === 'sdk-status-tolerance');
    expect(
      changes.map((change) => `${change.severity} ${change.endpoint} ${change.apiVersion}`).sort(),
      replay,
    ).toEqual(['error associate-default v4', 'error batch-associate-default v4', 'error batch-read v4']);
    for (const change of changes) {
      // In every release that has the method: 8.9.0 has none for associate-default, so it cannot say either way.
      const missingThere = matrix.sdks
        .filter((row) =>
          row.cells.some(
            (c) => c.endpoint === change.endpoint && c.apiVersion === change.apiVersion && c.outcome === 'missing',
          ),
        )
        .map((row) => `${row.name}@${row.version}`);
      expect(change, replay).toMatchObject({ appeared: null, disappeared: null, notJudgedIn: missingThere });
      expect([...change.presentIn, ...change.notJudgedIn].sort(), replay).toEqual([...releaseIds].sort());
    }
    const markdown = readFileSync(join(matrixRuns[0].reportDir, MATRIX_FILES.markdown), 'utf8');
    const lines = markdown.split('\n').filter((line) => line.includes('sdk-status-tolerance'));
    expect(lines, replay).toHaveLength(3);
    for (const line of lines) expect(line, replay).toContain('in every release gated');
  });

  it('the /errors/*/category corruption: batch-read in 8.9.0 and 10.2.1, gone from 11.2.0; batch associate in 8.9.0', () => {
    const [v8, v10, v11] = releaseIds;
    expect(changesAt.get('sdk-field-corrupted batch-read v4 /errors/*/category'), replay).toMatchObject([
      { severity: 'error', appeared: null, disappeared: v11, presentIn: [v8, v10] },
    ]);
    expect(changesAt.get('sdk-field-corrupted batch-associate-default v4 /errors/*/category'), replay).toMatchObject([
      { severity: 'error', appeared: null, disappeared: v10, presentIn: [v8] },
    ]);
  });

  it('has no other error across the releases: those five are every error change', () => {
    expect(
      matrix.changes
        .filter((change) => change.severity === 'error')
        .map((change) => `${change.check} ${change.endpoint} ${change.instancePath}`.trim())
        .sort(),
      replay,
    ).toEqual([
      'sdk-field-corrupted batch-associate-default /errors/*/category',
      'sdk-field-corrupted batch-read /errors/*/category',
      'sdk-status-tolerance associate-default',
      'sdk-status-tolerance batch-associate-default',
      'sdk-status-tolerance batch-read',
    ]);
  });
});

describe('the gate over HTTP against the sandbox reports what the in-process gate reports', () => {
  /** The v4 endpoints the pinned SDK has a method for: what the gate drives over HTTP. */
  const called = ['associate-default', 'batch-associate-default', 'batch-read'];
  const runs = (): HttpRun[] => [missingCompletedAt, status201, clean];

  /** The one-mode-only lines as `check endpoint version judgedBy`, sorted. */
  const oneModeLines = (only: readonly OneModeOnly[]): string[] =>
    only.map((o) => `${o.check} ${o.endpoint} ${o.apiVersion} ${o.judgedBy}`).sort();
  const inProcessOnly = (...checks: string[]): string[] =>
    checks.flatMap((check) => called.map((endpoint) => `${check} ${endpoint} v4 in-process`)).sort();

  it('drives exactly the endpoints the SDK has a method for, the SDK over its own HTTP stack', () => {
    expect(
      inProcess.findings.filter((f) => f.check === 'sdk-endpoint-missing').map((f) => `${f.severity} ${f.endpoint}`),
    ).toEqual(['error configurations-batch-create']);
    for (const run of runs()) {
      const report = readReport(run.reportDir);
      const driven = report.exchanges.filter((e) => e.purpose === 'sdk-gate');
      expect(new Set(driven.map((e) => e.endpoint)), run.replay).toEqual(new Set(called));
      expect(driven.length, run.replay).toBe(called.length * Number(HTTP_RUNS));
    }
  });

  it('missing-completedAt: the run finds /completedAt missing in every answer the SDK got (exit 1)', () => {
    const run = missingCompletedAt;
    expect(run.ran.code, run.replay).toBe(1);
    const report = readReport(run.reportDir);
    const driven = report.exchanges.filter((e) => e.purpose === 'sdk-gate');
    const missing = report.findings.filter((f) => f.check === 'required' && f.instancePath === '/completedAt');
    expect(
      missing.every((f) => f.severity === 'error'),
      run.replay,
    ).toBe(true);
    expect(missing.map((f) => f.exchangeId).sort(), run.replay).toEqual(driven.map((e) => e.id).sort());
    expect(new Set(missing.map((f) => f.endpoint)), run.replay).toEqual(new Set(called));
  });

  it('missing-completedAt: no disagreement; only decode-throws and status-tolerance go unjudged over HTTP', () => {
    const comparison = missingCompletedAt.json.comparison;
    expect(comparison?.disagreements, missingCompletedAt.replay).toEqual([]);
    expect(comparison?.agreed, missingCompletedAt.replay).toBeGreaterThan(0);
    // A broken answer is judged field by field only: whether the SDK throws on it says nothing about the SDK.
    expect(oneModeLines(comparison?.oneModeOnly ?? []), missingCompletedAt.replay).toEqual(
      inProcessOnly('sdk-decode-throws', 'sdk-status-tolerance'),
    );
  });

  it.each([
    ['missing-completedAt', () => missingCompletedAt],
    ['status-201-for-200', () => status201],
    ['a clean sandbox', () => clean],
  ])('%s: every gate finding over HTTP is one the in-process gate reports, where both judged', (_, runOf) => {
    const run = runOf();
    const inProcessKeys = new Set(inProcess.findings.map(keyOf));
    const judgedByOne = new Set(
      (run.json.comparison?.oneModeOnly ?? []).map((o) => `${o.check} ${o.endpoint} ${o.apiVersion}`),
    );
    const overHttp = run.json.findings.filter(
      (f) => gateIds.has(f.check) && !judgedByOne.has(`${f.check} ${f.endpoint ?? ''} ${f.apiVersion ?? ''}`),
    );
    expect(overHttp.length, run.replay).toBeGreaterThan(0);
    expect(
      overHttp.map(keyOf).filter((key) => !inProcessKeys.has(key)),
      run.replay,
    ).toEqual([]);
    expect(run.json.comparison?.disagreements, run.replay).toEqual([]);
  });

  it('status-201-for-200: sdk-status-tolerance over HTTP exactly as in-process, an agreement in every cell', () => {
    const run = status201;
    expect(run.ran.code, run.replay).toBe(1);
    const tolerance = (findings: readonly Finding[]): string[] =>
      [...new Set(findings.filter((f) => f.check === 'sdk-status-tolerance').map(keyOf))].sort();
    expect(tolerance(run.json.findings), run.replay).toEqual(tolerance(inProcess.findings));
    expect(tolerance(run.json.findings), run.replay).toEqual(
      called.map((endpoint) =>
        findingKey({ check: 'sdk-status-tolerance', severity: 'error', endpoint, apiVersion: 'v4', instancePath: '' }),
      ),
    );
    const comparison = run.json.comparison;
    expect(comparison?.disagreements, run.replay).toEqual([]);
    expect(
      (comparison?.oneModeOnly ?? []).filter((o) => o.check === 'sdk-status-tolerance'),
      run.replay,
    ).toEqual([]);
  });

  it("a clean sandbox: no error from the run's checks, only status-tolerance unjudged over HTTP, nothing left", () => {
    const run = clean;
    const runErrors = run.json.findings.filter((f) => !gateIds.has(f.check) && f.severity === 'error');
    expect(runErrors.map(keyOf), run.replay).toEqual([]);
    // A clean provider never answers the other code of the 200/201 pair: that alone is left to nock.
    expect(oneModeLines(run.json.comparison?.oneModeOnly ?? []), run.replay).toEqual(
      inProcessOnly('sdk-status-tolerance'),
    );
    const journal = readJournal(join(run.reportDir, 'journal.jsonl'));
    expect(leftovers(journal).complete, run.replay).toBe(true);
    expect(cleanSandbox?.contents(), run.replay).toEqual(cleanBefore);
  });

  it.each([
    ['missing-completedAt', () => missingCompletedAt],
    ['status-201-for-200', () => status201],
    ['a clean sandbox', () => clean],
  ])('%s: report.json valid, every exchange in the HAR, the token in no file nor output', (_, runOf) => {
    const run = runOf();
    const report = readReport(run.reportDir);
    expect(reportProblems(report), run.replay).toEqual([]);
    const har = parseHar(readFileSync(join(run.reportDir, REPORT_FILES.har), 'utf8'));
    expect(har.log.entries.length, run.replay).toBe(report.exchanges.length);
    const files = filesIn(run.reportDir);
    expect(files.map((file) => file.name)).toEqual(
      expect.arrayContaining([...Object.values(REPORT_FILES), 'journal.jsonl']),
    );
    // The embedded sandbox's token is random; any token of the sandbox's shape is one that leaked.
    const sandboxToken = /pat-na1-[0-9a-f]{8}-/;
    for (const { name, text } of [
      ...files,
      { name: 'stdout', text: run.ran.out },
      { name: 'stderr', text: run.ran.err },
    ]) {
      expect(sandboxToken.test(text), `${name}: ${run.replay}`).toBe(false);
      if (run.token !== undefined) expect(text.includes(run.token), `${name}: ${run.replay}`).toBe(false);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// (c) a provider whose answers leave the SDK unjudged: a proxy of the test's own in front of a sandbox of its own.

describe('over HTTP, a provider whose answers judge nothing never makes a cell compatible', () => {
  let sandbox: Sandbox | undefined;
  let proxy: Server | undefined;
  let proxyUrl = '';
  /** What the proxy does to the calls of the endpoints under test: 204 to all, or a 500 to batch read. */
  const mode = { current: '204' as '204' | 'read-500' };
  const UNDER_TEST = /\/(batch\/read|batch\/associate\/default|associations\/default\/)/;

  beforeAll(async () => {
    const upstream = await startSandbox({ seed: settings.seed >>> 0, rateLimit: { max: 50, intervalMs: 1000 } });
    sandbox = upstream;
    proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        if (UNDER_TEST.test(path) && mode.current === '204') return void res.writeHead(204).end();
        if (path.includes('/batch/read') && mode.current === 'read-500') {
          res.writeHead(500, { 'content-type': 'application/json' });
          return void res.end(JSON.stringify({ status: 'error', message: 'boom', category: 'INTERNAL_ERROR' }));
        }
        const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
        );
        void fetch(`${upstream.url}${path}`, { method: req.method ?? 'GET', headers, ...(body ? { body } : {}) })
          .then(async (answer) => {
            const text = await answer.text();
            res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
            res.end(text);
          })
          .catch(() => res.writeHead(502).end());
      });
    });
    await new Promise<void>((resolve) => proxy?.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    proxy?.closeAllConnections();
    await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
    await sandbox?.stop();
  });

  const cellsOf = (reportDir: string): Matrix['sdks'][number]['cells'] =>
    (JSON.parse(readFileSync(join(reportDir, MATRIX_FILES.json), 'utf8')) as Matrix).sdks[0]?.cells ?? [];

  it('204 to every call: inconclusive (exit 3); every cell with a method not exercised, none compatible', async () => {
    mode.current = '204';
    const token = sandbox?.token ?? '';
    // Every version (no --api-version): the dated ones the SDK lacks are warnings, so nothing but the 204s decides.
    const reportDir = join(dir, 'answers-204');
    const ran = await hsac(
      ['gate', 'sdk', '--target', proxyUrl, '--token', token, '--seed', seed, '--runs', HTTP_RUNS].concat([
        '--json',
        '--report-dir',
        reportDir,
      ]),
    );
    const run = { reportDir, replay: replayOf(`hsac gate sdk --target URL-OF-A-204-PROXY --seed ${seed} --runs 2`) };
    expect(ran.code, `${run.replay}\n${ran.err}`).toBe(3);
    const cells = cellsOf(run.reportDir);
    const withMethod = cells.filter((cell) => cell.outcome !== 'missing');
    expect(withMethod.map((cell) => `${cell.endpoint} ${cell.outcome}`).sort(), run.replay).toEqual([
      'associate-default not-exercised',
      'batch-associate-default not-exercised',
      'batch-read not-exercised',
    ]);
    // Nothing decoded was judged: no decode check counts an answer it had nothing to say of as a pass.
    for (const cell of withMethod)
      for (const check of cell.checks.filter((c) => /decode|field|status-tolerance/.test(c.check)))
        expect(check.evaluated, `${cell.endpoint} ${check.check}: ${run.replay}`).toBe(0);
    expect(readReport(run.reportDir).summary.reason, run.replay).toMatch(/the SDK was not judged at work in /);
  });

  it('a 500 to batch read: the SDK rejecting it is no decoding judged, so that cell is never compatible', async () => {
    mode.current = 'read-500';
    const token = sandbox?.token ?? '';
    const run = await gateOverHttp('read-500', ['--target', proxyUrl, '--token', token], 'a read-500 proxy', token);
    const read = cellsOf(run.reportDir).find((cell) => cell.endpoint === 'batch-read');
    expect(read?.outcome, run.replay).not.toBe('compatible');
    const decodeThrows = read?.checks.find((check) => check.check === 'sdk-decode-throws');
    expect(decodeThrows?.evaluated, run.replay).toBe(0);
    // The endpoints answered as they should are judged both ways.
    expect(cellsOf(run.reportDir).find((cell) => cell.endpoint === 'associate-default')?.outcome, run.replay).toBe(
      'compatible',
    );
  });
});
