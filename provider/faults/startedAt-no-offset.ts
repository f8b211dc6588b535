import type { Fault } from './fault.js';
import { mapField } from './kit.js';

/** A local date-time without an offset: not RFC 3339, and parsed in the client's own time zone. */
export const fault: Fault = {
  name: 'startedAt-no-offset',
  description: 'startedAt without its time-zone offset ("2026-11-20T09:15:02.118")',
  kind: 'schema',
  triggers: ['format'],
  response: mapField([[]], 'startedAt', (value) =>
    typeof value === 'string' ? value.replace(/(Z|[+-]\d{2}:\d{2})$/i, '') : value,
  ),
};
