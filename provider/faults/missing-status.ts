import type { Fault } from './fault.js';
import { dropField } from './kit.js';

/** drops the required batch status from every batch envelope */
export const fault: Fault = {
  name: 'missing-status',
  description: 'drops the required batch status from every batch envelope',
  kind: 'schema',
  triggers: ['required'],
  response: dropField([[]], 'status'),
};
