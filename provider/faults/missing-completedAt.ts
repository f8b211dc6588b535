import type { Fault } from './fault.js';
import { dropField } from './kit.js';

/** drops the required completedAt from every batch envelope */
export const fault: Fault = {
  name: 'missing-completedAt',
  description: 'drops the required completedAt from every batch envelope',
  kind: 'schema',
  triggers: ['required'],
  response: dropField([[]], 'completedAt'),
};
