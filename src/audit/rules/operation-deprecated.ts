import { operationLabel } from '../model.js';
import { defineRule } from './rule.js';

/** A deprecation announces a removal; it breaks nothing yet (oasdiff `endpoint-deprecated`, INFO). */
export const operationDeprecated = defineRule({
  id: 'operation-deprecated',
  direction: 'operation',
  defaultSeverity: 'info',
  description: 'An operation became `deprecated: true`.',
  site: 'operation',
  detect: (site) =>
    site.old !== undefined && site.new !== undefined && !site.old.deprecated && site.new.deprecated
      ? [
          {
            message: `${operationLabel(site.new)} is now deprecated`,
            old: 'deprecated: false',
            new: 'deprecated: true',
          },
        ]
      : [],
});
