import { enumMinus, enumText } from '../compare.js';
import { defineRule } from './rule.js';

/** A request accepting more values breaks no client (oasdiff `request-property-enum-value-added`, INFO). */
export const requestEnumValueAdded = defineRule({
  id: 'request-enum-value-added',
  direction: 'request',
  defaultSeverity: 'info',
  description: 'A request enum gained a value, or stopped being an enum.',
  site: 'schema',
  detect: (site) => {
    if (site.old.enum === undefined) return [];
    if (site.new.enum === undefined)
      return [
        {
          message: 'the request value is no longer limited to an enum',
          old: enumText(site.old.enum),
          new: '(any value)',
        },
      ];
    const added = enumMinus(site.new.enum, site.old.enum);
    return added.length === 0
      ? []
      : [
          {
            message: `request enum value${added.length === 1 ? '' : 's'} ${enumText(added)} added`,
            old: enumText(site.old.enum),
            new: enumText(site.new.enum),
          },
        ];
  },
});
