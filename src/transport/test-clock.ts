import type { Clock } from './clock.js';

/**
 * A virtual clock for specs: `sleep` advances time at once, so rate-limit and backoff behaviour is
 * tested exactly and without waiting. Records every sleep for assertions.
 */
export class VirtualClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private time = Date.UTC(2026, 10, 20, 9, 0, 0)) {}
  now(): number {
    return this.time;
  }
  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += Math.max(0, ms);
    return Promise.resolve();
  }
  advance(ms: number): void {
    this.time += ms;
  }
}
