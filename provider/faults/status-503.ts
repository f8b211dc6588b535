import { ERROR_STATUSES } from '../../src/catalogue/index.js';
import { serverErrorFault } from './server-error.js';

/** Service unavailable: maintenance or overload. */
export const fault = serverErrorFault(
  'status-503',
  ERROR_STATUSES.serviceUnavailable,
  'SERVICE_UNAVAILABLE',
  'The service is temporarily unavailable',
);
