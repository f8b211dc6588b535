import { operationLabel } from '../model.js';
import { removedSide } from './helpers.js';
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
  detect: (site) => {
    const removed = removedSide(site);
    return removed === undefined || removed.deprecated
      ? []
      : [
          {
            message: `${operationLabel(removed)} was removed without being deprecated first`,
            old: removed.pathTemplate,
          },
        ];
  },
});
