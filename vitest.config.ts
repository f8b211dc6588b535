import { defineConfig } from 'vitest/config';

// Two projects: unit specs sit beside the code (`*.spec.ts`); conformance suites live in
// `suites/<area>/*.test.ts` and prove what hsac promises against the reference material.
export default defineConfig({
  test: {
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
        },
      },
    ],
  },
});
