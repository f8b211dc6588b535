import { enumMinus, enumText } from '../compare.js';
import { defineRule } from './rule.js';

/** Clients sending the removed value are refused; a value that became an enum refuses everything else (oasdiff ERR). */
export const requestEnumValueRemoved = defineRule({
  id: 'request-enum-value-removed',
  direction: 'request',
  defaultSeverity: 'breaking',
  description: 'A request enum lost a value, or a free request value became an enum.',
  site: 'schema',
  detect: (site) => {
    if (site.new.enum === undefined) return [];
    if (site.old.enum === undefined)
      return [
        {
          message: `the request value is now limited to ${enumText(site.new.enum)}`,
          old: '(any value)',
          new: enumText(site.new.enum),
        },
      ];
    const removed = enumMinus(site.old.enum, site.new.enum);
    return removed.length === 0
      ? []
      : [
          {
            message: `request enum value${removed.length === 1 ? '' : 's'} ${enumText(removed)} removed`,
            old: enumText(site.old.enum),
            new: enumText(site.new.enum),
          },
        ];
  },
});
