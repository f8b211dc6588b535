import { multiStatusHasErrors } from './multi-status-has-errors.js';
import { numErrorsMatchesErrors } from './num-errors-matches-errors.js';
import type { BodyRule } from './rule.js';
import { timestampsOrdered } from './timestamps-ordered.js';

export type { BodyContext, BodyRule } from './rule.js';

/**
 * The body rules, in the order they run. Each is one module (STYLE.md: one check per module, one
 * ordered list); schema conformance (required, types, enums, formats, ranges, error shapes) runs
 * before them in `validate/index.ts`.
 */
export const BODY_RULES: readonly BodyRule[] = [
  // Batch envelope arithmetic: the count must match the list it counts.
  numErrorsMatchesErrors,
  // Batch envelope chronology.
  timestampsOrdered,
  // Status-dependent semantics: 207 means per-input failures, so they must be listed.
  multiStatusHasErrors,
];

const ids = new Set<string>();
for (const rule of BODY_RULES) {
  if (ids.has(rule.id)) throw new Error(`duplicate body rule id "${rule.id}"`);
  ids.add(rule.id);
}
