import type { Fault } from './fault.js';
import { withHeader } from './kit.js';

/** The bearer token repeated in a response header: hsac must redact it from every report and log. */
export const fault: Fault = {
  name: 'token-echo-header',
  description: 'echoes the exact bearer token in an X-Echo-Authorization response header',
  kind: 'transport',
  triggers: ['token-redaction'],
  response: (response, context) =>
    context.token === undefined ? response : withHeader(response, 'X-Echo-Authorization', `Bearer ${context.token}`),
};
