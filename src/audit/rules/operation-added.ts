import { operationLabel } from '../model.js';
import { addedSide } from './helpers.js';
import { defineRule } from './rule.js';

/** A new operation: nothing a client does today stops working. */
export const operationAdded = defineRule({
  id: 'operation-added',
  direction: 'operation',
  defaultSeverity: 'info',
  description: 'An operation exists only in the new version.',
  site: 'operation',
  detect: (site) => {
    const added = addedSide(site);
    return added === undefined ? [] : [{ message: `${operationLabel(added)} was added`, new: added.pathTemplate }];
  },
});
