import { enumMinus, enumText } from '../compare.js';
import { defineRule, type Severity } from './rule.js';

/**
 * The contested case (PEERS.md §2): oasdiff WARN, Optic/Specmatic/openapi-diff breaking. Clients
 * with closed enums (generated SDKs) reject the new value, as HubSpot's `WORK` category showed
 * (FACTS.md §5, §7.7). Default warning; `enumAdditions: "breaking"` in the config raises it; an
 * enum marked open (`x-extensible-enum`, `x-open-enum: true`) lowers it to info.
 */
export const responseEnumValueAdded = defineRule({
  id: 'response-enum-value-added',
  direction: 'response',
  defaultSeverity: 'warning',
  description:
    'A response enum gained a value (or stopped being an enum); closed-enum clients reject it. Configurable; open enums are info.',
  site: 'schema',
  detect: (site, context) => {
    if (site.old.enum === undefined) return [];
    const open = site.old.openEnum || site.new.openEnum;
    const severity: Severity = open ? 'info' : context.enumAdditions;
    const note = open ? ' (the enum is marked open)' : '';
    if (site.new.enum === undefined)
      return [
        {
          severity,
          message: `the response value is no longer limited to an enum${note}`,
          old: enumText(site.old.enum),
          new: '(any value)',
        },
      ];
    const added = enumMinus(site.new.enum, site.old.enum);
    return added.length === 0
      ? []
      : [
          {
            severity,
            message: `response enum value${added.length === 1 ? '' : 's'} ${enumText(added)} added${note}`,
            old: enumText(site.old.enum),
            new: enumText(site.new.enum),
          },
        ];
  },
});
