import type { Fault } from './fault.js';
import { dropField } from './kit.js';

/** drops results[].from (batch read and default association results) */
export const fault: Fault = {
  name: 'missing-from',
  description: 'drops results[].from (batch read and default association results)',
  kind: 'schema',
  triggers: ['required'],
  response: dropField([['results', '*']], 'from'),
};
