import type { ApiVersion, EndpointId } from '../catalogue/index.js';
import type { CheckId } from '../registry/index.js';
import type { Clock, RateBudget, RetryPolicy, WaitNotice } from '../transport/index.js';
import type { Profile } from '../validate/index.js';
import type { GivenRecords } from './provision.js';
import type { EmbeddedSandboxSettings } from './result.js';
import type { SeverityOverrides } from './session.js';

/** Everything a run needs; the CLI fills it from flags, the config file and the environment. */
export interface RunOptions {
  readonly baseUrl: string;
  readonly token?: string;
  /** How the target is named in reports (never with the token). */
  readonly targetLabel: string;
  /** How the embedded sandbox was started, when the target is one: said in the report, for `hsac replay`. */
  readonly sandbox?: EmbeddedSandboxSettings;
  readonly apiVersion: ApiVersion;
  readonly endpoints: readonly EndpointId[];
  /** Stateful command sequences to run. */
  readonly runs: number;
  readonly seed: number;
  readonly profile: Profile;
  readonly journalPath: string;
  readonly shard?: { readonly index: number; readonly count: number };
  readonly rateLimit?: RateBudget;
  readonly timeoutMs?: number;
  /** The longest single wait (Retry-After, backoff, throttling); a longer one ends the run inconclusive (60 s). */
  readonly maxWaitMs?: number;
  /** Told of every wait the client makes (the CLI shows those over 2 s). */
  readonly onWait?: (wait: WaitNotice) => void;
  readonly retry?: RetryPolicy;
  readonly records?: GivenRecords;
  readonly allowProductionPortal?: boolean;
  readonly overrides?: SeverityOverrides;
  readonly maxCommands?: number;
  /**
   * Burst requests until the target answers 429, to check the rate-limit contract (body, headers,
   * Retry-After). It spends the portal's ten-second budget, so it is opt-in against a real portal.
   */
  readonly probeRateLimit?: boolean;
  /**
   * Checks that must be exercised (`--require-exercised`): `all`, or check ids; one not exercised
   * makes the run inconclusive.
   */
  readonly requireExercised?: 'all' | readonly CheckId[];
  /** Requests the wide record may cost to reach paging (default: enough for a page of 1000). */
  readonly pagingBudget?: number;
  /** Invalid request bodies sent per endpoint with a body (default 3). */
  readonly invalidPerEndpoint?: number;
  /** Records of each type to create when none are given. */
  readonly recordsPerType?: { readonly from: number; readonly to: number };
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
  /** The command that reproduces this run (printed with every finding). */
  readonly replay: string;
  readonly toolVersion?: string;
  readonly onProgress?: (progress: RunProgress) => void;
}

/** Progress for the terminal: exchanges done, findings so far, the current rate. */
export interface RunProgress {
  readonly phase:
    'safety' | 'probes' | 'provision' | 'wide-record' | 'invalid-requests' | 'sequences' | 'cleanup' | 'done';
  readonly endpoint?: string;
  readonly exchanges: number;
  readonly planned: number;
  readonly errors: number;
  readonly warnings: number;
  readonly requestsPerSecond: number;
}
