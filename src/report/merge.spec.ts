import { describe, expect, it } from 'vitest';
import type { RunResult } from '../runner/result.js';
import { mergeResults, MergeError } from './merge.js';
import { sampleResult } from './sample.js';

function shard(index: number, count: number, verdict: RunResult['summary']['verdict'], extra: Parameters<typeof sampleResult>[0] = {}): RunResult {
  return sampleResult({
    ...extra,
    run: { id: `hsac-20260101-0000000${index}`, shard: { index, count }, replay: `hsac run --seed 1 --shard ${index}/${count}`, target: `http://127.0.0.1:400${index}`, ...extra.run },
    summary: { verdict, ...(verdict === 'pass' ? { reason: undefined } : {}), ...extra.summary },
  });
}

describe('mergeResults verdict', () => {
  it('any fail -> fail, else any inconclusive -> inconclusive, else pass', () => {
    expect(mergeResults([shard(1, 3, 'pass'), shard(2, 3, 'inconclusive'), shard(3, 3, 'fail')]).summary.verdict).toBe('fail');
    expect(mergeResults([shard(1, 3, 'pass'), shard(2, 3, 'inconclusive'), shard(3, 3, 'pass')]).summary).toMatchObject({ verdict: 'inconclusive', reason: expect.stringContaining('shard 2/3') });
    expect(mergeResults([shard(1, 2, 'pass'), shard(2, 2, 'pass')]).summary.verdict).toBe('pass');
  });

  it('a shard of the split missing makes a passing merge inconclusive (a lost CI job is not a pass)', () => {
    const merged = mergeResults([shard(1, 3, 'pass'), shard(3, 3, 'pass')]);
    expect(merged.summary).toMatchObject({ verdict: 'inconclusive', reason: expect.stringContaining('2/3 missing') });
    expect(mergeResults([shard(1, 3, 'fail'), shard(3, 3, 'pass')]).summary.reason).toContain('2/3 missing');
  });
});

describe('mergeResults contents', () => {
  const a = shard(1, 2, 'fail');
  const b = shard(2, 2, 'fail');
  const merged = mergeResults([b, a]);

  it('sums counts, orders by shard and names the shards in the run block', () => {
    expect(merged.summary).toMatchObject({ exchanges: 4, unchecked: 2, errors: 2, warnings: 2, sequences: 0, seed: 1 });
    expect(merged.run.shards.map((s) => [s.index, s.id])).toEqual([[1, a.run.id], [2, b.run.id]]);
    expect(merged.run.id).toBe(`merge(${a.run.id},${b.run.id})`);
    expect(merged.run.replay).toBe('hsac run --seed 1');
    expect(merged.run.shard).toBeUndefined();
    expect(merged.run.target).toBe('http://127.0.0.1:4001; http://127.0.0.1:4002');
  });

  it('de-duplicates findings by (check, endpoint, apiVersion, instancePath, message, replay)', () => {
    // The sample's findings carry the same replay in both shards, so each is kept once.
    expect(merged.findings).toHaveLength(2);
    const other = shard(2, 2, 'fail', { findings: [{ ...a.findings[0]!, replay: 'hsac run --seed 1 --shard 2/2' }] });
    expect(mergeResults([a, other]).findings).toHaveLength(3);
  });

  it('combines check outcomes per endpoint x check: fail > warn > pass > skip, tallies summed', () => {
    const passing = shard(2, 2, 'pass', { checks: a.checks.map((c) => ({ ...c, outcome: 'pass' as const, evaluated: 5, errors: 0, warnings: 0 })) });
    const rows = mergeResults([a, passing]).checks;
    expect(rows).toHaveLength(a.checks.length);
    expect(rows.find((r) => r.endpoint === 'batch-read' && r.check === 'response-body')).toMatchObject({ outcome: 'fail', evaluated: 6, errors: 1, warnings: 1 });
    expect(rows.find((r) => r.endpoint === 'associate-default' && r.check === 'response-body')).toMatchObject({ outcome: 'pass', evaluated: 5 });
    expect(rows.find((r) => r.endpoint === 'associate-default' && r.check === 'transport')).toMatchObject({ outcome: 'warn' });
  });

  it('concatenates exchanges with ids kept unique', () => {
    expect(merged.exchanges.map((e) => e.id)).toEqual([1, 2, 3, 4]);
    expect(merged.exchanges.map((e) => e.request.method)).toEqual(['POST', 'PUT', 'POST', 'PUT']);
  });
});

describe('mergeResults refuses reports that are not parts of one plan', () => {
  it.each([
    ['seed', { run: { seed: 2 } }, 'seed differs'],
    ['API version', { run: { apiVersion: 'v4' } }, 'API version differs'],
    ['profile', { run: { profile: 'strict' } }, 'profile differs'],
    ['endpoints', { run: { endpoints: ['batch-read'] } }, 'endpoints differs'],
  ] as const)('different %s', (_name, extra, says) => {
    expect(() => mergeResults([shard(1, 2, 'pass'), shard(2, 2, 'pass', extra)])).toThrow(says);
  });

  it('the same shard twice, different splits, an unsharded report among shards, nothing at all', () => {
    expect(() => mergeResults([shard(1, 2, 'pass'), shard(1, 2, 'pass')])).toThrow(/shard 1\/2 appears twice/);
    expect(() => mergeResults([shard(1, 2, 'pass'), shard(2, 3, 'pass')])).toThrow(/different splits/);
    expect(() => mergeResults([shard(1, 2, 'pass'), sampleResult()])).toThrow(/not a shard/);
    expect(() => mergeResults([])).toThrow(MergeError);
  });
});
