import { describe, expect, it } from 'vitest';
import { API_VERSIONS } from '../../src/catalogue/index.js';
import { checkIdsOf } from '../../src/registry/index.js';
import { hsacRun, useReportDir } from './harness.js';

/**
 * The clean sandbox raises nothing and leaves no check unexercised, in every version under both
 * profiles, and paging is reached by what hsac sends at any page size (issue 11 §2).
 */
const dir = useReportDir('clean');

describe(
  'the clean sandbox passes in every version, under both profiles, with every check exercised',
  { concurrent: true },
  () => {
    it.each(
      API_VERSIONS.flatMap((version) => (['strict', 'lenient'] as const).map((profile) => ({ version, profile }))),
    )('$version $profile', async ({ version, profile }) => {
      const { code, result } = await hsacRun(dir(), [
        '--api-version',
        version,
        '--profile',
        profile,
        '--require-exercised',
        'all',
      ]);
      expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(result.findings).toEqual([]);
      expect(result.summary.notExercised).toEqual([]);
      expect(code, result.summary.reason).toBe(0);
      expect(result.summary).toMatchObject({ verdict: 'pass', unchecked: 0 });
      // Every check of the registry passed somewhere, having judged something.
      for (const id of checkIdsOf('exchange', 'sequence')) {
        expect(
          result.checks.some((c) => c.check === id && c.outcome === 'pass' && c.exercised > 0),
          id,
        ).toBe(true);
      }
      // Every endpoint was exercised by the checks that matter most.
      for (const endpoint of [
        'batch-read',
        'batch-associate-default',
        'configurations-batch-create',
        'associate-default',
      ]) {
        expect(
          result.checks.find((c) => c.endpoint === endpoint && c.check === 'response-body')?.outcome,
          endpoint,
        ).toBe('pass');
        expect(
          result.checks.find((c) => c.endpoint === endpoint && c.check === 'auth-enforced')?.outcome,
          endpoint,
        ).toBe('pass');
      }
      expect(result.checks.find((c) => c.endpoint === 'batch-read' && c.check === 'paging-terminates')?.outcome).toBe(
        'pass',
      );
      expect(
        result.checks.find((c) => c.endpoint === 'batch-read' && c.check === 'input-limit-enforced')?.outcome,
      ).toBe('pass');
    });
  },
);

describe('paging is reached by what hsac sends, at any page size', { concurrent: true }, () => {
  // The wide record grows until a read pages: at 5, 50, 200 and HubSpot-like 500 per page alike.
  it.each([5, 50, 200, 500])('page size %i: paging exercised, every page followed, clean pass', async (pageSize) => {
    const { code, result } = await hsacRun(dir(), [
      '--sandbox-page-size',
      String(pageSize),
      '--runs',
      '0',
      '--require-exercised',
      'paging-terminates',
    ]);
    expect(code, result.summary.reason).toBe(0);
    const paging = result.checks.find((c) => c.endpoint === 'batch-read' && c.check === 'paging-terminates');
    expect(paging?.outcome).toBe('pass');
    // A page of N needs more than N associations: the wide record grew past the page size, and
    // every next page of it was followed (ceil(width / N) - 1 of them at least).
    const wideReads = result.exchanges.filter((e) => e.purpose === 'wide-record' && e.endpoint === 'batch-read');
    const followed = wideReads.filter((e) => (e.request.body ?? '').includes('"after"')).length;
    expect(followed).toBeGreaterThan(0);
    expect(paging?.exercised).toBeGreaterThanOrEqual(followed);
    expect(result.summary.requests['wide-record']).toBeGreaterThan(0);
  });

  it.each(['paging-not-advancing', 'paging-never-ends'])(
    '%s is caught at the HubSpot-like page size (500)',
    async (fault) => {
      const { code, result } = await hsacRun(dir(), ['--fault', fault, '--runs', '0']);
      expect(code).toBe(1);
      expect(result.findings.some((f) => f.check === 'paging-terminates' && f.severity === 'error')).toBe(true);
    },
  );
});
