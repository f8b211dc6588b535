import { isSuccessStatus } from '../model.js';
import { defineRule } from './rule.js';

/** An error status no longer documented still reaches the client as an error (oasdiff INFO). */
export const responseNonSuccessStatusRemoved = defineRule({
  id: 'response-non-success-status-removed',
  direction: 'response',
  defaultSeverity: 'info',
  description: 'A non-2xx status (or `default`) is no longer declared.',
  site: 'responses',
  detect: (site) =>
    site.pairing.removed
      .filter((status) => !isSuccessStatus(status))
      .map((status) => ({ status, message: `status ${status} is no longer declared`, old: status })),
});
