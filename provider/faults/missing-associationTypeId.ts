import type { Fault } from './fault.js';
import { dropField } from './kit.js';

/** drops associationSpec.associationTypeId from default association results */
export const fault: Fault = {
  name: 'missing-associationTypeId',
  description: 'drops associationSpec.associationTypeId from default association results',
  kind: 'schema',
  triggers: ['required'],
  response: dropField([['results', '*', 'associationSpec']], 'associationTypeId'),
};
