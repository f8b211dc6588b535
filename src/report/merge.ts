import type { Finding } from '../registry/finding.js';
import type { CheckId } from '../registry/index.js';
import {
  checkOutcomeKind,
  type CheckOutcome,
  type ReportedExchange,
  type RunResult,
  type Verdict,
} from '../runner/result.js';
import type { ShardRef } from './digest.js';

/** Shard reports that cannot be merged (different plans, the same shard twice): a usage error. */
export class MergeError extends Error {
  override readonly name = 'MergeError';
}

/** A merged RunResult: the model plus `run.shards`, naming every shard it came from. */
export type MergedRunResult = RunResult & { readonly run: RunResult['run'] & { readonly shards: readonly ShardRef[] } };

/** The fields every shard of one plan shares; a merge refuses reports that differ in any. */
const SAME_PLAN: readonly { readonly name: string; readonly of: (r: RunResult) => string }[] = [
  { name: 'seed', of: (r) => String(r.run.seed) },
  { name: 'API version', of: (r) => r.run.apiVersion },
  { name: 'profile', of: (r) => r.run.profile },
  { name: 'endpoints', of: (r) => r.run.endpoints.join(',') },
  { name: 'sequence count (--runs)', of: (r) => String(r.run.runs) },
  { name: 'hsac version', of: (r) => r.tool.version },
  // A cell's outcome is recomputed from summed tallies, which only means something when every
  // shard judged the same checks; and a required check is required of the whole plan.
  { name: 'checks switched off', of: (r) => [...(r.run.checksOff ?? [])].sort().join(',') },
  {
    name: 'required exercised checks (--require-exercised)',
    of: (r) => [...(r.run.requireExercised ?? [])].sort().join(','),
  },
];

/**
 * The outcome rules of one endpoint x check, as the runner applies them: `off` when the config
 * switched the check off; else `fail` on an error; `warn` on a warning; `not-exercised` when the
 * condition it judges never arose; else `pass`. A merge recomputes outcomes with it from summed
 * tallies, so a check exercised in any shard is not `not-exercised`, and one exercised in none
 * never becomes a pass however often it was evaluated.
 */

/** What makes two findings the same one: the same words about the same exchange(s), from the same shard (replay). */
function findingKey(finding: Finding): string {
  return JSON.stringify([
    finding.check,
    finding.endpoint ?? '',
    finding.apiVersion ?? '',
    finding.instancePath,
    finding.message,
    finding.replay ?? '',
    finding.exchangeId ?? 0,
    finding.exchangeIds ?? [],
  ]);
}

function label(result: RunResult, position: number): string {
  return result.run.shard ? `shard ${result.run.shard.index}/${result.run.shard.count}` : `report ${position + 1}`;
}

/** Refuses reports that are not parts of one plan; returns them in shard order. */
function checkPlan(results: readonly RunResult[]): RunResult[] {
  const first = results[0];
  if (!first) throw new MergeError('nothing to merge: give at least one report directory');
  for (const field of SAME_PLAN) {
    const values = [...new Set(results.map(field.of))];
    if (values.length > 1) {
      throw new MergeError(
        `cannot merge reports of different runs: ${field.name} differs (${results.map((r, i) => `${label(r, i)}: ${field.of(r)}`).join('; ')})`,
      );
    }
  }
  if (results.length === 1) return [first];
  const unsharded = results.findIndex((r) => !r.run.shard);
  if (unsharded >= 0)
    throw new MergeError(
      `report ${unsharded + 1} (${results[unsharded]?.run.id}) is not a shard: only shards of one run (hsac run --shard i/n) can be merged`,
    );
  const counts = [...new Set(results.map((r) => r.run.shard?.count))];
  if (counts.length > 1)
    throw new MergeError(`cannot merge shards of different splits: ${results.map((r, i) => label(r, i)).join(', ')}`);
  const seen = new Map<number, string>();
  for (const result of results) {
    const index = result.run.shard?.index ?? 0;
    const other = seen.get(index);
    if (other !== undefined)
      throw new MergeError(
        `shard ${index}/${result.run.shard?.count} appears twice (runs ${other} and ${result.run.id})`,
      );
    seen.set(index, result.run.id);
  }
  return [...results].sort((a, b) => (a.run.shard?.index ?? 0) - (b.run.shard?.index ?? 0));
}

function combineChecks(results: readonly RunResult[]): CheckOutcome[] {
  const cells = new Map<
    string,
    {
      row: CheckOutcome;
      off: boolean;
      evaluated: number;
      exercised: number;
      errors: number;
      warnings: number;
      why?: string;
    }
  >();
  for (const result of results) {
    for (const row of result.checks) {
      const key = `${row.endpoint}|${row.check}`;
      const seen = cells.get(key) ?? { row, off: false, evaluated: 0, exercised: 0, errors: 0, warnings: 0 };
      seen.off ||= row.outcome === 'off';
      seen.evaluated += row.evaluated;
      seen.exercised += row.exercised;
      seen.errors += row.errors;
      seen.warnings += row.warnings;
      // The first reason given: every shard runs the same registry, so they say the same thing.
      seen.why ??= row.why;
      cells.set(key, seen);
    }
  }
  return [...cells.values()].map(({ row, off, evaluated, exercised, errors, warnings, why }) => {
    const outcome = checkOutcomeKind({ off, errors, warnings, exercised });
    const { why: _dropped, ...rest } = row;
    // A reason belongs to an outcome with nothing judged; a cell another shard exercised keeps none.
    const keepWhy = (outcome === 'not-exercised' || outcome === 'off') && why !== undefined;
    return { ...rest, outcome, evaluated, exercised, errors, warnings, ...(keepWhy ? { why } : {}) };
  });
}

/**
 * Check ids exercised on no endpoint of the merge (and not switched off), recomputed from the
 * merged cells: a check one shard missed and another exercised is not listed. A check a shard
 * lists with no cell of its own is kept only when every shard lists it.
 */
function combineNotExercised(
  results: readonly RunResult[],
  checks: readonly CheckOutcome[],
): { check: CheckId; why: string }[] {
  const whyOf = new Map<CheckId, string>();
  for (const result of results)
    for (const entry of result.summary.notExercised) if (!whyOf.has(entry.check)) whyOf.set(entry.check, entry.why);
  const ids = [...new Set(checks.map((c) => c.check))];
  const fromCells = ids
    .filter((id) => checks.every((c) => c.check !== id || c.outcome === 'not-exercised'))
    .map((check) => ({
      check,
      why:
        whyOf.get(check) ??
        checks.find((c) => c.check === check)?.why ??
        'the condition it judges never arose in this run',
    }));
  const cellless = [...whyOf.entries()]
    .filter(
      ([check]) =>
        !ids.includes(check) && results.every((r) => r.summary.notExercised.some((entry) => entry.check === check)),
    )
    .map(([check, why]) => ({ check, why }));
  return [...fromCells, ...cellless];
}

/** Requests per purpose, summed over shards (what the whole plan's coverage cost). */
function combineRequests(results: readonly RunResult[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const result of results)
    for (const [purpose, count] of Object.entries(result.summary.requests))
      total[purpose] = (total[purpose] ?? 0) + count;
  return total;
}

/**
 * The required checks (`--require-exercised`; `all` for every one) the merge did not exercise,
 * with why, judged as the runner judges one run: exercised on no row, or with no row at all (a
 * required check that applies to none of the plan's endpoints).
 */
function unmetRequirements(
  requireExercised: RunResult['run']['requireExercised'],
  notExercised: readonly { readonly check: CheckId; readonly why: string }[],
  checks: readonly CheckOutcome[],
): { check: string; why: string }[] {
  if (!requireExercised || requireExercised.length === 0) return [];
  if (requireExercised.includes('all')) return [...notExercised];
  const absent = requireExercised
    .filter((id) => !checks.some((row) => row.check === id))
    .map((check) => ({ check, why: 'it applies to none of the endpoints of this run' }));
  return [...notExercised.filter((entry) => requireExercised.includes(entry.check)), ...absent];
}

/**
 * Exchanges concatenated in shard order and renumbered 1..N (each shard's client numbers its exchanges from 1), and
 * each shard's findings pointed at their exchanges' new ids, so a merged finding still links to what it judged.
 */
function combineExchanges(results: readonly RunResult[]): { exchanges: ReportedExchange[]; findings: Finding[] } {
  const exchanges: ReportedExchange[] = [];
  const findings: Finding[] = [];
  for (const result of results) {
    const renumber = new Map<number, number>();
    for (const exchange of result.exchanges) {
      renumber.set(exchange.id, exchanges.length + 1);
      exchanges.push({ ...exchange, id: exchanges.length + 1 });
    }
    const moved = (id: number): number => renumber.get(id) ?? id;
    for (const finding of result.findings) {
      const { exchangeId, exchangeIds } = finding;
      findings.push({
        ...finding,
        ...(exchangeId === undefined ? {} : { exchangeId: moved(exchangeId) }),
        ...(exchangeIds === undefined ? {} : { exchangeIds: exchangeIds.map(moved) }),
      });
    }
  }
  return { exchanges, findings };
}

function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = findingKey(finding);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Merges the reports of one sharded run (`hsac run --shard i/n`, same seed, version, profile,
 * endpoints, sequence count, checks switched off and required) into one RunResult:
 * - verdict: any fail -> fail, else any inconclusive -> inconclusive, else pass; a shard of the
 *   split that is missing makes a passing merge inconclusive (a lost CI job must not read as a pass);
 * - summary counts summed (exchanges, unchecked, errors, warnings, sequence checks: occurrences);
 * - findings concatenated in shard order, de-duplicated by (check, endpoint, apiVersion,
 *   instancePath, message, replay, exchange ids): findings about different exchanges are different findings;
 * - checks combined per endpoint x check: evaluated, exercised, errors and warnings summed and
 *   the outcome recomputed by the runner's rules ({@link checkOutcomeKind}), so a check exercised
 *   in any shard is not `not-exercised`; `summary.notExercised` recomputed from the merged cells;
 * - `summary.requests` summed per purpose; a check named by `--require-exercised` and exercised on
 *   no endpoint of the merge makes a passing merge inconclusive;
 * - exchanges concatenated in shard order with ids renumbered so they stay unique (findings' ids renumbered too);
 * - `run.shards` names every shard; `run.replay` is the unsharded command.
 * Throws {@link MergeError} for reports that are not parts of one plan.
 */
export function mergeResults(reports: readonly RunResult[]): MergedRunResult {
  const results = checkPlan(reports);
  const first = results[0]!;
  const count = first.run.shard?.count;
  const present = new Set(results.map((r) => r.run.shard?.index));
  const missing =
    count === undefined ? [] : Array.from({ length: count }, (_, i) => i + 1).filter((i) => !present.has(i));

  const sum = (of: (r: RunResult) => number): number => results.reduce((total, r) => total + of(r), 0);
  const errors = sum((r) => r.summary.errors);
  const inconclusive = results.filter((r) => r.summary.verdict === 'inconclusive');
  const missingNote =
    missing.length > 0 ? [`shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing from the merge`] : [];
  const checks = combineChecks(results);
  const notExercised = combineNotExercised(results, checks);
  // Judged on the merge, not per shard: a required check one shard missed and another exercised is exercised.
  const unmetRequirement = unmetRequirements(first.run.requireExercised, notExercised, checks);
  // Worded as the runner words it, so a merged reason reads like a run's.
  const requirementNote =
    unmetRequirement.length > 0
      ? [`required check(s) not exercised: ${unmetRequirement.map((u) => `${u.check} (${u.why})`).join('; ')}`]
      : [];
  let verdict: Verdict = 'pass';
  let reason: string | undefined;
  // Fail beats inconclusive beats pass: an error finding stands even when the run was cut short.
  if (results.some((r) => r.summary.verdict === 'fail')) {
    verdict = 'fail';
    reason = [
      `${errors} error finding(s) in ${results
        .filter((r) => r.summary.verdict === 'fail')
        .map((r) => label(r, results.indexOf(r)))
        .join(', ')}`,
      ...missingNote,
    ].join('; ');
  } else if (inconclusive.length > 0 || missing.length > 0 || unmetRequirement.length > 0) {
    verdict = 'inconclusive';
    reason = [
      ...inconclusive.map((r) => `${label(r, results.indexOf(r))}: ${r.summary.reason ?? 'inconclusive'}`),
      ...missingNote,
      ...requirementNote,
    ].join('; ');
  }

  const starts = results.map((r) => r.run.startedAt).sort();
  const ends = results.map((r) => r.run.finishedAt).sort();
  const startedAt = starts[0] ?? first.run.startedAt;
  const finishedAt = ends[ends.length - 1] ?? first.run.finishedAt;
  const shards: ShardRef[] = results.map((r) => ({
    index: r.run.shard?.index ?? 1,
    count: r.run.shard?.count ?? 1,
    id: r.run.id,
    target: r.run.target,
    verdict: r.summary.verdict,
    ...(r.summary.reason ? { reason: r.summary.reason } : {}),
    exchanges: r.exchanges.length,
    startedAt: r.run.startedAt,
    durationMs: r.run.durationMs,
    replay: r.run.replay,
  }));

  const combined = combineExchanges(results);
  return {
    tool: first.tool,
    run: {
      id: results.length === 1 ? first.run.id : `merge(${results.map((r) => r.run.id).join(',')})`,
      seed: first.run.seed,
      apiVersion: first.run.apiVersion,
      endpoints: first.run.endpoints,
      runs: first.run.runs,
      profile: first.run.profile,
      target: [...new Set(results.map((r) => r.run.target))].join('; '),
      startedAt,
      finishedAt,
      durationMs: Math.max(0, Date.parse(finishedAt) - Date.parse(startedAt)) || 0,
      // The whole plan, unsharded: what the shards together ran.
      replay: first.run.replay.replace(/\s--shard\s+\d+\/\d+/, ''),
      ...(first.run.requireExercised ? { requireExercised: first.run.requireExercised } : {}),
      ...(first.run.checksOff ? { checksOff: first.run.checksOff } : {}),
      shards,
    },
    summary: {
      verdict,
      ...(reason ? { reason } : {}),
      exchanges: sum((r) => r.summary.exchanges),
      unchecked: sum((r) => r.summary.unchecked),
      errors,
      warnings: sum((r) => r.summary.warnings),
      sequences: sum((r) => r.summary.sequences),
      seed: first.summary.seed,
      notExercised,
      requests: combineRequests(results),
    },
    findings: dedupe(combined.findings),
    checks,
    exchanges: combined.exchanges,
  };
}
