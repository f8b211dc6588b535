import { addedSide } from './helpers.js';
import { defineRule } from './rule.js';

/** Every existing call lacks it, so every existing call is refused (oasdiff `new-required-request-parameter`, ERR). */
export const newRequiredParameter = defineRule({
  id: 'new-required-parameter',
  direction: 'request',
  defaultSeverity: 'breaking',
  description: 'A new required query, header or cookie parameter (a path parameter is part of the URL template).',
  site: 'parameter',
  // A path parameter is part of the template, which the operation key already matched: one
  // declared on one side only is a documentation gap, not a change to the URL clients build.
  detect: (site) => {
    const added = addedSide(site);
    return added?.required === true && added.in !== 'path'
      ? [{ message: `new required ${added.in} parameter ${added.name}`, new: `${added.in} ${added.name}` }]
      : [];
  },
});
