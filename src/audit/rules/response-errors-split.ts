import { declaresErrors, responseBody, schemaName, successPairs } from './helpers.js';
import { defineRule } from './rule.js';

/**
 * HubSpot's `*WithErrors` split (FACTS.md §2, §3, §5): per-input errors leave the success body and
 * move to a new 207 whose schema is the old body with `errors`. A client reading `errors` from the
 * 200/201 sees none, and partial failures arrive under a code it may not handle.
 */
export const responseErrorsSplit = defineRule({
  id: 'response-errors-split',
  direction: 'response',
  defaultSeverity: 'breaking',
  description: 'Errors moved out of the success body into a new 207 `*WithErrors` response.',
  site: 'responses',
  detect: (site) => {
    if (site.old.responses.has('207') || !declaresErrors(responseBody(site.new, '207'))) return [];
    return successPairs(site.pairing)
      .filter(
        ([before, after]) =>
          declaresErrors(responseBody(site.old, before)) && !declaresErrors(responseBody(site.new, after)),
      )
      .map(([before, after]) => ({
        status: '207',
        message: `errors split out of the ${after} body into a new 207: ${schemaName(responseBody(site.new, after))} has no errors, ${schemaName(responseBody(site.new, '207'))} carries them`,
        old: `${before} ${schemaName(responseBody(site.old, before))} (with errors)`,
        new: `${after} ${schemaName(responseBody(site.new, after))} + 207 ${schemaName(responseBody(site.new, '207'))}`,
      }));
  },
});
