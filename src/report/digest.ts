import type { Finding } from '../registry/finding.js';
import type { CheckId } from '../registry/index.js';
import type { CheckOutcomeKind, ReportedExchange, RunResult } from '../runner/result.js';
import type { NumberedFinding } from './numbering.js';

/**
 * Aggregates the human-facing writers (summary.md, report.html) share. Each is a plain reading of
 * the RunResult (counting, grouping, bucketing); none judges an exchange again.
 */

/** Distinct findings with how often each was seen in the run, and which findings (by number) they fold. */
export interface FindingGroup {
  /** The first finding of the group: the one shown. */
  readonly finding: Finding;
  readonly count: number;
  /** Every finding the group folds, in run order (`members[0].finding` is `finding`). */
  readonly members: readonly NumberedFinding[];
}

/** The identity of a finding as a reader sees it: the same problem at the same place. */
function groupKey(finding: Finding): string {
  return JSON.stringify([
    finding.severity,
    finding.check,
    finding.endpoint ?? '',
    finding.apiVersion ?? '',
    finding.instancePath,
    finding.message,
    finding.replay ?? '',
  ]);
}

/** The place of a finding (check, endpoint, pointer), for the shortest list: the same problem, however worded. */
export function placeKey(finding: Finding): string {
  return JSON.stringify([finding.check, finding.endpoint ?? '', finding.instancePath]);
}

/**
 * Findings grouped by (severity, check, endpoint, version, pointer, message, replay), or by `keyOf`
 * (each group shows its first finding): errors first, then by count, then first seen. Findings about
 * different exchanges fold together: each keeps its number (and so its exchanges) in `members`.
 */
export function distinctFindings(
  findings: readonly NumberedFinding[],
  keyOf: (finding: Finding) => string = groupKey,
): FindingGroup[] {
  const groups = new Map<string, { finding: Finding; members: NumberedFinding[]; first: number }>();
  findings.forEach((numbered, index) => {
    const key = keyOf(numbered.finding);
    const seen = groups.get(key);
    if (seen) seen.members.push(numbered);
    else groups.set(key, { finding: numbered.finding, members: [numbered], first: index });
  });
  return [...groups.values()]
    .sort(
      (a, b) =>
        severityRank(a.finding) - severityRank(b.finding) || b.members.length - a.members.length || a.first - b.first,
    )
    .map(({ finding, members }) => ({ finding, count: members.length, members }));
}

function severityRank(finding: Finding): number {
  return finding.severity === 'error' ? 0 : 1;
}

/** One row of the per-endpoint table. */
export interface EndpointRow {
  readonly endpoint: string;
  readonly exchanges: number;
  readonly errors: number;
  readonly warnings: number;
  readonly failed: number;
  readonly warned: number;
  readonly passed: number;
  /** Checks whose condition never arose on this endpoint: counted apart, never with the passes. */
  readonly notExercised: number;
  /** Checks the config switched off. */
  readonly off: number;
}

/** Per endpoint under test: its exchanges, findings and check outcomes. */
export function endpointRows(result: RunResult): EndpointRow[] {
  return result.run.endpoints.map((endpoint) => {
    const findings = result.findings.filter((f) => f.endpoint === endpoint);
    const errors = findings.filter((f) => f.severity === 'error').length;
    const checks = result.checks.filter((c) => c.endpoint === endpoint);
    const count = (outcome: CheckOutcomeKind): number => checks.filter((c) => c.outcome === outcome).length;
    return {
      endpoint,
      exchanges: result.exchanges.filter((e) => e.endpoint === endpoint).length,
      errors,
      warnings: findings.length - errors,
      failed: count('fail'),
      warned: count('warn'),
      passed: count('pass'),
      notExercised: count('not-exercised'),
      off: count('off'),
    };
  });
}

/** One check across endpoints, for the check table: tallies summed, each endpoint's outcome kept. */
export interface CheckRow {
  readonly check: CheckId;
  readonly description: string;
  readonly evaluated: number;
  readonly exercised: number;
  readonly errors: number;
  readonly warnings: number;
  /** Per endpoint, in the run's order: a check may pass on one endpoint and be not exercised on another. */
  readonly outcomes: readonly { readonly endpoint: string; readonly outcome: CheckOutcomeKind }[];
}

/** One row per check (registry order, as the runner wrote them), summed over endpoints. */
export function checkRows(result: RunResult): CheckRow[] {
  const rows = new Map<
    CheckId,
    {
      check: CheckId;
      description: string;
      evaluated: number;
      exercised: number;
      errors: number;
      warnings: number;
      outcomes: { endpoint: string; outcome: CheckOutcomeKind }[];
    }
  >();
  for (const row of result.checks) {
    const seen = rows.get(row.check) ?? {
      check: row.check,
      description: row.description,
      evaluated: 0,
      exercised: 0,
      errors: 0,
      warnings: 0,
      outcomes: [],
    };
    seen.evaluated += row.evaluated;
    seen.exercised += row.exercised;
    seen.errors += row.errors;
    seen.warnings += row.warnings;
    seen.outcomes.push({ endpoint: row.endpoint, outcome: row.outcome });
    rows.set(row.check, seen);
  }
  return [...rows.values()];
}

/**
 * Checks with no verdict of their own on some endpoints (`not-exercised` or `off`), grouped by
 * check: what the "Not exercised" and "Switched off" lists show.
 */
export interface UnjudgedCheck {
  readonly check: CheckId;
  /** The endpoints where it has this outcome. */
  readonly endpoints: readonly string[];
  /** Why, and what would exercise it (the first row's reason: the runner gives one per check). */
  readonly why: string;
  /** Exercised on no endpoint at all (`summary.notExercised`), not just on some. */
  readonly nowhere: boolean;
  /** Where it was exercised after all (a `not-exercised` check can still have judged other endpoints). */
  readonly exercisedOn: readonly string[];
  /** Named by `--require-exercised`: a required check not exercised makes the run inconclusive. */
  readonly required: boolean;
}

/** Said when a row gives no reason (a hand-edited or older report): never an empty cell. */
const NO_REASON: Readonly<Record<'not-exercised' | 'off', string>> = {
  'not-exercised': 'the condition it judges never arose in this run',
  off: 'switched off by the config',
};

/**
 * The checks with outcome `outcome`, grouped by check: those exercised on no endpoint first, then
 * in the order the run lists them. Checks
 * the summary names as exercised nowhere but that have no row (a check that judges only
 * auxiliary calls) are listed too, so nothing the runner said goes unshown.
 */
export function unjudgedChecks(result: RunResult, outcome: 'not-exercised' | 'off'): UnjudgedCheck[] {
  const required = new Set(result.run.requireExercised ?? []);
  const requireAll = required.has('all');
  const nowhere = new Map(result.summary.notExercised.map((entry) => [entry.check, entry.why] as const));
  const groups = new Map<CheckId, { endpoints: string[]; why: string }>();
  for (const row of result.checks) {
    if (row.outcome !== outcome) continue;
    const group = groups.get(row.check) ?? {
      endpoints: [],
      why: row.why ?? nowhere.get(row.check) ?? NO_REASON[outcome],
    };
    group.endpoints.push(row.endpoint);
    groups.set(row.check, group);
  }
  if (outcome === 'not-exercised') {
    for (const [check, why] of nowhere) if (!groups.has(check)) groups.set(check, { endpoints: [], why });
  }
  const entries = [...groups.entries()].map(([check, group]) => ({
    check,
    endpoints: group.endpoints,
    why: group.why,
    nowhere:
      outcome === 'not-exercised' &&
      (nowhere.has(check) || result.checks.every((row) => row.check !== check || row.outcome === 'not-exercised')),
    exercisedOn: result.checks.filter((row) => row.check === check && row.exercised > 0).map((row) => row.endpoint),
    required: outcome === 'not-exercised' && (requireAll || required.has(check)),
  }));
  // Checks exercised nowhere first (the larger gap), each group in run order (sort is stable).
  return entries.sort((a, b) => Number(b.nowhere) - Number(a.nowhere));
}

/**
 * Ids the config switched off (`run.checksOff`) that have no `off` row of their own: body-level
 * ids such as `unknown-field`, which count under `response-body` and have no matrix cell.
 */
export function offWithoutRow(result: RunResult): CheckId[] {
  const rows = new Set(result.checks.filter((row) => row.outcome === 'off').map((row) => row.check));
  return (result.run.checksOff ?? []).filter((id) => !rows.has(id));
}

/**
 * Run phases in the order a run goes through them: the "what coverage cost" table lists them so,
 * whatever order the runner counted them in (unknown purposes follow, by name).
 */
export const PURPOSE_ORDER: readonly string[] = [
  'safety',
  'probes',
  'provision',
  'wide-record',
  'invalid-requests',
  'sequences',
  'sdk-gate',
  'cleanup',
];

/** One line of "what coverage cost". */
export interface RequestCost {
  readonly purpose: string;
  readonly requests: number;
}

/** Requests sent per purpose (`summary.requests`), in run order, with the total. */
export function requestCosts(result: RunResult): { readonly rows: readonly RequestCost[]; readonly total: number } {
  const rank = (purpose: string): number => {
    const index = PURPOSE_ORDER.indexOf(purpose);
    return index < 0 ? PURPOSE_ORDER.length : index;
  };
  const rows = Object.entries(result.summary.requests)
    .map(([purpose, requests]) => ({ purpose, requests }))
    .sort((a, b) => rank(a.purpose) - rank(b.purpose) || a.purpose.localeCompare(b.purpose));
  return { rows, total: rows.reduce((sum, row) => sum + row.requests, 0) };
}

/**
 * Words for an outcome in prose and table cells: `not-exercised` is never abbreviated to something a reader could take
 * for a pass.
 */
export const OUTCOME_WORD: Readonly<Record<CheckOutcomeKind, string>> = {
  pass: 'pass',
  fail: 'fail',
  warn: 'warn',
  'not-exercised': 'not exercised',
  off: 'off',
};

/** The exchanges the charts describe: those with the endpoints under test (provisioning and cleanup are not judged). */
export function judgedExchanges(result: RunResult): ReportedExchange[] {
  return result.exchanges.filter((e) => e.intent !== 'auxiliary');
}

/** One histogram bucket: durations in [fromMs, toMs), `toMs` undefined for the open last bucket. */
export interface LatencyBucket {
  readonly label: string;
  readonly fromMs: number;
  readonly toMs?: number;
  readonly count: number;
}

/**
 * Fixed 1-2-5 bucket edges: latencies span four orders of magnitude (a 1 ms loopback answer, a
 * 10 s wait after a 429), and fixed edges make two reports comparable at a glance.
 */
const LATENCY_EDGES_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000] as const;

/** Durations (retries and waits included) bucketed up to the last non-empty bucket. */
export function latencyBuckets(exchanges: readonly ReportedExchange[]): LatencyBucket[] {
  const buckets: LatencyBucket[] = [];
  let from = 0;
  for (const to of [...LATENCY_EDGES_MS, undefined]) {
    const count = exchanges.filter((e) => e.durationMs >= from && (to === undefined || e.durationMs < to)).length;
    buckets.push({
      label: to === undefined ? `≥${msLabel(from)}` : `<${msLabel(to)}`,
      fromMs: from,
      ...(to === undefined ? {} : { toMs: to }),
      count,
    });
    if (to !== undefined) from = to;
  }
  let last = buckets.length - 1;
  while (last > 0 && buckets[last]?.count === 0) last--;
  return buckets.slice(0, last + 1);
}

function msLabel(ms: number): string {
  return ms >= 1000 ? `${ms / 1000}s` : `${ms}ms`;
}

/** One bar of the status-code distribution; `status` undefined for exchanges that got no answer. */
export interface StatusCount {
  readonly label: string;
  readonly status?: number;
  readonly count: number;
}

/** Final status per exchange, ascending; exchanges without an answer (resets, timeouts) last. */
export function statusDistribution(exchanges: readonly ReportedExchange[]): StatusCount[] {
  const counts = new Map<number, number>();
  let none = 0;
  for (const exchange of exchanges) {
    const status = exchange.response?.status;
    if (status === undefined) none++;
    else counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  const rows: StatusCount[] = [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => ({ label: String(status), status, count }));
  if (none > 0) rows.push({ label: 'no answer', count: none });
  return rows;
}

/** A percentile of durations (nearest rank), or undefined for none. */
export function percentileMs(exchanges: readonly ReportedExchange[], p: number): number | undefined {
  const sorted = exchanges.map((e) => e.durationMs).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The verdict as a word for headings. */
export function verdictWord(result: RunResult): string {
  return result.summary.verdict.toUpperCase();
}

/** The shards a merged report names (`run.shards`, written by `hsac report merge`), if any. */
export interface ShardRef {
  readonly index: number;
  readonly count: number;
  readonly id: string;
  readonly target: string;
  readonly verdict: RunResult['summary']['verdict'];
  readonly reason?: string;
  readonly exchanges: number;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly replay: string;
}

/**
 * The shard list of a merged RunResult. The model's `run` block has no such field of its own, so
 * a merge adds it; writers read it through this one guard rather than trusting a cast.
 */
export function shardsOf(result: RunResult): readonly ShardRef[] | undefined {
  const value: unknown = (result.run as { readonly shards?: unknown }).shards;
  return Array.isArray(value) ? (value as ShardRef[]) : undefined;
}
