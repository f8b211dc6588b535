import { startSandbox, UnknownFaultError, type Sandbox } from '../../provider/index.js';
import type { RunOptions } from '../runner/run.js';
import { UsageError } from './common.js';

/**
 * `hsac run` without `--target`: the embedded reference sandbox, started for the run and the run
 * tuned to it. The tuning is about time only (a known budget, short backoffs, a one-second rate
 * window); what the run sends to reach each check is the same as against a portal.
 */

/**
 * The embedded sandbox pages batch reads as HubSpot is seen to (hundreds per page, FACTS.md §10),
 * so a default run reaches paging the way it must on a portal: by building a wide record.
 */
export const DEFAULT_SANDBOX_PAGE_SIZE = 500;

/** The embedded sandbox's rate budget: 50 requests a second. */
const SANDBOX_RATE = { max: 50, intervalMs: 1000 } as const;

/** How the embedded sandbox is started. */
export interface EmbeddedSandboxSettings {
  /** Faults planted in it (`--fault`). */
  readonly faults: readonly string[];
  readonly seed: number;
  /** Associations per batch-read page. */
  readonly pageSize: number;
  /** The run's request timeout, if set: the `slow-response` fault answers just after it. */
  readonly timeoutMs?: number;
}

/** The embedded sandbox, running, and the options of a run against it. */
export interface EmbeddedTarget {
  readonly sandbox: Sandbox;
  readonly options: Pick<RunOptions, 'baseUrl' | 'token' | 'targetLabel' | 'rateLimit' | 'retry' | 'probeRateLimit'>;
}

/**
 * Starts the embedded sandbox (an unknown fault is a usage error) and tunes the run to it: its
 * budget is known, so a 429 that says nothing of when to retry costs one second, not HubSpot's
 * ten; it never needs long backoffs; and the rate-limit probe is always on, because a one-second
 * window lets it meet a 429 (and wait it out) in well under a second.
 */
export async function startEmbeddedTarget(settings: EmbeddedSandboxSettings): Promise<EmbeddedTarget> {
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      faults: [...settings.faults],
      seed: settings.seed >>> 0,
      pageSize: settings.pageSize,
      rateLimit: SANDBOX_RATE,
      faultOptions: { slowResponseMs: (settings.timeoutMs ?? DEFAULT_TIMEOUT_MS) + 1000 },
    });
  } catch (error) {
    if (error instanceof UnknownFaultError) throw new UsageError(error.message);
    throw error;
  }
  const faults = settings.faults.length > 0 ? `, faults: ${settings.faults.join(', ')}` : '';
  return {
    sandbox,
    options: {
      baseUrl: sandbox.url,
      token: sandbox.token,
      targetLabel: `embedded sandbox (${sandbox.url}${faults})`,
      rateLimit: { requests: SANDBOX_RATE.max, windowMs: SANDBOX_RATE.intervalMs },
      retry: { maxRetries: 2, maxRateLimitRetries: 6, baseDelayMs: 20, maxDelayMs: 200 },
      probeRateLimit: true,
    },
  };
}

/** The client's request timeout when none is set (the transport's default). */
const DEFAULT_TIMEOUT_MS = 30_000;
