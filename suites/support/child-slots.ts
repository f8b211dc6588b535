/**
 * How many child processes (the built CLI, node, npm, `script`) one test file runs at once. Tests that run side by
 * side (`concurrent`) would otherwise start a child each: with the other vitest worker, more busy processes than
 * cores, and a starved worker makes timing-bound runs differ (the rate-limit probe bursts until a 429, and how many
 * reads fit in the sandbox's one-second window depends on how fast it gets them out).
 */
const CHILD_PROCESSES_AT_ONCE = 2;

let running = 0;
const waiting: (() => void)[] = [];

/**
 * Runs `start` (which spawns a child and resolves when it has ended) once fewer than
 * {@link CHILD_PROCESSES_AT_ONCE} of this file's children are running; the others wait, in order. Every module
 * state here is per test file (vitest isolates each file's modules).
 */
export async function inChildSlot<T>(start: () => Promise<T>): Promise<T> {
  // A slot that frees is handed straight to the next waiter, so a newcomer never slips in between.
  if (running < CHILD_PROCESSES_AT_ONCE) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await start();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}
