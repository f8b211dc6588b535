import { removedProperties } from './helpers.js';
import { defineRule } from './rule.js';

/**
 * Clients read a field the spec promised on every response; it is gone (oasdiff `response-required-property-removed`,
 * ERR).
 */
export const responseRequiredPropertyRemoved = defineRule({
  id: 'response-required-property-removed',
  direction: 'response',
  defaultSeverity: 'breaking',
  description: 'A required response property is no longer declared.',
  site: 'schema',
  detect: (site) =>
    removedProperties(site.old, site.new, 'response')
      .filter((name) => site.old.required.has(name))
      .map((name) => ({
        property: name,
        message: `required response property ${name} was removed`,
        old: 'required',
        new: '(absent)',
      })),
});
