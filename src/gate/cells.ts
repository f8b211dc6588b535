import type { ApiVersion, EndpointId } from '../catalogue/index.js';
import type { CheckOutcomeKind, RunResult } from '../runner/result.js';

/**
 * One cell of the SDK matrix: an endpoint in an API version, as one SDK build fared in it. A cell is
 * `missing` when the client has no method for it (nothing else could be judged), `incompatible` when
 * any check found an error in it, `not-exercised` when the SDK was not judged at work in it both ways
 * (a request it sent and an answer it decoded; over HTTP: the run ended before it, or no answer came),
 * else `compatible` (warnings allowed: they never fail a release).
 */
export type CellOutcome = 'compatible' | 'incompatible' | 'missing' | 'not-exercised';

/** What one gate check found in one cell. */
export interface GateCellCheck {
  readonly check: string;
  readonly outcome: CheckOutcomeKind;
  /** How often the check judged something in this cell (0: not exercised here). */
  readonly evaluated: number;
  readonly errors: number;
  readonly warnings: number;
}

/** An endpoint x version, and every gate check's outcome in it. */
export interface GateCell {
  readonly endpoint: EndpointId;
  readonly apiVersion: ApiVersion;
  readonly outcome: CellOutcome;
  readonly checks: readonly GateCellCheck[];
}

/** A gate run: the result every report is written from, and its cells (for the matrix). */
export interface GateOutcome {
  readonly result: RunResult;
  readonly cells: readonly GateCell[];
}
