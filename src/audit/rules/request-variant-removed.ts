import { defineRule } from './rule.js';
import { variantDiff, variantText } from './variants.js';

/** Clients sending the removed alternative are refused (oasdiff `request-body-one-of-removed`, ERR). */
export const requestVariantRemoved = defineRule({
  id: 'request-variant-removed',
  direction: 'request',
  defaultSeverity: 'breaking',
  description: 'A request `oneOf`/`anyOf` (or JSON Structure choice) lost an alternative.',
  site: 'schema',
  detect: (site) => {
    const { removed } = variantDiff(site.old, site.new);
    return removed.length === 0
      ? []
      : [
          {
            message: `request alternative ${removed.join(', ')} removed`,
            old: variantText(site.old),
            new: variantText(site.new),
          },
        ];
  },
});
