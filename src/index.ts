/**
 * hsac's library API, for SDK teams' own tests. The CLI (`hsac`) is built on the same exports.
 */
export type { Finding, Severity } from './finding.js';
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
