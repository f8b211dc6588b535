import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraries } from '../../properties/arbitraries/index.js';
import { profileCases, propertyTest, SETTINGS, VALIDATORS } from './harness.js';
import { acceptsValidBodies, roundTripsThroughJson } from './laws.js';

const FILE = 'suites/properties/valid-bodies.test.ts';

describe('the validator accepts 100% of valid bodies (every status the version answers)', () => {
  for (const { op, profile, label } of profileCases()) {
    propertyTest(FILE, `${label}: accepts every valid body`, () => acceptsValidBodies(VALIDATORS[profile], op));
  }
});

describe('bodies survive JSON, and checking the text equals checking the value', () => {
  for (const { op, profile, label } of profileCases()) {
    propertyTest(FILE, `${label}: JSON round trip is stable`, () => roundTripsThroughJson(VALIDATORS[profile], op));
  }
});

describe('the same seed gives the same bodies', () => {
  for (const { op, label } of profileCases().filter((c) => c.profile === 'strict')) {
    it(`${op.endpoint} ${op.apiVersion}: same seed, same responses and requests`, () => {
      const responses = arbitraries.responseCase({ endpoint: op.endpoint, apiVersion: op.apiVersion });
      const requests = arbitraries.requestBody({ endpoint: op.endpoint, apiVersion: op.apiVersion });
      const sample = () => [
        fc.sample(responses, { seed: SETTINGS.seed, numRuns: SETTINGS.runs }),
        fc.sample(requests, { seed: SETTINGS.seed, numRuns: SETTINGS.runs }),
      ];
      expect(isDeepStrictEqual(sample(), sample()), label).toBe(true);
      // And a different seed does draw different bodies: the sample is not a constant.
      const other = fc.sample(responses, { seed: SETTINGS.seed + 1, numRuns: SETTINGS.runs });
      expect(isDeepStrictEqual(other, sample()[0])).toBe(false);
    });
  }
});
