import { describeType, formatRelation, typeRelation } from '../compare.js';
import { defineRule } from './rule.js';

/**
 * A request accepting more (integer -> number, int32 -> int64, a format dropped) breaks no client (oasdiff
 * `request-property-type-generalized`, INFO).
 */
export const requestTypeWidened = defineRule({
  id: 'request-type-widened',
  direction: 'request',
  defaultSeverity: 'info',
  description: 'A request value type or format was widened (integer -> number, int32 -> int64, format removed).',
  site: 'schema',
  detect: (site) => {
    const types = typeRelation(site.old.types, site.new.types);
    const widened =
      types === 'wider' || (types === 'same' && formatRelation(site.old.format, site.new.format) === 'wider');
    return widened
      ? [
          {
            message: `request type widened from ${describeType(site.old)} to ${describeType(site.new)}`,
            old: describeType(site.old),
            new: describeType(site.new),
          },
        ]
      : [];
  },
});
