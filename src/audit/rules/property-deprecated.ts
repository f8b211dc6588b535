import { commonProperties } from './helpers.js';
import { defineRule } from './rule.js';

/** A deprecation announces a removal; it breaks nothing yet (oasdiff `request-/response-property-deprecated`, INFO). */
export const propertyDeprecated = defineRule({
  id: 'property-deprecated',
  direction: 'both',
  defaultSeverity: 'info',
  description: 'A request or response property became `deprecated: true`.',
  site: 'schema',
  detect: (site) =>
    commonProperties(site.old, site.new, site.direction)
      .filter(
        (name) => !site.old.properties.get(name)?.deprecated && site.new.properties.get(name)?.deprecated === true,
      )
      .map((name) => ({
        property: name,
        message: `${site.direction} property ${name} is now deprecated`,
        old: 'deprecated: false',
        new: 'deprecated: true',
      })),
});
