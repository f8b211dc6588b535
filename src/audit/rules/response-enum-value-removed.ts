import { enumMinus, enumText } from '../compare.js';
import { defineRule } from './rule.js';

/** Clients simply never see the value again (oasdiff `response-property-enum-value-removed`, INFO). */
export const responseEnumValueRemoved = defineRule({
  id: 'response-enum-value-removed',
  direction: 'response',
  defaultSeverity: 'info',
  description: 'A response enum lost a value, or a free response value became an enum.',
  site: 'schema',
  detect: (site) => {
    if (site.new.enum === undefined) return [];
    if (site.old.enum === undefined)
      return [
        {
          message: `the response value is now limited to ${enumText(site.new.enum)}`,
          old: '(any value)',
          new: enumText(site.new.enum),
        },
      ];
    const removed = enumMinus(site.old.enum, site.new.enum);
    return removed.length === 0
      ? []
      : [
          {
            message: `response enum value${removed.length === 1 ? '' : 's'} ${enumText(removed)} removed`,
            old: enumText(site.old.enum),
            new: enumText(site.new.enum),
          },
        ];
  },
});
