import type { Fault } from './fault.js';
import { CATEGORY_TYPE_ID_SITES, dropField } from './kit.js';

/** drops category from read-side association types and from configuration results */
export const fault: Fault = {
  name: 'missing-category',
  description: 'drops category from read-side association types and from configuration results',
  kind: 'schema',
  triggers: ['required'],
  response: dropField(CATEGORY_TYPE_ID_SITES, 'category'),
};
