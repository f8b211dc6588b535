import { describeType, typeRelation } from '../compare.js';
import { defineRule } from './rule.js';

/**
 * Clients send the old type; a narrower or different one refuses it (number -> integer, string -> integer; oasdiff
 * ERR).
 */
export const requestTypeChanged = defineRule({
  id: 'request-type-changed',
  direction: 'request',
  defaultSeverity: 'breaking',
  description: 'A request value type was narrowed or changed (number -> integer, any -> object, string -> integer).',
  site: 'schema',
  detect: (site) => {
    const relation = typeRelation(site.old.types, site.new.types);
    if (relation !== 'narrower' && relation !== 'incompatible') return [];
    return [
      {
        message: `request type ${relation === 'narrower' ? 'narrowed' : 'changed'} from ${describeType(site.old)} to ${describeType(site.new)}`,
        old: describeType(site.old),
        new: describeType(site.new),
      },
    ];
  },
});
