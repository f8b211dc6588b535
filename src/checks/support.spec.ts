import { describe, expect, it } from 'vitest';
import { auxiliaryOperation, operation } from '../catalogue/index.js';
import type { Exchange } from '../exchange.js';
import { checkDeclaration } from '../registry/index.js';
import { createValidator } from '../validate/index.js';
import { observeAuxiliary, observeExchange } from './observed.js';
import { answeredPairs, findingFor, header, reportedType, sentInOrder } from './support.js';
import { tokenRedaction } from './token-redaction.js';
import { transportCheck } from './transport.js';

/**
 * A check states a finding's severity only where it grades it otherwise than its declaration;
 * `findingFor` fills in the declared one and tags the finding with where it was met.
 */
const context = { profile: 'strict' as const, validator: createValidator({ profile: 'strict' }) };
const exchange: Exchange = {
  id: 7,
  request: { method: 'POST', url: 'http://127.0.0.1/x', headers: {} },
  response: { status: 200, headers: {}, bytes: 0, echoedToken: ['headers'] },
  attempts: [{ startedAt: '2026-11-20T09:15:02.000Z', durationMs: 3 }],
  startedAt: '2026-11-20T09:15:02.000Z',
  durationMs: 3,
};
const underTest = observeExchange({
  operation: operation('batch-read', '2026-03'),
  intent: 'conformance',
  exchange,
  replay: 'hsac run --seed 42',
});
const auxiliary = observeAuxiliary({ auxiliary: auxiliaryOperation('objects-batch-create', '2026-03'), exchange });
const bare = { instancePath: '', message: 'something' } as const;

describe('findingFor', () => {
  it("grades a finding that states no severity by its check's declaration, and keeps one that does", () => {
    expect(findingFor(underTest, { check: 'transport', ...bare }).severity).toBe('warning');
    expect(findingFor(underTest, { check: 'content-type', ...bare }).severity).toBe('error');
    // A warning from a check declared an error (a fractional Retry-After) stays a warning.
    expect(findingFor(underTest, { check: 'rate-limit-contract', severity: 'warning', ...bare }).severity).toBe(
      'warning',
    );
    expect(checkDeclaration('rate-limit-contract').severity).toBe('error');
  });

  it('tags an endpoint under test by its operation, an auxiliary call by its operation id', () => {
    expect(findingFor(underTest, { check: 'transport', ...bare })).toEqual({
      check: 'transport',
      severity: 'warning',
      ...bare,
      endpoint: 'batch-read',
      apiVersion: '2026-03',
      replay: 'hsac run --seed 42',
      exchangeId: 7,
    });
    expect(findingFor(auxiliary, { check: 'token-redaction', ...bare })).toEqual({
      check: 'token-redaction',
      severity: 'error',
      ...bare,
      endpoint: 'objects-batch-create',
      apiVersion: '2026-03',
      exchangeId: 7,
    });
  });

  it('checks that state no severity report their declared one, on endpoints under test and auxiliary calls', () => {
    const { response: _answered, ...unanswered } = exchange;
    const failed = observeExchange({
      operation: operation('batch-read', '2026-03'),
      intent: 'conformance',
      exchange: { ...unanswered, failure: { kind: 'timeout', message: 'no answer' } },
    });
    expect(transportCheck.check(failed, context).map((finding) => finding.severity)).toEqual(['warning']);
    expect(tokenRedaction.check(underTest, context).map((finding) => finding.severity)).toEqual(['error']);
    expect(tokenRedaction.checkAuxiliary?.(auxiliary, context)).toEqual([
      expect.objectContaining({ check: 'token-redaction', severity: 'error', endpoint: 'objects-batch-create' }),
    ]);
  });

  it('attaches the replay command of the exchange, unless the finding carries its own or there is none', () => {
    expect(findingFor(underTest, { check: 'transport', ...bare }).replay).toBe('hsac run --seed 42');
    expect(findingFor(underTest, { check: 'transport', ...bare, replay: 'hsac replay 3' }).replay).toBe(
      'hsac replay 3',
    );
    expect('replay' in findingFor(auxiliary, { check: 'transport', ...bare })).toBe(false);
  });

  it('points a finding at the exchange it judged, unless the check names another (a sequence quoting a page)', () => {
    expect(findingFor(underTest, { check: 'transport', ...bare }).exchangeId).toBe(7);
    expect(findingFor(underTest, { check: 'transport', ...bare, exchangeId: 3 }).exchangeId).toBe(3);
  });
});

describe('sentInOrder', () => {
  it("lists a sequence's exchange ids once each, in the order sent, from exchanges and write ids", () => {
    const page = (id: number) => ({ ...underTest, exchange: { ...exchange, id } });
    expect(sentInOrder([page(9), page(4)], [4, undefined, 2], [page(9)])).toEqual([2, 4, 9]);
    expect(sentInOrder([], [undefined])).toEqual([]);
  });
});

describe('reading an answer', () => {
  const spec = (typeId: unknown) => ({ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId });
  /** An associate-default answer listing these results (`from`, `to`, and the type it says it wrote). */
  const written = (...results: (readonly [string, string, unknown])[]) => {
    const body = JSON.stringify({
      status: 'COMPLETE',
      results: results.map(([from, to, typeId]) => ({
        from: { id: from },
        to: { id: to },
        associationSpec: spec(typeId),
      })),
    });
    return observeExchange({
      operation: operation('batch-associate-default', '2026-03'),
      intent: 'conformance',
      exchange: {
        ...exchange,
        response: { status: 200, headers: { 'content-type': 'application/json' }, body, bytes: 1 },
      },
    });
  };

  it('header: by its name in any case; none where no answer came back', () => {
    const labelled = observeExchange({
      operation: operation('batch-read', '2026-03'),
      intent: 'conformance',
      exchange: { ...exchange, response: { status: 200, headers: { 'content-type': 'text/plain' }, bytes: 0 } },
    });
    expect(header(labelled, 'Content-Type')).toBe('text/plain');
    expect(header(labelled, 'retry-after')).toBeUndefined();
    const { response: _answered, ...unanswered } = exchange;
    const failed = observeExchange({
      operation: operation('batch-read', '2026-03'),
      intent: 'conformance',
      exchange: { ...unanswered, failure: { kind: 'timeout', message: 'no answer' } },
    });
    expect(header(failed, 'content-type')).toBeUndefined();
  });

  it('answeredPairs: the pairs its results list, in either direction; none without results', () => {
    const pairs = [
      ['101', '201'],
      ['101', '202'],
      ['102', '201'],
    ] as const;
    expect(answeredPairs(written(['101', '201', 279], ['202', '101', 279]), pairs)).toEqual([
      ['101', '201'],
      ['101', '202'],
    ]);
    expect(answeredPairs(underTest, pairs)).toEqual([]);
  });

  it('reportedType: the type a write answered for the pair, if it said one as a number', () => {
    const answer = written(['101', '202', 280], ['101', '201', 279], ['101', '203', '279']);
    expect(reportedType(answer, '101', '201')).toBe(279);
    expect(reportedType(answer, '101', '202')).toBe(280);
    expect(reportedType(answer, '101', '203')).toBeUndefined();
    expect(reportedType(answer, '101', '204')).toBeUndefined();
    expect(reportedType(answer, '201', '101')).toBeUndefined();
  });
});
