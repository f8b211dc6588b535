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
  detect: (site) =>
    site.old !== undefined && site.new === undefined && site.old.in !== 'path'
      ? [{ message: `${site.old.in} parameter ${site.old.name} was removed`, old: `${site.old.in} ${site.old.name}` }]
      : [],
});
