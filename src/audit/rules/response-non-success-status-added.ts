import { isSuccessStatus } from '../model.js';
import { defineRule } from './rule.js';

/** Documenting another error status changes nothing a client relies on (oasdiff INFO). */
export const responseNonSuccessStatusAdded = defineRule({
  id: 'response-non-success-status-added',
  direction: 'response',
  defaultSeverity: 'info',
  description: 'A non-2xx status (or `default`) is newly declared.',
  site: 'responses',
  detect: (site) =>
    site.pairing.added
      .filter((status) => !isSuccessStatus(status))
      .map((status) => ({ status, message: `status ${status} is newly declared`, new: status })),
});
