import { ERROR_STATUSES } from '../../src/catalogue/index.js';
import type { Fault } from './fault.js';
import { onError } from './kit.js';

/** A 429 without policyName: HubSpot's SDK retries only TEN_SECONDLY_ROLLING, so it cannot decide (FACTS §6). */
export const fault: Fault = {
  name: 'rate-limit-body-missing-policyName',
  description: 'drops policyName from 429 bodies',
  kind: 'exchange',
  triggers: ['rate-limit-contract', 'error-shape'],
  response: onError((body, response) => {
    if (response.status === ERROR_STATUSES.tooManyRequests) delete body.policyName;
  }),
};
