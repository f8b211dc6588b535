import type { Fault } from './fault.js';
import { dropField } from './kit.js';

/** drops results[].associationSpec from default association results */
export const fault: Fault = {
  name: 'missing-associationSpec',
  description: 'drops results[].associationSpec from default association results',
  kind: 'schema',
  triggers: ['required'],
  response: dropField([['results', '*']], 'associationSpec'),
};
