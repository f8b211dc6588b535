import { describe, expect, it } from 'vitest';
import { arbitraries } from '../../properties/arbitraries/index.js';
import {
  assertConforms,
  assertJsonRoundTrip,
  assertSameSeedSameValues,
  assertShrinksConform,
} from '../../properties/assertions.js';
import { SETTINGS } from './harness.js';
import { arbitrarySubjects } from './subjects.js';

const FILE = 'suites/properties/arbitraries.test.ts';
const SUBJECTS = arbitrarySubjects();

describe('every arbitrary agrees with the compiled schema, is seed-deterministic, JSON-stable, and shrinks within its schema', () => {
  for (const subject of SUBJECTS) {
    const name = `${subject.name}: shared assertions`;
    it(name, () => {
      const options = {
        settings: subject.runs === undefined ? SETTINGS : { ...SETTINGS, runs: subject.runs },
        file: FILE,
        testName: name,
      };
      assertConforms(subject, options);
      assertSameSeedSameValues(subject, options);
      assertJsonRoundTrip(subject, options);
      expect(assertShrinksConform(subject, options)).toBeGreaterThanOrEqual(options.settings.runs);
    });
  }

  it('every builder of `arbitraries` has at least one subject', () => {
    const covered = new Set(SUBJECTS.map((subject) => subject.builder));
    expect(Object.keys(arbitraries).filter((name) => !covered.has(name as keyof typeof arbitraries))).toEqual([]);
  });
});
