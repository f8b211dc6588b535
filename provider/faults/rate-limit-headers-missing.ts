import type { Fault } from './fault.js';

const RATE_LIMIT_HEADER = /^(x-hubspot-ratelimit-|retry-after$)/i;

/** No X-HubSpot-RateLimit-* headers and no Retry-After, on 429s as on every other answer. */
export const fault: Fault = {
  name: 'rate-limit-headers-missing',
  description: 'removes every X-HubSpot-RateLimit-* header and Retry-After',
  kind: 'exchange',
  triggers: ['rate-limit-contract'],
  response: (response) => ({
    ...response,
    headers: Object.fromEntries(Object.entries(response.headers).filter(([name]) => !RATE_LIMIT_HEADER.test(name))),
  }),
};
