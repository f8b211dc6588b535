import type { Fault } from './fault.js';
import { dropField } from './kit.js';

/** drops the required results array from every batch envelope */
export const fault: Fault = {
  name: 'missing-results',
  description: 'drops the required results array from every batch envelope',
  kind: 'schema',
  triggers: ['required'],
  response: dropField([[]], 'results'),
};
