import type { Fault } from './fault.js';
import { mapField } from './kit.js';

/**
 * Record IDs as JSON numbers where the spec says string: what the live API did (hubspot-api-nodejs#552, FACTS
 * §8.3).
 */
export const fault: Fault = {
  name: 'toObjectId-number',
  description: 'batch read to[].toObjectId sent as a JSON number instead of a string',
  kind: 'schema',
  triggers: ['type'],
  response: mapField([['results', '*', 'to', '*']], 'toObjectId', (value) => Number(value)),
};
