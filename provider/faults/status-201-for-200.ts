import { SUCCESS_STATUSES } from '../../src/catalogue/index.js';
import type { Fault } from './fault.js';

/**
 * 201 where the version declares 200: the other half of the 2025 change (FACTS §8.1, §8.7: a server
 * and its spec that disagree on the success code). Every HubSpot SDK generated with exact-code
 * matching throws on it (hubspot-api-nodejs#656); for hsac it is the right family, a warning. It is
 * the provider's answer `hsac gate sdk --target` needs to judge an SDK's status tolerance over HTTP.
 */
export const fault: Fault = {
  name: 'status-201-for-200',
  description: 'answers 201 where the version declares 200 (every success of the endpoints under test that is a 200)',
  kind: 'exchange',
  triggers: ['status-code'],
  response: (response, context) =>
    response.status === SUCCESS_STATUSES.ok &&
    context.operation.responses.some((declared) => declared.status === SUCCESS_STATUSES.ok)
      ? { ...response, status: SUCCESS_STATUSES.created }
      : response,
};
