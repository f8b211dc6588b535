import { declaresErrors, schemaName } from './helpers.js';
import { successPairs } from './response-errors-split.js';
import { defineRule } from './rule.js';

/**
 * The reverse of the split (2026-03 -> 2026-09 draft, FACTS.md §5): the 207 is gone and its errors
 * now ride in the success body. Clients that branch on 207 never see it; those reading the 200 as
 * all-success now miss failures.
 */
export const responseErrorsMerged = defineRule({
  id: 'response-errors-merged',
  direction: 'response',
  defaultSeverity: 'breaking',
  description: 'A 207 `*WithErrors` response was removed and its errors merged into the success body.',
  site: 'responses',
  detect: (site) => {
    const partial = site.old.responses.get('207')?.schema;
    if (!site.old.responses.has('207') || site.new.responses.has('207') || !declaresErrors(partial)) return [];
    return successPairs(site.pairing)
      .filter(
        ([before, after]) =>
          !declaresErrors(site.old.responses.get(before)?.schema) &&
          declaresErrors(site.new.responses.get(after)?.schema),
      )
      .map(([before, after]) => ({
        status: '207',
        message: `the 207 is gone and its errors are merged into the ${after} body (${schemaName(site.new.responses.get(after)?.schema)})`,
        old: `${before} ${schemaName(site.old.responses.get(before)?.schema)} + 207 ${schemaName(partial)}`,
        new: `${after} ${schemaName(site.new.responses.get(after)?.schema)} (with errors)`,
      }));
  },
});
