import type { Fault } from './fault.js';
import { onError } from './kit.js';

/** A correlationId that is not a UUID (the schema's format), e.g. a gateway's own request number. */
export const fault: Fault = {
  name: 'error-correlationId-not-uuid',
  description: 'the correlationId of every error body becomes "req-" plus its hex digits (not a UUID)',
  kind: 'schema',
  triggers: ['error-shape'],
  response: onError((body) => {
    if (typeof body.correlationId === 'string') body.correlationId = `req-${body.correlationId.replace(/-/g, '')}`;
  }),
};
