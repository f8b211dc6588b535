import { operation, type ApiVersion } from '../catalogue/index.js';
import type { ReadAnswer } from '../checks/index.js';
import { field } from '../json.js';
import { configurationKey, type ConfigurationOriginal, type ConfigurationToRestore, type Journal } from './journal.js';
import { describeAnswer, succeeded, type Session } from './session.js';

/**
 * Limit configurations a run did not create stay as they were (DESIGN.md: "A run leaves the
 * portal as it found it"). Before hsac first changes the limit of an association type, it reads
 * the pair's configurations (the version's `configurations-read`) and journals the original
 * (`configuration-before`); a limit it cannot read first it does not touch. Cleanup, also
 * `hsac cleanup` after a crash, puts each original back: update or re-create a limit that existed,
 * purge one that did not, and read the pair again to see that it took.
 */

/** A limit that is set, as read: what configurations create and update take. */
export type SetLimit = Exclude<ConfigurationOriginal, 'none'>;

/**
 * A pair's limit configurations as read (typeId -> limit; a type without one is absent), or why they could not be read.
 */
export type PairConfigurations =
  { readonly ok: true; readonly byType: ReadonlyMap<number, SetLimit> } | { readonly ok: false; readonly why: string };

/** An int32 as HubSpot may write it: a number, or (lenient) its digits. */
function integer(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,10}$/.test(value)) return Number(value);
  return undefined;
}

/**
 * Parses a configurations read answer. Anything not understood makes the whole read unusable: a
 * limit misread as absent would be purged at cleanup, so doubt means "do not touch".
 */
export function parseConfigurations(answer: ReadAnswer): PairConfigurations {
  if (!succeeded(answer)) return { ok: false, why: `the configurations read answered ${describeAnswer(answer)}` };
  if (answer.body?.ok === false) return { ok: false, why: 'the configurations read answered a body that is not JSON' };
  const { results } = answer.batch;
  if (results === undefined) return { ok: false, why: 'the configurations read answered no results array' };
  const byType = new Map<number, SetLimit>();
  for (const [index, { raw: result }] of results.entries()) {
    const typeId = integer(field(result, 'typeId'));
    const category = field(result, 'category');
    const max = field(result, 'userEnforcedMaxToObjectIds');
    if (typeId === undefined || typeof category !== 'string')
      return { ok: false, why: `the configurations read answered results[${index}] without a typeId and category` };
    // `userEnforcedMaxToObjectIds` is optional: a type listed without one has no limit set (null
    // read as absent, as the lenient profile does).
    if (max === undefined || max === null) continue;
    const maxToObjectIds = integer(max);
    if (maxToObjectIds === undefined)
      return {
        ok: false,
        why: `the configurations read answered results[${index}].userEnforcedMaxToObjectIds ${JSON.stringify(max)}, not an integer`,
      };
    // A type listed twice with a limit: which one is the limit cannot be told, so nothing is touched.
    if (byType.has(typeId)) return { ok: false, why: `the configurations read lists type ${typeId} twice` };
    const label = field(result, 'label');
    byType.set(typeId, { category, typeId, maxToObjectIds, ...(typeof label === 'string' ? { label } : {}) });
  }
  return { ok: true, byType };
}

/** Reads one pair's limit configurations (the auxiliary `configurations-read` of the version). */
export async function readPairConfigurations(
  session: Session,
  apiVersion: ApiVersion,
  fromObjectType: string,
  toObjectType: string,
): Promise<PairConfigurations> {
  return parseConfigurations(
    await session.auxiliary('configurations-read', apiVersion, { fromObjectType, toObjectType }),
  );
}

/** Whether a write to a limit may go ahead (its original is journaled), or why it may not. */
export type Guarded = { readonly ok: true } | { readonly ok: false; readonly why: string };

/** Per run (its journal), per `from|to|typeId`: what the first guard found. */
const guarded = new WeakMap<Journal, Map<string, Guarded>>();

/**
 * Call before any request that may change the limit of `typeId` on a pair. The first time in a run
 * it reads the pair and journals the original (`configuration-before`) before returning, so the
 * original is on disk before the write is sent; later calls answer from memory, because what the
 * portal holds after the run's own write is not the original. When the read fails, the answer is
 * `{ok: false, why}` (then and for the rest of the run): the caller sends nothing that could change it.
 */
export async function guardConfiguration(
  session: Session,
  journal: Journal,
  apiVersion: ApiVersion,
  fromObjectType: string,
  toObjectType: string,
  typeId: number,
): Promise<Guarded> {
  const known = guarded.get(journal) ?? new Map<string, Guarded>();
  guarded.set(journal, known);
  const key = configurationKey(fromObjectType, toObjectType, typeId);
  const seen = known.get(key);
  if (seen) return seen;
  const read = await readPairConfigurations(session, apiVersion, fromObjectType, toObjectType);
  let outcome: Guarded;
  if (read.ok) {
    journal.append({
      kind: 'configuration-before',
      fromObjectType,
      toObjectType,
      typeId,
      original: read.byType.get(typeId) ?? 'none',
    });
    outcome = { ok: true };
  } else {
    outcome = {
      ok: false,
      why: `the limit configuration of ${fromObjectType} -> ${toObjectType} type ${typeId} was not touched: it could not be read first (${read.why})`,
    };
  }
  known.set(key, outcome);
  return outcome;
}

/** Why limits were left untouched in the run of this journal (for the outcome of the checks that needed them). */
export function untouchedConfigurations(journal: Journal): string[] {
  return [...(guarded.get(journal)?.values() ?? [])].flatMap((outcome) => (outcome.ok ? [] : [outcome.why]));
}

/** A limit as a person reads it. */
function show(limit: ConfigurationOriginal | undefined): string {
  return limit === undefined || limit === 'none' ? 'no limit' : `${limit.category} max ${limit.maxToObjectIds}`;
}

function same(original: ConfigurationOriginal, current: SetLimit | undefined): boolean {
  if (original === 'none') return current === undefined;
  return current?.maxToObjectIds === original.maxToObjectIds && current.category === original.category;
}

/** What putting the limits back did: how many were put back (or found so), and what could not be. */
export interface RestoreOutcome {
  readonly restored: number;
  readonly failures: readonly string[];
}

type How = 'recreated' | 'updated' | 'purged';

/**
 * Puts every journaled original back, pair by pair: reads the pair; leaves a limit that is already
 * as it was; purges one that did not exist; updates one that exists with another value; re-creates
 * one that is gone (configurations create, the endpoint under test: its answer is checked like any
 * other). Then reads the pair again: only a limit read back as the original is journaled
 * `configuration-restored`; anything else is a failure, and the original stays journaled for the
 * next `hsac cleanup`.
 */
export async function restoreConfigurations(
  session: Session,
  journal: Journal,
  apiVersion: ApiVersion,
  toRestore: Iterable<ConfigurationToRestore>,
): Promise<RestoreOutcome> {
  const byPair = new Map<string, ConfigurationToRestore[]>();
  for (const item of toRestore)
    byPair.set(`${item.fromObjectType}|${item.toObjectType}`, [
      ...(byPair.get(`${item.fromObjectType}|${item.toObjectType}`) ?? []),
      item,
    ]);
  const failures: string[] = [];
  let restored = 0;
  for (const items of byPair.values()) {
    const [first] = items;
    if (!first) continue;
    const { fromObjectType, toObjectType } = first;
    const params = { fromObjectType, toObjectType };
    const name = (item: ConfigurationToRestore): string =>
      `the limit configuration of ${fromObjectType} -> ${toObjectType} type ${item.typeId}`;
    const done = (item: ConfigurationToRestore, how: 'unchanged' | How): void => {
      journal.append({ kind: 'configuration-restored', fromObjectType, toObjectType, typeId: item.typeId, how });
      restored++;
    };
    const before = await readPairConfigurations(session, apiVersion, fromObjectType, toObjectType);
    if (!before.ok) {
      for (const item of items)
        failures.push(
          `restoring ${name(item)} to ${show(item.original)}: ${before.why}; left as is (the journal keeps the original)`,
        );
      continue;
    }
    const written: { item: ConfigurationToRestore; how: How }[] = [];
    for (const item of items) {
      const current = before.byType.get(item.typeId);
      if (same(item.original, current)) {
        done(item, 'unchanged');
        continue;
      }
      let answer: ReadAnswer;
      let how: How;
      if (item.original === 'none') {
        how = 'purged';
        const purged = { category: current?.category ?? 'HUBSPOT_DEFINED', typeId: item.typeId };
        answer = await session.auxiliary('configurations-batch-purge', apiVersion, params, { inputs: [purged] });
      } else {
        const input = {
          category: item.original.category,
          typeId: item.typeId,
          maxToObjectIds: item.original.maxToObjectIds,
        };
        if (current !== undefined) {
          how = 'updated';
          answer = await session.auxiliary('configurations-batch-update', apiVersion, params, { inputs: [input] });
        } else {
          how = 'recreated';
          const create = operation('configurations-batch-create', apiVersion);
          answer = await session.call(create, params, { inputs: [input] }, 'conformance');
        }
      }
      if (succeeded(answer)) written.push({ item, how });
      else {
        const call = how === 'purged' ? 'purge' : how === 'updated' ? 'update' : 'create';
        const change = `from ${show(current)} to ${show(item.original)} (${call})`;
        failures.push(`restoring ${name(item)} ${change}: ${describeAnswer(answer)}; the journal keeps the original`);
      }
    }
    if (written.length === 0) continue;
    // A 2xx is not proof: a provider may answer success and keep the value (or take another).
    const after = await readPairConfigurations(session, apiVersion, fromObjectType, toObjectType);
    for (const { item, how } of written) {
      if (after.ok && same(item.original, after.byType.get(item.typeId))) done(item, how);
      else
        failures.push(
          `restoring ${name(item)} to ${show(item.original)}: ${after.ok ? `read back as ${show(after.byType.get(item.typeId))}` : `could not read it back (${after.why})`}; the journal keeps the original`,
        );
    }
  }
  return { restored, failures };
}
