import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { readPropertySettings, timeoutForRuns } from './properties/settings.js';

/**
 * A conformance or pact test's (and hook's) hang guard, never a speed check: 60 s, plus room that
 * grows with HSAC_RUNS for the suites whose properties run HSAC_RUNS times (a run: ~100 ms at
 * most, idle). Unit specs keep vitest's 5 s; the few that run many property cases set their own,
 * from the same helper.
 */
const SUITE_TIMEOUT_MS = timeoutForRuns(readPropertySettings().runs, 100, 60_000);

// Three projects: unit specs sit beside the code (`*.spec.ts`); conformance suites live in
// `suites/<area>/*.test.ts` and prove what hsac promises against the reference material; the pact
// suites (`suites/pact/`) run on their own (see the `pact` project).
export default defineConfig({
  test: {
    // Once per run, for both projects: prints the property-test seed and pins a random one for
    // every worker (properties/settings.ts reads HSAC_SEED / HSAC_RUNS; nothing else does).
    globalSetup: ['./suites/properties/global-setup.ts'],
    // One worker per core and one more: most suites are CPU work on their worker's one thread
    // (the self-test's runs, the property suites), but many also wait (sandboxes, child processes,
    // npm, the pact verifier), and a waiting file leaves its core idle. Measured on 2 cores, idle:
    // 2 workers 179 s, 3 workers 163 s, 4 workers 165 s.
    maxWorkers: availableParallelism() + 1,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.spec.ts', 'properties/**/*.spec.ts', 'provider/**/*.spec.ts'],
          environment: 'node',
          // Specs keep no state between files (what they patch, nock, they undo), so a worker reuses the modules it
          // loaded for the next file: most of a spec file's time was loading the same modules again (measured on 2
          // cores, idle: 52 s CPU -> 21 s, 31 s -> 12 s alone; order-independent, run shuffled).
          isolate: false,
        },
      },
      {
        test: {
          name: 'conformance',
          include: ['suites/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'suites/pact/**'],
          environment: 'node',
          testTimeout: SUITE_TIMEOUT_MS,
          // Their beforeAll hooks do a test's work (whole `hsac run`s, sandboxes): the same guard.
          hookTimeout: SUITE_TIMEOUT_MS,
          // suites/_meta runs `hsac run` against many sandboxes at once; those runs mostly wait
          // (rate-limit pauses, loopback I/O), so more of them than cores finish sooner.
          maxConcurrency: 12,
        },
      },
      {
        test: {
          name: 'pact',
          include: ['suites/pact/**/*.test.ts'],
          environment: 'node',
          testTimeout: SUITE_TIMEOUT_MS,
          // Their beforeAll hooks do a test's work (whole `hsac run`s, sandboxes): the same guard.
          hookTimeout: SUITE_TIMEOUT_MS,
          // Pact's native core keeps process-wide state (its logger, the mock servers it starts,
          // the verifier's proxy) and the SDK gate patches node's http with nock: each file runs in a
          // child process of its own (forks, isolated: a native crash cannot take a shared worker
          // down, and no state crosses files). Files run beside each other and beside the other
          // projects: the consumer suite replaces a committed pact by a rename, so a suite reading
          // pacts/ meanwhile sees a whole file, the old or the new (they are byte-identical).
          pool: 'forks',
          isolate: true,
          env: { PACT_DO_NOT_TRACK: 'true' },
        },
      },
    ],
  },
});
