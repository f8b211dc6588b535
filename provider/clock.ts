/**
 * Time as the sandbox sees it. Injected so that tests of the rate limits and of timestamps move
 * time by hand instead of sleeping (the suite stays fast and deterministic).
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to. */
export interface ManualClock extends Clock {
  /** Moves time forward by `millis` (must be >= 0: time never runs backwards). */
  advance(millis: number): void;
}

/** A {@link ManualClock} starting at `start` (default 2026-11-20T09:15:02.118Z). */
export function manualClock(start = Date.parse('2026-11-20T09:15:02.118Z')): ManualClock {
  if (!Number.isFinite(start))
    throw new RangeError(`manualClock: start must be a finite number of milliseconds, got ${String(start)}`);
  let current = start;
  return {
    now: () => current,
    advance(millis) {
      if (!Number.isFinite(millis) || millis < 0)
        throw new RangeError(`manualClock.advance: millis must be >= 0, got ${String(millis)}`);
      current += millis;
    },
  };
}
