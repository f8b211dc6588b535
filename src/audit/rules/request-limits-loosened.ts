import { limitChanges, limitText } from '../compare.js';
import { limitSide } from './helpers.js';
import { defineRule } from './rule.js';

/** A request admitting more values breaks no client (oasdiff INFO). */
export const requestLimitsLoosened = defineRule({
  id: 'request-limits-loosened',
  direction: 'request',
  defaultSeverity: 'info',
  description: 'A request limit now admits more values (maximum raised, minimum lowered, a limit removed).',
  site: 'schema',
  detect: (site) =>
    limitChanges(site.old.limits, site.new.limits)
      .filter((change) => change.effect === 'looser')
      .map((change) => ({
        message: `request limit loosened: ${limitText(change)}`,
        old: limitSide(change, 'old'),
        new: limitSide(change, 'new'),
      })),
});
