import type { Fault } from './fault.js';
import { CATEGORY_TYPE_ID_SITES, mapField } from './kit.js';

/** An int32 sent as a string ("279"): a loosely typed serializer on the server side. */
export const fault: Fault = {
  name: 'typeId-string',
  description: 'typeId of read-side association types and configuration results sent as a string',
  kind: 'schema',
  triggers: ['type'],
  response: mapField(CATEGORY_TYPE_ID_SITES, 'typeId', (value) => String(value)),
};
