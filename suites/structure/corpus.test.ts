/**
 * Conformance of src/structure against the official JSON Structure corpus (SDK test assets and
 * primer samples, saved under ../shared/reference/json-structure). One test per case; a case in
 * known-deviations.ts must still fail (and still exist), so the list cannot rot. The last test
 * prints the tally.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedReferenceDir } from '../../src/paths.js';
import { type CorpusCase, type Outcome, corpusCases } from './corpus-cases.js';
import { KNOWN_DEVIATIONS } from './known-deviations.js';

const shared = sharedReferenceDir();
const corpusRoot = shared === undefined ? undefined : join(shared, 'reference', 'json-structure');
const present = corpusRoot !== undefined && existsSync(corpusRoot);
if (!present) {
  console.warn(
    'structure corpus: ../shared/reference/json-structure is absent (set HSAC_SHARED_DIR to point at it); the corpus suite is skipped',
  );
}

const cases: CorpusCase[] = present ? corpusCases(corpusRoot) : [];
const deviations = new Map(KNOWN_DEVIATIONS.map((deviation) => [deviation.case, deviation.reason]));
const results = new Map<string, { category: string; outcome: Outcome }>();
const categories = [...new Set(cases.map((entry) => entry.category))];

describe.skipIf(!present)('JSON Structure corpus (skipped when ../shared/reference/json-structure is absent)', () => {
  describe.each(categories)('%s', (category) => {
    it.each(cases.filter((entry) => entry.category === category).map((entry) => [entry.id, entry] as const))(
      '%s',
      (_id, entry) => {
        const outcome = entry.run();
        results.set(entry.id, { category, outcome });
        const reason = deviations.get(entry.id);
        if (reason !== undefined) {
          // A known deviation must still fail; when it passes, delete it from known-deviations.ts.
          expect(
            outcome.pass,
            `listed as a known deviation (${reason}) but now passes: remove it from known-deviations.ts`,
          ).toBe(false);
        } else {
          expect(outcome.pass, outcome.detail).toBe(true);
        }
      },
    );
  });

  it('every known deviation names a corpus case that exists', () => {
    const ids = new Set(cases.map((entry) => entry.id));
    const stale = KNOWN_DEVIATIONS.filter(
      (deviation) =>
        !ids.has(deviation.case) || (corpusRoot !== undefined && !existsSync(join(corpusRoot, deviation.case))),
    );
    expect(
      stale.map((deviation) => deviation.case),
      'stale entries in known-deviations.ts',
    ).toEqual([]);
  });

  it('covers every corpus category with at least one case', () => {
    for (const category of [
      'schemas/invalid',
      'schemas/warnings',
      'schemas/validation',
      'instances/validation',
      'instances/invalid',
      'samples/core schemas',
      'samples/core examples',
      'samples/import',
      'schemas/adversarial',
      'instances/adversarial',
    ]) {
      expect(categories, `no cases found for ${category}`).toContain(category);
    }
  });

  it('tallies the pass rate: every case passes or is a listed known deviation', () => {
    // Runs last (vitest keeps definition order), after every case recorded its outcome.
    const all = [...results.values()];
    const passed = all.filter((result) => result.outcome.pass).length;
    const lines = categories.map((category) => {
      const inCategory = all.filter((result) => result.category === category);
      return `  ${category}: ${inCategory.filter((result) => result.outcome.pass).length}/${inCategory.length}`;
    });
    console.log(
      `structure corpus: ${passed}/${results.size} cases pass (${KNOWN_DEVIATIONS.length} known deviations)\n${lines.join('\n')}`,
    );
    const failing = [...results.entries()]
      .filter(([id, result]) => !result.outcome.pass && !deviations.has(id))
      .map(([id]) => id);
    expect(failing).toEqual([]);
  });
});
