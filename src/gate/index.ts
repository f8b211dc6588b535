/**
 * The SDK release gate (`hsac gate sdk`): does an SDK send what the contract says and decode
 * every answer the contract allows? `run.ts` drives the SDK; `checks/` holds one module per check,
 * each declared in the check registry (src/registry/gate.ts).
 */
export { GATE_CHECK_MODULES, type GateCheck } from './checks/index.js';
export { GateInterrupted, GateUsageError } from '../sdk/errors.js';
export { DEFAULT_SDK, loadSdk, type LoadedSdk } from '../sdk/sdk.js';
export { runGate, type GateOptions } from './run.js';
export type { CellOutcome, GateCell, GateCellCheck, GateOutcome } from './cells.js';
