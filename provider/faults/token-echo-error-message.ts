import type { Fault } from './fault.js';
import { onError } from './kit.js';

/** The bearer token quoted in an error message, as careless error handlers do. */
export const fault: Fault = {
  name: 'token-echo-error-message',
  description: 'appends the exact bearer token to the message of every error body',
  kind: 'transport',
  triggers: ['token-redaction'],
  response: onError((body, _response, context) => {
    if (context.token !== undefined && typeof body.message === 'string')
      body.message = `${body.message} (Authorization: Bearer ${context.token})`;
  }),
};
