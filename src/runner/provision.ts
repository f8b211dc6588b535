import type { ApiVersion } from '../catalogue/index.js';
import { field } from '../json.js';
import { jsonId } from '../validate/batch-view.js';
import { restoreConfigurations } from './configurations.js';
import { leftovers, nothingLeft, type Journal, type JournalEntry } from './journal.js';
import { answeredAsDeclared, describeAnswer, succeeded, type Session } from './session.js';

/** A provisioning or cleanup step that failed: the run cannot go on (or could not tidy up). */
export class ProvisioningError extends Error {
  override readonly name = 'ProvisioningError';
}

/** Records given by the user (`--records FILE`): used, never created nor archived. */
export interface GivenRecords {
  readonly fromObjectType?: string;
  readonly toObjectType?: string;
  readonly fromIds: readonly string[];
  readonly toIds: readonly string[];
}

const PROPERTY_FOR: Readonly<Record<string, string>> = {
  contacts: 'firstname',
  companies: 'name',
  deals: 'dealname',
  tickets: 'subject',
};

/** The ID of each record an objects batch answer lists (digit strings only: anything else is no record). */
export function recordIds(results: readonly { readonly raw: unknown }[]): string[] {
  const ids = results.map(({ raw }) => jsonId(field(raw, 'id')));
  return ids.filter((id): id is string => id !== undefined && /^\d+$/.test(id));
}

/**
 * Creates `count` records of a type through the CRM objects batch create endpoint, tagged with the
 * run id in a name property so a person (or a later cleanup) can find them. The journal says what
 * is about to be created before the request, and the IDs right after.
 */
export async function createRecords(
  session: Session,
  journal: Journal,
  apiVersion: ApiVersion,
  objectType: string,
  count: number,
  tag: string,
): Promise<string[]> {
  journal.append({ kind: 'create-records', objectType, tag, count });
  const property = PROPERTY_FOR[objectType] ?? 'name';
  const inputs = Array.from({ length: count }, (_, i) => ({ properties: { [property]: `${tag}-${i + 1}` } }));
  const answer = await session.auxiliary('objects-batch-create', apiVersion, { objectType }, { inputs });
  const ids = recordIds(answer.batch.results ?? []);
  if (ids.length > 0) journal.append({ kind: 'records-created', objectType, ids });
  if (!succeeded(answer) || ids.length < count) {
    const what = `${describeAnswer(answer)}; ${ids.length} created`;
    throw new ProvisioningError(`creating ${count} ${objectType} failed (${what})`);
  }
  return ids;
}

/** Most missing IDs a refusal names one by one; the rest are counted. */
const NAMED_MISSING = 50;

/**
 * The records given with `--records` that the target does not hold, as `type id` ("contacts
 * 123"), read with the CRM objects batch read (at most 100 IDs a request): an ID its answer does
 * not list (a 207 names them in `errors`) is missing. Read before anything is written, so a wrong
 * file is the user's usage error, not `status-family` findings against the target. An answer that
 * is not a 200 or 207 list says nothing either way: `ProvisioningError` (the run is inconclusive).
 */
export async function missingRecords(
  session: Session,
  apiVersion: ApiVersion,
  records: GivenRecords,
): Promise<string[]> {
  const missing: string[] = [];
  const sides = [
    { objectType: records.fromObjectType ?? 'contacts', ids: records.fromIds },
    { objectType: records.toObjectType ?? 'companies', ids: records.toIds },
  ];
  for (const { objectType, ids } of sides) {
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += ARCHIVE_BATCH) {
      const chunk = unique.slice(i, i + ARCHIVE_BATCH);
      const read = { inputs: chunk.map((id) => ({ id })), properties: [], propertiesWithHistory: [] };
      const answer = await session.auxiliary('objects-batch-read', apiVersion, { objectType }, read);
      // Only a declared answer (200, or 207 naming the rest in `errors`) lists what was found.
      const { results } = answer.batch;
      if (!answeredAsDeclared(answer) || results === undefined) {
        const without = results === undefined ? ' without a results list' : '';
        const answered = `the objects batch read answered ${describeAnswer(answer)}${without}`;
        throw new ProvisioningError(`cannot tell whether the given ${objectType} exist: ${answered}`);
      }
      const found = new Set(results.map(({ raw }) => jsonId(field(raw, 'id'))));
      for (const id of chunk) if (!found.has(id)) missing.push(`${objectType} ${id}`);
    }
  }
  return missing;
}

/** The missing records in one line: the first {@link NAMED_MISSING} by name, the rest counted. */
export function nameMissing(missing: readonly string[]): string {
  const named = missing.slice(0, NAMED_MISSING).join(', ');
  return missing.length > NAMED_MISSING ? `${named} and ${missing.length - NAMED_MISSING} more` : named;
}

/** What a cleanup did: per kind, how many it removed and what it could not. */
export interface CleanupReport {
  readonly associations: number;
  /** Limit configurations put back as they were before the run (re-set, or purged where none was), or found so. */
  readonly configurations: number;
  readonly records: number;
  readonly failures: readonly string[];
  /** Creations whose IDs were never journaled: find them by tag by hand. */
  readonly untracked: readonly string[];
}

const ARCHIVE_BATCH = 100;

/**
 * The journal entries of the runs against `baseUrl`, and the other targets the journal names. A
 * journal (the default `reports/latest/journal.jsonl`) may hold a crashed run against another
 * portal: its record IDs mean other records here, so a run never cleans up what it did not send
 * to this target (`hsac cleanup --journal FILE --target URL` does that, on purpose). A `cleanup`
 * entry (written by `hsac cleanup`) switches the target like a `run` entry: the progress entries
 * after it belong to the target it cleaned.
 */
export function entriesForTarget(
  entries: readonly JournalEntry[],
  baseUrl: string,
): { readonly mine: JournalEntry[]; readonly otherTargets: string[] } {
  const mine: JournalEntry[] = [];
  const otherTargets = new Set<string>();
  let current: string | undefined;
  // `http://host/` and `http://host` are one target.
  const target = baseUrl.replace(/\/+$/, '');
  for (const entry of entries) {
    if (entry.kind === 'run' || entry.kind === 'cleanup') current = entry.baseUrl.replace(/\/+$/, '');
    // A cleanup entry before any run of its target has nothing to attach to.
    if (current === target) {
      if (mine.length > 0 || entry.kind === 'run') mine.push(entry);
    } else if (current !== undefined) otherTargets.add(current);
  }
  return { mine, otherTargets: [...otherTargets] };
}

/**
 * The targets of a journal, other than `baseUrl`, whose runs left work that no cleanup has done
 * yet: the ones worth naming (a journal of many clean runs against past embedded sandboxes names
 * none).
 */
export function targetsWithLeftovers(entries: readonly JournalEntry[], baseUrl: string): string[] {
  return entriesForTarget(entries, baseUrl).otherTargets.filter((target) => {
    const { mine } = entriesForTarget(entries, target);
    return mine.length > 0 && !nothingLeft(leftovers(mine));
  });
}

/**
 * Undoes everything a journal says a run did and no cleanup has undone yet: archives associations
 * first (so records are never archived with live links), then puts limit configurations back as
 * they were before the run (`configurations.ts`), then archives records. Each step journals what
 * it did, so cleanup can be run again after a partial failure.
 */
export async function cleanUp(
  session: Session,
  journal: Journal,
  entries: readonly JournalEntry[],
  apiVersion: ApiVersion,
): Promise<CleanupReport> {
  const left = leftovers(entries);
  const failures: string[] = [];
  let associations = 0;
  let configurations = 0;
  let records = 0;

  for (const [key, pairs] of left.associations) {
    const [fromObjectType = '', toObjectType = ''] = key.split('|');
    const byFrom = new Map<string, string[]>();
    for (const [from, to] of pairs) byFrom.set(from, [...(byFrom.get(from) ?? []), to]);
    // A wide record has a thousand targets: each input names at most ARCHIVE_BATCH of them, so no
    // request is larger than the ones HubSpot documents limits for.
    const inputs = [...byFrom].flatMap(([from, tos]) =>
      Array.from({ length: Math.ceil(tos.length / ARCHIVE_BATCH) }, (_, i) => ({
        from: { id: from },
        to: tos.slice(i * ARCHIVE_BATCH, (i + 1) * ARCHIVE_BATCH).map((id) => ({ id })),
      })),
    );
    for (let i = 0; i < inputs.length; i += ARCHIVE_BATCH) {
      const chunk = inputs.slice(i, i + ARCHIVE_BATCH);
      const params = { fromObjectType, toObjectType };
      const answer = await session.auxiliary('associations-batch-archive', apiVersion, params, { inputs: chunk });
      if (!succeeded(answer)) {
        failures.push(`archiving associations ${key}: ${describeAnswer(answer)}`);
        continue;
      }
      const keys = chunk.flatMap((input) => input.to.map((to) => `${key}:${input.from.id}>${to.id}`));
      journal.append({ kind: 'archived', what: 'associations', keys });
      associations += keys.length;
    }
  }

  // Limits go back as they were before records are archived, and after the run's associations
  // are gone (so the original limit is never below what the records hold because of hsac).
  const restore = await restoreConfigurations(session, journal, apiVersion, left.configurations.values());
  failures.push(...restore.failures);
  configurations += restore.restored;
  for (const [pair, typeIds] of left.unknownConfigurations) {
    const [fromObjectType = '', toObjectType = ''] = pair.split('|');
    for (const typeId of typeIds) {
      // An older hsac journaled the write but not what was there: purging could delete a user's
      // limit, re-setting needs a value nobody kept. Said once, left alone.
      failures.push(
        `the limit configuration of ${fromObjectType} -> ${toObjectType} type ${typeId} was changed by a run whose journal holds no original (an older hsac): left as it is, check it by hand`,
      );
      journal.append({ kind: 'configuration-restored', fromObjectType, toObjectType, typeId, how: 'original-unknown' });
    }
  }

  for (const [objectType, ids] of left.records) {
    for (let i = 0; i < ids.length; i += ARCHIVE_BATCH) {
      const chunk = ids.slice(i, i + ARCHIVE_BATCH);
      const inputs = chunk.map((id) => ({ id }));
      const answer = await session.auxiliary('objects-batch-archive', apiVersion, { objectType }, { inputs });
      if (!succeeded(answer)) {
        failures.push(`archiving ${objectType}: ${describeAnswer(answer)}`);
        continue;
      }
      journal.append({ kind: 'archived', what: 'records', keys: chunk.map((id) => `${objectType}:${id}`) });
      records += chunk.length;
    }
  }
  const untracked = left.untrackedCreates.map((create) => `${create.objectType} tagged ${create.tag}`);
  if (failures.length === 0 && untracked.length === 0)
    journal.append({ kind: 'complete', at: new Date().toISOString() });
  return { associations, configurations, records, failures, untracked };
}
