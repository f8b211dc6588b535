import type { Fault } from './fault.js';
import { onError } from './kit.js';

/** An error body without the correlationId a user quotes to HubSpot support. */
export const fault: Fault = {
  name: 'error-missing-correlationId',
  description: 'drops the required correlationId from every error body (Error and 429)',
  kind: 'schema',
  triggers: ['error-shape'],
  response: onError((body) => {
    delete body.correlationId;
  }),
};
