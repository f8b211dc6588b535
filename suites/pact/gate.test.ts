import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPropertySettings } from '../../properties/settings.js';
import { main } from '../../src/cli.js';
import type { Finding } from '../../src/registry/finding.js';
import { pointerPattern } from '../../src/gate/collector.js';
import { loadSdk } from '../../src/gate/index.js';
import type { Matrix } from '../../src/gate/matrix.js';
import { MATRIX_FILES, matrixProblems, REPORT_FILES, reportProblems } from '../../src/report/index.js';
import type { RunResult } from '../../src/runner/result.js';
import { parseJunit } from '../support/junit-xml.js';
import { writeFakeSdk } from './fake-sdk.js';
import { findingKey, KNOWN_SDK_FINDINGS } from './known-sdk-findings.js';

/**
 * `hsac gate sdk`: the pinned @hubspot/api-client gets exactly its known verdict and findings
 * (none stale, none new); a fake SDK that honours the contract passes (exit 0), one with the
 * int32 ID bug of hubspot-api-php#261 fails on that field, one that sends the 2024 configurations
 * path and drops `from` fails on those requests; two fakes gated side by side give a matrix that
 * names the release where the int32 bug appeared; asking for a version the SDK cannot call fails;
 * usage errors exit 2. The seed is the run's (properties/settings.ts), printed in
 * every failure with the command that replays it.
 */

const settings = readPropertySettings();
const dir = mkdtempSync(join(tmpdir(), 'hsac-gate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function gate(args: readonly string[], reportDir: string): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(
    [
      'gate',
      'sdk',
      '--report-dir',
      reportDir,
      '--seed',
      String(settings.seed),
      '--runs',
      String(settings.runs),
      ...args,
    ],
    {
      out: (text) => {
        out += text;
      },
      err: (text) => {
        err += text;
      },
      stdin: () => Buffer.alloc(0),
    },
  );
  return { code, out, err };
}

const replay = `HSAC_SEED=${settings.seed} HSAC_RUNS=${settings.runs} npx vitest run --project pact suites/pact/gate.test.ts`;

describe(`the pinned ${KNOWN_SDK_FINDINGS.sdk} ${KNOWN_SDK_FINDINGS.version}`, () => {
  const reportDir = join(dir, 'pinned');
  let run: CliRun;
  let findings: Finding[];
  beforeAll(async () => {
    run = await gate(['--json'], reportDir);
    findings = (JSON.parse(run.out) as { findings: Finding[] }).findings;
  });

  it('is the version the known findings are about (a new pin means revisiting the list and the README)', () => {
    expect(loadSdk().version).toBe(KNOWN_SDK_FINDINGS.version);
  });

  it('gets the known verdict: incompatible, exit 1', () => {
    expect(run.code, replay).toBe(1);
    expect(JSON.parse(run.out)).toMatchObject({ ok: false });
  });

  it('has exactly the known findings: none stale, none new', () => {
    const found = new Set(findings.map(findingKey));
    const known = new Set(KNOWN_SDK_FINDINGS.findings.map(findingKey));
    const stale = [...known].filter((key) => !found.has(key));
    const fresh = findings.filter((f) => !known.has(findingKey(f))).map((f) => `${findingKey(f)}: ${f.message}`);
    expect({ stale, new: fresh }, `seed ${settings.seed}; replay: ${replay}`).toEqual({ stale: [], new: [] });
  });

  it('writes the same reports as hsac run; report.json matches the report schema', () => {
    for (const name of Object.values(REPORT_FILES)) expect(existsSync(join(reportDir, name)), name).toBe(true);
    const report = JSON.parse(readFileSync(join(reportDir, REPORT_FILES.json), 'utf8')) as RunResult;
    expect(reportProblems(report)).toEqual([]);
    expect(report.summary).toMatchObject({ verdict: 'fail', errors: 3, seed: settings.seed });
    expect(
      report.checks
        .filter((c) => c.outcome === 'fail')
        .map((c) => `${c.endpoint} ${c.check}`)
        .sort(),
    ).toEqual([
      'associate-default sdk-status-tolerance',
      'batch-associate-default sdk-status-tolerance',
      'batch-read sdk-status-tolerance',
    ]);
    const junit = parseJunit(readFileSync(join(reportDir, REPORT_FILES.junit), 'utf8'));
    expect(junit.cases.filter((testcase) => testcase.failure !== undefined)).toHaveLength(3);
  });

  it('records every nock-served exchange, the token redacted', () => {
    const report = JSON.parse(readFileSync(join(reportDir, REPORT_FILES.json), 'utf8')) as RunResult;
    expect(report.exchanges.length).toBe(report.summary.exchanges);
    expect(report.exchanges.length).toBeGreaterThan(100);
    expect(new Set(report.exchanges.map((e) => e.request.url.split('/crm/')[1]?.split('/')[0]))).toEqual(
      new Set(['v4']),
    );
    for (const name of Object.values(REPORT_FILES))
      expect(readFileSync(join(reportDir, name), 'utf8')).not.toContain('hsac-gate-token');
  });
});

describe('the gate both ways, on fake SDKs loaded by path', () => {
  it('passes an SDK that honours the contract (exit 0; the date versions it lacks are warnings)', async () => {
    const run = await gate(['--sdk', writeFakeSdk(dir, 'good'), '--json', '--runs', '5'], join(dir, 'good'));
    const { ok, findings } = JSON.parse(run.out) as { ok: boolean; findings: Finding[] };
    expect(
      findings.filter((f) => f.severity === 'error'),
      replay,
    ).toEqual([]);
    expect(new Set(findings.map((f) => `${f.check} ${f.apiVersion ?? ''}`))).toEqual(
      new Set(['sdk-endpoint-missing 2025-09', 'sdk-endpoint-missing 2026-03', 'sdk-endpoint-missing 2026-09']),
    );
    expect({ code: run.code, ok }).toEqual({ code: 0, ok: true });
  });

  it('catches an ID above 2^31 squeezed through an int32 (hubspot-api-php#261) as a corrupted field consumers read', async () => {
    const run = await gate(
      ['--sdk', writeFakeSdk(dir, 'int32-ids'), '--api-version', 'v4', '--json', '--runs', '5'],
      join(dir, 'int32'),
    );
    const { findings } = JSON.parse(run.out) as { findings: Finding[] };
    expect(run.code, replay).toBe(1);
    const errors = findings.filter((f) => f.severity === 'error');
    expect(
      errors.map((f) => `${f.check} ${f.endpoint ?? ''} ${pointerPattern(f.instancePath)}`),
      replay,
    ).toEqual(['sdk-field-corrupted batch-read /results/*/to/*/toObjectId']);
    expect(errors[0]?.message).toMatch(/decodes to "-?\d+" where the 200 body has .*\(required\)/);
  });

  it('catches requests that break the contract: the 2024 configurations path, and inputs without `from`', async () => {
    const run = await gate(
      ['--sdk', writeFakeSdk(dir, 'wrong-requests'), '--api-version', 'v4', '--json', '--runs', '5'],
      join(dir, 'wrong-requests'),
    );
    const { findings } = JSON.parse(run.out) as { findings: Finding[] };
    expect(run.code, replay).toBe(1);
    expect([...new Set(findings.map((f) => `${f.severity} ${f.check} ${f.endpoint ?? ''}`))].sort()).toEqual([
      'error sdk-request-body batch-associate-default',
      'error sdk-request-path configurations-batch-create',
    ]);
    expect(findings.find((f) => f.check === 'sdk-request-path')?.message).toMatch(
      /^sends POST \/crm\/v4\/associations\/definitions\/configurations\/.*; the contract for v4 is POST \/crm\/associations\/v4\/definitions\/configurations\/\{fromObjectType\}/,
    );
  });
});

describe('several SDKs: the compatibility matrix', () => {
  it('gates two releases side by side: exit 1, each its own reports, a matrix naming where int32 broke', async () => {
    const reportDir = join(dir, 'matrix');
    const [good, int32] = [writeFakeSdk(dir, 'good'), writeFakeSdk(dir, 'int32-ids')];
    const run = await gate(['--sdk', good, '--sdk', int32, '--runs', '3'], reportDir);
    expect(run.code, replay).toBe(1);
    const matrix = JSON.parse(readFileSync(join(reportDir, MATRIX_FILES.json), 'utf8')) as Matrix;
    expect(matrixProblems(matrix)).toEqual([]);
    // Two packages: the order given. Each row's reports in its own directory, its page carrying the matrix.
    expect(matrix.sdks.map((row) => [row.name, row.verdict, row.reportDir])).toEqual([
      ['fake-hubspot-sdk-good', 'compatible', 'fake-hubspot-sdk-good-0.0.0'],
      ['fake-hubspot-sdk-int32-ids', 'incompatible', 'fake-hubspot-sdk-int32-ids-0.0.0'],
    ]);
    for (const row of matrix.sdks) {
      const report = JSON.parse(readFileSync(join(reportDir, row.reportDir, REPORT_FILES.json), 'utf8')) as RunResult;
      expect(report.run.replay).toBe(`hsac gate sdk --sdk ${row.spec} --seed ${settings.seed} --runs 3`);
      expect(readFileSync(join(reportDir, row.reportDir, REPORT_FILES.html), 'utf8')).toContain('id="sdk-matrix"');
    }
    const outcomes = (row: number) => matrix.sdks[row]?.cells.map((c) => `${c.apiVersion} ${c.endpoint} ${c.outcome}`);
    expect(outcomes(1)).toContain('v4 batch-read incompatible');
    expect(outcomes(0)).toContain('v4 batch-read compatible');
    expect(outcomes(0)).toContain('2026-03 batch-read missing');
    const int32Release = 'fake-hubspot-sdk-int32-ids@0.0.0';
    expect(matrix.changes.filter((change) => change.severity === 'error')).toMatchObject([
      {
        check: 'sdk-field-corrupted',
        endpoint: 'batch-read',
        apiVersion: 'v4',
        instancePath: '/results/*/to/*/toObjectId',
      },
    ]);
    // Two packages: each finding is followed within its own package's releases, never across the two.
    expect(matrix.changes.find((change) => change.severity === 'error')).toMatchObject({
      package: 'fake-hubspot-sdk-int32-ids',
      appeared: null,
      disappeared: null,
      presentIn: [int32Release],
    });
    const history = "in every release gated (of fake-hubspot-sdk-int32-ids's releases)";
    const line = `error sdk-field-corrupted batch-read v4 /results/*/to/*/toObjectId: ${history}`;
    expect(run.out).toContain(`    ${line}\n`);
    expect(readFileSync(join(reportDir, MATRIX_FILES.markdown), 'utf8')).toContain(
      `\`error sdk-field-corrupted batch-read v4 /results/*/to/*/toObjectId\`: ${history}`,
    );
    expect(run.out).toMatch(/^hsac gate sdk: 2 of 2 SDK releases gated, 1 compatible, 1 incompatible$/m);
  });
});

describe('versions and usage', () => {
  it('--api-version 2026-03: the pinned SDK cannot call it at all, and that is an incompatibility (exit 1, errors first, the replay command last)', async () => {
    const run = await gate(['--api-version', '2026-03'], join(dir, '2026-03'));
    expect(run.code).toBe(1);
    const lines = run.out.trimEnd().split('\n');
    expect(lines[0]).toBe('hsac gate sdk: INCOMPATIBLE (4 errors, 0 warnings)');
    expect(
      lines
        .filter((line) => /^ {2}error {3}sdk-endpoint-missing /.test(line))
        .map((line) => line.split(/\s+/)[3])
        .sort(),
    ).toEqual(['associate-default', 'batch-associate-default', 'batch-read', 'configurations-batch-create']);
    expect(lines.at(-1)).toBe(
      `  Reproduce with: hsac gate sdk --sdk @hubspot/api-client --api-version 2026-03 --seed ${settings.seed} --runs ${settings.runs}`,
    );
  });

  it('an SDK that is not installed: one line, exit 2', async () => {
    const run = await gate(['--sdk', '@hubspot/no-such-client'], join(dir, 'usage'));
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^hsac: --sdk @hubspot\/no-such-client: package not found/);
    expect(run.err.trim().split('\n')).toHaveLength(1);
  });

  it('a package that is not a HubSpot client: exit 2', async () => {
    const run = await gate(['--sdk', 'nock'], join(dir, 'usage'));
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/is not a HubSpot client/);
  });
});
