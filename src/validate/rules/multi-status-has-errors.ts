import { checkDeclaration, withDeclaredSeverity } from '../../registry/index.js';
import type { BodyRule } from './rule.js';
import { own } from './rule.js';

/**
 * A 207 Multi-Status body must carry at least one error: 207 means "some inputs failed", and the
 * errors are the only place a client learns which (FACTS.md §6 "207 semantics"; hubspot-api-php#619
 * lost exactly these). A 207 with no errors is a wrong status or a lost error list.
 */
export const multiStatusHasErrors: BodyRule = {
  ...checkDeclaration('multi-status-has-errors'),
  check(body, context) {
    if (context.direction !== 'response' || context.status !== 207) return [];
    const errors = own(body, 'errors');
    if (Array.isArray(errors) && errors.length > 0) return [];
    return [
      withDeclaredSeverity({
        check: this.id,
        instancePath: '/errors',
        message: Array.isArray(errors) ? 'a 207 body has an empty errors array' : 'a 207 body has no errors array',
        expected: 'at least one StandardError',
        actual: errors === undefined ? 'absent' : errors,
      }),
    ];
  },
};
