import { ERROR_STATUSES, isSuccess } from '../../src/catalogue/index.js';
import type { Fault } from './fault.js';

/** A successful batch answered with 400 (the success body unchanged): the wrong status family. */
export const fault: Fault = {
  name: 'status-family-4xx',
  description: 'every 2xx answer is sent as 400, its success body unchanged',
  kind: 'exchange',
  triggers: ['status-family'],
  response: (response) => (isSuccess(response.status) ? { ...response, status: ERROR_STATUSES.badRequest } : response),
};
