import type { Fault } from './fault.js';
import { onSuccess } from './kit.js';

/**
 * The bearer token inside a body field: a `links` entry with the token in its query string (a map
 * of strings, so the body stays schema-valid and only redaction can catch it).
 */
export const fault: Fault = {
  name: 'token-echo-body',
  description: 'echoes the exact bearer token in links.retry ("...?access_token=<token>") of batch envelopes',
  kind: 'transport',
  triggers: ['token-redaction'],
  response: onSuccess((body, _response, context) => {
    if (context.token === undefined || typeof body.links !== 'object' || body.links === null) return;
    (body.links as Record<string, string>).retry =
      `https://api.hubapi.com${context.request.path}?access_token=${context.token}`;
  }),
};
