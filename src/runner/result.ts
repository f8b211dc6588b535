import type { Finding } from '../registry/finding.js';
import type { CheckId } from '../registry/index.js';
import type { ExchangeIntent } from '../checks/index.js';
import type { Exchange } from '../exchange.js';

/** `pass`: no error finding and every exchange checked; `fail`: an error finding; `inconclusive`: see `reason`. */
export type Verdict = 'pass' | 'fail' | 'inconclusive';

/**
 * One exchange as a report keeps it (redacted at the transport): the recorded exchange, tagged with what it
 * was for. The drift audit reads this shape.
 */
export interface ReportedExchange extends Exchange {
  /** A catalogue endpoint id, or an auxiliary operation id (provisioning, cleanup). */
  readonly endpoint: string;
  readonly apiVersion: string;
  readonly intent: ExchangeIntent | 'auxiliary';
  /**
   * Why the run sent it: a phase of the run (`safety`, `probes`, `provision`, `wide-record`,
   * `invalid-requests`, `sequences`, `cleanup`).
   */
  readonly purpose?: string;
}

/** What one endpoint x check came to. */
export type CheckOutcomeKind = 'pass' | 'fail' | 'warn' | 'not-exercised' | 'off';

/**
 * The one rule from tallies to an outcome, used by the runner and by `report merge`: `off` (the
 * config) > `fail` > `not-exercised` (nothing arose to judge) > `warn` > `pass`. However often a
 * check was evaluated, it passes (or warns) only where it exercised something: a warning about
 * the attempt (a burst that met no 429) must not hide that nothing was judged.
 */
export function checkOutcomeKind(tally: {
  readonly off: boolean;
  readonly errors: number;
  readonly warnings: number;
  readonly exercised: number;
}): CheckOutcomeKind {
  if (tally.off) return 'off';
  if (tally.errors > 0) return 'fail';
  if (tally.exercised === 0) return 'not-exercised';
  return tally.warnings > 0 ? 'warn' : 'pass';
}

/** One endpoint x check outcome: a JUnit testcase, a cell of the HTML matrix. */
export interface CheckOutcome {
  readonly endpoint: string;
  readonly check: CheckId;
  readonly description: string;
  /**
   * `not-exercised`: the condition it judges never arose on that endpoint (a paging check with no
   * paged read, a 429 contract with no 429), so there was nothing to pass; `off`: switched off by
   * the config. Neither is ever counted as a pass.
   */
  readonly outcome: CheckOutcomeKind;
  /** How many exchanges or sequences it was run on. */
  readonly evaluated: number;
  /** How many cases of the condition it judges actually arose (pages followed, 429s met, probes answered). */
  readonly exercised: number;
  /** Why it is `not-exercised` or `off`, and what would exercise it. */
  readonly why?: string;
  readonly errors: number;
  readonly warnings: number;
}

/**
 * How the embedded sandbox a run drove was started (`hsac run` without `--target`): what `hsac replay` needs to start
 * one that answers the same requests the same way (its seed is the run's). Its rate limit is the provider's own, not
 * a setting of the run.
 */
export interface EmbeddedSandboxSettings {
  /** The faults planted (`--fault`), in the order given. */
  readonly faults: readonly string[];
  /** Associations per batch-read page (`--sandbox-page-size`). */
  readonly pageSize: number;
  /** The run's request timeout, when set: the `slow-response` fault answers after it. */
  readonly timeoutMs?: number;
}

/** The one model every report format is written from (DESIGN.md report fields stay as they are). */
export interface RunResult {
  readonly tool: { readonly name: 'hsac'; readonly version: string };
  readonly run: {
    readonly id: string;
    readonly seed: number;
    readonly apiVersion: string;
    readonly endpoints: readonly string[];
    readonly runs: number;
    readonly profile: string;
    /** The base URL (no token), or `embedded sandbox (http://127.0.0.1:PORT)`. */
    readonly target: string;
    /** How the embedded sandbox was started, when the run drove one. */
    readonly sandbox?: EmbeddedSandboxSettings;
    readonly shard?: { readonly index: number; readonly count: number };
    readonly startedAt: string;
    readonly finishedAt: string;
    readonly durationMs: number;
    /** The command that reproduces this run. */
    readonly replay: string;
    /** Checks that must be exercised (`--require-exercised`); one not exercised makes the run inconclusive. */
    readonly requireExercised?: readonly (CheckId | 'all')[];
    /** Checks (and body-level ids) the config switched off. */
    readonly checksOff?: readonly CheckId[];
  };
  readonly summary: {
    readonly verdict: Verdict;
    /** Why the verdict is inconclusive (or what failed, in one line). */
    readonly reason?: string;
    readonly exchanges: number;
    /** Exchanges with no checkable answer (resets, timeouts, persistent 5xx). */
    readonly unchecked: number;
    readonly errors: number;
    readonly warnings: number;
    readonly sequences: number;
    readonly seed: number;
    /** Check ids exercised on no endpoint of this run (nor switched off), with why. */
    readonly notExercised: readonly { readonly check: CheckId; readonly why: string }[];
    /**
     * Requests sent per purpose, every attempt counted: what coverage cost (the wide record, invalid requests, probes,
     * ...).
     */
    readonly requests: Readonly<Record<string, number>>;
  };
  readonly findings: readonly Finding[];
  readonly checks: readonly CheckOutcome[];
  readonly exchanges: readonly ReportedExchange[];
}
