import type { Fault } from './fault.js';

/**
 * `after` is ignored, so every page is the first and `paging.next.after` never changes: the
 * infinite loop of hubspot-api-python#187 (FACTS §8.9).
 */
export const fault: Fault = {
  name: 'paging-not-advancing',
  description: "batch read ignores each input's after cursor: every request answers the first page again",
  kind: 'exchange',
  triggers: ['paging-terminates'],
  policy: { honourPagingCursor: false },
};
