import { abortReason, type Clock } from './clock.js';

/** Options of {@link VirtualClock}. */
export interface VirtualClockOptions {
  /**
   * `true` (default): `sleep` advances time at once and resolves. `false`: a sleep stays pending
   * until {@link VirtualClock.advance} moves time past its end (or its signal aborts), so a spec
   * can catch the client in the middle of a wait.
   */
  readonly autoAdvance?: boolean;
}

interface PendingSleep {
  readonly until: number;
  readonly resolve: () => void;
}

/**
 * A virtual clock for specs: rate-limit and backoff behaviour is tested exactly and without
 * waiting. Records every sleep for assertions. A sleep whose signal aborts rejects at once,
 * without moving time, as the system clock does.
 */
export class VirtualClock implements Clock {
  readonly sleeps: number[] = [];
  private readonly autoAdvance: boolean;
  private readonly pending = new Set<PendingSleep>();
  private sleepListeners: ((ms: number) => void)[] = [];

  constructor(
    private time = Date.UTC(2026, 10, 20, 9, 0, 0),
    options: VirtualClockOptions = {},
  ) {
    this.autoAdvance = options.autoAdvance ?? true;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    this.sleeps.push(ms);
    const listeners = this.sleepListeners;
    this.sleepListeners = [];
    for (const listener of listeners) listener(ms);
    if (this.autoAdvance) {
      this.time += Math.max(0, ms);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const entry: PendingSleep = {
        until: this.time + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.pending.delete(entry);
        reject(abortReason(signal!));
      };
      this.pending.add(entry);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Moves time on, ending every pending sleep that is then over. */
  advance(ms: number): void {
    this.time += ms;
    for (const entry of [...this.pending]) {
      if (entry.until <= this.time) {
        this.pending.delete(entry);
        entry.resolve();
      }
    }
  }

  /** Resolves with the length of the next sleep when it starts (for catching a client mid-wait). */
  nextSleep(): Promise<number> {
    return new Promise((resolve) => this.sleepListeners.push(resolve));
  }

  /** Sleeps started and not yet over (only with `autoAdvance: false`). */
  get sleeping(): number {
    return this.pending.size;
  }
}
