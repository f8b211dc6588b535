import type { Fault } from './fault.js';
import { mapField } from './kit.js';

/** A date written with JavaScript's `Date#toString`: readable, not RFC 3339. */
export const fault: Fault = {
  name: 'completedAt-locale-string',
  description: 'completedAt written as Date#toString ("Fri Nov 20 2026 09:15:02 GMT+0000 ...") instead of RFC 3339',
  kind: 'schema',
  triggers: ['format'],
  response: mapField([[]], 'completedAt', (value) => (typeof value === 'string' ? new Date(value).toString() : value)),
};
