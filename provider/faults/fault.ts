import type { AuxiliaryOperation, Operation } from '../../src/catalogue/index.js';
import type { CheckId } from '../../src/registry/index.js';
import type { Delivery, SandboxRequest, SandboxResponse } from '../http-types.js';
import type { SandboxPolicy } from '../policy.js';
import type { RateLimitOptions } from '../rate-limit.js';

/** Where a fault acts: a body's schema, the exchange's semantics, or the transport. */
export type FaultKind = 'schema' | 'exchange' | 'transport';

/** Settings of the faults that need one. */
export interface FaultOptions {
  /** How long `slow-response` holds each answer (default 35,000 ms: past a 30 s client timeout). */
  readonly slowResponseMs?: number;
}

/** What a fault knows about any exchange it acts on. */
interface FaultContextBase {
  /** The request; its `body` is undefined in `intercept`/`auxiliaryIntercept`, which run before it is read. */
  readonly request: SandboxRequest;
  /** The bearer token the client presented; the echo faults repeat it exactly. */
  readonly token: string | undefined;
  readonly options: Required<FaultOptions>;
  /** Associations per batch-read page. */
  readonly pageSize: number;
  /** This answer's correlation id (its `X-HubSpot-Correlation-Id`). */
  readonly correlationId: string;
  /** The sandbox's rate limits, for a fault's own 429 to report the same window. */
  readonly rateLimit: Required<RateLimitOptions>;
  /**
   * True the first time this fault asks about `key` on this sandbox, false ever after: the memory
   * of a fault that misbehaves once (a first request refused, its retry served). Per sandbox and
   * per fault, so two sandboxes, or two faults, never share it.
   */
  firstTime(key: string): boolean;
}

/** What a fault knows about an exchange with one of the four endpoints under test. */
export interface FaultContext extends FaultContextBase {
  /** The endpoint x version under test. */
  readonly operation: Operation;
}

/**
 * What a fault knows about an exchange with an auxiliary operation (provisioning, archive, cleanup, account
 * details).
 */
export interface AuxiliaryFaultContext extends FaultContextBase {
  readonly operation: AuxiliaryOperation;
}

/**
 * A planted fault: one named, small deviation from HubSpot's behaviour. A fault may switch off a
 * behaviour (`policy`), answer in the sandbox's place (`intercept`), rewrite the response
 * (`response`), or change how it is delivered (`delivery`). Those act on the four endpoints under
 * test only, so a faulted sandbox still lets a run set up and clean up; a fault that is about the
 * auxiliary operations says so with `auxiliaryPolicy` / `auxiliaryIntercept`. Faults compose:
 * policies merge, hooks run in registry order.
 */
export interface Fault {
  /** kebab-case, unique; the name `--fault` takes. */
  readonly name: string;
  /** One line: what changes. */
  readonly description: string;
  readonly kind: FaultKind;
  /**
   * The checks that must catch it (at least one): registry ids (src/registry/), each of whose
   * declarations lists this fault in its `faults` (suites/_meta/fault-coverage.test.ts proves it).
   */
  readonly triggers: readonly CheckId[];
  readonly policy?: Partial<SandboxPolicy>;
  /**
   * An answer in the sandbox's place, or undefined to let the request through. It runs after the
   * auth check and before the request is counted against the rate limits, read or handled (a
   * gateway or a limiter in front of the API): nothing is written, and a retry finds the sandbox
   * as it was. The first planted fault that answers wins; `response` and `delivery` hooks then run
   * on its answer as on any other.
   */
  readonly intercept?: (context: FaultContext) => SandboxResponse | undefined;
  readonly response?: (response: SandboxResponse, context: FaultContext) => SandboxResponse;
  readonly delivery?: (delivery: Delivery, context: FaultContext) => Delivery;
  /** The behaviours it switches off on the auxiliary operations (e.g. archives that keep associations). */
  readonly auxiliaryPolicy?: Partial<SandboxPolicy>;
  /** As `intercept`, on the auxiliary operations (no response or delivery hook runs on those). */
  readonly auxiliaryIntercept?: (context: AuxiliaryFaultContext) => SandboxResponse | undefined;
}
