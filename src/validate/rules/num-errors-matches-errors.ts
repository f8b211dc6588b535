import { checkDeclaration, withDeclaredSeverity } from '../../registry/index.js';
import type { BodyRule } from './rule.js';
import { own } from './rule.js';

/**
 * `numErrors` must equal `errors.length` when a body carries both. SDKs size their error handling
 * by one and iterate the other (hubspot-api-ruby#403 shows bodies where only one was surfaced), so
 * a mismatch loses errors silently. An error under every profile: no client can reconcile it.
 */
export const numErrorsMatchesErrors: BodyRule = {
  ...checkDeclaration('num-errors-matches-errors'),
  check(body) {
    const numErrors = own(body, 'numErrors');
    const errors = own(body, 'errors');
    if (typeof numErrors !== 'number' || !Array.isArray(errors) || numErrors === errors.length) return [];
    return [
      withDeclaredSeverity({
        check: this.id,
        instancePath: '/numErrors',
        message: `numErrors is ${numErrors} but errors holds ${errors.length}`,
        expected: errors.length,
        actual: numErrors,
      }),
    ];
  },
};
