import { operationLabel } from '../model.js';
import { removedSide } from './helpers.js';
import { defineRule } from './rule.js';

/**
 * Removing what was announced as deprecated is the planned end of a lifecycle (oasdiff `api-removed-with-deprecation`,
 * INFO).
 */
export const deprecatedOperationRemoved = defineRule({
  id: 'deprecated-operation-removed',
  direction: 'operation',
  defaultSeverity: 'info',
  description: 'An operation that the old version marked deprecated is gone.',
  site: 'operation',
  detect: (site) => {
    const removed = removedSide(site);
    return removed?.deprecated === true
      ? [{ message: `${operationLabel(removed)} was removed after its deprecation`, old: removed.pathTemplate }]
      : [];
  },
});
