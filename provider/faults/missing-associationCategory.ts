import type { Fault } from './fault.js';
import { dropField } from './kit.js';

/** drops associationSpec.associationCategory from default association results */
export const fault: Fault = {
  name: 'missing-associationCategory',
  description: 'drops associationSpec.associationCategory from default association results',
  kind: 'schema',
  triggers: ['required'],
  response: dropField([['results', '*', 'associationSpec']], 'associationCategory'),
};
