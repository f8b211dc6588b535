import { isSuccessStatus } from '../model.js';
import { defineRule } from './rule.js';

/** A client that handles this success code never sees it again and gets one it may not handle (oasdiff ERR). */
export const responseSuccessStatusRemoved = defineRule({
  id: 'response-success-status-removed',
  direction: 'response',
  defaultSeverity: 'breaking',
  description:
    'A 2xx status is no longer declared and no other success code of the same kind replaces it (a removed 207 is this rule).',
  site: 'responses',
  detect: (site) =>
    site.pairing.removed.filter(isSuccessStatus).map((status) => ({
      status,
      message: `success status ${status} is no longer declared (new: ${[...site.new.responses.keys()].join(', ') || 'none'})`,
      old: status,
    })),
});
