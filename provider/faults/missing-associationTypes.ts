import type { Fault } from './fault.js';
import { dropField } from './kit.js';

/** drops to[].associationTypes from batch read results */
export const fault: Fault = {
  name: 'missing-associationTypes',
  description: 'drops to[].associationTypes from batch read results',
  kind: 'schema',
  triggers: ['required'],
  response: dropField([['results', '*', 'to', '*']], 'associationTypes'),
};
