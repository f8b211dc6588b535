import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../provider/index.js';
import { packageRoot } from '../../src/paths.js';
import {
  REPORT_FILES,
  renderHar,
  renderHtml,
  renderJson,
  renderJunit,
  renderMarkdown,
} from '../../src/report/index.js';
import type { RunResult } from '../../src/runner/result.js';
import { parseHar } from '../support/har.js';
import { parseJunit } from '../support/junit-xml.js';
import { hsac, readResult, targetFlags } from './harness.js';
import { normaliseResult, normaliseText } from './normalise.js';

/**
 * Every writer's output for one fixed-seed run against a faulty sandbox, snapshot-tested with
 * times, ports, paths, durations, run ids and correlation ids as placeholders (normalise.ts).
 * Update after an intended change with `npx vitest run suites/report -u` and review the diff.
 */

const SEED = '31';
const TOKEN = 'pat-na1-00000000-5eed-4000-8000-000000000031';
// A body fault (errors), a status-code warning, an unknown field (a lenient warning) and a token
// echo (so the snapshot shows the redaction): every kind of row the writers have.
const FAULTS = ['missing-completedAt', 'status-200-for-201', 'unknown-envelope-field', 'token-echo-header'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-report-snap-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One run of the fixture plan against a fresh sandbox; returns the RunResult it wrote. */
async function fixtureRun(name: string): Promise<RunResult> {
  const sandbox = await startSandbox({
    token: TOKEN,
    faults: FAULTS,
    seed: Number(SEED),
    pageSize: 5,
    rateLimit: { max: 1000, intervalMs: 1000 },
  });
  try {
    const reportDir = join(dir, name);
    const ran = await hsac([
      'run',
      ...targetFlags(sandbox.url, TOKEN),
      '--seed',
      SEED,
      '--runs',
      '1',
      '--endpoints',
      'batch-read,configurations-batch-create,associate-default',
      '--report-dir',
      reportDir,
    ]);
    expect(ran.code, ran.err).toBe(1);
    return readResult(reportDir);
  } finally {
    await sandbox.stop();
  }
}

const WRITERS = [
  [REPORT_FILES.json, renderJson],
  [REPORT_FILES.junit, renderJunit],
  [REPORT_FILES.markdown, renderMarkdown],
  [REPORT_FILES.html, renderHtml],
  [REPORT_FILES.har, renderHar],
] as const;

describe('writer snapshots (fixed seed, normalised)', () => {
  let first: RunResult;
  let second: RunResult;
  beforeAll(async () => {
    [first, second] = await Promise.all([fixtureRun('a'), fixtureRun('b')]);
  });
  const options = (): { paths: string[] } => ({ paths: [dir, packageRoot()] });
  const render = (result: RunResult, writer: (r: RunResult) => string): string =>
    normaliseText(writer(normaliseResult(result, options())), options());

  it('the normaliser makes two runs of the same seed identical (else the snapshots would flake)', () => {
    expect(first.run.id).not.toBe(second.run.id);
    for (const [, writer] of WRITERS) expect(render(second, writer)).toBe(render(first, writer));
  });

  it.each(WRITERS.map(([name, writer]) => ({ name, writer })))('$name', async ({ name, writer }) => {
    await expect(render(first, writer)).toMatchFileSnapshot(`./__snapshots__/${name}`);
  });

  it('junit.xml parses as XML, with a time on every testsuite and testcase and each distinct finding once', () => {
    const junit = parseJunit(readFileSync(join(dir, 'a', REPORT_FILES.junit), 'utf8'));
    const seconds = /^\d+\.\d{3}$/;
    expect(junit.attributes.time).toMatch(seconds);
    for (const suite of junit.suites) expect(suite.attributes.time, suite.attributes.name).toMatch(seconds);
    for (const testcase of junit.cases) expect(testcase.attributes.time, testcase.name).toMatch(seconds);
    const failed = junit.cases.filter((testcase) => testcase.failure !== undefined);
    expect(failed.length).toBeGreaterThan(0);
    for (const { failure, classname, name } of failed) {
      const entries = (failure?.text ?? '').split('\n').filter((line) => line.startsWith('['));
      expect(new Set(entries).size, `${classname} ${name}`).toBe(entries.length);
    }
  });

  it('exchanges.har is HAR 1.2 by its JSON Schema, each entry naming its exchange and the findings naming it', () => {
    for (const [name, result] of [
      ['a', first],
      ['b', second],
    ] as const) {
      const har = parseHar(readFileSync(join(dir, name, REPORT_FILES.har), 'utf8'));
      expect(har.log.entries.map((entry) => entry._hsac.id)).toEqual(result.exchanges.map((exchange) => exchange.id));
      const named = har.log.entries.flatMap((entry) => entry._hsac.findings.map((finding) => finding.number));
      expect(new Set(named)).toEqual(new Set(result.findings.map((_, index) => index + 1)));
    }
  });

  it('writeReports wrote the same five files the snapshots cover', () => {
    for (const [name] of WRITERS) expect(readFileSync(join(dir, 'a', name), 'utf8').length).toBeGreaterThan(0);
    expect(Object.values(REPORT_FILES).sort()).toEqual(WRITERS.map(([name]) => name).sort());
  });
});
