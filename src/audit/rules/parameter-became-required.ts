import { defineRule } from './rule.js';

/** Calls that omitted it are now refused (oasdiff `request-parameter-became-required`, ERR). */
export const parameterBecameRequired = defineRule({
  id: 'parameter-became-required',
  direction: 'request',
  defaultSeverity: 'breaking',
  description: 'An optional parameter became required.',
  site: 'parameter',
  detect: (site) =>
    site.old !== undefined && site.new !== undefined && !site.old.required && site.new.required
      ? [{ message: `${site.new.in} parameter ${site.new.name} became required`, old: 'optional', new: 'required' }]
      : [],
});
