import { appendFileSync, closeSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { field } from '../json.js';
import { guardOutput } from '../transport/redact.js';

/**
 * The cleanup journal: one JSON line per write, appended (and synced) BEFORE the write is sent,
 * so whatever kills the run (Ctrl-C, a crash, a lost machine) leaves a file from which
 * `hsac cleanup --journal FILE` can archive everything the run may have created and put back
 * every limit configuration it may have changed (the original is journaled before the change).
 */
export type JournalEntry =
  | {
      readonly kind: 'run';
      readonly runId: string;
      readonly baseUrl: string;
      readonly apiVersion: string;
      readonly at: string;
    }
  /** Before a records batch create: what will be created, tagged so it can be found. */
  | { readonly kind: 'create-records'; readonly objectType: string; readonly tag: string; readonly count: number }
  /** After it: the IDs that now exist. */
  | { readonly kind: 'records-created'; readonly objectType: string; readonly ids: readonly string[] }
  | {
      readonly kind: 'associate';
      readonly fromObjectType: string;
      readonly toObjectType: string;
      readonly pairs: readonly (readonly [string, string])[];
    }
  /**
   * Written by earlier hsac versions before a limit configuration was created; it says nothing of
   * what was there before. Read only: cleanup leaves such a configuration alone and says so.
   */
  | {
      readonly kind: 'configure';
      readonly fromObjectType: string;
      readonly toObjectType: string;
      readonly typeIds: readonly number[];
    }
  /**
   * Before the run first changes the limit of one association type (a create, or an invalid body a
   * provider might act on): the pair's configuration as read just before, `'none'` when no limit
   * was set. Cleanup (also `hsac cleanup` after a crash) puts exactly this back.
   */
  | {
      readonly kind: 'configuration-before';
      readonly fromObjectType: string;
      readonly toObjectType: string;
      readonly typeId: number;
      readonly original: ConfigurationOriginal;
    }
  /** Cleanup put a limit back as `configuration-before` journaled it (or found it so): that original is done with. */
  | {
      readonly kind: 'configuration-restored';
      readonly fromObjectType: string;
      readonly toObjectType: string;
      readonly typeId: number;
      /**
       * `unchanged`: already as it was; `original-unknown`: a `configure` entry without an original, left alone and
       * said once.
       */
      readonly how: 'unchanged' | 'recreated' | 'updated' | 'purged' | 'original-unknown';
    }
  /** Cleanup progress, so a second cleanup does not repeat work. */
  | {
      readonly kind: 'archived';
      readonly what: 'associations' | 'records' | 'configurations';
      readonly keys: readonly string[];
    }
  /**
   * `hsac cleanup` starts cleaning a target: what follows (its `archived`, `configuration-restored`
   * and `complete` entries) is about that target, not the last run's (see `entriesForTarget`).
   */
  | { readonly kind: 'cleanup'; readonly baseUrl: string; readonly at: string }
  | { readonly kind: 'complete'; readonly at: string }
  /**
   * A second SIGINT/SIGTERM ended the process before cleanup finished: what the journal lists and
   * does not mark archived is still on the portal (`hsac cleanup` archives it).
   */
  | { readonly kind: 'interrupted'; readonly at: string; readonly signal: string };

/**
 * A limit configuration as read before the run touched it: the fields configurations create takes
 * (`maxToObjectIds` is the read's `userEnforcedMaxToObjectIds`), or `'none'` when no limit was set.
 */
export type ConfigurationOriginal =
  | { readonly category: string; readonly typeId: number; readonly maxToObjectIds: number; readonly label?: string }
  | 'none';

/** An append-only journal file. */
export class Journal {
  constructor(readonly path: string) {}

  /**
   * Appends one entry and syncs it to disk before returning. The line first passes the final scan
   * (`guardOutput`): one that would hold the access token in any form (a provider's record IDs
   * end up here) is not appended, and `RedactionFailure` is thrown instead.
   */
  append(entry: JournalEntry): void {
    appendFileSync(this.path, guardOutput(basename(this.path), `${JSON.stringify(entry)}\n`), 'utf8');
    const fd = openSync(this.path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

/** A journal that cannot be read: a usage error for `hsac cleanup`. */
export class JournalError extends Error {
  override readonly name = 'JournalError';
}

/** Reads a journal; a torn last line (the process died mid-write) is ignored, any other bad line is an error. */
export function readJournal(path: string): JournalEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new JournalError(
      `cannot read journal ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const entries: JournalEntry[] = [];
  for (const [index, line] of lines.entries()) {
    try {
      const entry: unknown = JSON.parse(line);
      // Only the kind is checked: past a line torn mid-write, the journal holds what `append` wrote.
      if (typeof field(entry, 'kind') !== 'string') throw new Error('no kind');
      entries.push(entry as JournalEntry);
    } catch {
      if (index === lines.length - 1) break;
      throw new JournalError(`journal ${path} line ${index + 1} is not a journal entry`);
    }
  }
  if (entries[0]?.kind !== 'run') throw new JournalError(`journal ${path} does not start with a run entry`);
  return entries;
}

/** What a journal says still needs cleaning up. */
export interface Leftovers {
  readonly run: Extract<JournalEntry, { kind: 'run' }>;
  /** `fromType|toType` -> pairs. */
  readonly associations: ReadonlyMap<string, readonly (readonly [string, string])[]>;
  /** objectType -> ids. */
  readonly records: ReadonlyMap<string, readonly string[]>;
  /** Tags of record creations whose IDs were never journaled (the process died mid-create). */
  readonly untrackedCreates: readonly { readonly objectType: string; readonly tag: string }[];
  /**
   * `fromType|toType|typeId` -> the limit configuration to put back: the first original journaled
   * since that key was last restored (a later run reads what an unfinished earlier one left).
   */
  readonly configurations: ReadonlyMap<string, ConfigurationToRestore>;
  /** `fromType|toType` -> typeIds a `configure` entry names with no original journaled (an older hsac's journal). */
  readonly unknownConfigurations: ReadonlyMap<string, readonly number[]>;
  readonly complete: boolean;
}

/** One limit configuration a run changed and cleanup must put back. */
export interface ConfigurationToRestore {
  readonly fromObjectType: string;
  readonly toObjectType: string;
  readonly typeId: number;
  readonly original: ConfigurationOriginal;
}

/** The key of one association type's limit on a pair, as `leftovers` keys `configurations`. */
export const configurationKey = (fromObjectType: string, toObjectType: string, typeId: number): string =>
  `${fromObjectType}|${toObjectType}|${typeId}`;

/** Whether a journal's leftovers hold nothing to do: cleanup needs neither a token nor a request. */
export function nothingLeft(left: Leftovers): boolean {
  return (
    left.associations.size === 0 &&
    left.records.size === 0 &&
    left.untrackedCreates.length === 0 &&
    left.configurations.size === 0 &&
    left.unknownConfigurations.size === 0
  );
}

/** Folds a journal into what is left to clean. */
export function leftovers(entries: readonly JournalEntry[]): Leftovers {
  const run = entries[0];
  if (run?.kind !== 'run') throw new JournalError('journal does not start with a run entry');
  const associations = new Map<string, Map<string, readonly [string, string]>>();
  const records = new Map<string, Set<string>>();
  const configurations = new Map<string, Set<number>>();
  const originals = new Map<string, ConfigurationToRestore>();
  /** Keys with an original journaled at some point: a `configure` entry for them is not an unknown. */
  const journaledOriginal = new Set<string>();
  const restored = new Set<string>();
  const pendingCreates = new Map<string, { objectType: string; tag: string }>();
  const archived = new Set<string>();
  let complete = false;
  for (const entry of entries) {
    switch (entry.kind) {
      case 'create-records':
        pendingCreates.set(entry.objectType, { objectType: entry.objectType, tag: entry.tag });
        break;
      case 'records-created': {
        pendingCreates.delete(entry.objectType);
        const set = records.get(entry.objectType) ?? new Set<string>();
        for (const id of entry.ids) set.add(id);
        records.set(entry.objectType, set);
        break;
      }
      case 'associate': {
        const key = `${entry.fromObjectType}|${entry.toObjectType}`;
        const map = associations.get(key) ?? new Map<string, readonly [string, string]>();
        for (const pair of entry.pairs) map.set(pair.join('>'), pair);
        associations.set(key, map);
        break;
      }
      case 'configure': {
        const key = `${entry.fromObjectType}|${entry.toObjectType}`;
        const set = configurations.get(key) ?? new Set<number>();
        for (const id of entry.typeIds) set.add(id);
        configurations.set(key, set);
        break;
      }
      case 'configuration-before': {
        const key = configurationKey(entry.fromObjectType, entry.toObjectType, entry.typeId);
        journaledOriginal.add(key);
        // The first original wins: what a run read after its own (or an unfinished earlier run's)
        // write is not what the portal held before hsac touched it.
        if (!originals.has(key))
          originals.set(key, {
            fromObjectType: entry.fromObjectType,
            toObjectType: entry.toObjectType,
            typeId: entry.typeId,
            original: entry.original,
          });
        break;
      }
      case 'configuration-restored': {
        const key = configurationKey(entry.fromObjectType, entry.toObjectType, entry.typeId);
        originals.delete(key);
        restored.add(key);
        break;
      }
      case 'archived':
        for (const key of entry.keys) archived.add(`${entry.what}:${key}`);
        break;
      case 'complete':
        complete = true;
        break;
      case 'run':
      case 'cleanup':
      case 'interrupted':
        break;
    }
  }
  const assoc = new Map<string, (readonly [string, string])[]>();
  for (const [key, pairs] of associations) {
    const left = [...pairs.values()].filter((pair) => !archived.has(`associations:${key}:${pair.join('>')}`));
    if (left.length > 0) assoc.set(key, left);
  }
  const recs = new Map<string, string[]>();
  for (const [type, ids] of records) {
    const left = [...ids].filter((id) => !archived.has(`records:${type}:${id}`));
    if (left.length > 0) recs.set(type, left);
  }
  // A `configure` entry (older hsac) with no original: purged by an older cleanup (`archived`), or
  // said once by this one (`configuration-restored`), it is done with.
  const unknown = new Map<string, number[]>();
  for (const [pair, ids] of configurations) {
    const left = [...ids].filter((id) => {
      const key = `${pair}|${id}`;
      return !archived.has(`configurations:${pair}:${id}`) && !journaledOriginal.has(key) && !restored.has(key);
    });
    if (left.length > 0) unknown.set(pair, left);
  }
  return {
    run,
    associations: assoc,
    records: recs,
    untrackedCreates: [...pendingCreates.values()],
    configurations: originals,
    unknownConfigurations: unknown,
    complete,
  };
}
