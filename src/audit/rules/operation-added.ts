import { operationLabel } from '../model.js';
import { defineRule } from './rule.js';

/** A new operation: nothing a client does today stops working. */
export const operationAdded = defineRule({
  id: 'operation-added',
  direction: 'operation',
  defaultSeverity: 'info',
  description: 'An operation exists only in the new version.',
  site: 'operation',
  detect: (site) =>
    site.old === undefined && site.new !== undefined
      ? [{ message: `${operationLabel(site.new)} was added`, new: site.new.pathTemplate }]
      : [],
});
