import type { Operation } from '../../src/catalogue/index.js';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { BODY_RULES, SCHEMA_CHECKS } from '../../src/validate/index.js';
import type { Delivery, SandboxRequest, SandboxResponse } from '../http-types.js';
import type { SandboxPolicy } from '../policy.js';

/** Where a fault acts: a body's schema, the exchange's semantics, or the transport. */
export type FaultKind = 'schema' | 'exchange' | 'transport';

/**
 * The ids a fault may name: every check of the registry in `src/checks/` (exchange and sequence
 * checks) and every body-level check of `src/validate/` (schema checks, body rules, and the
 * reading check `body-not-json`). Derived, not listed again, so a renamed check breaks the fault
 * that names it at load.
 */
export const EXCHANGE_CHECK_IDS: readonly string[] = ALL_CHECKS.map((check) => check.id).filter((id) => id !== 'response-body');

/** Body-level ids (the `response-body` check reports findings under these). */
export const BODY_CHECK_IDS: readonly string[] = [...Object.keys(SCHEMA_CHECKS), ...BODY_RULES.map((rule) => rule.id), 'status-code', 'body-not-json'];

/** A check a fault must trigger: one of {@link EXCHANGE_CHECK_IDS} or {@link BODY_CHECK_IDS}, checked at load. */
export type CheckId = string;

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
