import { describeType, formatRelation, typeRelation } from '../compare.js';
import { formatText } from './helpers.js';
import { defineRule } from './rule.js';

/**
 * Clients format the value the old way; a stricter or different format refuses it (int64 -> int32, string -> date-time;
 * oasdiff ERR).
 */
export const requestFormatChanged = defineRule({
  id: 'request-format-changed',
  direction: 'request',
  defaultSeverity: 'breaking',
  description: 'A request value format was narrowed or changed while its type stayed (int64 -> int32, a format added).',
  site: 'schema',
  detect: (site) => {
    if (typeRelation(site.old.types, site.new.types) !== 'same') return [];
    const relation = formatRelation(site.old.format, site.new.format);
    if (relation !== 'narrower' && relation !== 'incompatible') return [];
    return [
      {
        message: `request format changed from ${formatText(site.old.format)} to ${formatText(site.new.format)}`,
        old: describeType(site.old),
        new: describeType(site.new),
      },
    ];
  },
});
