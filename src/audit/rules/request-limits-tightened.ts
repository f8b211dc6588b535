import { limitChanges, limitText } from '../compare.js';
import { limitSide } from './helpers.js';
import { defineRule } from './rule.js';

/**
 * Requests valid under the old limits are refused: maxItems/maxLength/maximum lowered, minimum raised, a pattern added
 * (oasdiff ERR).
 */
export const requestLimitsTightened = defineRule({
  id: 'request-limits-tightened',
  direction: 'request',
  defaultSeverity: 'breaking',
  description:
    'A request limit now admits fewer values (maxItems/maxLength/maximum lowered or added, minimum/minLength/minItems raised, pattern added or changed).',
  site: 'schema',
  detect: (site) =>
    limitChanges(site.old.limits, site.new.limits)
      .filter((change) => change.effect !== 'looser')
      .map((change) => ({
        message: `request limit tightened: ${limitText(change)}`,
        old: limitSide(change, 'old'),
        new: limitSide(change, 'new'),
      })),
});
