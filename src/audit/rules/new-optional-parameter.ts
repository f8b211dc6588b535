import { defineRule } from './rule.js';

/** Existing calls simply do not send it (oasdiff `new-optional-request-parameter`, INFO). */
export const newOptionalParameter = defineRule({
  id: 'new-optional-parameter',
  direction: 'request',
  defaultSeverity: 'info',
  description: 'A new optional query, header or cookie parameter.',
  site: 'parameter',
  // A path parameter is part of the template, which the operation key already matched: one
  // declared on one side only is a documentation gap, not a change to the URL clients build.
  detect: (site) =>
    site.old === undefined && site.new !== undefined && !site.new.required && site.new.in !== 'path'
      ? [{ message: `new optional ${site.new.in} parameter ${site.new.name}`, new: `${site.new.in} ${site.new.name}` }]
      : [],
});
