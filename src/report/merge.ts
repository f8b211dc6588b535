import type { Finding } from '../finding.js';
import type { CheckOutcome, ReportedExchange, RunResult, Verdict } from '../runner/result.js';
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
];

/** Severity of an outcome when shards disagree: one failing shard fails the cell. */
const OUTCOME_RANK: Readonly<Record<CheckOutcome['outcome'], number>> = { fail: 3, warn: 2, pass: 1, skip: 0 };

function findingKey(finding: Finding): string {
  return JSON.stringify([finding.check, finding.endpoint ?? '', finding.apiVersion ?? '', finding.instancePath, finding.message, finding.replay ?? '']);
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
      throw new MergeError(`cannot merge reports of different runs: ${field.name} differs (${results.map((r, i) => `${label(r, i)}: ${field.of(r)}`).join('; ')})`);
    }
  }
  if (results.length === 1) return [first];
  const unsharded = results.findIndex((r) => !r.run.shard);
  if (unsharded >= 0) throw new MergeError(`report ${unsharded + 1} (${results[unsharded]?.run.id}) is not a shard: only shards of one run (hsac run --shard i/n) can be merged`);
  const counts = [...new Set(results.map((r) => r.run.shard?.count))];
  if (counts.length > 1) throw new MergeError(`cannot merge shards of different splits: ${results.map((r, i) => label(r, i)).join(', ')}`);
  const seen = new Map<number, string>();
  for (const result of results) {
    const index = result.run.shard?.index ?? 0;
    const other = seen.get(index);
    if (other !== undefined) throw new MergeError(`shard ${index}/${result.run.shard?.count} appears twice (runs ${other} and ${result.run.id})`);
    seen.set(index, result.run.id);
  }
  return [...results].sort((a, b) => (a.run.shard?.index ?? 0) - (b.run.shard?.index ?? 0));
}

function combineChecks(results: readonly RunResult[]): CheckOutcome[] {
  const cells = new Map<string, CheckOutcome>();
  for (const result of results) {
    for (const row of result.checks) {
      const key = `${row.endpoint}|${row.check}`;
      const seen = cells.get(key);
      if (!seen) {
        cells.set(key, { ...row });
        continue;
      }
      cells.set(key, {
        ...seen,
        outcome: OUTCOME_RANK[row.outcome] > OUTCOME_RANK[seen.outcome] ? row.outcome : seen.outcome,
        evaluated: seen.evaluated + row.evaluated,
        errors: seen.errors + row.errors,
        warnings: seen.warnings + row.warnings,
      });
    }
  }
  return [...cells.values()];
}

/** Concatenated in shard order and renumbered 1..N: each shard's client numbers its exchanges from 1. */
function combineExchanges(results: readonly RunResult[]): ReportedExchange[] {
  return results.flatMap((r) => r.exchanges).map((exchange, index) => ({ ...exchange, id: index + 1 }));
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
 * endpoints and sequence count) into one RunResult:
 * - verdict: any fail -> fail, else any inconclusive -> inconclusive, else pass; a shard of the
 *   split that is missing makes a passing merge inconclusive (a lost CI job must not read as a pass);
 * - summary counts summed (exchanges, unchecked, errors, warnings, sequence checks: occurrences);
 * - findings concatenated in shard order, de-duplicated by (check, endpoint, apiVersion,
 *   instancePath, message, replay);
 * - checks combined per endpoint x check (fail > warn > pass > skip; evaluated, errors and
 *   warnings summed);
 * - exchanges concatenated in shard order with ids renumbered so they stay unique;
 * - `run.shards` names every shard; `run.replay` is the unsharded command.
 * Throws {@link MergeError} for reports that are not parts of one plan.
 */
export function mergeResults(reports: readonly RunResult[]): MergedRunResult {
  const results = checkPlan(reports);
  const first = results[0] as RunResult;
  const count = first.run.shard?.count;
  const present = new Set(results.map((r) => r.run.shard?.index));
  const missing = count === undefined ? [] : Array.from({ length: count }, (_, i) => i + 1).filter((i) => !present.has(i));

  const sum = (of: (r: RunResult) => number): number => results.reduce((total, r) => total + of(r), 0);
  const errors = sum((r) => r.summary.errors);
  const inconclusive = results.filter((r) => r.summary.verdict === 'inconclusive');
  const missingNote = missing.length > 0 ? [`shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing from the merge`] : [];
  let verdict: Verdict = 'pass';
  let reason: string | undefined;
  if (results.some((r) => r.summary.verdict === 'fail')) {
    verdict = 'fail';
    reason = [`${errors} error finding(s) in ${results.filter((r) => r.summary.verdict === 'fail').map((r) => label(r, results.indexOf(r))).join(', ')}`, ...missingNote].join('; ');
  } else if (inconclusive.length > 0 || missing.length > 0) {
    verdict = 'inconclusive';
    reason = [...inconclusive.map((r) => `${label(r, results.indexOf(r))}: ${r.summary.reason ?? 'inconclusive'}`), ...missingNote].join('; ');
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
    },
    findings: dedupe(results.flatMap((r) => r.findings)),
    checks: combineChecks(results),
    exchanges: combineExchanges(results),
  };
}
