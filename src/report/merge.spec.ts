import { describe, expect, it } from 'vitest';
import type { CheckOutcome, RunResult } from '../runner/result.js';
import { checkOutcomeKind } from '../runner/result.js';
import { renderJson } from './json.js';
import { mergeResults, MergeError } from './merge.js';
import { sampleResult } from './sample.js';
import { reportProblems } from './schema.js';

/**
 * One shard of the sample. The sample requires paging-terminates exercised, which none of its
 * rows is; shards here drop that requirement unless a test gives it, so verdict tests see only
 * the verdicts they set.
 */
function shard(
  index: number,
  count: number,
  verdict: RunResult['summary']['verdict'],
  extra: Parameters<typeof sampleResult>[0] = {},
): RunResult {
  return sampleResult({
    ...extra,
    run: {
      id: `hsac-20260101-0000000${index}`,
      shard: { index, count },
      replay: `hsac run --seed 1 --config hsac.config.json --shard ${index}/${count}`,
      target: `http://127.0.0.1:400${index}`,
      requireExercised: undefined,
      ...extra.run,
    },
    summary: { verdict, ...(verdict === 'pass' ? { reason: undefined } : {}), ...extra.summary },
  });
}

describe('mergeResults verdict', () => {
  it('any fail -> fail, else any inconclusive -> inconclusive, else pass', () => {
    expect(mergeResults([shard(1, 3, 'pass'), shard(2, 3, 'inconclusive'), shard(3, 3, 'fail')]).summary.verdict).toBe(
      'fail',
    );
    const inconclusive = mergeResults([shard(1, 3, 'pass'), shard(2, 3, 'inconclusive'), shard(3, 3, 'pass')]).summary;
    expect(inconclusive.verdict).toBe('inconclusive');
    expect(inconclusive.reason).toContain('shard 2/3');
    expect(mergeResults([shard(1, 2, 'pass'), shard(2, 2, 'pass')]).summary.verdict).toBe('pass');
  });

  it('a shard of the split missing makes a passing merge inconclusive (a lost CI job is not a pass)', () => {
    const merged = mergeResults([shard(1, 3, 'pass'), shard(3, 3, 'pass')]);
    expect(merged.summary.verdict).toBe('inconclusive');
    expect(merged.summary.reason).toContain('2/3 missing');
    expect(mergeResults([shard(1, 3, 'fail'), shard(3, 3, 'pass')]).summary.reason).toContain('2/3 missing');
  });
});

describe('mergeResults contents', () => {
  const a = shard(1, 2, 'fail');
  const b = shard(2, 2, 'fail');
  const merged = mergeResults([b, a]);

  it('sums counts, orders by shard and names the shards in the run block', () => {
    expect(merged.summary).toMatchObject({ exchanges: 4, unchecked: 2, errors: 2, warnings: 2, sequences: 2, seed: 1 });
    expect(merged.run.shards.map((s) => [s.index, s.id])).toEqual([
      [1, a.run.id],
      [2, b.run.id],
    ]);
    expect(merged.run.id).toBe(`merge(${a.run.id},${b.run.id})`);
    expect(merged.run.replay).toBe('hsac run --seed 1 --config hsac.config.json');
    expect(merged.run.checksOff).toEqual(['idempotent']);
    expect(merged.run.shard).toBeUndefined();
    expect(merged.run.target).toBe('http://127.0.0.1:4001; http://127.0.0.1:4002');
  });

  it('de-duplicates findings by (check, endpoint, apiVersion, instancePath, message, replay, exchange ids)', () => {
    // The sample's findings name exchange 1 of their shard: after renumbering, different exchanges, so all kept.
    expect(merged.findings).toHaveLength(4);
    // Findings that name no exchange (the run's own) and carry the same replay in both shards are kept once.
    const runLevel = (index: number): RunResult =>
      shard(index, 2, 'fail', { findings: a.findings.map(({ exchangeId: _id, ...finding }) => finding) });
    expect(mergeResults([runLevel(1), runLevel(2)]).findings).toHaveLength(2);
    const other = shard(2, 2, 'fail', {
      findings: [{ ...runLevel(1).findings[0]!, replay: 'hsac run --seed 1 --shard 2/2' }],
    });
    expect(mergeResults([runLevel(1), other]).findings).toHaveLength(3);
  });

  it("combines check outcomes per endpoint x check: tallies summed, the outcome recomputed by the runner's rules", () => {
    // Shard 2 met 429s on batch-read and got bodies on associate-default; neither shard paged.
    const exercisedIn2 = new Map([
      ['batch-read|rate-limit-contract', 2],
      ['associate-default|response-body', 4],
    ]);
    const checks2: CheckOutcome[] = a.checks.map((c) => {
      const exercised =
        exercisedIn2.get(`${c.endpoint}|${c.check}`) ?? (c.outcome === 'not-exercised' || c.outcome === 'off' ? 0 : 5);
      const tally = { evaluated: c.outcome === 'off' ? 0 : 5, exercised, errors: 0, warnings: 0 };
      const outcome = checkOutcomeKind({ off: c.outcome === 'off', ...tally });
      const { why, ...rest } = c;
      return {
        ...rest,
        ...tally,
        outcome,
        ...(outcome === 'not-exercised' || outcome === 'off' ? { why: why ?? '' } : {}),
      };
    });
    const other = shard(2, 2, 'pass', { checks: checks2 });
    const rows = mergeResults([a, other]).checks;
    const cell = (endpoint: string, check: string): CheckOutcome | undefined =>
      rows.find((r) => r.endpoint === endpoint && r.check === check);
    expect(rows).toHaveLength(a.checks.length);
    // An error in one shard fails the cell.
    expect(cell('batch-read', 'response-body')).toMatchObject({
      outcome: 'fail',
      evaluated: 6,
      exercised: 6,
      errors: 1,
      warnings: 1,
    });
    // Not exercised in shard 1, exercised in shard 2: a pass, and the reason is dropped with the outcome it explained.
    expect(cell('batch-read', 'rate-limit-contract')).toEqual(
      expect.objectContaining({ outcome: 'pass', evaluated: 6, exercised: 2 }),
    );
    expect(cell('batch-read', 'rate-limit-contract')?.why).toBeUndefined();
    expect(cell('associate-default', 'response-body')).toMatchObject({ outcome: 'pass', exercised: 4 });
    // Evaluated in both shards, exercised in neither: still not exercised, never a pass, with why.
    const neverPaged = cell('batch-read', 'paging-terminates');
    expect(neverPaged).toMatchObject({ outcome: 'not-exercised', evaluated: 6, exercised: 0 });
    expect(neverPaged?.why).toContain('next page');
    expect(cell('associate-default', 'rate-limit-contract')).toMatchObject({ outcome: 'not-exercised', exercised: 0 });
    // A warning in one shard warns; off stays off.
    expect(cell('associate-default', 'transport')).toMatchObject({ outcome: 'warn', evaluated: 6, exercised: 6 });
    const switchedOff = cell('associate-default', 'idempotent');
    expect(switchedOff).toMatchObject({ outcome: 'off', evaluated: 0 });
    expect(switchedOff?.why).toContain('config');
  });

  it('recomputes summary.notExercised from the merged cells and sums requests per purpose', () => {
    const pagedIn2 = shard(2, 2, 'pass', {
      checks: a.checks.map((c) =>
        c.check === 'paging-terminates' ? { ...c, outcome: 'pass' as const, exercised: 3, why: undefined } : c,
      ),
      summary: {
        notExercised: a.summary.notExercised.filter((e) => e.check !== 'paging-terminates'),
        requests: { 'wide-record': 12, sequences: 4 },
      },
    });
    const together = mergeResults([a, pagedIn2]);
    // Exercised in shard 2 only: not listed; rate-limit-contract was exercised in neither.
    expect(together.summary.notExercised).toEqual([
      { check: 'rate-limit-contract', why: a.summary.notExercised[0]?.why },
    ]);
    expect(together.summary.requests).toEqual({ sequences: 6, 'wide-record': 12 });
    expect(merged.summary.notExercised.map((e) => e.check)).toEqual(['rate-limit-contract', 'paging-terminates']);
    expect(merged.summary.requests).toEqual({ sequences: 4 });
  });

  it('outcome rules: off, then fail, then warn, then not-exercised, else pass', () => {
    expect(checkOutcomeKind({ off: true, errors: 3, warnings: 1, exercised: 4 })).toBe('off');
    expect(checkOutcomeKind({ off: false, errors: 1, warnings: 1, exercised: 0 })).toBe('fail');
    // A warning about the attempt does not hide that nothing was judged.
    expect(checkOutcomeKind({ off: false, errors: 0, warnings: 1, exercised: 0 })).toBe('not-exercised');
    expect(checkOutcomeKind({ off: false, errors: 0, warnings: 1, exercised: 2 })).toBe('warn');
    expect(checkOutcomeKind({ off: false, errors: 0, warnings: 0, exercised: 0 })).toBe('not-exercised');
    expect(checkOutcomeKind({ off: false, errors: 0, warnings: 0, exercised: 1 })).toBe('pass');
  });

  it('concatenates exchanges with ids kept unique', () => {
    expect(merged.exchanges.map((e) => e.id)).toEqual([1, 2, 3, 4]);
    expect(merged.exchanges.map((e) => e.request.method)).toEqual(['POST', 'PUT', 'POST', 'PUT']);
  });
});

describe('mergeResults and --require-exercised', () => {
  const required = { run: { requireExercised: ['paging-terminates'] } } as const;
  const paged = (index: number): RunResult =>
    shard(index, 2, 'pass', {
      ...required,
      checks: sampleResult().checks.map((c) =>
        c.check === 'paging-terminates' ? { ...c, outcome: 'pass' as const, exercised: 2, why: undefined } : c,
      ),
    });

  it('a required check exercised on no endpoint of the merge makes a passing merge inconclusive, naming it', () => {
    const merged = mergeResults([shard(1, 2, 'pass', required), shard(2, 2, 'pass', required)]);
    expect(merged.summary.verdict).toBe('inconclusive');
    expect(merged.summary.reason).toMatch(
      /^required check\(s\) not exercised: paging-terminates \(no read of a record came back with a next page/,
    );
    expect(merged.run.requireExercised).toEqual(['paging-terminates']);
  });

  it('exercised in any shard meets it; `all` requires every check; fail still beats inconclusive', () => {
    expect(mergeResults([shard(1, 2, 'pass', required), paged(2)]).summary.verdict).toBe('pass');
    const all = { run: { requireExercised: ['all'] } } as const;
    expect(mergeResults([shard(1, 2, 'pass', all), shard(2, 2, 'pass', all)]).summary.reason).toMatch(
      /^required check\(s\) not exercised: rate-limit-contract \(.*\); paging-terminates \(/,
    );
    // Required, but with no row: it applies to none of the plan's endpoints, so it cannot be met.
    const absent = { run: { requireExercised: ['archive-effective'] } } as const;
    expect(mergeResults([shard(1, 2, 'pass', absent), shard(2, 2, 'pass', absent)]).summary.reason).toBe(
      'required check(s) not exercised: archive-effective (it applies to none of the endpoints of this run)',
    );
    const failing = mergeResults([shard(1, 2, 'fail', required), shard(2, 2, 'pass', required)]);
    expect(failing.summary.verdict).toBe('fail');
  });
});

describe('mergeResults refuses reports that are not parts of one plan', () => {
  it.each([
    ['seed', { run: { seed: 2 } }, 'seed differs'],
    ['API version', { run: { apiVersion: 'v4' } }, 'API version differs'],
    ['profile', { run: { profile: 'strict' } }, 'profile differs'],
    ['endpoints', { run: { endpoints: ['batch-read'] } }, 'endpoints differs'],
    ['checks switched off', { run: { checksOff: [] } }, 'checks switched off differs'],
    [
      'required checks',
      { run: { requireExercised: ['transport'] } },
      'required exercised checks (--require-exercised) differs',
    ],
  ] as const)('different %s', (_name, extra, says) => {
    expect(() => mergeResults([shard(1, 2, 'pass'), shard(2, 2, 'pass', extra)])).toThrow(says);
  });

  it('the same shard twice, different splits, an unsharded report among shards, nothing at all', () => {
    expect(() => mergeResults([shard(1, 2, 'pass'), shard(1, 2, 'pass')])).toThrow(/shard 1\/2 appears twice/);
    expect(() => mergeResults([shard(1, 2, 'pass'), shard(2, 3, 'pass')])).toThrow(/different splits/);
    expect(() => mergeResults([shard(1, 2, 'pass'), sampleResult({ run: { requireExercised: undefined } })])).toThrow(
      /not a shard/,
    );
    expect(() => mergeResults([])).toThrow(MergeError);
  });
});

describe('a report read back (report merge) names only check ids of the registry', () => {
  it('reportProblems names every id this hsac lacks at its pointer, where the file comes in', () => {
    const written = JSON.parse(renderJson(sampleResult())) as {
      run: { checksOff: string[]; requireExercised: string[] };
      findings: { check: string }[];
      checks: { check: string }[];
    };
    expect(reportProblems(written)).toEqual([]);
    written.run.checksOff = ['idempotnt'];
    written.run.requireExercised = ['all', 'paging'];
    written.findings[0]!.check = 'requird';
    written.checks[1]!.check = 'clean-up';
    expect(reportProblems(written)).toEqual([
      '/run/checksOff/0: "idempotnt" is not a check id of this hsac',
      '/run/requireExercised/1: "paging" is not a check id of this hsac',
      '/findings/0/check: "requird" is not a check id of this hsac',
      '/checks/1/check: "clean-up" is not a check id of this hsac',
    ]);
  });
});

describe('a report read back names each exchange once, and only exchanges it holds from its findings', () => {
  it('reportProblems names a repeated exchange id and a finding id that names no exchange', () => {
    const written = JSON.parse(renderJson(sampleResult())) as {
      findings: { exchangeId?: number; exchangeIds?: number[] }[];
      exchanges: { id: number }[];
    };
    const [first, second] = written.exchanges;
    expect(first && second).toBeTruthy();
    written.findings[0]!.exchangeId = first!.id;
    written.findings[0]!.exchangeIds = [first!.id, second!.id];
    expect(reportProblems(written)).toEqual([]);
    written.findings[0]!.exchangeId = 9999;
    written.findings[0]!.exchangeIds = [first!.id, 8888];
    second!.id = first!.id;
    expect(reportProblems(written)).toEqual([
      `/exchanges/1/id: ${first!.id} is the id of an earlier exchange too`,
      '/findings/0/exchangeId: 9999 names no exchange of the report',
      '/findings/0/exchangeIds/1: 8888 names no exchange of the report',
    ]);
  });
});
