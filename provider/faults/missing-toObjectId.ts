import type { Fault } from './fault.js';
import { dropField } from './kit.js';

/** drops to[].toObjectId from batch read results */
export const fault: Fault = {
  name: 'missing-toObjectId',
  description: 'drops to[].toObjectId from batch read results',
  kind: 'schema',
  triggers: ['required'],
  response: dropField([['results', '*', 'to', '*']], 'toObjectId'),
};
