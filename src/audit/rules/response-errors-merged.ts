import { declaresErrors, responseBody, schemaName, successPairs } from './helpers.js';
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
    const partial = responseBody(site.old, '207');
    if (site.new.responses.has('207') || !declaresErrors(partial)) return [];
    return successPairs(site.pairing)
      .filter(
        ([before, after]) =>
          !declaresErrors(responseBody(site.old, before)) && declaresErrors(responseBody(site.new, after)),
      )
      .map(([before, after]) => ({
        status: '207',
        message: `the 207 is gone and its errors are merged into the ${after} body (${schemaName(responseBody(site.new, after))})`,
        old: `${before} ${schemaName(responseBody(site.old, before))} + 207 ${schemaName(partial)}`,
        new: `${after} ${schemaName(responseBody(site.new, after))} (with errors)`,
      }));
  },
});
