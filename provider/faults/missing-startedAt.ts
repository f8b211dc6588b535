import type { Fault } from './fault.js';
import { dropField } from './kit.js';

/** drops the required startedAt from every batch envelope */
export const fault: Fault = {
  name: 'missing-startedAt',
  description: 'drops the required startedAt from every batch envelope',
  kind: 'schema',
  triggers: ['required'],
  response: dropField([[]], 'startedAt'),
};
