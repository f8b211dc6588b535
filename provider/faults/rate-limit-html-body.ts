import { ERROR_STATUSES } from '../../src/catalogue/index.js';
import type { Fault } from './fault.js';

/** An edge gateway's page: not HubSpot's JSON, no HubSpot header, only the gateway's Retry-After. */
const PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>429 Too Many Requests</title></head>
<body><h1>429 Too Many Requests</h1><p>You have sent too many requests in a given amount of time. Please retry later.</p>
<hr><p>edge gateway</p></body></html>
`;

/**
 * A 429 with an HTML body, as an edge gateway in front of the API answers: a client that only
 * reads JSON 429s retries it silently, and nothing says the 429 broke the contract. Once per
 * endpoint under test, before the request is counted or handled (nothing written); the retry is served.
 */
export const fault: Fault = {
  name: 'rate-limit-html-body',
  description:
    'the first request to each endpoint under test is a 429 text/html gateway page with Retry-After: 1; the retry is served',
  kind: 'exchange',
  triggers: ['rate-limit-contract'],
  intercept: (context) => {
    if (!context.firstTime(context.operation.endpoint)) return undefined;
    return {
      status: ERROR_STATUSES.tooManyRequests,
      headers: { 'Retry-After': '1' },
      payload: { type: 'text', contentType: 'text/html; charset=utf-8', text: PAGE },
    };
  },
};
