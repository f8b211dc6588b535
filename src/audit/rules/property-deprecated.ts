import { visibleProperties } from './helpers.js';
import { defineRule } from './rule.js';

/** A deprecation announces a removal; it breaks nothing yet (oasdiff `request-/response-property-deprecated`, INFO). */
export const propertyDeprecated = defineRule({
  id: 'property-deprecated',
  direction: 'both',
  defaultSeverity: 'info',
  description: 'A request or response property became `deprecated: true`.',
  site: 'schema',
  detect: (site) => {
    const after = visibleProperties(site.new, site.direction);
    return [...visibleProperties(site.old, site.direction)]
      .filter(([name, before]) => !before.deprecated && after.get(name)?.deprecated === true)
      .map(([name]) => ({
        property: name,
        message: `${site.direction} property ${name} is now deprecated`,
        old: 'deprecated: false',
        new: 'deprecated: true',
      }));
  },
});
