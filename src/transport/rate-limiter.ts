import { abortReason, type Clock } from './clock.js';

/** A request budget: at most `requests` per rolling `windowMs`. */
export interface RateBudget {
  readonly requests: number;
  readonly windowMs: number;
}

/** HubSpot's default for private apps on Free/Starter: 100 requests per 10 s (FACTS.md §6). */
export const DEFAULT_RATE_BUDGET: RateBudget = { requests: 100, windowMs: 10_000 };

/** Parses `100/10s`, `190/10s`, `5/1s`, `600/1m`, `50/500ms`; throws a message naming the bad value. */
export function parseRateBudget(text: string): RateBudget {
  const match = /^\s*([1-9][0-9]*)\s*\/\s*([1-9][0-9]*)?\s*(ms|s|m)\s*$/.exec(text);
  if (!match) throw new Error(`rate limit "${text}" is not N/<duration> (e.g. 100/10s, 5/1s, 600/1m)`);
  const [, requests, amount = '1', unit] = match;
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : 60_000;
  return { requests: Number(requests), windowMs: Number(amount) * factor };
}

function headerNumber(headers: Readonly<Record<string, string>>, name: string): number | undefined {
  const raw = headers[name];
  // Stryker disable next-line ConditionalExpression: test(undefined) reads the text "undefined", which is no number
  if (raw === undefined || !/^\s*\d+\s*$/.test(raw)) return undefined;
  return Number(raw);
}

/** A header's number when it is above 0: a Max or an interval of 0 says nothing a limiter can use. */
function positive(value: number | undefined): number | undefined {
  return (value ?? 0) > 0 ? value : undefined;
}

/** Options of one {@link RateLimiter.acquire}. */
export interface AcquireOptions {
  /**
   * Ends the wait for a slot at once (also while queued behind other calls): `acquire` rejects with the signal's
   * reason.
   */
  readonly signal?: AbortSignal;
  /**
   * Called before every wait with its length and what imposes it (the budget, a pause after a
   * 429). It may throw to refuse the wait (the client's `maxWaitMs`): `acquire` then rejects with
   * that error and claims no slot.
   */
  readonly beforeWait?: (ms: number, reason: string) => void;
}

/** Rejects with the signal's reason as soon as it aborts, whatever `promise` is still doing. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts once; settling removes the listener
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        // Stryker disable next-line StringLiteral: a listener left behind can only reject a settled promise, a no-op
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        // Stryker disable next-line StringLiteral: a listener left behind can only reject a settled promise, a no-op
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * A rolling-window limiter that starts from a configured budget and adapts to what the server
 * says. HubSpot's ten-secondly limit is a rolling window per app and portal (FACTS.md §6), so the
 * limiter remembers when it sent each request in the window and waits until the oldest one ages
 * out; a smaller `X-HubSpot-RateLimit-Max` lowers the budget, and a `Remaining` of 0 (someone
 * else shares the portal's budget) pauses until a slot should be free. Every wait can be refused
 * (`beforeWait`) and interrupted (`signal`): a server can make the budget as slow as it likes.
 */
export class RateLimiter {
  private budget: RateBudget;
  /** Where the budget came from, for the reason of a wait it imposes. */
  private budgetSource = 'configured';
  private readonly sent: number[] = [];
  private pausedUntil = 0;
  // Stryker disable next-line StringLiteral: read only once a pause is in force, and pauseFor sets both
  private pauseReason = 'paused';
  private queue: Promise<void> = Promise.resolve();

  constructor(
    budget: RateBudget,
    private readonly clock: Clock,
  ) {
    this.budget = budget;
  }

  /** The budget in force (after adaptation). */
  current(): RateBudget {
    return this.budget;
  }

  /** Waits for a slot and claims it; resolves to the milliseconds waited. Calls are served in order. */
  acquire(options: AcquireOptions = {}): Promise<number> {
    const turn = this.queue.then(() => this.claim(options));
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    // A call aborted while queued behind a long wait must not wait for its turn to say so; its
    // turn, when it comes, sees the aborted signal and claims nothing.
    return untilAborted(turn, options.signal);
  }

  private async claim(options: AcquireOptions): Promise<number> {
    const start = this.clock.now();
    for (;;) {
      if (options.signal?.aborted) throw abortReason(options.signal);
      const now = this.clock.now();
      // The server counts a request when it arrives, a little after the client sent it, so its
      // window ends a little later too: a 2% margin (at least 10 ms) keeps the two from
      // disagreeing at the edge, which would cost a whole Retry-After.
      const window = this.budget.windowMs + Math.max(10, this.budget.windowMs * 0.02);
      while (this.sent.length > 0 && (this.sent[0] ?? 0) <= now - window) this.sent.shift();
      const paused = this.pausedUntil - now;
      const full = this.sent.length >= this.budget.requests ? (this.sent[0] ?? now) + window - now : 0;
      const wait = Math.max(paused, full);
      if (wait <= 0) {
        this.sent.push(now);
        return now - start;
      }
      options.beforeWait?.(
        wait,
        paused >= full
          ? this.pauseReason
          : `rate budget ${this.budget.requests} per ${this.budget.windowMs} ms (${this.budgetSource}) in use`,
      );
      await this.clock.sleep(wait, options.signal);
    }
  }

  /** Adapts to a response's rate-limit headers (names lower-cased). */
  observe(headers: Readonly<Record<string, string>>): void {
    const max = positive(
      headerNumber(headers, 'x-hubspot-ratelimit-max') ?? headerNumber(headers, 'x-hubspot-ratelimit-secondly'),
    );
    const interval = positive(headerNumber(headers, 'x-hubspot-ratelimit-interval-milliseconds'));
    // Adopt the server's budget only when it is tighter than the configured one: the configured
    // budget may be deliberately low (a portal shared with other integrations).
    // Stryker disable next-line ConditionalExpression: without a Max the rate below is NaN, and NaN is never tighter
    if (max !== undefined) {
      const windowMs = interval ?? this.budget.windowMs;
      if (max / windowMs < this.budget.requests / this.budget.windowMs) {
        this.budget = { requests: max, windowMs };
        this.budgetSource = 'from the X-HubSpot-RateLimit headers';
      }
    }
    const remaining =
      headerNumber(headers, 'x-hubspot-ratelimit-remaining') ??
      headerNumber(headers, 'x-hubspot-ratelimit-secondly-remaining');
    if (remaining === 0) {
      // The server's own interval says when its window frees a slot; only without it does the
      // configured window (which may be HubSpot's ten seconds against a one-second server) decide.
      const ms = interval ?? (this.sent[0] ?? this.clock.now()) + this.budget.windowMs - this.clock.now();
      this.pauseFor(
        ms,
        `X-HubSpot-RateLimit-Remaining: 0${interval === undefined ? '' : ` (interval ${interval} ms)`}`,
      );
    }
  }

  /** Sends nothing for `ms` (after a 429); `reason` is said with every wait the pause imposes. */
  pauseFor(ms: number, reason = 'paused after a 429'): void {
    const until = this.clock.now() + Math.max(0, ms);
    if (until > this.pausedUntil) {
      this.pausedUntil = until;
      this.pauseReason = reason;
    }
  }
}
