import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { CI_SEED } from './properties/settings.js';
import baseConfig from './vitest.config.js';

/**
 * The vitest config `npm run mutation` runs (stryker.config.js `vitest.configFile`): the `unit` project of
 * vitest.config.ts alone, taken from there so its file list and settings are defined in one place. The conformance
 * and pact suites take minutes per pass; Stryker runs the covering tests once per mutant.
 */
function unitProject(): TestProjectInlineConfiguration {
  const unit = baseConfig.test?.projects?.find(
    (project): project is TestProjectInlineConfiguration =>
      typeof project === 'object' && 'test' in project && project.test?.name === 'unit',
  );
  if (unit === undefined) throw new Error('vitest.config.ts defines no project named "unit"');
  return unit;
}

const unit = unitProject().test;

export default defineConfig({
  test: {
    ...unit,
    // The audit rules are specified by one case each in the conformance suite's rule-cases.ts; that suite runs in
    // about a second, so it guards the rules here too rather than a second copy of the cases in unit specs.
    include: [...(unit?.include ?? []), 'suites/audit/rules.test.ts'],
    // One seed for the dry run and every mutant run (no global setup rolling a random one): a mutant is killed or
    // survives by the code, never by the draw, and an incremental re-run reuses results that still hold.
    env: { HSAC_SEED: process.env.HSAC_SEED ?? String(CI_SEED) },
  },
});
