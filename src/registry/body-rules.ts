import type { CheckDeclaration } from './declaration.js';

/**
 * The body rules (src/validate/rules/, one module each), in the order they run after the schema:
 * BODY_RULES in src/validate/rules/index.ts holds their implementations in this order.
 */
export const BODY_RULE_DECLARATIONS = [
  // Batch envelope arithmetic: the count must match the list it counts.
  {
    id: 'num-errors-matches-errors',
    kind: 'body-rule',
    scope: 'body',
    description: 'numErrors equals errors.length when both are present',
    severity: 'error',
    faults: ['num-errors-mismatch'],
  },
  // Batch envelope chronology.
  {
    id: 'timestamps-ordered',
    kind: 'body-rule',
    scope: 'body',
    description: 'requestedAt <= startedAt <= completedAt',
    severity: 'error',
    faults: ['timestamps-reversed'],
  },
  // Status-dependent semantics: 207 means per-input failures, so they must be listed.
  {
    id: 'multi-status-has-errors',
    kind: 'body-rule',
    scope: 'body',
    description: 'a 207 body carries a non-empty errors array',
    severity: 'error',
    faults: ['multi-status-without-errors'],
  },
] as const satisfies readonly CheckDeclaration[];
