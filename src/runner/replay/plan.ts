import { changesTarget, isRateLimited } from '../../catalogue/index.js';
import { field } from '../../json.js';
import { exchangeIdsOf, numberedFindings, type NumberedFinding } from '../../registry/finding.js';
import {
  appliesTo,
  checkDeclaration,
  checkIdsOf,
  type CheckDeclaration,
  type CheckId,
  type CheckIdOfKind,
} from '../../registry/index.js';
import { recordIds } from '../provision.js';
import type { ReportedExchange, RunResult } from '../result.js';

/**
 * What `hsac replay` will do with each finding it is asked for, decided from the report alone (no I/O): which
 * exchanges it judged, whether they can be re-sent to the target, and which findings no replay can reproduce.
 */

/** Which findings of a report a replay is asked for: one by number, those that judged one exchange, or every error. */
export type ReplaySelection =
  { readonly finding: number } | { readonly exchange: number } | { readonly errorsOnly: true };

/** A selection that names nothing in the report (no such finding or exchange): a usage error, exit 2. */
export class ReplaySelectionError extends Error {
  override readonly name = 'ReplaySelectionError';
}

/**
 * The findings a selection names: `finding` N; every finding that judged exchange `exchange` (its `exchangeId`, or
 * one of its sequence's `exchangeIds`); or every error finding. Throws {@link ReplaySelectionError} for a number or id
 * the report does not hold, or an exchange no finding judged.
 */
export function selectFindings(
  report: Pick<RunResult, 'findings' | 'exchanges'>,
  selection: ReplaySelection,
): NumberedFinding[] {
  const numbered = numberedFindings(report.findings);
  if ('finding' in selection) {
    const chosen = numbered[selection.finding - 1];
    if (!chosen || selection.finding < 1)
      throw new ReplaySelectionError(
        `the report has no finding ${selection.finding} (it has ${report.findings.length}, numbered from 1)`,
      );
    return [chosen];
  }
  if ('exchange' in selection) {
    const id = selection.exchange;
    if (!report.exchanges.some((exchange) => exchange.id === id))
      throw new ReplaySelectionError(`the report has no exchange ${id}`);
    const judged = numbered.filter(({ finding }) => exchangeIdsOf(finding).includes(id));
    if (judged.length === 0)
      throw new ReplaySelectionError(`no finding of the report judged exchange ${id}: there is nothing to reproduce`);
    return judged;
  }
  return numbered.filter(({ finding }) => finding.severity === 'error');
}

/**
 * How a replay may treat its target. `replay-run`: the run's exchanges before the finding's are re-sent first, so the
 * target holds what it held when the run met the finding (a fresh embedded sandbox, or a provider on loopback under
 * development). `reads-only`: a portal holds data that is not hsac's, so nothing that writes is re-sent, and a
 * finding judged on a write is not replayed.
 */
export type TargetPolicy = 'replay-run' | 'reads-only';

/** Host names that are this machine by definition, with no lookup: `localhost`, 127.0.0.0/8 and `::1`. */
const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Whether a URL names this machine by definition (loopback): a name that resolves to this machine is not trusted to
 * stay so. Where a replay may write, and where it may send a token over plain http.
 */
export function isLoopback(baseUrl: string): boolean {
  try {
    return LOOPBACK_HOST.test(new URL(baseUrl).hostname);
  } catch {
    return false;
  }
}

/**
 * The policy for a target given by URL: `replay-run` on loopback, where hsac may write as it did in the run; any other
 * name is a portal, however it resolves.
 */
export function policyFor(baseUrl: string): TargetPolicy {
  return isLoopback(baseUrl) ? 'replay-run' : 'reads-only';
}

/**
 * What the report schema cannot say and a replay relies on, or undefined: each finding that names the exchange it
 * judged names that exchange's endpoint (a replay judges it there) and a check that applies to it. A report that says
 * otherwise was edited by hand, and whatever a replay made of it would say nothing of the target.
 */
export function inconsistentFinding(report: Pick<RunResult, 'findings' | 'exchanges'>): string | undefined {
  const endpoints = new Map(report.exchanges.map((exchange) => [exchange.id, exchange.endpoint]));
  for (const { number, finding } of numberedFindings(report.findings)) {
    if (finding.exchangeId === undefined) continue;
    const judged = endpoints.get(finding.exchangeId);
    const named = finding.endpoint ?? '(none)';
    if (judged === undefined) return `finding ${number} names exchange ${finding.exchangeId}, which it does not hold`;
    if (finding.endpoint !== judged)
      return `finding ${number} names endpoint ${named} but exchange ${finding.exchangeId} is ${judged}`;
    const declared: CheckDeclaration = checkDeclaration(finding.check);
    if (!appliesTo(declared, judged))
      return `finding ${number} is of check ${finding.check}, which does not apply to ${judged}`;
  }
  return undefined;
}

/** One selected finding as the replay will judge it, or why it will not. */
export type PlannedFinding = NumberedFinding &
  (
    | { readonly kind: 'exchange'; readonly exchangeId: number; readonly exchangeIds: readonly number[] }
    | {
        readonly kind: 'sequence';
        readonly check: CheckIdOfKind<'sequence'>;
        readonly exchangeIds: readonly number[];
      }
    | { readonly kind: 'not-replayed'; readonly why: string }
  );

const SEQUENCE_CHECK_IDS: readonly CheckId[] = checkIdsOf('sequence');

function isSequenceCheck(id: CheckId): id is CheckIdOfKind<'sequence'> {
  return SEQUENCE_CHECK_IDS.includes(id);
}

/** The request line of an exchange, for messages: `POST /crm/...` (the URL was redacted when recorded). */
export function requestLine(exchange: Pick<ReportedExchange, 'request'>): string {
  const { method, url } = exchange.request;
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // A URL that does not parse is shown as recorded.
  }
  return `${method} ${path}`;
}

/** What planning reads of a report, once for every finding. */
export interface ReportIndex {
  readonly exchanges: ReadonlyMap<number, ReportedExchange>;
  /** The ids of the records the run created. */
  readonly created: ReadonlySet<string>;
  /** The command that re-runs the run (`run.replay`). */
  readonly rerun: string;
}

export function indexReport(report: Pick<RunResult, 'exchanges' | 'run'>): ReportIndex {
  return {
    exchanges: new Map(report.exchanges.map((exchange) => [exchange.id, exchange])),
    created: createdByRun(report.exchanges),
    rerun: report.run.replay,
  };
}

/** The ids of the records the run created (its objects batch creates' answers). */
function createdByRun(exchanges: Iterable<ReportedExchange>): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const exchange of exchanges) {
    if (exchange.endpoint !== 'objects-batch-create' || exchange.response?.body === undefined) continue;
    let body: unknown;
    try {
      body = JSON.parse(exchange.response.body);
    } catch {
      continue;
    }
    const results = field(body, 'results');
    // The ids as provisioning read them from the same answer.
    for (const id of recordIds(Array.isArray(results) ? results.map((raw: unknown) => ({ raw })) : [])) ids.add(id);
  }
  return ids;
}

/** Every record id a request names: the digit strings of its path and of its body. */
function mentionedIds(exchange: ReportedExchange): string[] {
  const { url, body } = exchange.request;
  const fromPath = url.split(/[/?#]/).filter((segment) => /^\d+$/.test(segment));
  const fromBody = body === undefined ? [] : [...body.matchAll(/"(\d+)"/g)].flatMap((match) => match[1] ?? []);
  return [...fromPath, ...fromBody];
}

/**
 * How one finding will be replayed. Not replayed: a judgement of the runner over the run (no exchange a check judged:
 * what cleanup left, a burst that met no 429, a read of configurations), a 429 (it answers how fast requests came,
 * not what they were: re-sent at the client's pace, it would not come back), and against a portal a finding judged
 * on a write, or on a read of records the run created (its cleanup archived them).
 */
export function planFinding(numbered: NumberedFinding, report: ReportIndex, policy: TargetPolicy): PlannedFinding {
  const { finding } = numbered;
  const { exchanges, rerun } = report;
  const notReplayed = (why: string): PlannedFinding => ({ ...numbered, kind: 'not-replayed', why });
  const kind = checkDeclaration(finding.check).kind;
  if (finding.exchangeId === undefined || kind === 'runner' || kind === 'gate')
    return notReplayed(
      `a judgement of the run over several of its steps, not of one answer or one sequence a check can judge again; re-run it: ${rerun}`,
    );
  const judged = exchanges.get(finding.exchangeId);
  if (finding.check === 'rate-limit-contract' || isRateLimited(judged?.response?.status ?? 0))
    return notReplayed(
      `it judged a 429, which answers how fast requests came, not what they were; the run's rate-limit probe meets one again: ${rerun}`,
    );
  const own = exchangeIdsOf(finding);
  if (policy === 'reads-only') {
    const sent = own.flatMap((id) => exchanges.get(id) ?? []);
    const write = sent.find((exchange) => changesTarget(exchange.endpoint));
    const elsewhere =
      'replay it against the embedded sandbox or a provider on loopback (--target http://127.0.0.1:PORT)';
    if (write)
      return notReplayed(
        `exchange ${write.id} (${requestLine(write)}, ${write.endpoint}) writes, and a portal holds data that is not hsac's: ${elsewhere}`,
      );
    const reading = sent.find((exchange) => mentionedIds(exchange).some((id) => report.created.has(id)));
    if (reading)
      return notReplayed(
        `exchange ${reading.id} (${requestLine(reading)}) reads records the run created, which its cleanup archived (and a portal's next records get other ids): ${elsewhere}`,
      );
  }
  if (isSequenceCheck(finding.check)) return { ...numbered, kind: 'sequence', check: finding.check, exchangeIds: own };
  return { ...numbered, kind: 'exchange', exchangeId: finding.exchangeId, exchangeIds: [finding.exchangeId] };
}
