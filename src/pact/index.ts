/**
 * Pact contracts for the Associations API: interactions derived from the catalogue and the
 * compiled schemas (`interactions.ts`, `matchers.ts`), what consumers rely on (`reliance.ts`),
 * provider states set up through the provider's API (`states/`, and Pact's state-change endpoint over
 * them: `states/state-change.ts`), the two consumers (`consumers/`), provider verification
 * (`verify.ts`, on pact files `pact-files.ts` reads, against `verification-sandbox.ts` by default)
 * and Pact Broker publishing (`broker.ts`).
 * The suites in `suites/pact/` drive them; see its README.
 */
export {
  CONSUMER_NAMES,
  CONTRACT_TOKEN,
  HSAC_CONSUMER,
  PROVIDER_NAME,
  REVOKED_TOKEN,
  SDK_CONSUMER,
  pactFileName,
  pactsDir,
  type ConsumerName,
} from './names.js';
export {
  CONSUMER_READS,
  ERROR_READS,
  INTERACTION_KINDS,
  SUCCESS_STATUS_RELIANCE,
  readsFor,
  type InteractionKind,
  type ReliedRead,
} from './reliance.js';
export { bodyTemplate, DATE_TIME_FORMAT, TemplateError, type Template } from './matchers.js';
export { interactionsFor, type InteractionSpec } from './interactions.js';
export { consumerPact, runInteraction, type MockServer } from './pact-builder.js';
export {
  PROVIDER_STATES,
  Ledger,
  SetupApi,
  StateSetupError,
  providerState,
  type ProviderStateDefinition,
  type ProviderStateName,
} from './states/index.js';
export { hsacConsumer, type HsacConsumerOptions } from './consumers/hsac.js';
export { hubspotSdkConsumer, type SdkConsumerOptions } from './consumers/hubspot-sdk.js';
export {
  ContractViolation,
  HubSpotApiError,
  type AssociationsConsumer,
  type ConsumerCall,
  type Outcome,
} from './consumers/model.js';
export { PROVIDER_STATES_PATH, StateChangeEndpoint, type StateChangeAnswer } from './states/state-change.js';
export { PactFileError, readPactFile, resolvePactFiles, type PactFileSummary } from './pact-files.js';
export { startVerificationSandbox, VERIFICATION_RATE_LIMIT } from './verification-sandbox.js';
export {
  VerifierDidNotRun,
  verifyPacts,
  statesUsed,
  type InteractionVerdict,
  type StateFailure,
  type VerificationResult,
  type VerifyOptions,
} from './verify.js';
export {
  brokerSettings,
  brokerVerifierOptions,
  publishCommand,
  publishPacts,
  publishRequest,
  type BrokerSettings,
  type BrokerRequest,
  type PublishOutcome,
} from './broker.js';
