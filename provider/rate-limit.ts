import type { RateLimitPolicy } from './bodies.js';
import type { Clock } from './clock.js';

/** The limits (FACTS §6); each has HubSpot's Free/Starter value as default. */
export interface RateLimitOptions {
  /** Requests per interval per token (default 100, HubSpot's Free/Starter ten-secondly limit). */
  readonly max?: number;
  /** The rolling window (default 10,000 ms: HubSpot's TEN_SECONDLY_ROLLING). */
  readonly intervalMs?: number;
  /** Requests per day per token (default 250,000); the day is the UTC day (the account's time zone is UTC). */
  readonly daily?: number;
}

/** The outcome of counting one request. */
export type RateDecision =
  | { readonly allowed: true; readonly headers: Readonly<Record<string, string>> }
  | { readonly allowed: false; readonly policy: RateLimitPolicy; readonly headers: Readonly<Record<string, string>> };

const DAY_MS = 86_400_000;

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`rateLimit.${name} must be a whole number >= 1, got ${String(value)}`);
  return value;
}

/** Validated limits with defaults applied. */
export function rateLimitDefaults(options: RateLimitOptions = {}): Required<RateLimitOptions> {
  return {
    max: positive('max', options.max ?? 100),
    intervalMs: positive('intervalMs', options.intervalMs ?? 10_000),
    daily: positive('daily', options.daily ?? 250_000),
  };
}

/** One token's recent requests: a queue of times with two monotonic heads (window and last second). */
interface Window {
  times: number[];
  windowHead: number;
  secondHead: number;
  day: number;
  dayCount: number;
  /** Latest time seen: the system clock may step back, a window must not. */
  latest: number;
}

/**
 * HubSpot's limits per token: a rolling window (TEN_SECONDLY_ROLLING) and a daily count (DAILY).
 * Every answer carries the rate-limit headers of FACTS §6; a 429 also carries `Retry-After`.
 * Refused requests do not count. The per-second headers are reported from a one-second window but
 * not enforced: HubSpot's enforced burst limit is the ten-secondly one.
 */
export class RateLimiter {
  private readonly limits: Required<RateLimitOptions>;
  private readonly windows = new Map<string, Window>();

  constructor(
    options: RateLimitOptions,
    private readonly clock: Clock,
  ) {
    this.limits = rateLimitDefaults(options);
  }

  /** The limits in force. */
  get options(): Required<RateLimitOptions> {
    return this.limits;
  }

  /** Counts one request of `key` (a token) if it is allowed. */
  take(key: string): RateDecision {
    const { max, intervalMs, daily } = this.limits;
    const window = this.windowOf(key);
    const now = Math.max(this.clock.now(), window.latest);
    window.latest = now;
    const day = Math.floor(now / DAY_MS);
    if (day !== window.day) {
      window.day = day;
      window.dayCount = 0;
    }
    while (window.windowHead < window.times.length && (window.times[window.windowHead] ?? 0) <= now - intervalMs)
      window.windowHead += 1;
    if (window.secondHead < window.windowHead) window.secondHead = window.windowHead;
    while (window.secondHead < window.times.length && (window.times[window.secondHead] ?? 0) <= now - 1000)
      window.secondHead += 1;

    if (window.dayCount >= daily) {
      return {
        allowed: false,
        policy: 'DAILY',
        headers: this.headers(window, {
          'Retry-After': String(Math.max(1, Math.ceil(((day + 1) * DAY_MS - now) / 1000))),
        }),
      };
    }
    const inWindow = window.times.length - window.windowHead;
    if (inWindow >= max) {
      const oldest = window.times[window.windowHead] ?? now;
      const retryAfter = Math.max(1, Math.ceil((oldest + intervalMs - now) / 1000));
      return {
        allowed: false,
        policy: 'TEN_SECONDLY_ROLLING',
        headers: this.headers(window, { 'Retry-After': String(retryAfter) }),
      };
    }
    window.times.push(now);
    window.dayCount += 1;
    this.compact(window);
    return { allowed: true, headers: this.headers(window, {}) };
  }

  private windowOf(key: string): Window {
    let window = this.windows.get(key);
    if (!window) {
      window = { times: [], windowHead: 0, secondHead: 0, day: -1, dayCount: 0, latest: 0 };
      this.windows.set(key, window);
    }
    return window;
  }

  /** Drops expired times once they are the larger part of the queue (amortised O(1) per request). */
  private compact(window: Window): void {
    if (window.windowHead > 1024 && window.windowHead * 2 > window.times.length) {
      window.times = window.times.slice(window.windowHead);
      window.secondHead -= window.windowHead;
      window.windowHead = 0;
    }
  }

  private headers(window: Window, extra: Record<string, string>): Record<string, string> {
    const { max, intervalMs, daily } = this.limits;
    const secondly = Math.max(1, Math.ceil((max * 1000) / intervalMs));
    return {
      'X-HubSpot-RateLimit-Daily': String(daily),
      'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, daily - window.dayCount)),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(intervalMs),
      'X-HubSpot-RateLimit-Max': String(max),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, max - (window.times.length - window.windowHead))),
      'X-HubSpot-RateLimit-Secondly': String(secondly),
      'X-HubSpot-RateLimit-Secondly-Remaining': String(
        Math.max(0, secondly - (window.times.length - window.secondHead)),
      ),
      ...extra,
    };
  }
}
