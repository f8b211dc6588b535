import { ERROR_STATUSES } from '../../src/catalogue/index.js';
import { serverErrorFault } from './server-error.js';

/** A bad gateway: the edge could not reach the API. */
export const fault = serverErrorFault(
  'status-502',
  ERROR_STATUSES.badGateway,
  'BAD_GATEWAY',
  'The upstream server did not answer in time',
);
