import { isSuccess } from '../catalogue/index.js';
import { field } from '../json.js';
import { jsonId } from '../validate/batch-view.js';
import type { ObservedExchange, ReplayedExchange } from './types.js';

/**
 * How the sequence checks read a replay (`rebuild`): what each re-sent request asked for, from its recorded body and
 * path, and whether its new answer succeeded. One reader per request shape the runner sends, so the four rebuilds
 * agree on them.
 */

/** A pair of records, `[fromId, toId]`. */
export type Pair = readonly [string, string];

/** The answer of an exchange with an endpoint under test; undefined for an auxiliary call. */
export function endpointAnswer(replayed: ReplayedExchange): ObservedExchange | undefined {
  return 'operation' in replayed.now ? replayed.now : undefined;
}

/** The endpoint answers among `exchanges` to `endpoint`, in order. */
export function answersOf(exchanges: readonly ReplayedExchange[], endpoint: string): ObservedExchange[] {
  return exchanges.flatMap((replayed) => {
    const answer = replayed.endpoint === endpoint ? endpointAnswer(replayed) : undefined;
    return answer ? [answer] : [];
  });
}

/** Whether its new answer is a 2xx. */
export function succeededNow(replayed: ReplayedExchange): boolean {
  return isSuccess(replayed.now.exchange.response?.status ?? 0);
}

/** The items of a body's `inputs`, or none. */
function inputsOf(sent: unknown): readonly unknown[] {
  const inputs = field(sent, 'inputs');
  // Stryker disable next-line ArrayDeclaration: an item that is text holds no field, so no reader takes one from it
  return Array.isArray(inputs) ? inputs : [];
}

/** The record ids a batch read asked for (`inputs[].id`), in order. */
export function readIds(sent: unknown): string[] {
  return inputsOf(sent).flatMap((input) => jsonId(field(input, 'id')) ?? []);
}

/** The cursor a batch read of one record asked with (`inputs[0].after`), if any. */
export function askedAfter(sent: unknown): string | undefined {
  const after = field(inputsOf(sent)[0], 'after');
  return typeof after === 'string' ? after : undefined;
}

/** The pair a request names in its path (PUT default, DELETE of one association), if it does. */
function pathPair(replayed: ReplayedExchange): Pair[] {
  const { fromObjectId, toObjectId } = replayed.params;
  return fromObjectId !== undefined && toObjectId !== undefined ? [[fromObjectId, toObjectId]] : [];
}

/** The pairs an associate-default write asked for: the batch's `inputs[{from: {id}, to: {id}}]`, or the PUT's path. */
export function requestedPairs(replayed: ReplayedExchange): Pair[] {
  if (replayed.endpoint === 'associate-default') return pathPair(replayed);
  return inputsOf(replayed.sent).flatMap((input): Pair[] => {
    const [from, to] = [jsonId(field(field(input, 'from'), 'id')), jsonId(field(field(input, 'to'), 'id'))];
    return from !== undefined && to !== undefined ? [[from, to]] : [];
  });
}

/** The pairs an archive asked to remove: a batch archive's `inputs[{from: {id}, to: [{id}]}]`, a DELETE's path. */
export function archivedPairs(replayed: ReplayedExchange): Pair[] {
  if (replayed.endpoint === 'association-archive-single') return pathPair(replayed);
  return inputsOf(replayed.sent).flatMap((input): Pair[] => {
    const from = jsonId(field(field(input, 'from'), 'id'));
    const to = field(input, 'to');
    if (from === undefined || !Array.isArray(to)) return [];
    return to.flatMap((target): Pair[] => {
      const toId = jsonId(field(target, 'id'));
      return toId === undefined ? [] : [[from, toId]];
    });
  });
}

/** Whether a cursor leads on from the page that returned it: present, and not the one the page was asked with. */
function leadsOn(next: string | undefined, asked: string | undefined): boolean {
  return next !== undefined && next !== asked;
}

/**
 * Whether the re-sent reads stop short of a record's associations: the last page of some record now leads to a next
 * page where the run's ended (or repeated its cursor), a page the run never asked for and a replay, which sends only
 * the run's requests, cannot read. A sequence judged on such reads would be judged on part of the record.
 */
export function readsStopShort(exchanges: readonly ReplayedExchange[]): boolean {
  const lastPage = new Map<string, ReplayedExchange>();
  for (const replayed of exchanges)
    if (replayed.endpoint === 'batch-read') for (const id of readIds(replayed.sent)) lastPage.set(id, replayed);
  return [...lastPage].some(([fromId, page]) => {
    const asked = askedAfter(page.sent);
    return leadsOn(page.now.batch.nextAfter(fromId), asked) && !leadsOn(page.then.batch.nextAfter(fromId), asked);
  });
}
