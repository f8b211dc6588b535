import { isSuccessStatus } from '../model.js';
import { defineRule } from './rule.js';

/**
 * oasdiff rates a new success code INFO; hsac warns, because exact-code clients drop what they do
 * not expect: a batch read gaining 207 lost partial results in the PHP SDK (FACTS.md §8.5).
 */
export const responseSuccessStatusAdded = defineRule({
  id: 'response-success-status-added',
  direction: 'response',
  defaultSeverity: 'warning',
  description: 'A new 2xx status is declared (not replacing another); clients that match exact codes may mishandle it.',
  site: 'responses',
  detect: (site) =>
    site.pairing.added.filter(isSuccessStatus).map((status) => ({
      status,
      message: `new success status ${status}; clients that only know ${[...site.old.responses.keys()].filter(isSuccessStatus).join('/') || 'none'} must handle it`,
      new: status,
    })),
});
