import type { RunResult } from '../../src/runner/result.js';

/**
 * The one normaliser of the report suites: what differs between two runs of the same seed (times,
 * ports, paths, durations, run ids, correlation ids, rate-limit budgets left) becomes a placeholder, so a writer's
 * output can be snapshot-tested. Applied to the model before rendering (so every writer sees the
 * same stable input) and to each rendered file after (so nothing a writer adds escapes it).
 */

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';

/** Ordered: run ids before UUIDs (a run id ends in 8 hex digits), times before anything numeric. */
const TEXT_RULES: readonly (readonly [RegExp, string])[] = [
  [/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g, '<TIME>'],
  [new RegExp(`${DAY}, \\d{2} ${MONTH} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT`, 'g'), '<HTTP-DATE>'],
  [/hsac-\d{8}-[0-9a-f]{8}/g, '<RUN-ID>'],
  [/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<UUID>'],
  [/(127\.0\.0\.1|localhost|\[::1\]):\d{2,5}/g, '$1:<PORT>'],
];

/**
 * Durations become this fixed cycle of placeholder values, in traversal order: fixed, yet with a
 * spread, so the latency histogram of a snapshot still has a shape to compare.
 */
const PLACEHOLDER_MS = [1, 3, 2, 8, 1, 13, 4, 1, 30, 2, 5, 120] as const;

/** The rate-limit headers that count down with time: `x-hubspot-ratelimit-remaining`, `-secondly-remaining`, ... */
const RATE_LIMIT_REMAINING = /^x-hubspot-ratelimit-(?:[a-z]+-)?remaining$/i;

/** What else to replace: directories of this test run (temp dirs, the checkout). */
export interface NormaliseOptions {
  readonly paths?: readonly string[];
}

/** Replaces times, ports, run ids, correlation ids and the given paths in rendered text. */
export function normaliseText(text: string, options: NormaliseOptions = {}): string {
  let out = text;
  // Longest path first, so a temp dir inside the checkout is not half-replaced.
  for (const path of [...(options.paths ?? [])].sort((a, b) => b.length - a.length))
    out = out.split(path).join('<DIR>');
  for (const [pattern, placeholder] of TEXT_RULES) out = out.replace(pattern, placeholder);
  return out;
}

/** The RunResult with every string normalised and every `durationMs` replaced by a placeholder. */
export function normaliseResult(result: RunResult, options: NormaliseOptions = {}): RunResult {
  let durations = 0;
  const walk = (value: unknown, key?: string): unknown => {
    if (key === 'durationMs' && typeof value === 'number') return PLACEHOLDER_MS[durations++ % PLACEHOLDER_MS.length];
    // What is left of a rate-limit window depends on how long the run took (a busy machine's run spans more of it).
    if (key !== undefined && RATE_LIMIT_REMAINING.test(key) && typeof value === 'string') return '<REMAINING>';
    if (typeof value === 'string') return normaliseText(value, options);
    if (Array.isArray(value)) return value.map((item) => walk(item));
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  return walk(result) as RunResult;
}
