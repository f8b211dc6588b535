import { ALL_CHECKS } from '../checks/index.js';
import { BODY_READER_CHECK_IDS, BODY_RULES, SCHEMA_CHECKS } from '../validate/index.js';

/**
 * Ids a finding can carry that do not belong to a registry check of `src/checks/` nor to the
 * validate layer's tables (schema checks, body rules, the body reader's ids): what the request
 * check and the runner report under. (One registry for every kind of check is issue 13's; until
 * then this list is the remainder.)
 */
const REQUEST_AND_RUNNER_IDS = ['status-code', 'request-body', 'input-limit', 'cleanup'] as const;

/** Every id the config's `run.checks` may grade: registry checks and the body-level ids they report under. */
export function gradableCheckIds(): readonly string[] {
  return [...new Set([...ALL_CHECKS.map((check) => check.id), ...Object.keys(SCHEMA_CHECKS), ...BODY_RULES.map((rule) => rule.id), ...BODY_READER_CHECK_IDS, ...REQUEST_AND_RUNNER_IDS])].sort();
}

/** Ids of registry checks (what `--require-exercised` may name: only they have an exercised count). */
export function registryCheckIds(): readonly string[] {
  return ALL_CHECKS.map((check) => check.id);
}

/** Edit distance (insertions, deletions, substitutions), for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
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

/** The ids of `ids` that are not in `known`, each with the nearest known one: `"requird" (did you mean "required"?)`. */
export function unknownIds(ids: Iterable<string>, known: readonly string[]): string[] {
  return [...ids].filter((id) => !known.includes(id)).map((id) => `"${id}" (did you mean "${nearestId(id, known) ?? '?'}"?)`);
}
