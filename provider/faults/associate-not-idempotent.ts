import type { Fault } from './fault.js';

/**
 * Associating a pair that is already associated answers with another association type, as a
 * server that inserts instead of upserting would: retries after a timeout then change the data.
 */
export const fault: Fault = {
  name: 'associate-not-idempotent',
  description: 'associate default on an already associated pair answers with a different association type',
  kind: 'exchange',
  triggers: ['idempotent'],
  policy: { idempotentDefaultAssociation: false },
};
