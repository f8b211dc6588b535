import type { Fault } from './fault.js';
import { dropField } from './kit.js';

/** drops the id of every from/to record ID object in results */
export const fault: Fault = {
  name: 'missing-id',
  description: 'drops the id of every from/to record ID object in results',
  kind: 'schema',
  triggers: ['required'],
  response: dropField(
    [
      ['results', '*', 'from'],
      ['results', '*', 'to'],
    ],
    'id',
  ),
};
