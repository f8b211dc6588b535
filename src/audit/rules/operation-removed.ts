import { operationLabel } from '../model.js';
import { defineRule } from './rule.js';

/**
 * Every client calling a removed operation fails; without a deprecation first, nobody was warned (oasdiff
 * `api-removed-without-deprecation`).
 */
export const operationRemoved = defineRule({
  id: 'operation-removed',
  direction: 'operation',
  defaultSeverity: 'breaking',
  description: 'An operation that was not deprecated exists only in the old version.',
  site: 'operation',
  detect: (site) =>
    site.old !== undefined && site.new === undefined && !site.old.deprecated
      ? [
          {
            message: `${operationLabel(site.old)} was removed without being deprecated first`,
            old: site.old.pathTemplate,
          },
        ]
      : [],
});
