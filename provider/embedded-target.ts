import { DEFAULT_TIMEOUT_MS, type RateBudget, type RetryPolicy } from '../src/transport/index.js';
import { startSandbox, type Sandbox } from './index.js';

/**
 * How a run drives the embedded sandbox (`hsac run` without `--target`). The sandbox knows its own budget, so the
 * tuning lives here: it is about time only (a known budget, short backoffs, a one-second rate window); what the run
 * sends to reach each check is the same as against a portal.
 */

/** The embedded sandbox's rate budget: 50 requests a second. */
const EMBEDDED_RATE = { max: 50, intervalMs: 1000 } as const;

/** Short backoffs: a server on loopback never needs long to recover. */
const EMBEDDED_RETRY: RetryPolicy = { maxRetries: 2, maxRateLimitRetries: 6, baseDelayMs: 20, maxDelayMs: 200 };

/** The `slow-response` fault answers this long after the client has given up waiting. */
const SLOW_RESPONSE_AFTER_TIMEOUT_MS = 1000;

/** How the embedded sandbox is started. */
export interface EmbeddedSandboxOptions {
  /** Faults planted in it (`--fault`); an unknown name throws `UnknownFaultError`. */
  readonly faults: readonly string[];
  /** The run's seed; the sandbox takes it as an unsigned 32-bit number. */
  readonly seed: number;
  /** Associations per batch-read page. */
  readonly pageSize: number;
  /** The run's request timeout, if set (else the client's default): the `slow-response` fault answers after it. */
  readonly timeoutMs?: number;
}

/** The client and run settings a run against the embedded sandbox needs (a flag the user gives still wins). */
export interface EmbeddedRunSettings {
  readonly baseUrl: string;
  readonly token: string;
  /** How reports name the target: its URL and the faults planted. */
  readonly targetLabel: string;
  readonly rateLimit: RateBudget;
  readonly retry: RetryPolicy;
  /** Always on: a one-second window lets the probe meet a 429 (and wait it out) in well under a second. */
  readonly probeRateLimit: boolean;
}

/** The embedded sandbox, running, and the settings of a run against it. */
export interface EmbeddedSandboxTarget {
  readonly sandbox: Sandbox;
  readonly run: EmbeddedRunSettings;
}

/**
 * Starts the embedded sandbox and says how a run should drive it: its budget is known, so a 429 that says nothing
 * of when to retry costs one second, not HubSpot's ten; it never needs long backoffs; the rate-limit probe is
 * always on; and the `slow-response` fault is timed to the run's timeout, so it produces a timeout, not a wait.
 */
export async function embeddedSandboxTarget(options: EmbeddedSandboxOptions): Promise<EmbeddedSandboxTarget> {
  const sandbox = await startSandbox({
    faults: [...options.faults],
    seed: options.seed >>> 0,
    pageSize: options.pageSize,
    rateLimit: EMBEDDED_RATE,
    faultOptions: { slowResponseMs: (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) + SLOW_RESPONSE_AFTER_TIMEOUT_MS },
  });
  const faults = options.faults.length > 0 ? `, faults: ${options.faults.join(', ')}` : '';
  return {
    sandbox,
    run: {
      baseUrl: sandbox.url,
      token: sandbox.token,
      targetLabel: `embedded sandbox (${sandbox.url}${faults})`,
      rateLimit: { requests: EMBEDDED_RATE.max, windowMs: EMBEDDED_RATE.intervalMs },
      retry: EMBEDDED_RETRY,
      probeRateLimit: true,
    },
  };
}
