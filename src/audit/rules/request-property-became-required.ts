import { commonProperties } from './helpers.js';
import { defineRule } from './rule.js';

/** Requests that omitted it are now invalid (oasdiff `request-property-became-required`, ERR). */
export const requestPropertyBecameRequired = defineRule({
  id: 'request-property-became-required',
  direction: 'request',
  defaultSeverity: 'breaking',
  description: 'An optional request property became required.',
  site: 'schema',
  detect: (site) =>
    commonProperties(site.old, site.new, 'request')
      .filter((name) => !site.old.required.has(name) && site.new.required.has(name))
      .map((name) => ({
        property: name,
        message: `request property ${name} became required`,
        old: 'optional',
        new: 'required',
      })),
});
