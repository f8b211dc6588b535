import { describeType, formatRelation, typeRelation } from '../compare.js';
import { defineRule } from './rule.js';

/**
 * Every value of the narrower type was a value of the old one (number -> integer, int64 -> int32, a format added):
 * readers cope (oasdiff INFO).
 */
export const responseTypeNarrowed = defineRule({
  id: 'response-type-narrowed',
  direction: 'response',
  defaultSeverity: 'info',
  description: 'A response value type or format was narrowed (number -> integer, int64 -> int32, a format added).',
  site: 'schema',
  detect: (site) => {
    const types = typeRelation(site.old.types, site.new.types);
    const narrowed =
      types === 'narrower' || (types === 'same' && formatRelation(site.old.format, site.new.format) === 'narrower');
    return narrowed
      ? [
          {
            message: `response type narrowed from ${describeType(site.old)} to ${describeType(site.new)}`,
            old: describeType(site.old),
            new: describeType(site.new),
          },
        ]
      : [];
  },
});
