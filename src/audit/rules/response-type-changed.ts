import { describeType, typeRelation } from '../compare.js';
import { defineRule } from './rule.js';

/**
 * Clients decode the old type: `toObjectId` going from integer/int32 to string broke the Node SDK (FACTS.md §8.3;
 * oasdiff ERR).
 */
export const responseTypeChanged = defineRule({
  id: 'response-type-changed',
  direction: 'response',
  defaultSeverity: 'breaking',
  description: 'A response value type changed or widened (integer -> string, integer -> number, object -> any).',
  site: 'schema',
  detect: (site) => {
    const relation = typeRelation(site.old.types, site.new.types);
    if (relation !== 'wider' && relation !== 'incompatible') return [];
    return [
      {
        message: `response type ${relation === 'wider' ? 'widened' : 'changed'} from ${describeType(site.old)} to ${describeType(site.new)}`,
        old: describeType(site.old),
        new: describeType(site.new),
      },
    ];
  },
});
