import { addedProperties } from './helpers.js';
import { defineRule } from './rule.js';

/**
 * No existing client sends it, so every existing request is now invalid (oasdiff `new-required-request-property`, ERR).
 */
export const newRequiredRequestProperty = defineRule({
  id: 'new-required-request-property',
  direction: 'request',
  defaultSeverity: 'breaking',
  description: 'A request body gained a required property.',
  site: 'schema',
  detect: (site) =>
    addedProperties(site.old, site.new, 'request')
      .filter((name) => site.new.required.has(name))
      .map((name) => ({ property: name, message: `new required request property ${name}`, new: 'required' })),
});
