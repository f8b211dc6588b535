import type { Fault } from './fault.js';
import { onSuccess } from './kit.js';

/**
 * The batch status spelled as the spec's prose spells it, `CANCELLED` (two Ls), which the enum does
 * not allow (FACTS §5, §7.1): a client switching on the enum falls through.
 */
export const fault: Fault = {
  name: 'status-cancelled',
  description: 'batch status "CANCELLED" (two Ls, not in the enum) instead of "COMPLETE"',
  kind: 'schema',
  triggers: ['status-enum'],
  response: onSuccess((body) => {
    if (Object.hasOwn(body, 'status')) body.status = 'CANCELLED';
  }),
};
