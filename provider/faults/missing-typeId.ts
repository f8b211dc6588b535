import type { Fault } from './fault.js';
import { CATEGORY_TYPE_ID_SITES, dropField } from './kit.js';

/** drops typeId from read-side association types and from configuration results */
export const fault: Fault = {
  name: 'missing-typeId',
  description: 'drops typeId from read-side association types and from configuration results',
  kind: 'schema',
  triggers: ['required'],
  response: dropField(CATEGORY_TYPE_ID_SITES, 'typeId'),
};
