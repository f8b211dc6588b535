import { defineConfig } from 'vitest/config';

// Two projects: unit specs sit beside the code (`*.spec.ts`); conformance suites live in
// `suites/<area>/*.test.ts` and prove what hsac promises against the reference material.
export default defineConfig({
  test: {
    // Once per run, for both projects: prints the property-test seed and pins a random one for
    // every worker (properties/settings.ts reads HSAC_SEED / HSAC_RUNS; nothing else does).
    globalSetup: ['./suites/properties/global-setup.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.spec.ts', 'properties/**/*.spec.ts', 'provider/**/*.spec.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'conformance',
          include: ['suites/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          // suites/_meta runs `hsac run` against many sandboxes at once; those runs mostly wait
          // (rate-limit pauses, loopback I/O), so more of them than cores finish sooner.
          maxConcurrency: 12,
        },
      },
    ],
  },
});
