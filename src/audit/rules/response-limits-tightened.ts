import { limitChanges, limitText } from '../compare.js';
import { limitSide } from './helpers.js';
import { defineRule } from './rule.js';

/** Responses within tighter limits were within the old ones too (oasdiff INFO). */
export const responseLimitsTightened = defineRule({
  id: 'response-limits-tightened',
  direction: 'response',
  defaultSeverity: 'info',
  description: 'A response limit now admits fewer values (maximum lowered, minimum raised, a limit added).',
  site: 'schema',
  detect: (site) =>
    limitChanges(site.old.limits, site.new.limits)
      .filter((change) => change.effect === 'tighter')
      .map((change) => ({
        message: `response limit tightened: ${limitText(change)}`,
        old: limitSide(change, 'old'),
        new: limitSide(change, 'new'),
      })),
});
