/**
 * hsac's property layer: fast-check arbitraries for every request and response of the catalogue,
 * the mutation catalogue, the shared arbitrary assertions, and the seeded runner.
 */
export {
  arbitraries,
  ArbitraryConstraintError,
  GENERATED_ERROR_STATUSES,
  TOLERANCE_IDS,
  formatDateTime,
  parseDateTime,
} from './arbitraries/index.js';
export type * from './arbitraries/index.js';
export {
  mutations,
  mutationCatalogue,
  mutationsFor,
  mutationById,
  ALWAYS_ERROR,
  LENIENT_WARNING,
  OPEN_OBJECT_WARNING,
  severityUnder,
} from './mutations/index.js';
export type {
  Grading,
  Mutation,
  MutationCheck,
  MutationFamily,
  MutationTarget,
  ToleranceId,
} from './mutations/index.js';
export {
  assertArbitrary,
  assertConforms,
  assertJsonRoundTrip,
  assertSameSeedSameValues,
  assertShrinksConform,
  type ArbitrarySubject,
  type AssertionOptions,
} from './assertions.js';
export { checkProperty, replayCommand, PropertyFailure, type CheckOptions, type PropertyOrigin } from './run.js';
export {
  readPropertySettings,
  describeSettings,
  scaledRuns,
  timeoutForRuns,
  TIMEOUT_SLACK,
  CI_SEED,
  DEFAULT_RUNS,
  PropertySettingsError,
  type PropertySettings,
  type SeedSource,
} from './settings.js';
export { siteProblems } from './schema/site-validator.js';
export { exampleOf } from './example.js';
