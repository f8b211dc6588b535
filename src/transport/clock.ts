/** Time, injectable so rate-limit and retry tests never sleep for real. */
export interface Clock {
  now(): number;
  /**
   * Resolves after `ms`; rejects at once when `signal` aborts (before or during the sleep), with
   * the signal's reason. Every wait hsac makes must end on Ctrl-C, not when the wait is over.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The rejection of an aborted sleep: the signal's own reason, else a DOMException `AbortError`. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('the wait was aborted', 'AbortError');
}

/** The wall clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(abortReason(signal!));
      };
      // setTimeout takes at most 2^31-1 ms and fires at once beyond it; callers bound their waits
      // (maxWaitMs), the clamp only keeps a caller's mistake from becoming a busy loop.
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.min(2 ** 31 - 1, Math.max(0, ms)),
      );
      // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts once; the timer removes the listener
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
