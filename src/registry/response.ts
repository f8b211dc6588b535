import type { CheckDeclaration } from './declaration.js';

/** What the validator judges of a response besides its body: its status code (src/validate/index.ts). */
export const RESPONSE_DECLARATIONS = [
  {
    id: 'status-code',
    kind: 'response',
    scope: 'response',
    description: 'the status is the declared one; another code of the same family is read as it, with this warning',
    // A warning, never an error: the family is right (DESIGN.md "Status-code families"; FACTS.md §8).
    severity: 'warning',
    faults: ['status-200-for-201', 'status-201-for-200'],
  },
] as const satisfies readonly CheckDeclaration[];
