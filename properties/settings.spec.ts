import { describe, expect, it } from 'vitest';
import {
  CI_SEED,
  DEFAULT_RUNS,
  describeSettings,
  PropertySettingsError,
  readPropertySettings,
  scaledRuns,
  TIMEOUT_SLACK,
  timeoutForRuns,
} from './settings.js';

describe('readPropertySettings', () => {
  it('reads HSAC_SEED and HSAC_RUNS', () => {
    expect(readPropertySettings({ HSAC_SEED: '42', HSAC_RUNS: '500' })).toEqual({
      seed: 42,
      runs: 500,
      seedSource: 'HSAC_SEED',
    });
  });

  it('reads a fast-check path after the seed', () => {
    expect(readPropertySettings({ HSAC_SEED: '-7:0:3:1' })).toEqual({
      seed: -7,
      runs: DEFAULT_RUNS,
      path: '0:3:1',
      seedSource: 'HSAC_SEED',
    });
  });

  it('pins the CI seed when CI is set and HSAC_SEED is not', () => {
    expect(readPropertySettings({ CI: 'true' })).toEqual({ seed: CI_SEED, runs: DEFAULT_RUNS, seedSource: 'CI' });
    expect(readPropertySettings({ CI: 'true', HSAC_SEED: '5' }).seed).toBe(5);
  });

  it('draws a random seed otherwise (CI=false is not CI)', () => {
    expect(readPropertySettings({ CI: 'false' }, () => 0.5)).toEqual({
      seed: 2 ** 30,
      runs: DEFAULT_RUNS,
      seedSource: 'random',
    });
  });

  it.each([
    ['HSAC_SEED', 'abc'],
    ['HSAC_SEED', '1.5'],
    ['HSAC_SEED', '99999999999'],
    ['HSAC_SEED', '4:x'],
    ['HSAC_RUNS', '0'],
    ['HSAC_RUNS', '-3'],
    ['HSAC_RUNS', 'ten'],
  ])('refuses %s=%s, naming the value', (name, value) => {
    expect(() => readPropertySettings({ [name]: value })).toThrow(PropertySettingsError);
    expect(() => readPropertySettings({ [name]: value })).toThrow(`"${value}"`);
  });

  it('describes how to replay the run', () => {
    expect(describeSettings({ seed: 9, runs: 30, seedSource: 'CI' })).toBe(
      'hsac properties: seed 9 (pinned for CI), 30 runs per property; replay with HSAC_SEED=9 HSAC_RUNS=30',
    );
  });
});

describe('run counts and timeouts that scale with HSAC_RUNS', () => {
  it('scales a property sized for the default run count, never below one run', () => {
    expect(scaledRuns(500, { runs: DEFAULT_RUNS })).toBe(500);
    expect(scaledRuns(500, { runs: DEFAULT_RUNS * 25 })).toBe(12_500);
    expect(scaledRuns(3, { runs: 1 })).toBe(1);
  });

  it('gives a test its idle time times the slack, per run, on top of a fixed base', () => {
    expect(timeoutForRuns(20, 50, 1000)).toBe(1000 + 20 * 50 * TIMEOUT_SLACK);
    expect(timeoutForRuns(500, 50)).toBe(25 * (timeoutForRuns(20, 50) - timeoutForRuns(0, 50)) + timeoutForRuns(0, 50));
  });
});
