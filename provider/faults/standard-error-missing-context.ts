import type { Fault } from './fault.js';
import { dropField } from './kit.js';

/** A StandardError without its required context (api-evangelist's structure requires only three fields, FACTS §7). */
export const fault: Fault = {
  name: 'standard-error-missing-context',
  description: 'drops the required context from every StandardError in a batch envelope',
  kind: 'schema',
  triggers: ['error-shape'],
  response: dropField([['errors', '*']], 'context'),
};
