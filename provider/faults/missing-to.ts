import type { Fault } from './fault.js';
import { dropField } from './kit.js';

/** drops results[].to (batch read and default association results) */
export const fault: Fault = {
  name: 'missing-to',
  description: 'drops results[].to (batch read and default association results)',
  kind: 'schema',
  triggers: ['required'],
  response: dropField([['results', '*']], 'to'),
};
