import { schemaName } from './helpers.js';
import { defineRule } from './rule.js';

/**
 * A body clients read is gone (200 -> 204, or `content` dropped): whatever they parsed is missing (oasdiff
 * `response-body-media-type-schema-removed`, ERR).
 */
export const responseBodyRemoved = defineRule({
  id: 'response-body-removed',
  direction: 'response',
  defaultSeverity: 'breaking',
  description: 'A response that had a body has none (e.g. an archive going from 200 with a body to 204 No Content).',
  site: 'response',
  detect: (site) =>
    site.old.schema !== undefined && site.new.schema === undefined
      ? [
          {
            message: `the ${site.new.status} response has no body any more (was ${schemaName(site.old.schema)})`,
            old: schemaName(site.old.schema),
            new: '(no body)',
          },
        ]
      : [],
});
