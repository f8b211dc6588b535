import { SUCCESS_STATUSES } from '../../src/catalogue/index.js';
import type { Fault } from './fault.js';

/**
 * 200 where the version declares 201: the change that broke HubSpot's Node, PHP and Python SDKs in
 * 2025 (FACTS §8.1-§8.2). Right family, wrong code: a warning, never a failure, for hsac.
 */
export const fault: Fault = {
  name: 'status-200-for-201',
  description: 'answers 200 where the version declares 201 (configurations create in v4 and 2026-03)',
  kind: 'exchange',
  triggers: ['status-code'],
  response: (response) =>
    response.status === SUCCESS_STATUSES.created ? { ...response, status: SUCCESS_STATUSES.ok } : response,
};
