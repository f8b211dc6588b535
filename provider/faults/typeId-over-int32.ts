import type { Fault } from './fault.js';
import { CATEGORY_TYPE_ID_SITES, mapField } from './kit.js';

/** A typeId past 2^31-1: int32 decoders overflow (the class of bug of hubspot-api-php#261, FACTS §8.4). */
export const fault: Fault = {
  name: 'typeId-over-int32',
  description: 'typeId of read-side association types and configuration results raised by 2^32 (outside int32)',
  kind: 'schema',
  triggers: ['int32-range'],
  response: mapField(CATEGORY_TYPE_ID_SITES, 'typeId', (value) =>
    typeof value === 'number' ? value + 2 ** 32 : value,
  ),
};
