import { ERROR_STATUSES } from '../../src/catalogue/index.js';
import { CORRELATION_HEADER } from '../http-types.js';
import type { Fault } from './fault.js';

/**
 * A 429 of a shape HubSpot's own (FACTS §6) is not: a JSON error without `policyName` and without
 * `Retry-After`, on the calls a run makes around the endpoints under test (provisioning, archive,
 * cleanup), where a client that retries only what it recognises gives up and leaves the run
 * inconclusive. It still carries the window (`X-HubSpot-RateLimit-Interval-Milliseconds`) and
 * `Remaining: 0`, so a client can wait the window out. Once per auxiliary operation: the retry is
 * served. Account details is spared, so the run can start and meet the others.
 */
export const fault: Fault = {
  name: 'rate-limit-unnamed-auxiliary',
  description:
    'the first request of each auxiliary operation but account details is a 429 without policyName or Retry-After (window headers only); the retry is served',
  kind: 'exchange',
  triggers: ['rate-limit-contract'],
  auxiliaryIntercept: (context) => {
    if (context.operation.id === 'account-details' || !context.firstTime(context.operation.id)) return undefined;
    return {
      status: ERROR_STATUSES.tooManyRequests,
      headers: {
        [CORRELATION_HEADER]: context.correlationId,
        'X-HubSpot-RateLimit-Interval-Milliseconds': String(context.rateLimit.intervalMs),
        'X-HubSpot-RateLimit-Max': String(context.rateLimit.max),
        'X-HubSpot-RateLimit-Remaining': '0',
      },
      payload: {
        type: 'json',
        value: {
          status: 'error',
          message: 'You have reached your rate limit.',
          category: 'RATE_LIMITS',
          correlationId: context.correlationId,
        },
      },
    };
  },
};
