import type { Fault } from './fault.js';
import { onSuccess } from './kit.js';

/** A field the schema does not declare, as HubSpot added fields inside "immutable" versions (FACTS §5). */
export const fault: Fault = {
  name: 'unknown-envelope-field',
  description: 'adds an undeclared "batchId" field to every batch envelope',
  kind: 'schema',
  triggers: ['unknown-field'],
  response: onSuccess((body) => {
    body.batchId = 'b-0001';
  }),
};
