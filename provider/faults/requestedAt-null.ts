import type { Fault } from './fault.js';
import { mapField } from './kit.js';

/**
 * `"requestedAt": null`, as real responses carry it (hubspot-api-nodejs#656): an error under strict, a warning under
 * lenient.
 */
export const fault: Fault = {
  name: 'requestedAt-null',
  description: 'requestedAt sent as null (the schema has no null)',
  kind: 'schema',
  triggers: ['type'],
  response: mapField([[]], 'requestedAt', () => null),
};
