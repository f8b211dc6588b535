import { defineRule } from './rule.js';
import { variantDiff, variantText } from './variants.js';

/**
 * A client decoding a closed set of alternatives cannot decode the new one (oasdiff `response-body-one-of-added`, INFO;
 * hsac warns like an enum addition).
 */
export const responseVariantAdded = defineRule({
  id: 'response-variant-added',
  direction: 'response',
  defaultSeverity: 'warning',
  description: 'A response `oneOf`/`anyOf` (or JSON Structure choice) gained an alternative.',
  site: 'schema',
  detect: (site) => {
    const { added } = variantDiff(site.old, site.new);
    return added.length === 0
      ? []
      : [
          {
            message: `response alternative ${added.join(', ')} added`,
            old: variantText(site.old),
            new: variantText(site.new),
          },
        ];
  },
});
