import type { ApiVersion, EndpointId } from '../catalogue/index.js';
import type { Finding, Severity } from '../registry/finding.js';
import type { CheckOutcome, CheckOutcomeKind } from '../runner/result.js';
import { declarationsOf, type CheckIdOfKind } from '../registry/index.js';
import type { GateCell } from './cells.js';

/**
 * Collects the gate's findings and how often each check ran. One finding per check x endpoint x
 * version x place: the same field lost from 40 generated bodies is one finding (with the count and
 * the first case it was seen in), not 40, so the gate's verdict on an SDK reads as a short list
 * and a known-findings list can pin it.
 */

/** A finding as a check reports it, before aggregation. */
export interface Observation {
  readonly check: CheckIdOfKind<'gate'>;
  readonly severity: Severity;
  readonly endpoint: string;
  readonly apiVersion: string;
  /** JSON Pointer of the first occurrence. */
  readonly instancePath: string;
  /** The place with array indices as `*`, the aggregation key. */
  readonly pattern: string;
  readonly message: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
  /** The response status or request it was seen on, and the case name. */
  readonly status?: number;
  readonly caseName?: string;
}

interface Aggregate {
  readonly first: Observation;
  count: number;
  readonly statuses: Set<number>;
}

export { pointerPattern } from '../json-pointer.js';

/** The findings and check counts of one gate run. */
export class Collector {
  private readonly aggregates = new Map<string, Aggregate>();
  private readonly evaluated = new Map<string, number>();

  constructor(private readonly replay: string) {}

  /** Counts one evaluation of a check on an endpoint in a version. */
  ran(check: CheckIdOfKind<'gate'>, endpoint: string, apiVersion: string, times = 1): void {
    const key = `${endpoint}|${apiVersion}|${check}`;
    this.evaluated.set(key, (this.evaluated.get(key) ?? 0) + times);
  }

  /** Evaluations of a check on an endpoint, in one version or (undefined) in every version. */
  private evaluations(check: string, endpoint: string, apiVersion?: string): number {
    let total = 0;
    for (const [key, times] of this.evaluated) {
      const [keyEndpoint, keyVersion, keyCheck] = key.split('|');
      if (keyEndpoint === endpoint && keyCheck === check && (apiVersion === undefined || keyVersion === apiVersion))
        total += times;
    }
    return total;
  }

  observe(observation: Observation): void {
    const key = [
      observation.check,
      observation.endpoint,
      observation.apiVersion,
      observation.severity,
      observation.pattern,
    ].join('|');
    const found = this.aggregates.get(key);
    if (found) {
      found.count += 1;
      if (observation.status !== undefined) found.statuses.add(observation.status);
      return;
    }
    this.aggregates.set(key, {
      first: observation,
      count: 1,
      statuses: new Set(observation.status === undefined ? [] : [observation.status]),
    });
  }

  /** The findings, in check order, then endpoint, version and place. */
  findings(): Finding[] {
    const order = new Map(declarationsOf('gate').map((check, index) => [check.id as string, index]));
    return [...this.aggregates.values()]
      .sort(
        (a, b) =>
          (order.get(a.first.check) ?? 0) - (order.get(b.first.check) ?? 0) ||
          a.first.endpoint.localeCompare(b.first.endpoint) ||
          a.first.apiVersion.localeCompare(b.first.apiVersion) ||
          a.first.pattern.localeCompare(b.first.pattern),
      )
      .map(({ first, count, statuses }): Finding => {
        const seen = [
          statuses.size > 0 ? `status ${[...statuses].sort().join(', ')}` : '',
          count > 1 ? `${count} cases` : '',
          first.caseName ? `first in case "${first.caseName}"` : '',
        ]
          .filter(Boolean)
          .join('; ');
        return {
          check: first.check,
          severity: first.severity,
          endpoint: first.endpoint,
          apiVersion: first.apiVersion,
          instancePath: first.instancePath,
          message: seen ? `${first.message} (${seen})` : first.message,
          ...(first.expected === undefined ? {} : { expected: first.expected }),
          ...(first.actual === undefined ? {} : { actual: first.actual }),
          replay: this.replay,
        };
      });
  }

  /** One outcome per endpoint x check (versions together: the findings say which version). */
  outcomes(endpoints: readonly string[]): CheckOutcome[] {
    const findings = this.findings();
    return endpoints.flatMap((endpoint) =>
      declarationsOf('gate').map((check): CheckOutcome => {
        const mine = findings.filter((f) => f.endpoint === endpoint && f.check === check.id);
        const errors = mine.filter((f) => f.severity === 'error').length;
        const warnings = mine.length - errors;
        const evaluated = this.evaluations(check.id, endpoint);
        const outcome = gateOutcome(errors, warnings, evaluated);
        return {
          endpoint,
          check: check.id,
          description: check.description,
          outcome,
          evaluated,
          exercised: evaluated,
          errors,
          warnings,
          ...(outcome === 'not-exercised'
            ? { why: 'no gate case drove the SDK through this endpoint for this check' }
            : {}),
        };
      }),
    );
  }

  /**
   * One cell per endpoint x version gated: each check's outcome in it, and the cell's own (missing when the
   * client has no method for it: `sdk-endpoint-missing` reported it).
   */
  cells(cells: readonly { readonly endpoint: EndpointId; readonly apiVersion: ApiVersion }[]): GateCell[] {
    const findings = this.findings();
    return cells.map(({ endpoint, apiVersion }): GateCell => {
      const mine = findings.filter((f) => f.endpoint === endpoint && f.apiVersion === apiVersion);
      const checks = declarationsOf('gate').map((check) => {
        const own = mine.filter((f) => f.check === check.id);
        const errors = own.filter((f) => f.severity === 'error').length;
        const warnings = own.length - errors;
        const evaluated = this.evaluations(check.id, endpoint, apiVersion);
        return { check: check.id, outcome: gateOutcome(errors, warnings, evaluated), evaluated, errors, warnings };
      });
      const missing = mine.some((f) => f.check === 'sdk-endpoint-missing');
      const incompatible = mine.some((f) => f.severity === 'error');
      // Compatible only where the SDK was judged at work both ways: a request it sent and an answer it decoded (the
      // lookup and the enums judge its shape alone; a request whose answer never came is half a judgement).
      const judgedIn = (stage: ReadonlySet<string>): boolean =>
        checks.some((c) => c.evaluated > 0 && stage.has(c.check));
      const judged = judgedIn(REQUEST_CHECKS) && judgedIn(DECODE_CHECKS);
      const outcome = missing ? 'missing' : incompatible ? 'incompatible' : judged ? 'compatible' : 'not-exercised';
      return { endpoint, apiVersion, outcome, checks };
    });
  }
}

/**
 * The gate checks that judge an SDK's shape (does it have the method, do its enums list the values), not what it
 * sends or decodes: the same whatever answers it meets, in-process or over HTTP.
 */
export const SHAPE_CHECKS: ReadonlySet<string> = new Set<CheckIdOfKind<'gate'>>([
  'sdk-endpoint-missing',
  'sdk-enum-values',
]);

/** The gate checks that judge a request the SDK sent. */
const REQUEST_CHECKS: ReadonlySet<string> = new Set<CheckIdOfKind<'gate'>>([
  'sdk-request-path',
  'sdk-request-headers',
  'sdk-request-body',
]);

/** The gate checks that judge an answer the SDK decoded. */
const DECODE_CHECKS: ReadonlySet<string> = new Set<CheckIdOfKind<'gate'>>([
  'sdk-decode-throws',
  'sdk-field-lost',
  'sdk-field-corrupted',
  'sdk-status-tolerance',
]);

/**
 * A gate check's outcome from what it found and how often it judged: a gate case is the condition itself (the
 * SDK sent a request or decoded an answer), so every case evaluated is a case exercised.
 */
function gateOutcome(errors: number, warnings: number, evaluated: number): CheckOutcomeKind {
  return errors > 0 ? 'fail' : warnings > 0 ? 'warn' : evaluated > 0 ? 'pass' : 'not-exercised';
}
