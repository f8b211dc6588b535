import type { OperationModel, SchemaNode } from '../model.js';
import { declaresErrors, schemaName } from './helpers.js';
import { defineRule, type StatusPairing } from './rule.js';

/** The old success status whose body the new one continues (same code, or the changed pair). */
export function successPairs(pairing: StatusPairing): (readonly [string, string])[] {
  const same = pairing.same
    .filter((status) => /^2\d\d$/.test(status) && status !== '207')
    .map((status) => [status, status] as const);
  return [...same, ...pairing.changed.filter(([before, after]) => before !== '207' && after !== '207')];
}

function body(op: OperationModel, status: string): SchemaNode | undefined {
  return op.responses.get(status)?.schema;
}

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
    if (site.old.responses.has('207') || !site.new.responses.has('207') || !declaresErrors(body(site.new, '207')))
      return [];
    return successPairs(site.pairing)
      .filter(([before, after]) => declaresErrors(body(site.old, before)) && !declaresErrors(body(site.new, after)))
      .map(([before, after]) => ({
        status: '207',
        message: `errors split out of the ${after} body into a new 207: ${schemaName(body(site.new, after))} has no errors, ${schemaName(body(site.new, '207'))} carries them`,
        old: `${before} ${schemaName(body(site.old, before))} (with errors)`,
        new: `${after} ${schemaName(body(site.new, after))} + 207 ${schemaName(body(site.new, '207'))}`,
      }));
  },
});
