import type { Fault } from './fault.js';
import { mapField } from './kit.js';

/** Java's Map#toString of a map of lists: `{ids=[1, 2]}`. */
const javaToString = (value: unknown): unknown =>
  typeof value === 'object' && value !== null
    ? `{${Object.entries(value)
        .map(([key, list]) => `${key}=[${Array.isArray(list) ? list.join(', ') : String(list)}]`)
        .join(', ')}}`
    : value;

/** ErrorDetail.context as a string, exactly as HubSpot's docs example renders it (FACTS §5, §7.3). */
export const fault: Fault = {
  name: 'error-detail-context-string',
  description: 'ErrorDetail.context inside StandardErrors sent as the string "{ids=[...]}" (the docs example)',
  kind: 'schema',
  triggers: ['error-shape'],
  response: mapField([['errors', '*', 'errors', '*']], 'context', javaToString),
};
