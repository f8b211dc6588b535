import { batchView, type BatchView } from '../validate/batch-view.js';
import { DEFAULT_BODY_LIMITS, readBody, type Profile, type ReadBody } from '../validate/index.js';
import type { AuxiliaryObservedExchange, ObservedExchange, ReadAnswer } from './types.js';

/**
 * The one place an answer's body is read. Both members are computed on first use and kept: every
 * check and sequence walks the same answer (a wide record's page of 500 is asked for a thousand
 * pairs), so a body is parsed once, and one nobody asks about (a 5xx page) not at all. They are
 * own enumerable getters, so a copy made by spreading carries the values read.
 */
function withAnswer<Fields extends { readonly exchange: ReadAnswer['exchange'] }>(
  fields: Fields,
  profile: Profile,
): Fields & ReadAnswer {
  let read: { readonly body: ReadBody | undefined } | undefined;
  let view: BatchView | undefined;
  const body = (): ReadBody | undefined => {
    if (read === undefined) {
      const text = fields.exchange.response?.body;
      // The reader grades what it finds in the text (duplicate keys) by the run's profile.
      read = { body: text === undefined ? undefined : readBody(text, DEFAULT_BODY_LIMITS, profile) };
    }
    return read.body;
  };
  return Object.defineProperties(
    { ...fields },
    {
      body: { get: body, enumerable: true },
      batch: {
        get: (): BatchView => {
          const answer = body();
          return (view ??= batchView(answer?.ok ? answer.value : undefined));
        },
        enumerable: true,
      },
    },
  ) as Fields & ReadAnswer;
}

/** An answer before its body is read: what the runner recorded. */
type Unread<Answer extends ReadAnswer> = Omit<Answer, 'body' | 'batch'>;

/** An exchange with an endpoint under test, as the checks see it (its body read under `profile`). */
export function observeExchange(fields: Unread<ObservedExchange>, profile: Profile = 'strict'): ObservedExchange {
  return withAnswer(fields, profile);
}

/** An auxiliary call (provisioning, cleanup, account details), its body read the same way. */
export function observeAuxiliary(
  fields: Unread<AuxiliaryObservedExchange>,
  profile: Profile = 'strict',
): AuxiliaryObservedExchange {
  return withAnswer(fields, profile);
}
