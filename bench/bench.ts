/**
 * The bench contract. Performance is measured here, by `npm run bench`, never by a timed test.
 * Each figure that compares two things measures both side by side in the same run, so machine
 * load affects both alike (a ratio is meaningful; an absolute time on a shared 2-core box is not).
 */

/** One measured figure. */
export interface Figure {
  /** Stable id, e.g. `validate.full-check-vs-json-parse`. */
  readonly id: string;
  /** What was measured, in words. */
  readonly description: string;
  readonly value: number;
  /** e.g. `ratio`, `bodies/s`, `requests/s`. */
  readonly unit: string;
  /** The goal, in words, e.g. `<= 0.15`; absent where there is none. */
  readonly goal?: string;
  /** Whether the goal was met; absent where there is none. */
  readonly met?: boolean;
  /** Raw numbers behind the figure (both sides of a ratio, sample counts). */
  readonly detail?: Readonly<Record<string, number | string>>;
}

/** A bench module: one area (validation, generation, the sandbox, ...). */
export interface Bench {
  readonly id: string;
  readonly description: string;
  run(): Promise<readonly Figure[]>;
}

/**
 * Runs `fn` repeatedly for about `millis` (after a warm-up) and returns operations per second.
 * `batch` calls per timing check keep `performance.now()` out of the measured cost.
 */
export function opsPerSecond(
  fn: () => unknown,
  millis = 1000,
  batch = 100,
): { opsPerSecond: number; operations: number } {
  const warmUntil = performance.now() + Math.min(300, millis / 3);
  while (performance.now() < warmUntil) for (let i = 0; i < batch; i++) fn();
  let operations = 0;
  const start = performance.now();
  let now = start;
  while (now - start < millis) {
    for (let i = 0; i < batch; i++) fn();
    operations += batch;
    now = performance.now();
  }
  return { opsPerSecond: (operations * 1000) / (now - start), operations };
}

/** Mean time per call in microseconds, measured as {@link opsPerSecond} does. */
export function microsPerCall(fn: () => unknown, millis = 1000, batch = 10): number {
  return 1e6 / opsPerSecond(fn, millis, batch).opsPerSecond;
}
