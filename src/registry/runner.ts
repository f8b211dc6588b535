import type { CheckDeclaration } from './declaration.js';

/** What the runner reports about the run itself (src/runner/). */
export const RUNNER_DECLARATIONS = [
  {
    id: 'cleanup',
    kind: 'runner',
    scope: 'run',
    description: 'the run leaves the target as it found it, and says what it could not undo (and how to)',
    severity: 'warning',
    faults: [],
    noFaultWhy:
      "it judges the run's own cleanup, not the provider: suites/_meta/portal.test.ts, suites/portal/cleanup.test.ts " +
      'and suites/run/run.test.ts prove it',
  },
] as const satisfies readonly CheckDeclaration[];
