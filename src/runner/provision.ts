import type { ApiVersion } from '../catalogue/index.js';
import { field } from '../checks/index.js';
import type { Exchange } from '../transport/index.js';
import { leftovers, type Journal, type JournalEntry } from './journal.js';
import type { Session } from './session.js';

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

const PROPERTY_FOR: Readonly<Record<string, string>> = { contacts: 'firstname', companies: 'name', deals: 'dealname', tickets: 'subject' };

function describe(exchange: Exchange): string {
  return exchange.failure ? `${exchange.failure.kind}: ${exchange.failure.message}` : `status ${exchange.response?.status ?? '?'}`;
}

/**
 * Creates `count` records of a type through the CRM objects batch create endpoint, tagged with the
 * run id in a name property so a person (or a later cleanup) can find them. The journal says what
 * is about to be created before the request, and the IDs right after.
 */
export async function createRecords(session: Session, journal: Journal, apiVersion: ApiVersion, objectType: string, count: number, tag: string): Promise<string[]> {
  journal.append({ kind: 'create-records', objectType, tag, count });
  const property = PROPERTY_FOR[objectType] ?? 'name';
  const inputs = Array.from({ length: count }, (_, i) => ({ properties: { [property]: `${tag}-${i + 1}` } }));
  const exchange = await session.auxiliary('objects-batch-create', apiVersion, { objectType }, { inputs });
  const status = exchange.response?.status ?? 0;
  let ids: string[] = [];
  try {
    const results = field(JSON.parse(exchange.response?.body ?? 'null'), 'results');
    ids = Array.isArray(results) ? results.map((r) => String(field(r, 'id'))).filter((id) => /^\d+$/.test(id)) : [];
  } catch {
    ids = [];
  }
  if (ids.length > 0) journal.append({ kind: 'records-created', objectType, ids });
  if (status < 200 || status >= 300 || ids.length < count) {
    throw new ProvisioningError(`creating ${count} ${objectType} failed (${describe(exchange)}; ${ids.length} created)`);
  }
  return ids;
}

/** What a cleanup did: per kind, how many it removed and what it could not. */
export interface CleanupReport {
  readonly associations: number;
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
 * to this target (`hsac cleanup --journal FILE --target URL` does that, on purpose).
 */
export function entriesForTarget(entries: readonly JournalEntry[], baseUrl: string): { readonly mine: JournalEntry[]; readonly otherTargets: string[] } {
  const mine: JournalEntry[] = [];
  const otherTargets = new Set<string>();
  let current: string | undefined;
  for (const entry of entries) {
    if (entry.kind === 'run') current = entry.baseUrl;
    if (current === baseUrl) mine.push(entry);
    else if (current !== undefined) otherTargets.add(current);
  }
  return { mine, otherTargets: [...otherTargets] };
}

/**
 * Archives everything a journal says a run created and has not archived yet: associations first
 * (so records are never archived with live links), then limit configurations, then records. Each
 * step journals what it archived, so cleanup can be run again after a partial failure.
 */
export async function cleanUp(session: Session, journal: Journal, entries: readonly JournalEntry[], apiVersion: ApiVersion): Promise<CleanupReport> {
  const left = leftovers(entries);
  const failures: string[] = [];
  let associations = 0;
  let configurations = 0;
  let records = 0;
  const ok = (exchange: Exchange): boolean => (exchange.response?.status ?? 0) >= 200 && (exchange.response?.status ?? 0) < 300;

  for (const [key, pairs] of left.associations) {
    const [fromObjectType = '', toObjectType = ''] = key.split('|');
    const byFrom = new Map<string, string[]>();
    for (const [from, to] of pairs) byFrom.set(from, [...(byFrom.get(from) ?? []), to]);
    // A wide record has a thousand targets: each input names at most ARCHIVE_BATCH of them, so no
    // request is larger than the ones HubSpot documents limits for.
    const inputs = [...byFrom].flatMap(([from, tos]) =>
      Array.from({ length: Math.ceil(tos.length / ARCHIVE_BATCH) }, (_, i) => ({ from: { id: from }, to: tos.slice(i * ARCHIVE_BATCH, (i + 1) * ARCHIVE_BATCH).map((id) => ({ id })) })),
    );
    for (let i = 0; i < inputs.length; i += ARCHIVE_BATCH) {
      const chunk = inputs.slice(i, i + ARCHIVE_BATCH);
      const exchange = await session.auxiliary('associations-batch-archive', apiVersion, { fromObjectType, toObjectType }, { inputs: chunk });
      if (!ok(exchange)) {
        failures.push(`archiving associations ${key}: ${describe(exchange)}`);
        continue;
      }
      const keys = chunk.flatMap((input) => input.to.map((to) => `${key}:${input.from.id}>${to.id}`));
      journal.append({ kind: 'archived', what: 'associations', keys });
      associations += keys.length;
    }
  }

  for (const [key, typeIds] of left.configurations) {
    const [fromObjectType = '', toObjectType = ''] = key.split('|');
    const exchange = await session.auxiliary('configurations-batch-purge', apiVersion, { fromObjectType, toObjectType }, { inputs: typeIds.map((typeId) => ({ category: 'HUBSPOT_DEFINED', typeId })) });
    if (!ok(exchange)) {
      failures.push(`purging configurations ${key}: ${describe(exchange)}`);
      continue;
    }
    journal.append({ kind: 'archived', what: 'configurations', keys: typeIds.map((id) => `${key}:${id}`) });
    configurations += typeIds.length;
  }

  for (const [objectType, ids] of left.records) {
    for (let i = 0; i < ids.length; i += ARCHIVE_BATCH) {
      const chunk = ids.slice(i, i + ARCHIVE_BATCH);
      const exchange = await session.auxiliary('objects-batch-archive', apiVersion, { objectType }, { inputs: chunk.map((id) => ({ id })) });
      if (!ok(exchange)) {
        failures.push(`archiving ${objectType}: ${describe(exchange)}`);
        continue;
      }
      journal.append({ kind: 'archived', what: 'records', keys: chunk.map((id) => `${objectType}:${id}`) });
      records += chunk.length;
    }
  }
  const untracked = left.untrackedCreates.map((create) => `${create.objectType} tagged ${create.tag}`);
  if (failures.length === 0 && untracked.length === 0) journal.append({ kind: 'complete', at: new Date().toISOString() });
  return { associations, configurations, records, failures, untracked };
}
