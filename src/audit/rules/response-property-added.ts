import { addedProperties } from './helpers.js';
import { defineRule } from './rule.js';

/**
 * Tolerant readers ignore unknown fields (oasdiff `response-optional-property-added`, INFO); strict decoders are the
 * lenient profile's business.
 */
export const responsePropertyAdded = defineRule({
  id: 'response-property-added',
  direction: 'response',
  defaultSeverity: 'info',
  description: 'A response gained a property.',
  site: 'schema',
  detect: (site) =>
    addedProperties(site.old, site.new, 'response').map((name) => ({
      property: name,
      message: `new ${site.new.required.has(name) ? 'required' : 'optional'} response property ${name}`,
      new: site.new.required.has(name) ? 'required' : 'optional',
    })),
});
