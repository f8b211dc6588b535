import { commonProperties } from './helpers.js';
import { defineRule } from './rule.js';

/** A field now always present breaks no reader (oasdiff `response-property-became-required`, INFO). */
export const responsePropertyBecameRequired = defineRule({
  id: 'response-property-became-required',
  direction: 'response',
  defaultSeverity: 'info',
  description: 'An optional response property became required.',
  site: 'schema',
  detect: (site) =>
    commonProperties(site.old, site.new, 'response')
      .filter((name) => !site.old.required.has(name) && site.new.required.has(name))
      .map((name) => ({
        property: name,
        message: `response property ${name} became required`,
        old: 'optional',
        new: 'required',
      })),
});
