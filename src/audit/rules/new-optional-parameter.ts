import { addedSide } from './helpers.js';
import { defineRule } from './rule.js';

/** Existing calls simply do not send it (oasdiff `new-optional-request-parameter`, INFO). */
export const newOptionalParameter = defineRule({
  id: 'new-optional-parameter',
  direction: 'request',
  defaultSeverity: 'info',
  description: 'A new optional query, header or cookie parameter.',
  site: 'parameter',
  // Never a path parameter: the loaders make every path parameter required (`../openapi.ts`, `../structure.ts`).
  detect: (site) => {
    const added = addedSide(site);
    return added?.required === false
      ? [{ message: `new optional ${added.in} parameter ${added.name}`, new: `${added.in} ${added.name}` }]
      : [];
  },
});
