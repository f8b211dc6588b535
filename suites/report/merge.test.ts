import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/registry/finding.js';
import { REPORT_FILES, reportProblems } from '../../src/report/index.js';
import { checkOutcomeKind } from '../../src/runner/result.js';
import type { RunResult } from '../../src/runner/result.js';
import { parseHar } from '../support/har.js';
import { hsac, readResult, type Ran } from './harness.js';

/**
 * `hsac run --shard i/n` then `hsac report merge`: the merge of a 3-shard run and the unsharded
 * run of the same seed reach the same verdict with the same findings (as sets), the merged HAR
 * holds every shard's entries, and reports that are not parts of one run are refused (exit 2).
 */

const PLAN = ['--seed', '9', '--runs', '4', '--fault', 'missing-completedAt', '--fault', 'status-200-for-201'];
let dir: string;
let whole: RunResult;
let shards: RunResult[];
let merged: RunResult;
let merge: Ran;
/** The entries of a report directory's exchanges.har, validated as HAR 1.2 (parseHar throws otherwise). */
const harEntries = (reportDir: string): number =>
  parseHar(readFileSync(join(reportDir, REPORT_FILES.har), 'utf8')).log.entries.length;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-report-merge-'));
  const runs = await Promise.all([
    hsac(['run', ...PLAN, '--report-dir', join(dir, 'whole')]),
    ...[1, 2, 3].map((i) => hsac(['run', ...PLAN, '--shard', `${i}/3`, '--report-dir', join(dir, `shard-${i}`)])),
  ]);
  for (const ran of runs) expect(ran.code, ran.err).toBe(1);
  whole = readResult(join(dir, 'whole'));
  shards = [1, 2, 3].map((i) => readResult(join(dir, `shard-${i}`)));
  // Given out of order: the merge orders by shard.
  merge = await hsac([
    'report',
    'merge',
    join(dir, 'shard-3'),
    join(dir, 'shard-1'),
    join(dir, 'shard-2'),
    '--out',
    join(dir, 'merged'),
  ]);
  merged = readResult(join(dir, 'merged'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A finding as a set member: everything but the replay command, which names the shard. */
const findingKey = (f: Finding): string =>
  JSON.stringify([f.check, f.severity, f.endpoint, f.apiVersion, f.instancePath, f.message]);

describe('hsac report merge of a 3-shard run vs the unsharded run of the same seed', () => {
  it('the same verdict and exit code', () => {
    expect(merge.code, merge.err).toBe(1);
    expect(merged.summary.verdict).toBe(whole.summary.verdict);
    expect(merge.out).toContain('hsac report merge: FAIL');
  });

  it('the same findings, as sets', () => {
    const mergedSet = new Set(merged.findings.map(findingKey));
    expect(mergedSet.size).toBeGreaterThan(0);
    expect([...mergedSet].sort()).toEqual([...new Set(whole.findings.map(findingKey))].sort());
    // Each finding of each shard is in the merge (the replay of a shard finding still names its shard), pointing at
    // its exchanges as renumbered: the exchanges of the shards in order, numbered 1..N.
    let offset = 0;
    for (const shard of shards) {
      expect(new Set(shard.exchanges.map((exchange) => exchange.id)).size).toBe(shard.exchanges.length);
      const position = new Map(shard.exchanges.map((exchange, index) => [exchange.id, offset + index + 1]));
      const moved = (id: number): number => position.get(id) ?? Number.NaN;
      for (const f of shard.findings) {
        expect(f.exchangeId ?? f.exchangeIds).toBeDefined();
        expect(merged.findings).toContainEqual({
          ...f,
          ...(f.exchangeId === undefined ? {} : { exchangeId: moved(f.exchangeId) }),
          ...(f.exchangeIds === undefined ? {} : { exchangeIds: f.exchangeIds.map(moved) }),
        });
      }
      offset += shard.exchanges.length;
    }
  });

  it("a merged finding's exchange is the one its shard's finding judged (same request)", () => {
    const requestOf = (result: RunResult, id: number | undefined) =>
      result.exchanges.find((exchange) => exchange.id === id)?.request;
    let offset = 0;
    let compared = 0;
    for (const shard of shards) {
      for (const f of shard.findings.filter((finding) => finding.exchangeId !== undefined)) {
        const shardRequest = requestOf(shard, f.exchangeId);
        expect(shardRequest).toBeDefined();
        const position = shard.exchanges.findIndex((exchange) => exchange.id === f.exchangeId);
        expect(requestOf(merged, offset + position + 1)).toEqual(shardRequest);
        expect(merged.findings).toContainEqual(expect.objectContaining({ exchangeId: offset + position + 1 }));
        compared++;
      }
      offset += shard.exchanges.length;
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('the same failing endpoint x check cells', () => {
    const failing = (r: RunResult): string[] =>
      r.checks
        .filter((c) => c.outcome === 'fail')
        .map((c) => `${c.endpoint}|${c.check}`)
        .sort();
    expect(failing(merged)).toEqual(failing(whole));
  });

  it("exercised summed per endpoint x check, outcomes recomputed by the runner's rules, notExercised and requests recomputed", () => {
    const key = (c: { endpoint: string; check: string }): string => `${c.endpoint}|${c.check}`;
    for (const row of merged.checks) {
      const parts = shards.flatMap((s) => s.checks.filter((c) => key(c) === key(row)));
      expect(parts, key(row)).toHaveLength(shards.length);
      const total = (of: (c: (typeof parts)[number]) => number): number => parts.reduce((sum, c) => sum + of(c), 0);
      expect(row.exercised, key(row)).toBe(total((c) => c.exercised));
      expect(row.evaluated, key(row)).toBe(total((c) => c.evaluated));
      expect(row.outcome, key(row)).toBe(
        checkOutcomeKind({
          off: parts.some((c) => c.outcome === 'off'),
          errors: row.errors,
          warnings: row.warnings,
          exercised: row.exercised,
        }),
      );
      // Exercised in any shard: not "not exercised" in the merge.
      if (parts.some((c) => c.exercised > 0)) expect(row.outcome, key(row)).not.toBe('not-exercised');
    }
    const idleIds = (r: RunResult): string[] => r.summary.notExercised.map((e) => e.check).sort();
    expect(idleIds(merged)).toEqual(
      [...new Set(merged.checks.map((c) => c.check))]
        .filter((id) => merged.checks.every((c) => c.check !== id || c.outcome === 'not-exercised'))
        .sort(),
    );
    // The shards together exercised what the unsharded run did.
    expect(idleIds(merged)).toEqual(idleIds(whole));
    const purposes = new Set(shards.flatMap((s) => Object.keys(s.summary.requests)));
    expect(merged.summary.requests).toEqual(
      Object.fromEntries(
        [...purposes].map((p) => [p, shards.reduce((sum, s) => sum + (s.summary.requests[p] ?? 0), 0)]),
      ),
    );
  });

  it("HAR entries and exchanges equal the sum of the shards', with ids unique", () => {
    const sum = [1, 2, 3].map((i) => harEntries(join(dir, `shard-${i}`))).reduce((a, b) => a + b, 0);
    expect(harEntries(join(dir, 'merged'))).toBe(sum);
    expect(merged.exchanges).toHaveLength(sum);
    expect(new Set(merged.exchanges.map((e) => e.id)).size).toBe(sum);
    expect(merged.summary.exchanges).toBe(shards.reduce((total, s) => total + s.summary.exchanges, 0));
  });

  it('names the shards, replays the whole plan, and writes every format (report.json valid)', () => {
    const shardsOfMerge = (merged.run as { shards?: { index: number; id: string }[] }).shards;
    expect(shardsOfMerge?.map((s) => [s.index, s.id])).toEqual(shards.map((s) => [s.run.shard?.index, s.run.id]));
    expect(merged.run.replay).toBe(whole.run.replay);
    expect(merged.run.shard).toBeUndefined();
    for (const name of Object.values(REPORT_FILES)) expect(merge.out).toContain(join(dir, 'merged', name));
    expect(reportProblems(merged)).toEqual([]);
    const distinct = new Set(merged.findings.map(findingKey)).size;
    // The numbers the closing note asks for, printed with the test run.
    console.info(
      `3-shard merge vs unsharded (seed 9): verdict ${merged.summary.verdict} vs ${whole.summary.verdict}; distinct findings ${distinct} vs ${new Set(whole.findings.map(findingKey)).size}; ` +
        `errors ${merged.summary.errors} vs ${whole.summary.errors}; warnings ${merged.summary.warnings} vs ${whole.summary.warnings}; exchanges ${merged.summary.exchanges} (${shards.map((s) => s.summary.exchanges).join('+')}) vs ${whole.summary.exchanges}; ` +
        `sequence checks ${merged.summary.sequences} vs ${whole.summary.sequences}; HAR entries ${harEntries(join(dir, 'merged'))} vs ${harEntries(join(dir, 'whole'))}`,
    );
  });
});

describe('hsac report merge refuses what is not one sharded run (exit 2, one clear line)', () => {
  it('a directory without report.json', async () => {
    const ran = await hsac([
      'report',
      'merge',
      join(dir, 'shard-1'),
      join(dir, 'nowhere'),
      '--out',
      join(dir, 'unused'),
    ]);
    expect(ran.code).toBe(2);
    expect(ran.err).toContain(`${join(dir, 'nowhere')} has no report.json`);
  });

  it('reports of different seeds', async () => {
    const other = join(dir, 'other-seed');
    cpSync(join(dir, 'shard-2'), other, { recursive: true });
    const report = readResult(other);
    writeFileSync(
      join(other, 'report.json'),
      JSON.stringify({ ...report, run: { ...report.run, seed: 10 }, summary: { ...report.summary, seed: 10 } }),
    );
    const ran = await hsac(['report', 'merge', join(dir, 'shard-1'), other, '--out', join(dir, 'unused')]);
    expect(ran.code).toBe(2);
    expect(ran.err).toMatch(
      /^hsac: cannot merge reports of different runs: seed differs \(shard 1\/3: 9; shard 2\/3: 10\)\n$/,
    );
  });

  it('the same shard twice, and a report.json that is not a report', async () => {
    const twice = await hsac([
      'report',
      'merge',
      join(dir, 'shard-1'),
      join(dir, 'shard-1'),
      '--out',
      join(dir, 'unused'),
    ]);
    expect(twice.code).toBe(2);
    expect(twice.err).toContain('shard 1/3 appears twice');
    const bogus = join(dir, 'bogus');
    cpSync(join(dir, 'shard-2'), bogus, { recursive: true });
    writeFileSync(join(bogus, 'report.json'), JSON.stringify({ summary: { verdict: 'pass' } }));
    const ran = await hsac(['report', 'merge', join(dir, 'shard-1'), bogus, '--out', join(dir, 'unused')]);
    expect(ran.code).toBe(2);
    expect(ran.err).toContain('is not an hsac report');
  });
});
