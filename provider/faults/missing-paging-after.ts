import type { Fault } from './fault.js';
import { dropField } from './kit.js';

/** drops paging.next.after, leaving an empty next page object */
export const fault: Fault = {
  name: 'missing-paging-after',
  description: 'drops paging.next.after, leaving an empty next page object',
  kind: 'schema',
  triggers: ['required'],
  response: dropField([['results', '*', 'paging', 'next']], 'after'),
};
