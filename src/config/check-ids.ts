import { CHECKS, checkIdsOf, type CheckId } from '../registry/index.js';
import type { SeverityOverride, SeverityOverrides } from '../runner/session.js';

/**
 * Every id the config's `run.checks` may grade: every check whose findings `hsac run` reports,
 * read from the registry (src/registry/): every kind but the gate's, which `hsac gate sdk` reports.
 */
export function gradableCheckIds(): readonly CheckId[] {
  return CHECKS.filter((declaration) => declaration.kind !== 'gate')
    .map((declaration) => declaration.id)
    .sort();
}

/** Ids `--require-exercised` may name: only exchange and sequence checks count exercised cases. */
export function exercisableCheckIds(): readonly CheckId[] {
  return checkIdsOf('exchange', 'sequence');
}

/** Whether a string read from a flag or a file is one of the known ids. */
function isKnown<Id extends CheckId>(id: string, known: readonly Id[]): id is Id {
  return (known as readonly string[]).includes(id);
}

/**
 * Check ids given as text (a flag, the config file) read against the ids known there: the known
 * ones typed, the unknown ones each with the nearest known id, for the caller's usage error.
 */
export function readCheckIds<Id extends CheckId>(
  ids: Iterable<string>,
  known: readonly Id[],
): { readonly known: Id[]; readonly unknown: string[] } {
  const given = [...ids];
  return { known: given.filter((id) => isKnown(id, known)), unknown: unknownIds(given, known) };
}

/**
 * The config's `run.checks` as grades by registry id ({@link gradableCheckIds}); a key that is
 * none comes back in `unknown` (with the nearest id), for the caller's usage error.
 */
export function readSeverityOverrides(checks: Readonly<Record<string, SeverityOverride>>): {
  readonly overrides: SeverityOverrides;
  readonly unknown: string[];
} {
  const gradable = gradableCheckIds();
  const overrides: Partial<Record<CheckId, SeverityOverride>> = {};
  for (const [id, grade] of Object.entries(checks)) if (isKnown(id, gradable)) overrides[id] = grade;
  return { overrides, unknown: unknownIds(Object.keys(checks), gradable) };
}

/** Edit distance (insertions, deletions, substitutions), for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known id nearest to `id` (ties: the first in order). */
export function nearestId(id: string, known: readonly string[]): string | undefined {
  let best: { id: string; score: number } | undefined;
  for (const candidate of known) {
    const score = distance(id, candidate);
    if (!best || score < best.score) best = { id: candidate, score };
  }
  return best?.id;
}

/**
 * The ids of `ids` that are not in `known`, each with the nearest known one: `"requird" (did you mean "required"?)`.
 */
export function unknownIds(ids: Iterable<string>, known: readonly string[]): string[] {
  return [...ids]
    .filter((id) => !known.includes(id))
    .map((id) => `"${id}" (did you mean "${nearestId(id, known) ?? '?'}"?)`);
}
