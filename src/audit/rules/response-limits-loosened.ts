import { limitChanges, limitText } from '../compare.js';
import { limitSide } from './helpers.js';
import { defineRule } from './rule.js';

/**
 * Clients sized for the old limits (buffers, pages, ranges) may meet larger values (oasdiff rates max increases in
 * responses WARN/ERR by keyword).
 */
export const responseLimitsLoosened = defineRule({
  id: 'response-limits-loosened',
  direction: 'response',
  defaultSeverity: 'warning',
  description:
    'A response limit now admits more values (maxItems/maxLength/maximum raised or removed, minimum lowered, pattern changed).',
  site: 'schema',
  detect: (site) =>
    limitChanges(site.old.limits, site.new.limits)
      .filter((change) => change.effect !== 'tighter')
      .map((change) => ({
        message: `response limit loosened: ${limitText(change)}`,
        old: limitSide(change, 'old'),
        new: limitSide(change, 'new'),
      })),
});
