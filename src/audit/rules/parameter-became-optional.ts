import { defineRule } from './rule.js';

/** Calls that send it keep working (oasdiff `request-parameter-became-optional`, INFO). */
export const parameterBecameOptional = defineRule({
  id: 'parameter-became-optional',
  direction: 'request',
  defaultSeverity: 'info',
  description: 'A required parameter became optional.',
  site: 'parameter',
  detect: (site) =>
    site.old !== undefined && site.new !== undefined && site.old.required && !site.new.required
      ? [{ message: `${site.new.in} parameter ${site.new.name} became optional`, old: 'required', new: 'optional' }]
      : [],
});
