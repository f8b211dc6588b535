import { addedProperties } from './helpers.js';
import { defineRule } from './rule.js';

/** Existing requests omit it and stay valid (oasdiff `new-optional-request-property`, INFO). */
export const newOptionalRequestProperty = defineRule({
  id: 'new-optional-request-property',
  direction: 'request',
  defaultSeverity: 'info',
  description: 'A request body gained an optional property.',
  site: 'schema',
  detect: (site) =>
    addedProperties(site.old, site.new, 'request')
      .filter((name) => !site.new.required.has(name))
      .map((name) => ({ property: name, message: `new optional request property ${name}`, new: 'optional' })),
});
