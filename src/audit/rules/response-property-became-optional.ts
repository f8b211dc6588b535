import { commonProperties } from './helpers.js';
import { defineRule } from './rule.js';

/**
 * Clients that rely on the field being there now meet responses without it (oasdiff
 * `response-property-became-optional`, ERR).
 */
export const responsePropertyBecameOptional = defineRule({
  id: 'response-property-became-optional',
  direction: 'response',
  defaultSeverity: 'breaking',
  description: 'A required response property became optional.',
  site: 'schema',
  detect: (site) =>
    commonProperties(site.old, site.new, 'response')
      .filter((name) => site.old.required.has(name) && !site.new.required.has(name))
      .map((name) => ({
        property: name,
        message: `response property ${name} became optional`,
        old: 'required',
        new: 'optional',
      })),
});
