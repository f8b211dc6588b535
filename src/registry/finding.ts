import type { CheckId } from './index.js';

/**
 * A conformance finding: data, never an exception. Every layer that judges a body or an exchange
 * returns these; reporters only read them.
 */
export type Severity = 'error' | 'warning';

/** One problem found in a body or an exchange. */
export interface Finding {
  /**
   * The id of the check that produced it, e.g. `required`, `status-enum`, `num-errors-matches-errors`:
   * a registry id (src/registry/index.ts), so a misspelt one does not compile.
   */
  check: CheckId;
  severity: Severity;
  /** JSON Pointer (RFC 6901) into the checked body; `''` is the whole body. */
  instancePath: string;
  message: string;
  endpoint?: string;
  apiVersion?: string;
  expected?: unknown;
  actual?: unknown;
  /** A command that reproduces the finding, where it came from generated data. */
  replay?: string;
  /**
   * The exchange the finding judged (report.json `exchanges[].id`, the HAR entry's `_hsac.id`): the answer its
   * `instancePath` points into. Absent only for findings about the run itself (what cleanup left).
   */
  exchangeId?: number;
  /**
   * Every exchange of the sequence a sequence check judged (writes, then reads and pages), in the order sent:
   * what `hsac replay` re-sends to reproduce it.
   */
  exchangeIds?: readonly number[];
}

/**
 * A finding as a check writes it: `severity` only where the check grades it otherwise than its
 * declaration does (a warning from a check whose findings are errors). `withDeclaredSeverity`
 * (src/registry/index.ts) fills in the declared one.
 */
export type FindingDraft = Omit<Finding, 'severity'> & { severity?: Severity };

/**
 * A finding with its number: its 1-based place in report.json `findings[]`, the number every report shows and
 * `hsac replay REPORT.json --finding N` takes.
 */
export interface NumberedFinding {
  readonly number: number;
  readonly finding: Finding;
}

/** The run's findings, numbered as report.json lists them. */
export function numberedFindings(findings: readonly Finding[]): NumberedFinding[] {
  return findings.map((finding, index) => ({ number: index + 1, finding }));
}

/**
 * The exchanges a finding names, once each and in the order sent (ids count up per run): its sequence's and the one
 * it judged; empty for a finding about the run itself (what cleanup left).
 */
export function exchangeIdsOf(finding: Pick<Finding, 'exchangeId' | 'exchangeIds'>): number[] {
  const ids = [...(finding.exchangeIds ?? []), ...(finding.exchangeId !== undefined ? [finding.exchangeId] : [])];
  return [...new Set(ids)].sort((a, b) => a - b);
}
