import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProperty, PropertyFailure, replayCommand } from './run.js';
import type { PropertySettings } from './settings.js';

const settings: PropertySettings = { seed: 1234, runs: 50, seedSource: 'HSAC_SEED' };
const failing = () => fc.property(fc.integer({ min: 0, max: 1000 }), (n) => n < 500);

describe('checkProperty', () => {
  it('returns the run details when the property holds', () => {
    const details = checkProperty(
      fc.property(fc.nat(), (n) => n >= 0),
      { name: 'holds', settings },
    );
    expect(details.failed).toBe(false);
    expect(details.numRuns).toBe(50);
  });

  it('throws a PropertyFailure with the seed, the path, the counterexample and replay commands', () => {
    let failure: unknown;
    try {
      checkProperty(failing(), { name: 'fails', settings, file: 'suites/x.test.ts' });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(PropertyFailure);
    const { message, seed, path, counterexample, replay } = failure as PropertyFailure;
    expect(seed).toBe(1234);
    expect(counterexample).toEqual([500]);
    expect(path).toMatch(/^\d+(:\d+)*$/);
    expect(message).toContain('seed: 1234');
    expect(message).toContain("Reproduce with: HSAC_SEED=1234 HSAC_RUNS=50 npx vitest run suites/x.test.ts -t 'fails'");
    expect(replay).toBe(`HSAC_SEED=1234:${path ?? ''} HSAC_RUNS=50 npx vitest run suites/x.test.ts -t 'fails'`);
  });

  it('replays the failing case from its path alone', () => {
    const first = (() => {
      try {
        checkProperty(failing(), { name: 'fails', settings });
      } catch (error) {
        return error as PropertyFailure;
      }
      throw new Error('did not fail');
    })();
    expect(() =>
      checkProperty(failing(), { name: 'fails', settings: { ...settings, path: first.path ?? '' } }),
    ).toThrow(/Counterexample: \[500\]/);
  });
});

describe('replayCommand', () => {
  it('quotes the name for the shell and escapes it for -t (a regular expression)', () => {
    expect(replayCommand({ name: "it's (a) 2^31 test" }, { seed: 1, runs: 2 })).toBe(
      `HSAC_SEED=1 HSAC_RUNS=2 npx vitest run suites/properties -t 'it'\\''s \\(a\\) 2\\^31 test'`,
    );
  });
});
