import { operation } from '../catalogue/index.js';
import { field, shown } from '../json.js';
import { jsonId } from '../validate/batch-view.js';
import type { RecordPool } from './commands.js';
import type { Journal } from './journal.js';
import type { RunOptions } from './options.js';
import { createRecords, ProvisioningError, type GivenRecords } from './provision.js';
import type { Session } from './session.js';

/**
 * The records a run works on, and their baseline: the records the user gave (and the associations
 * they already have, which the run must never archive), or records created and journaled for it.
 */

/** Records of each type created when none are given. */
const DEFAULT_RECORDS_PER_TYPE = { from: 3, to: 8 } as const;

/** Most pages of the given records' associations read for their baseline (as the paging check bounds a read). */
const BASELINE_MAX_PAGES = 200;

/** The run's record pool: the given records with their existing pairs, or new tagged ones. */
export async function recordPool(
  options: Pick<RunOptions, 'apiVersion' | 'records' | 'recordsPerType'>,
  session: Session,
  journal: Journal,
  runId: string,
): Promise<RecordPool> {
  if (options.records) {
    return {
      fromObjectType: options.records.fromObjectType ?? 'contacts',
      toObjectType: options.records.toObjectType ?? 'companies',
      fromIds: options.records.fromIds,
      toIds: options.records.toIds,
      preexisting: await existingPairs(options.apiVersion, session, options.records),
    };
  }
  const counts = options.recordsPerType ?? DEFAULT_RECORDS_PER_TYPE;
  const fromIds = await createRecords(session, journal, options.apiVersion, 'contacts', counts.from, runId);
  const toIds = await createRecords(session, journal, options.apiVersion, 'companies', counts.to, runId);
  return { fromObjectType: 'contacts', toObjectType: 'companies', fromIds, toIds, preexisting: new Set() };
}

/**
 * Associations given records already have, over every page: the run must never archive them. A
 * pair on a later page missed here would be journaled and archived at cleanup, so paging is
 * followed to the end (bounded, as the paging check bounds it).
 */
async function existingPairs(
  apiVersion: RunOptions['apiVersion'],
  session: Session,
  records: GivenRecords,
): Promise<Set<string>> {
  const pairs = new Set<string>();
  const op = operation('batch-read', apiVersion);
  const params = {
    fromObjectType: records.fromObjectType ?? 'contacts',
    toObjectType: records.toObjectType ?? 'companies',
  };
  let pending: { id: string; after?: string }[] = records.fromIds.map((id) => ({ id }));
  for (let page = 0; pending.length > 0 && page < BASELINE_MAX_PAGES && !session.isStopped(); page++) {
    const observed = await session.call(op, params, { inputs: pending }, 'conformance');
    // An unreadable baseline is reported by the checks; the run then must not touch these records.
    if (observed.body?.ok === false) {
      const why = "cannot read the given records' existing associations (their baseline); refusing to write";
      throw new ProvisioningError(why);
    }
    const { results } = observed.batch;
    if (results === undefined) {
      throw new ProvisioningError("the given records' existing associations could not be read; refusing to write");
    }
    const next: { id: string; after: string }[] = [];
    for (const result of results) {
      const from = String(result.fromId);
      for (const target of result.targets) {
        const toId = jsonId(field(target, 'toObjectId'));
        // A pair the baseline cannot name could be one the run archives at cleanup (the checks report the value).
        if (toId === undefined) {
          const what = shown(field(target, 'toObjectId'), 40);
          throw new ProvisioningError(
            `a given record's existing association names no ID (toObjectId ${what}); refusing to write`,
          );
        }
        pairs.add(`${from}>${toId}`);
      }
      if (result.after !== undefined) next.push({ id: from, after: result.after });
    }
    pending = next;
  }
  return pairs;
}
