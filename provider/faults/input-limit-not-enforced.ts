import type { Fault } from './fault.js';

/** Batch read accepts more than 1000 inputs, the limit HubSpot enforces since 2025-02-10 (FACTS §2). */
export const fault: Fault = {
  name: 'input-limit-not-enforced',
  description: 'batch read answers more than 1000 inputs instead of refusing them with 400',
  kind: 'exchange',
  triggers: ['input-limit-enforced'],
  policy: { enforceInputLimit: false },
};
