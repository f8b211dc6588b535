import type { Fault } from './fault.js';
import { onSuccess } from './kit.js';

/** A batch that completed before it started: durations and timeouts computed from it go negative. */
export const fault: Fault = {
  name: 'timestamps-reversed',
  description: 'completedAt set one second before startedAt',
  kind: 'schema',
  triggers: ['timestamps-ordered'],
  response: onSuccess((body) => {
    if (typeof body.startedAt === 'string' && Object.hasOwn(body, 'completedAt'))
      body.completedAt = new Date(Date.parse(body.startedAt) - 1000).toISOString();
  }),
};
