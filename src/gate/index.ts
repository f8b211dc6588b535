/**
 * The SDK release gate (`hsac gate sdk`): does an SDK send what the contract says and decode
 * every answer the contract allows? See `run.ts` for the checks and `checks.ts` for their ids.
 */
export { GATE_CHECKS, type GateCheckId } from './checks.js';
export { GateUsageError } from '../sdk/errors.js';
export { DEFAULT_SDK, loadSdk, type LoadedSdk } from '../sdk/sdk.js';
export { runGate, type GateOptions } from './run.js';
