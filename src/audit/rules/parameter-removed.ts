import { removedSide } from './helpers.js';
import { defineRule } from './rule.js';

/** Clients still send it; a server may ignore or refuse it (oasdiff `request-parameter-removed`, WARN). */
export const parameterRemoved = defineRule({
  id: 'parameter-removed',
  direction: 'request',
  defaultSeverity: 'warning',
  description: 'A parameter is no longer declared.',
  site: 'parameter',
  // A path parameter is part of the template, which the operation key already matched: one
  // declared on one side only is a documentation gap, not a change to the URL clients build.
  detect: (site) => {
    const removed = removedSide(site);
    return removed !== undefined && removed.in !== 'path'
      ? [{ message: `${removed.in} parameter ${removed.name} was removed`, old: `${removed.in} ${removed.name}` }]
      : [];
  },
});
