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
    // Each result's input by from ID, looked up once: a batch of 1000 inputs stays linear.
    const afterById = new Map<string, unknown>();
    for (const input of Array.isArray(request?.inputs) ? request.inputs : [])
      if (!afterById.has(String(input.id))) afterById.set(String(input.id), input.after);
    for (const result of body.results as Record<string, unknown>[]) {
      if (Object.hasOwn(result, 'paging')) continue;
      const after = afterById.get(String((result.from as { id?: unknown } | undefined)?.id));
      // Works at any page size: the next cursor is one page past this one, whatever the page holds.
      const offset = typeof after === 'string' ? (decodeCursor(after) ?? 0) : 0;
      result.paging = { next: { after: encodeCursor(offset + context.pageSize) } };
    }
  }),
};
