import type { Finding } from '../finding.js';
import type { ReportedExchange, RunResult } from '../runner/result.js';

/**
 * Aggregates the human-facing writers (summary.md, report.html) share. Each is a plain reading of
 * the RunResult (counting, grouping, bucketing); none judges an exchange again.
 */

/** Distinct findings with how often each was seen in the run. */
export interface FindingGroup {
  readonly finding: Finding;
  readonly count: number;
}

/** The identity of a finding as a reader sees it: the same problem at the same place. */
function groupKey(finding: Finding): string {
  return JSON.stringify([finding.severity, finding.check, finding.endpoint ?? '', finding.apiVersion ?? '', finding.instancePath, finding.message, finding.replay ?? '']);
}

/** Findings grouped by (severity, check, endpoint, version, pointer, message, replay): errors first, then by count, then first seen. */
export function distinctFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, { finding: Finding; count: number; first: number }>();
  findings.forEach((finding, index) => {
    const key = groupKey(finding);
    const seen = groups.get(key);
    if (seen) seen.count++;
    else groups.set(key, { finding, count: 1, first: index });
  });
  return [...groups.values()]
    .sort((a, b) => severityRank(a.finding) - severityRank(b.finding) || b.count - a.count || a.first - b.first)
    .map(({ finding, count }) => ({ finding, count }));
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
  readonly skipped: number;
}

/** Per endpoint under test: its exchanges, findings and check outcomes. */
export function endpointRows(result: RunResult): EndpointRow[] {
  return result.run.endpoints.map((endpoint) => {
    const findings = result.findings.filter((f) => f.endpoint === endpoint);
    const errors = findings.filter((f) => f.severity === 'error').length;
    const checks = result.checks.filter((c) => c.endpoint === endpoint);
    const count = (outcome: string): number => checks.filter((c) => c.outcome === outcome).length;
    return {
      endpoint,
      exchanges: result.exchanges.filter((e) => e.endpoint === endpoint).length,
      errors,
      warnings: findings.length - errors,
      failed: count('fail'),
      warned: count('warn'),
      passed: count('pass'),
      skipped: count('skip'),
    };
  });
}

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
    buckets.push({ label: to === undefined ? `≥${msLabel(from)}` : `<${msLabel(to)}`, fromMs: from, ...(to === undefined ? {} : { toMs: to }), count });
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
  const rows: StatusCount[] = [...counts.entries()].sort(([a], [b]) => a - b).map(([status, count]) => ({ label: String(status), status, count }));
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
