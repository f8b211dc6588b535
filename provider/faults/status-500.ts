import { ERROR_STATUSES } from '../../src/catalogue/index.js';
import { serverErrorFault } from './server-error.js';

/** An internal server error: retried by HubSpot's SDK with a linear back-off (FACTS §6). */
export const fault = serverErrorFault(
  'status-500',
  ERROR_STATUSES.internalServerError,
  'INTERNAL_ERROR',
  'internal error',
);
