import type { Operation } from '../../src/catalogue/index.js';
import type { Delivery, SandboxRequest, SandboxResponse } from '../http-types.js';
import type { SandboxPolicy } from '../policy.js';

/** Where a fault acts: a body's schema, the exchange's semantics, or the transport. */
export type FaultKind = 'schema' | 'exchange' | 'transport';

/**
 * The exchange-level check ids (issue 5 writes them in `src/checks/`). Listed here so a fault can
 * name the check that must catch it before that check exists.
 */
export const EXCHANGE_CHECK_IDS = [
  'status-code',
  'status-family',
  'content-type',
  'inputs-accounted',
  'num-errors-matches-errors',
  'paging-terminates',
  'auth-enforced',
  'input-limit-enforced',
  'read-after-write',
  'rate-limit-contract',
  'transport',
  'token-redaction',
] as const;

/**
 * The body-level check ids a fault may name: `SCHEMA_CHECKS` and the body rules of
 * `src/validate/`, plus the reading check `body-not-json`. The suite proves each one named is
 * reported by `createValidator({ profile: 'strict' })` on the faulted response.
 */
export const BODY_CHECK_IDS = [
  'required',
  'status-enum',
  'enum',
  'type',
  'format',
  'int32-range',
  'unknown-field',
  'error-shape',
  'num-errors-matches-errors',
  'timestamps-ordered',
  'multi-status-has-errors',
  'body-not-json',
] as const;

/** A check a fault must trigger. */
export type CheckId = (typeof EXCHANGE_CHECK_IDS)[number] | (typeof BODY_CHECK_IDS)[number];

/** Settings of the faults that need one. */
export interface FaultOptions {
  /** How long `slow-response` holds each answer (default 35,000 ms: past a 30 s client timeout). */
  readonly slowResponseMs?: number;
}

/** What a fault knows about the exchange it acts on. */
export interface FaultContext {
  /** The endpoint x version under test (faults act on the four endpoints only, never on provisioning). */
  readonly operation: Operation;
  readonly request: SandboxRequest;
  /** The bearer token the client presented; the echo faults repeat it exactly. */
  readonly token: string | undefined;
  readonly options: Required<FaultOptions>;
  /** Associations per batch-read page. */
  readonly pageSize: number;
}

/**
 * A planted fault: one named, small deviation from HubSpot's behaviour. A fault may switch off a
 * behaviour (`policy`), rewrite the response (`response`), or change how it is delivered
 * (`delivery`). Faults compose: policies merge, hooks run in registry order.
 */
export interface Fault {
  /** kebab-case, unique; the name `--fault` takes. */
  readonly name: string;
  /** One line: what changes. */
  readonly description: string;
  readonly kind: FaultKind;
  /** The checks that must catch it (at least one). */
  readonly triggers: readonly CheckId[];
  readonly policy?: Partial<SandboxPolicy>;
  readonly response?: (response: SandboxResponse, context: FaultContext) => SandboxResponse;
  readonly delivery?: (delivery: Delivery, context: FaultContext) => Delivery;
}
