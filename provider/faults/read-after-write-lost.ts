import type { Fault } from './fault.js';

/** Association writes answer as created but are not stored: the next read does not show them. */
export const fault: Fault = {
  name: 'read-after-write-lost',
  description: 'associate default (batch and PUT) reports success but stores nothing, so a read misses it',
  kind: 'exchange',
  triggers: ['read-after-write'],
  policy: { persistAssociationWrites: false },
};
