import { describe, expect, it } from 'vitest';
import { auxiliaryOperation, operation } from '../catalogue/index.js';
import type { Exchange } from '../exchange.js';
import { observeAuxiliary, observeExchange } from './observed.js';

/** An answer's body is read once, on first use, graded by the run's profile (`strict` unless the run says). */
const STARTED = '2026-11-20T09:15:02.000Z';
const DUPLICATED = '{"status":"COMPLETE","status":"COMPLETE","results":[]}';

function exchangeOf(body: string | undefined): Exchange {
  return {
    id: 2,
    request: { method: 'POST', url: 'http://127.0.0.1/x', headers: {} },
    ...(body === undefined
      ? { failure: { kind: 'timeout', message: 'no answer' } }
      : { response: { status: 200, headers: {}, body, bytes: body.length } }),
    attempts: [{ startedAt: STARTED, durationMs: 3 }],
    startedAt: STARTED,
    durationMs: 3,
  };
}

const batchRead = operation('batch-read', '2026-03');
const objectsCreate = auxiliaryOperation('objects-batch-create', '2026-03');
const severities = (findings: readonly { severity: string }[] | undefined): string[] | undefined =>
  findings?.map((finding) => finding.severity);

describe('observeExchange / observeAuxiliary', () => {
  it('reads no body, and views an empty batch, where no answer came back', () => {
    const failed = observeExchange({ operation: batchRead, intent: 'conformance', exchange: exchangeOf(undefined) });
    expect(failed.body).toBeUndefined();
    expect(failed.batch.results).toBeUndefined();
    expect(failed.batch.isObject).toBe(false);
  });

  it('grades what the reader finds by the profile it is given, strict by default', () => {
    const exchange = exchangeOf(DUPLICATED);
    const underTest = (profile?: 'strict' | 'lenient') =>
      observeExchange({ operation: batchRead, intent: 'conformance', exchange }, profile).body?.findings;
    const auxiliary = (profile?: 'strict' | 'lenient') =>
      observeAuxiliary({ auxiliary: objectsCreate, exchange }, profile).body?.findings;
    expect(severities(underTest())).toEqual(['error']);
    expect(severities(underTest('lenient'))).toEqual(['warning']);
    expect(severities(auxiliary())).toEqual(['error']);
    expect(severities(auxiliary('lenient'))).toEqual(['warning']);
  });

  it('views the batch answer in the body it read', () => {
    const answer = observeExchange({ operation: batchRead, intent: 'conformance', exchange: exchangeOf(DUPLICATED) });
    expect(answer.batch.status).toBe('COMPLETE');
    expect(answer.batch.results).toEqual([]);
  });
});
