import { describe, expect, it } from 'vitest';
import { auxiliaryOperation, operation } from '../catalogue/index.js';
import type { Exchange, RecordedResponse } from '../exchange.js';
import { createValidator } from '../validate/index.js';
import { observeAuxiliary, observeExchange } from './observed.js';
import { tokenRedaction } from './token-redaction.js';

/** token-redaction reads what the transport found (`echoedToken`): where in the answer the token came back. */
const context = { profile: 'strict' as const, validator: createValidator({ profile: 'strict' }) };
const STARTED = '2026-11-20T09:15:02.000Z';

function exchangeOf(response: RecordedResponse | undefined): Exchange {
  return {
    id: 9,
    request: { method: 'POST', url: 'http://127.0.0.1/x', headers: {} },
    ...(response ? { response } : { failure: { kind: 'reset', message: 'socket hang up' } }),
    attempts: [{ startedAt: STARTED, durationMs: 3 }],
    startedAt: STARTED,
    durationMs: 3,
  };
}

const echoing = (echoedToken?: RecordedResponse['echoedToken']): RecordedResponse => ({
  status: 200,
  headers: {},
  bytes: 0,
  ...(echoedToken ? { echoedToken } : {}),
});
const underTest = (response: RecordedResponse | undefined) =>
  observeExchange({
    operation: operation('batch-read', '2026-03'),
    intent: 'conformance',
    exchange: exchangeOf(response),
  });
const auxiliary = (response: RecordedResponse | undefined) =>
  observeAuxiliary({
    auxiliary: auxiliaryOperation('objects-batch-create', '2026-03'),
    exchange: exchangeOf(response),
  });

describe('token-redaction', () => {
  it('fires where the answer echoed the token, naming each place', () => {
    expect(tokenRedaction.check(underTest(echoing(['headers', 'body'])), context)).toEqual([
      {
        check: 'token-redaction',
        severity: 'error',
        instancePath: '',
        message:
          'the response echoed the access token in its headers and body (redacted from every record hsac writes)',
        actual: ['headers', 'body'],
        endpoint: 'batch-read',
        apiVersion: '2026-03',
        exchangeId: 9,
      },
    ]);
  });

  it('is silent where no place, or an empty list of places, echoed it, and on no answer', () => {
    expect(tokenRedaction.check(underTest(echoing()), context)).toEqual([]);
    expect(tokenRedaction.check(underTest(echoing([])), context)).toEqual([]);
    expect(tokenRedaction.check(underTest(undefined), context)).toEqual([]);
    expect(tokenRedaction.checkAuxiliary?.(auxiliary(echoing([])), context)).toEqual([]);
  });

  it('judges every answer, of an endpoint under test or an auxiliary call; none where nothing came back', () => {
    expect(tokenRedaction.exercised(underTest(echoing()), context)).toBe(1);
    expect(tokenRedaction.exercised(underTest(undefined), context)).toBe(0);
    expect(tokenRedaction.exercisedAuxiliary?.(auxiliary(echoing()))).toBe(1);
    expect(tokenRedaction.exercisedAuxiliary?.(auxiliary(undefined))).toBe(0);
    expect(tokenRedaction.checkAuxiliary?.(auxiliary(echoing(['body'])), context)).toMatchObject([
      { check: 'token-redaction', endpoint: 'objects-batch-create', actual: ['body'] },
    ]);
  });
});
