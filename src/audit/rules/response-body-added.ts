import { schemaName } from './helpers.js';
import { defineRule } from './rule.js';

/** A body where there was none (204 -> 200 with a body): clients that ignored the body still can. */
export const responseBodyAdded = defineRule({
  id: 'response-body-added',
  direction: 'response',
  defaultSeverity: 'info',
  description: 'A response that had no body now has one (e.g. an archive going from 204 to 200 with a body).',
  site: 'response',
  detect: (site) =>
    site.old.schema === undefined && site.new.schema !== undefined
      ? [
          {
            message: `the ${site.new.status} response now has a body (${schemaName(site.new.schema)})`,
            old: '(no body)',
            new: schemaName(site.new.schema),
          },
        ]
      : [],
});
