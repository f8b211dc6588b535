import { isSuccess } from '../../src/catalogue/index.js';
import { JSON_CONTENT_TYPE } from '../http-types.js';
import type { Fault } from './fault.js';

/**
 * Every 2xx batch body says `status` twice, `"CANCELED"` first and the real value last: valid JSON
 * to a last-wins parser (JavaScript, Jackson by default), a canceled batch to a first-wins one
 * (some streaming parsers, Go's json with custom decoders). Two clients read two different answers.
 */
export const fault: Fault = {
  name: 'duplicate-status-key',
  description: 'every 2xx JSON object body with a status repeats it, "CANCELED" first (parsers disagree on which wins)',
  kind: 'schema',
  triggers: ['duplicate-key'],
  delivery: (delivery) => {
    if (
      !isSuccess(delivery.status) ||
      !(delivery.headers['Content-Type'] ?? delivery.headers['content-type'] ?? JSON_CONTENT_TYPE).includes('json')
    )
      return delivery;
    const text = delivery.body.toString('utf8');
    // The body is the sandbox's own compact JSON: an object whose first key may be "status".
    if (!text.startsWith('{"status":')) return delivery;
    return { ...delivery, body: Buffer.from(`{"status":"CANCELED",${text.slice(1)}`, 'utf8') };
  },
};
