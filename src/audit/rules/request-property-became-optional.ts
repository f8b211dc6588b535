import { commonProperties } from './helpers.js';
import { defineRule } from './rule.js';

/** Requests that send it stay valid (oasdiff `request-property-became-optional`, INFO). */
export const requestPropertyBecameOptional = defineRule({
  id: 'request-property-became-optional',
  direction: 'request',
  defaultSeverity: 'info',
  description: 'A required request property became optional.',
  site: 'schema',
  detect: (site) =>
    commonProperties(site.old, site.new, 'request')
      .filter((name) => site.old.required.has(name) && !site.new.required.has(name))
      .map((name) => ({
        property: name,
        message: `request property ${name} became optional`,
        old: 'required',
        new: 'optional',
      })),
});
