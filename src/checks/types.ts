import type { AuxiliaryOperation, EndpointId, Operation } from '../catalogue/index.js';
import type { Finding } from '../registry/finding.js';
import type { Exchange } from '../exchange.js';
import type { Profile, Validator } from '../validate/index.js';

/**
 * Why the runner sent a request, so a check knows what answer is right: a conformance request
 * must succeed, a request without a token must get a 401, one over the input limit must get a 4xx.
 */
export type ExchangeIntent = 'conformance' | 'no-auth' | 'over-limit' | 'invalid-request';

/** One exchange as the checks see it: the catalogue operation, what was sent, what came back. */
export interface ObservedExchange {
  readonly operation: Operation;
  readonly intent: ExchangeIntent;
  readonly exchange: Exchange;
  /** The request body as sent (before serialisation); undefined for PUT default. */
  readonly sent?: unknown;
  /** The command that reproduces this exchange, attached to every finding about it. */
  readonly replay?: string;
  /** For an `invalid-request` exchange: how the body breaks the request schema (a mutation's name). */
  readonly invalidity?: string;
}

/**
 * An auxiliary call (provisioning, cleanup, account details) as the few checks that judge them see
 * it: no endpoint under test, no schema of hsac's, but a provider's answer all the same (a 429 or
 * an echoed token is the provider's, whatever the call).
 */
export interface AuxiliaryObservedExchange {
  readonly auxiliary: AuxiliaryOperation;
  readonly exchange: Exchange;
  readonly replay?: string;
}

/** What every check may use besides its input. */
export interface CheckContext {
  readonly profile: Profile;
  readonly validator: Validator;
}

/** Fields every check declares, for the registry and for the fault-coverage proof. */
interface CheckBase {
  /** Stable id, used in findings, reports and config overrides. */
  readonly id: string;
  readonly description: string;
  /** Sandbox faults (provider/faults) that this check must catch; the self-test proves it. */
  readonly caughtFaults: readonly string[];
  /**
   * The endpoints under test where the condition it judges can arise (absent: all four). Reports
   * list a check only where it applies, so "not exercised" never means "cannot apply".
   */
  readonly endpoints?: readonly EndpointId[];
  /**
   * Why a run may leave it not exercised, and what would exercise it: said in every report next
   * to a `not-exercised` outcome (e.g. "no answer was a 429: pass --probe-rate-limit").
   */
  readonly notExercisedWhy: string;
}

/** A check of one exchange. Pure: no I/O, never throws for a conformance problem. */
export interface ExchangeCheck extends CheckBase {
  readonly scope: 'exchange';
  check(observed: ObservedExchange, context: CheckContext): Finding[];
  /**
   * How many cases of the condition it judges arose in this exchange (0: none, so it judged
   * nothing): a 429 met, a probe answered, batch inputs judged. A check with no exercised case in
   * a run is `not-exercised`, never `pass` (DESIGN.md "Exercised, not evaluated").
   */
  exercised(observed: ObservedExchange, context: CheckContext): number;
  /** Present on checks that also judge auxiliary calls: their findings there, tagged with the auxiliary id. */
  checkAuxiliary?(observed: AuxiliaryObservedExchange, context: CheckContext): Finding[];
  /** Cases of its condition in an auxiliary call (with {@link checkAuxiliary}). */
  exercisedAuxiliary?(observed: AuxiliaryObservedExchange): number;
}

/** A check over a sequence the runner drove (writes then reads, pages of one record, repeats). */
export interface SequenceCheck<Input> extends CheckBase {
  readonly scope: 'sequence';
  check(input: Input, context: CheckContext): Finding[];
  /** How many cases of its condition the sequence held (pages followed, writes read back, repeats compared). */
  exercised(input: Input): number;
}

/** Any check in the registry. */
export type Check = ExchangeCheck | SequenceCheck<never>;
