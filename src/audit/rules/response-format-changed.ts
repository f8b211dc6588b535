import { describeType, formatRelation, typeRelation } from '../compare.js';
import { formatText } from './helpers.js';
import { defineRule } from './rule.js';

/**
 * The type stayed but the format widened or changed: int32 -> int64 overflows int32 clients (IDs
 * above 2^31 were corrupted this way, FACTS.md §8.4), date-time -> string breaks date parsers.
 */
export const responseFormatChanged = defineRule({
  id: 'response-format-changed',
  direction: 'response',
  defaultSeverity: 'breaking',
  description:
    'A response value format was widened or changed while its type stayed (int32 -> int64, date-time -> (none), date -> date-time).',
  site: 'schema',
  detect: (site) => {
    if (typeRelation(site.old.types, site.new.types) !== 'same') return [];
    const relation = formatRelation(site.old.format, site.new.format);
    if (relation !== 'wider' && relation !== 'incompatible') return [];
    return [
      {
        message: `response format changed from ${formatText(site.old.format)} to ${formatText(site.new.format)}`,
        old: describeType(site.old),
        new: describeType(site.new),
      },
    ];
  },
});
