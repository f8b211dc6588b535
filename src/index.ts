/**
 * hsac's library API, for SDK teams' own tests. The CLI (`hsac`) is built on the same exports.
 * `createValidator` checks bodies; `arbitraries` (fast-check 4) generates every request and response
 * of the catalogue; `mutations` names the ways to break a valid body and the finding that must
 * catch each (see README "Library").
 */
export type { Finding, Severity } from './registry/finding.js';
// The check registry: every check of every kind, and the ids a finding may carry.
export {
  CHECKS,
  checkDeclaration,
  checkIdsOf,
  isCheckId,
  type CheckDeclaration,
  type CheckId,
  type CheckIdOfKind,
  type CheckKind,
  type CheckScope,
} from './registry/index.js';
export {
  API_VERSIONS,
  DEFAULT_API_VERSION,
  ENDPOINT_IDS,
  CatalogueError,
  allOperations,
  buildPath,
  isApiVersion,
  isEndpointId,
  operation,
  resolveResponse,
  statusFamily,
  type ApiVersion,
  type EndpointId,
  type Operation,
  type ResponseSpec,
  type ResponseResolution,
} from './catalogue/index.js';
export {
  createValidator,
  readBody,
  PROFILES,
  SchemaLoadError,
  type Profile,
  type Validator,
  type ValidatorOptions,
  type ValidationResult,
  type ResponseInput,
  type RequestInput,
} from './validate/index.js';
export { compileStructure, lintStructure, StructureCompileError, type StructureIssue } from './structure/index.js';
// The property layer (properties/): arbitraries, the mutation catalogue, the seeded runner.
export {
  arbitraries,
  exampleOf,
  mutations,
  mutationCatalogue,
  mutationsFor,
  ArbitraryConstraintError,
  GENERATED_ERROR_STATUSES,
  TOLERANCE_IDS,
  assertArbitrary,
  assertConforms,
  assertJsonRoundTrip,
  assertSameSeedSameValues,
  assertShrinksConform,
  checkProperty,
  replayCommand,
  readPropertySettings,
  PropertyFailure,
  type ArbitraryName,
  type ArbitrarySubject,
  type CheckOptions,
  type Deviation,
  type GeneratedRequest,
  type JsonObject,
  type LenientVariant,
  type LimitRequest,
  type Mutation,
  type MutationCheck,
  type MutationFamily,
  type MutationTarget,
  type PropertySettings,
  type ResponseCase,
  type ToleranceId,
} from '../properties/index.js';
