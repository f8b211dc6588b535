import type { Fault } from './fault.js';
import { mapField } from './kit.js';

/**
 * A record ID that is a JSON object whose `toString` is data: `String()` or a template literal on it throws a
 * TypeError in JavaScript, so a client (or hsac) that converts IDs without looking crashes instead of reporting it.
 */
export const fault: Fault = {
  name: 'hostile-id-object',
  description: 'batch read to[].toObjectId sent as the object {"toString":1} instead of a string',
  kind: 'schema',
  triggers: ['type'],
  response: mapField([['results', '*', 'to', '*']], 'toObjectId', () => ({ toString: 1 })),
};
