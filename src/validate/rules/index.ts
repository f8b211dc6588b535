import { checkIdsOf, type CheckIdOfKind } from '../../registry/index.js';
import { multiStatusHasErrors } from './multi-status-has-errors.js';
import { numErrorsMatchesErrors } from './num-errors-matches-errors.js';
import type { BodyRule } from './rule.js';
import { timestampsOrdered } from './timestamps-ordered.js';

export type { BodyContext, BodyRule } from './rule.js';

/**
 * The implementation of every body rule, by its registry id (STYLE.md: one check per module): a
 * declaration without a module, or a module of an id the registry lacks, does not compile;
 * registry.spec.ts proves each carries the id it is filed under.
 */
const BODY_RULE_IMPLEMENTATIONS: Readonly<Record<CheckIdOfKind<'body-rule'>, BodyRule>> = {
  'num-errors-matches-errors': numErrorsMatchesErrors,
  'timestamps-ordered': timestampsOrdered,
  'multi-status-has-errors': multiStatusHasErrors,
};

/**
 * The body rules, in the order they run: the registry's (src/registry/body-rules.ts). Schema
 * conformance (required, types, enums, formats, ranges, error shapes) runs before them in
 * `validate/index.ts`.
 */
export const BODY_RULES: readonly BodyRule[] = checkIdsOf('body-rule').map((id) => BODY_RULE_IMPLEMENTATIONS[id]);
