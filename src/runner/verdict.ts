import { ALL_CHECKS, appliesTo, isUnchecked, type Check } from '../checks/index.js';
import { CHECKS, type CheckId } from '../registry/index.js';
import type { RunOptions } from './options.js';
import { isBurstWithoutLimit } from './probes.js';
import { checkOutcomeKind, type CheckOutcome, type RunResult, type Verdict } from './result.js';
import { AUXILIARY_ROW, type Session, type Tally } from './session.js';
import type { WideRecordOutcome } from './wide-record.js';

/**
 * The verdict of a run and what it is made of: one outcome per endpoint x check (with why a check
 * was not exercised), the required checks left unmet, and the RunResult every report is written from.
 */

/** What a run ended with, for its result. */
export interface RunEnd {
  readonly runId: string;
  readonly startedAt: Date;
  /** Why the run could not judge the target, if it could not. */
  readonly inconclusive: string | undefined;
  readonly wide: WideRecordOutcome | undefined;
}

/**
 * The RunResult of a finished run: findings, outcomes, the verdict and its reason. Every finding is
 * the session's, graded there by the config (the cleanup phase's included, src/runner/run.ts).
 */
export function buildResult(
  options: RunOptions,
  session: Session,
  { runId, startedAt, inconclusive, wide }: RunEnd,
): RunResult {
  const findings = [...session.findings];
  const unchecked = session.exchanges.filter(
    (exchange) => exchange.intent !== 'auxiliary' && isUnchecked({ exchange }),
  ).length;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const checks = outcomes(options, session, wide);
  const notExercised = notExercisedChecks(checks);
  const unmet = unmetRequirements(options.requireExercised, checks);
  // Fail beats inconclusive (as in `report merge`): an error found is an error, even in a run cut short.
  let verdict: Verdict = 'pass';
  let reason: string | undefined;
  if (errors > 0) {
    verdict = 'fail';
    reason = `${errors} error finding(s)${inconclusive ? `; also ${inconclusive}` : ''}`;
  } else if (inconclusive || unchecked > 0) {
    verdict = 'inconclusive';
    reason = inconclusive ?? `${unchecked} exchange(s) got no checkable answer (resets, timeouts, persistent 5xx)`;
  } else if (unmet.length > 0) {
    verdict = 'inconclusive';
    reason = `required check(s) not exercised: ${unmet.map((u) => `${u.check} (${u.why})`).join('; ')}`;
  }
  const requests: Record<string, number> = {};
  // Requests on the wire: every attempt, the retried 429s and 5xx included.
  for (const exchange of session.exchanges)
    requests[exchange.purpose ?? 'other'] = (requests[exchange.purpose ?? 'other'] ?? 0) + exchange.attempts.length;
  const checksOff = CHECKS.map((check) => check.id)
    .filter((id) => options.overrides?.[id] === 'off')
    .sort();
  const finishedAt = new Date();
  return {
    tool: { name: 'hsac', version: options.toolVersion ?? '0' },
    run: {
      id: runId,
      seed: options.seed,
      apiVersion: options.apiVersion,
      endpoints: options.endpoints,
      runs: options.runs,
      profile: options.profile,
      target: options.targetLabel,
      ...(options.sandbox ? { sandbox: options.sandbox } : {}),
      ...(options.shard ? { shard: options.shard } : {}),
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      replay: options.replay,
      ...(options.requireExercised
        ? { requireExercised: options.requireExercised === 'all' ? ['all'] : [...options.requireExercised] }
        : {}),
      ...(checksOff.length > 0 ? { checksOff } : {}),
    },
    summary: {
      verdict,
      ...(reason ? { reason } : {}),
      exchanges: session.exchanges.length,
      unchecked,
      errors,
      warnings,
      sequences: session.sequences,
      seed: options.seed,
      notExercised,
      requests,
    },
    findings,
    checks,
    exchanges: session.exchanges,
  };
}

const NO_TALLY: Tally = { evaluated: 0, exercised: 0, errors: 0, warnings: 0 };

/**
 * Why a check was not exercised on an endpoint in this run: what the run itself knows first (an
 * endpoint it left untouched, the wide record's story for paging, a burst that met no 429), else
 * the check's own reason.
 */
function whyNotExercised(
  check: Check,
  endpoint: string,
  session: Session,
  wide: WideRecordOutcome | undefined,
): string {
  const untouched = session.untouched.get(endpoint);
  if (untouched) return untouched;
  if (check.id === 'paging-terminates' && wide?.why)
    return `${wide.why} (${wide.requests} requests spent on the wide record)`;
  const probe = session.findings.find(
    (finding) =>
      finding.check === check.id &&
      finding.endpoint === endpoint &&
      finding.severity === 'warning' &&
      isBurstWithoutLimit(finding),
  );
  if (probe) return probe.message;
  return check.notExercisedWhy;
}

/**
 * One outcome per endpoint x registry check where the check applies, plus an `auxiliary` row for
 * the checks that judge provisioning and cleanup calls too. Body-level ids count under `response-body`.
 */
function outcomes(options: RunOptions, session: Session, wide: WideRecordOutcome | undefined): CheckOutcome[] {
  const rows: CheckOutcome[] = [];
  const row = (endpoint: string, check: Check): CheckOutcome => {
    const tally = session.tallies.get(`${endpoint}|${check.id}`) ?? NO_TALLY;
    const outcome = checkOutcomeKind({ ...tally, off: options.overrides?.[check.id] === 'off' });
    const why =
      outcome === 'off'
        ? 'switched off by the config (run.checks)'
        : outcome === 'not-exercised'
          ? whyNotExercised(check, endpoint, session, wide)
          : undefined;
    return {
      endpoint,
      check: check.id,
      description: check.description,
      outcome,
      evaluated: tally.evaluated,
      exercised: tally.exercised,
      errors: tally.errors,
      warnings: tally.warnings,
      ...(why ? { why } : {}),
    };
  };
  for (const endpoint of options.endpoints) {
    for (const check of ALL_CHECKS) if (appliesTo(check, endpoint)) rows.push(row(endpoint, check));
  }
  for (const check of ALL_CHECKS)
    if (check.scope === 'exchange' && check.checkAuxiliary) rows.push(row(AUXILIARY_ROW, check));
  return rows;
}

/** Checks exercised on no row of the run (and not switched off), with why. */
function notExercisedChecks(rows: readonly CheckOutcome[]): { check: CheckId; why: string }[] {
  const byCheck = new Map<CheckId, CheckOutcome[]>();
  for (const row of rows) byCheck.set(row.check, [...(byCheck.get(row.check) ?? []), row]);
  return [...byCheck]
    .filter(([, mine]) => mine.every((row) => row.outcome === 'not-exercised'))
    .map(([check, mine]) => ({ check, why: mine[0]?.why ?? 'nothing arose to judge' }));
}

/**
 * The required checks (`all` or ids) that no row exercised, each a check id or, under `all`, an
 * endpoint nothing was judged on (`(every check on ENDPOINT)`); a check switched off cannot be required.
 */
function unmetRequirements(
  required: RunOptions['requireExercised'],
  rows: readonly CheckOutcome[],
): { check: string; why: string }[] {
  if (!required) return [];
  const missing = notExercisedChecks(rows);
  if (required === 'all') {
    // `all` also means every endpoint of the run judged something: one the run had to leave alone
    // (a limit it could not read first) is as unexercised as a check.
    const silent = [...new Set(rows.map((row) => row.endpoint))]
      .filter((endpoint) =>
        rows.filter((row) => row.endpoint === endpoint).every((row) => row.outcome === 'not-exercised'),
      )
      .map((endpoint) => ({
        check: `(every check on ${endpoint})`,
        why: rows.find((row) => row.endpoint === endpoint)?.why ?? 'nothing was judged',
      }));
    return [...missing, ...silent];
  }
  // A required check with no row applies to none of the run's endpoints: it cannot be exercised.
  const absent = required
    .filter((id) => !rows.some((row) => row.check === id))
    .map((check) => ({ check, why: 'it applies to none of the endpoints of this run' }));
  return [...missing.filter((entry) => required.includes(entry.check)), ...absent];
}
