import type { Operation } from '../catalogue/index.js';
import type { Finding } from '../finding.js';
import type { Exchange } from '../transport/index.js';
import type { Profile, Validator } from '../validate/index.js';

/**
 * Why the runner sent a request, so a check knows what answer is right: a conformance request
 * must succeed, a request without a token must get a 401, one over the input limit must get a 4xx.
 */
export type ExchangeIntent = 'conformance' | 'no-auth' | 'over-limit';

/** One exchange as the checks see it: the catalogue operation, what was sent, what came back. */
export interface ObservedExchange {
  readonly operation: Operation;
  readonly intent: ExchangeIntent;
  readonly exchange: Exchange;
  /** The request body as sent (before serialisation); undefined for PUT default. */
  readonly sent?: unknown;
  /** The command that reproduces this exchange, attached to every finding about it. */
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
}

/** A check of one exchange. Pure: no I/O, never throws for a conformance problem. */
export interface ExchangeCheck extends CheckBase {
  readonly scope: 'exchange';
  check(observed: ObservedExchange, context: CheckContext): Finding[];
}

/** A check over a sequence the runner drove (writes then reads, pages of one record, repeats). */
export interface SequenceCheck<Input> extends CheckBase {
  readonly scope: 'sequence';
  check(input: Input, context: CheckContext): Finding[];
}

/** Any check in the registry. */
export type Check = ExchangeCheck | SequenceCheck<never>;
