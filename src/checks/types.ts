import type { AuxiliaryOperation, Operation } from '../catalogue/index.js';
import type { Finding } from '../registry/finding.js';
import type { CheckDeclarationOf, CheckIdOfKind } from '../registry/index.js';
import type { Exchange } from '../exchange.js';
import type { BatchView } from '../validate/batch-view.js';
import type { Profile, ReadBody, Validator } from '../validate/index.js';

/**
 * Why the runner sent a request, so a check knows what answer is right: a conformance request
 * must succeed, a request without a token must get a 401, one over the input limit must get a 4xx.
 */
export type ExchangeIntent = 'conformance' | 'no-auth' | 'over-limit' | 'invalid-request';

/**
 * An answer as the checks and the runner read it: its body read once (`readBody`: BOM, HTML
 * pages, size, depth, duplicate keys) and the batch view over that read. Nobody parses the text
 * again; build one with `observeExchange` / `observeAuxiliary` (`./observed.ts`).
 */
export interface ReadAnswer {
  readonly exchange: Exchange;
  /** The response body as read, graded by the run's profile; undefined when no body came back. */
  readonly body: ReadBody | undefined;
  /** The batch answer in that body (an empty view when there is none or it could not be read). */
  readonly batch: BatchView;
}

/** One exchange as the checks see it: the catalogue operation, what was sent, what came back. */
export interface ObservedExchange extends ReadAnswer {
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
export interface AuxiliaryObservedExchange extends ReadAnswer {
  readonly auxiliary: AuxiliaryOperation;
  readonly exchange: Exchange;
  readonly replay?: string;
}

/** What every check may use besides its input. */
export interface CheckContext {
  readonly profile: Profile;
  readonly validator: Validator;
}

/**
 * A check of one exchange. Pure: no I/O, never throws for a conformance problem. What it is (id,
 * description, endpoints, severity, faults, why it may not be exercised) is its registry
 * declaration, spread in: `{ ...checkDeclaration('transport'), exercised() {..}, check() {..} }`.
 */
export type ExchangeCheck = CheckDeclarationOf<'exchange'> & {
  readonly id: CheckIdOfKind<'exchange'>;
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
};

/** A check over a sequence the runner drove (writes then reads, pages of one record, repeats); bound as above. */
export type SequenceCheck<Input> = CheckDeclarationOf<'sequence'> & {
  readonly id: CheckIdOfKind<'sequence'>;
  check(input: Input, context: CheckContext): Finding[];
  /** How many cases of its condition the sequence held (pages followed, writes read back, repeats compared). */
  exercised(input: Input): number;
  /**
   * The ids of the exchanges the sequence comprised (writes, then reads), in the order sent: every finding of the
   * check carries them as `exchangeIds`, and `hsac replay` re-sends them.
   */
  exchangeIds(input: Input): readonly number[];
  /**
   * Its inputs again from a replay (`hsac replay`): what the runner would have judged had the target answered as it
   * does now, read from the re-sent requests and their new answers. None when those answers no longer make the
   * sequence (a write it reads back failed); several where the same exchanges held several (pairs of one batch).
   */
  rebuild(replayed: ReplayedSequence): readonly Input[];
};

/** One exchange of a run as `hsac replay` re-sent it: the request as recorded, the answer now and the run's. */
export interface ReplayedExchange {
  /** The catalogue endpoint or auxiliary operation it went to (report.json `exchanges[].endpoint`). */
  readonly endpoint: string;
  readonly intent: ExchangeIntent | 'auxiliary';
  /** The request body as sent (the recorded text, parsed); undefined for none. */
  readonly sent: unknown;
  /** The request's path parameters (`fromObjectId`, ...), read from its URL by the operation's path template. */
  readonly params: Readonly<Record<string, string>>;
  /** The answer now, read as the runner reads one; its exchange keeps the run's id. */
  readonly now: ObservedExchange | AuxiliaryObservedExchange;
  /** The answer the run recorded. */
  readonly then: ReadAnswer;
}

/** What `hsac replay` re-sent for a sequence finding. */
export interface ReplayedSequence {
  /** The finding's exchanges (its `exchangeIds`), in the order sent. */
  readonly exchanges: readonly ReplayedExchange[];
  /**
   * Every exchange re-sent up to the last of them, in the order sent, theirs included: what the target was told
   * before (the writes a read must show, the archives it must not). Against a portal, where no write is re-sent,
   * only theirs.
   */
  readonly history: readonly ReplayedExchange[];
}
