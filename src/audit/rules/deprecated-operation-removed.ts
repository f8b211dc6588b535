import { operationLabel } from '../model.js';
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
  detect: (site) =>
    site.old !== undefined && site.new === undefined && site.old.deprecated
      ? [{ message: `${operationLabel(site.old)} was removed after its deprecation`, old: site.old.pathTemplate }]
      : [],
});
