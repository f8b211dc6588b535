import { ERROR_STATUSES } from '../../src/catalogue/index.js';
import type { Fault } from './fault.js';

const PAGE = `<!DOCTYPE html>
<html lang="en"><head><title>502 Bad Gateway</title></head>
<body><h1>Bad Gateway</h1><p>The server encountered a temporary error and could not complete your request.</p></body></html>
`;

/** A CDN's HTML error page instead of the API's JSON: what clients meet when the edge fails. */
export const fault: Fault = {
  name: 'html-error-page',
  description: 'every answer becomes a 502 text/html error page',
  kind: 'transport',
  // A 502 page is the gateway's, retried and then unchecked (inconclusive); its HTML is never judged as HubSpot's JSON.
  triggers: ['transport'],
  response: (response) => ({
    status: ERROR_STATUSES.badGateway,
    headers: response.headers,
    payload: { type: 'text', contentType: 'text/html; charset=utf-8', text: PAGE },
  }),
};
