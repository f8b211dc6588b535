import { decodeCursor, encodeCursor } from '../cursor.js';
import type { Fault } from './fault.js';
import { onSuccess } from './kit.js';

/**
 * Every batch-read result says there is a next page, even the last (and the empty pages past it),
 * with cursors that keep advancing: a client that follows `paging.next.after` never stops.
 */
export const fault: Fault = {
  name: 'paging-never-ends',
  description: 'every batch read result gets paging.next.after (one page further), even past the last page',
  kind: 'exchange',
  triggers: ['paging-terminates'],
  response: onSuccess((body, _response, context) => {
    if (context.operation.endpoint !== 'batch-read' || !Array.isArray(body.results)) return;
    const request = context.request.body as { inputs?: { id?: unknown; after?: unknown }[] } | undefined;
    const inputs = Array.isArray(request?.inputs) ? request.inputs : [];
    for (const result of body.results as Record<string, unknown>[]) {
      if (Object.hasOwn(result, 'paging')) continue;
      const fromId = (result.from as { id?: unknown } | undefined)?.id;
      const input = inputs.find((candidate) => String(candidate.id) === String(fromId));
      const offset = typeof input?.after === 'string' ? (decodeCursor(input.after) ?? 0) : 0;
      result.paging = { next: { after: encodeCursor(offset + context.pageSize) } };
    }
  }),
};
