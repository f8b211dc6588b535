import type { Fault } from './fault.js';
import { mapField } from './kit.js';

/** `from.id` / `to.id` as JSON numbers (hubspot-api-nodejs#393: clients disagreed on the ID type). */
export const fault: Fault = {
  name: 'id-number',
  description: 'the id of every from/to record ID object in results sent as a JSON number',
  kind: 'schema',
  triggers: ['type'],
  response: mapField(
    [
      ['results', '*', 'from'],
      ['results', '*', 'to'],
    ],
    'id',
    (value) => Number(value),
  ),
};
