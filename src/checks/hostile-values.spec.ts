import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { responseCase, type ResponseCase } from '../../properties/arbitraries/responses.js';
import { checkProperty } from '../../properties/run.js';
import { scaledRuns, timeoutForRuns } from '../../properties/settings.js';
import {
  API_VERSIONS,
  auxiliaryOperation,
  ENDPOINT_IDS,
  isRateLimited,
  operation,
  type EndpointId,
} from '../catalogue/index.js';
import type { Exchange, RecordedResponse } from '../exchange.js';
import { field, jsonText } from '../json.js';
import type { Finding } from '../registry/finding.js';
import { createValidator } from '../validate/index.js';
import type { ArchiveEffectiveInput } from './archive-effective.js';
import type { IdempotentInput } from './idempotent.js';
import { archiveEffective, EXCHANGE_CHECKS, idempotent, readAfterWrite, SEQUENCE_CHECKS } from './index.js';
import { observeAuxiliary, observeExchange } from './observed.js';
import type { PagingInput } from './paging-terminates.js';
import type { ReadAfterWriteInput } from './read-after-write.js';
import type { ExchangeIntent, ObservedExchange } from './types.js';

/**
 * A provider's body is hostile input: every exchange and sequence check (through the registry's lists) returns
 * findings, and never throws, on answers whose leaves and IDs are values that break a careless conversion.
 */

const context = { profile: 'strict' as const, validator: createValidator({ profile: 'strict' }) };
const SPEC_FILE = 'src/checks/hostile-values.spec.ts';
const STARTED = '2026-11-20T09:15:02.000Z';
const JSON_TYPE = { 'content-type': 'application/json;charset=utf-8' };
const INTENTS: readonly ExchangeIntent[] = ['conformance', 'no-auth', 'over-limit', 'invalid-request'];

/** Stands for a number JSON can write but not hold: its text is put in after `JSON.stringify` (see `bodyText`). */
const OVERFLOW = '\u0000hsac:1e309';
const UNDERFLOW = '\u0000hsac:-1e309';

/**
 * Values that break `String()`, `Number()` or a template literal (an own `toString`/`valueOf` that is data), a
 * `__proto__` or `constructor` key (own data once parsed), arrays where scalars belong, numbers that parse to
 * Infinity, and a string far longer than any message should carry.
 */
const HOSTILE_VALUES: readonly unknown[] = [
  { toString: 1 },
  { valueOf: {} },
  { toString: 1, valueOf: 1 },
  { toString: {}, valueOf: {}, toJSON: 1 },
  JSON.parse('{"__proto__":{"x":1}}'),
  JSON.parse('{"__proto__":{"toString":1}}'),
  { constructor: { prototype: 1 } },
  [],
  [{ toString: 1 }],
  [[1, 2], 'a'],
  OVERFLOW,
  UNDERFLOW,
  1e308,
  -0,
  'x'.repeat(100_000),
  '',
  null,
  true,
];

/** The body's JSON text, the number stand-ins written as numbers that overflow. */
function bodyText(value: unknown): string {
  return (jsonText(value) ?? '')
    .replaceAll(JSON.stringify(OVERFLOW), '1e309')
    .replaceAll(JSON.stringify(UNDERFLOW), '-1e309');
}

/**
 * The fields the checks and the runner read, IDs first: replacing a few of them (and not the rest) lets a walk
 * reach a hostile value (a record found by its intact `from.id`, its `toObjectId` hostile).
 */
const READ_FIELDS = [
  'id',
  'toObjectId',
  'typeId',
  'associationTypeId',
  'associationCategory',
  'category',
  'label',
  'from',
  'to',
  'results',
  'errors',
  'associationTypes',
  'associationSpec',
  'paging',
  'after',
  'status',
  'numErrors',
  'startedAt',
  'completedAt',
  'requestedAt',
  'message',
  'policyName',
  'context',
  'in',
] as const;

/** Which values of a body become hostile: every leaf (IDs included), or every value of some fields. */
interface Replacement {
  readonly where: 'every leaf' | readonly string[];
  /** Indices into {@link HOSTILE_VALUES}, used in turn. */
  readonly picks: readonly number[];
}

/** `value` with the values `replacement` names made hostile (a copy; `__proto__` keys stay own data). */
function withHostileValues(value: unknown, replacement: Replacement): unknown {
  let used = 0;
  const hostile = (): unknown => {
    const pick = replacement.picks[used++ % replacement.picks.length] ?? 0;
    return HOSTILE_VALUES[pick % HOSTILE_VALUES.length];
  };
  const { where } = replacement;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node === 'object' && node !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(node)) {
        const replaced = where !== 'every leaf' && where.includes(key) ? hostile() : walk(item);
        Object.defineProperty(out, key, { value: replaced, enumerable: true });
      }
      return out;
    }
    return where === 'every leaf' ? hostile() : node;
  };
  return walk(value);
}

/** The ID and type fields: where a careless conversion meets a provider's value most often. */
const ID_FIELDS = ['id', 'toObjectId', 'typeId', 'associationTypeId', 'associationCategory', 'category'];

const replacement: fc.Arbitrary<Replacement> = fc.record({
  where: fc.oneof(
    { weight: 1, arbitrary: fc.constant('every leaf' as const) },
    // A few fields, the rest intact: the walks find the record by its ID and reach the hostile value.
    { weight: 3, arbitrary: fc.subarray(ID_FIELDS, { minLength: 1, maxLength: 2 }) },
    { weight: 2, arbitrary: fc.subarray([...READ_FIELDS], { minLength: 1, maxLength: 3 }) },
  ),
  picks: fc.array(fc.nat({ max: HOSTILE_VALUES.length - 1 }), { minLength: 1, maxLength: 6 }),
});

/** A generated answer of an endpoint, and how it is made hostile. */
interface HostileAnswer {
  readonly endpoint: EndpointId;
  readonly answer: ResponseCase;
  readonly replacement: Replacement;
}

/** One answer of an endpoint in any version (the property layer's arbitraries: valid to start with), made hostile. */
function hostileAnswer(endpoint: EndpointId, successOnly = false): fc.Arbitrary<HostileAnswer> {
  return fc.constantFrom(...API_VERSIONS).chain((apiVersion) => {
    const statuses = successOnly ? operation(endpoint, apiVersion).responses.map((r) => r.status) : undefined;
    return fc.record({
      endpoint: fc.constant(endpoint),
      answer: responseCase({ endpoint, apiVersion, maxResults: 3, ...(statuses ? { statuses } : {}) }),
      replacement,
    });
  });
}

function response(status: number, body: string, headers: Record<string, string> = JSON_TYPE): RecordedResponse {
  return { status, headers, body, bytes: body.length };
}

/** An exchange answered `response`, a 429 kept in its attempt as the client keeps it. */
function exchangeOf(final: RecordedResponse, endpoint: EndpointId = 'batch-read'): Exchange {
  const op = operation(endpoint, '2026-03');
  return {
    id: 1,
    request: { method: op.method, url: `http://127.0.0.1${op.pathTemplate}`, headers: {} },
    response: final,
    attempts: [
      {
        startedAt: STARTED,
        durationMs: 3,
        status: final.status,
        ...(isRateLimited(final.status) ? { rateLimited: final } : {}),
      },
    ],
    startedAt: STARTED,
    durationMs: 3,
  };
}

function observed(
  final: RecordedResponse,
  endpoint: EndpointId,
  intent: ExchangeIntent,
  sent: unknown,
): ObservedExchange {
  const exchange = exchangeOf(final, endpoint);
  return observeExchange({ operation: operation(endpoint, '2026-03'), intent, exchange, sent, replay: 'hsac run' });
}

/** Findings are data a report writes: each has a message, and the list serialises. */
function expectReportable(findings: readonly Finding[]): void {
  for (const finding of findings) expect(typeof finding.message).toBe('string');
  expect(() => JSON.stringify(findings)).not.toThrow();
}

/** Every sequence check's input at once (each reads its own fields), over the same answer. */
type SequenceInput = PagingInput & ReadAfterWriteInput & IdempotentInput & ArchiveEffectiveInput;

function sequenceInput(
  answers: { reads: ObservedExchange; first: ObservedExchange; second: ObservedExchange },
  fromId: string,
  toId: string,
): SequenceInput {
  const { reads, first, second } = answers;
  return {
    fromId,
    toId,
    pages: [reads, reads],
    maxPages: 2,
    expected: [{ fromId, toId, typeId: 1 }],
    reads: [reads],
    first,
    second,
    archived: [{ fromId, toId, how: 'batch-archive' }],
  };
}

/** The IDs of the answer's first result as generated (before they were made hostile), so the walks find them. */
function firstPair(body: unknown): { fromId: string; toId: string } {
  const [first] = Array.isArray(field(body, 'results')) ? (field(body, 'results') as unknown[]) : [];
  const to = field(first, 'to');
  const fromId = field(field(first, 'from'), 'id');
  const toId = Array.isArray(to) ? field(to[0], 'toObjectId') : field(to, 'id');
  return {
    fromId: typeof fromId === 'string' ? fromId : '101',
    toId: typeof toId === 'string' ? toId : '201',
  };
}

/** The exchange that answered `hostile`'s answer, its text and its Retry-After made hostile. */
function received(hostile: HostileAnswer, intent: ExchangeIntent, sent: unknown): ObservedExchange {
  const { answer, replacement: r } = hostile;
  const retryAfter = bodyText(HOSTILE_VALUES[r.picks[0] ?? 0]);
  const final = response(answer.status, bodyText(withHostileValues(answer.body, r)), {
    ...JSON_TYPE,
    'retry-after': retryAfter,
  });
  return observed(final, hostile.endpoint, intent, sent);
}

const RUNS = scaledRuns(60);
const NAME = 'every exchange and sequence check returns findings for answers whose values and IDs are hostile';

describe('hostile values in an answer never crash a check', () => {
  it(
    NAME,
    () => {
      const anyAnswer = fc.constantFrom(...ENDPOINT_IDS).chain((endpoint) => hostileAnswer(endpoint));
      checkProperty(
        fc.property(
          anyAnswer,
          hostileAnswer('batch-read', true),
          hostileAnswer('associate-default', true),
          (any, read, write) => {
            const sent = withHostileValues(
              { inputs: [{ id: '101' }, { from: { id: '101' }, to: { id: '201' } }, { typeId: 1 }] },
              any.replacement,
            );
            for (const intent of INTENTS) {
              const o = received(any, intent, sent);
              for (const check of EXCHANGE_CHECKS) {
                expect(check.exercised(o, context)).toBeGreaterThanOrEqual(0);
                expectReportable(check.check(o, context));
              }
            }
            const auxiliary = observeAuxiliary({
              auxiliary: auxiliaryOperation('objects-batch-create', '2026-03'),
              exchange: received(any, 'conformance', sent).exchange,
            });
            for (const check of EXCHANGE_CHECKS) {
              check.exercisedAuxiliary?.(auxiliary);
              expectReportable(check.checkAuxiliary?.(auxiliary, context) ?? []);
            }
            const reads = received(read, 'conformance', undefined);
            const writes = received(write, 'conformance', undefined);
            // Looked up by the IDs each answer was generated with, so the walks reach the values made hostile.
            for (const { fromId, toId } of [firstPair(read.answer.body), firstPair(write.answer.body)]) {
              const input = sequenceInput(
                { reads, first: writes, second: received(any, 'conformance', sent) },
                fromId,
                toId,
              );
              for (const check of SEQUENCE_CHECKS) {
                expect(check.exercised(input as never)).toBeGreaterThanOrEqual(0);
                expectReportable(check.check(input, context));
              }
            }
          },
        ),
        { name: NAME, file: SPEC_FILE, runs: RUNS },
      );
    },
    timeoutForRuns(RUNS, 40),
  );
});

describe('an ID that is not an ID is a finding of the check that needed it, never a crash', () => {
  const HOSTILE_ID = { toString: 1 };
  const readAnswer = (toObjectId: unknown, typeId: unknown = 1): ObservedExchange =>
    observed(
      response(
        200,
        JSON.stringify({
          status: 'COMPLETE',
          results: [
            {
              from: { id: '101' },
              to: [{ toObjectId, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId }] }],
            },
          ],
          startedAt: STARTED,
          completedAt: STARTED,
        }),
      ),
      'batch-read',
      'conformance',
      { inputs: [{ id: '101' }] },
    );
  const associateAnswer = (associationCategory: unknown): ObservedExchange =>
    observed(
      response(
        200,
        JSON.stringify({
          status: 'COMPLETE',
          results: [
            {
              from: { id: '101' },
              to: { id: '201' },
              associationSpec: { associationCategory, associationTypeId: 1 },
            },
          ],
          startedAt: STARTED,
          completedAt: STARTED,
        }),
      ),
      'associate-default',
      'conformance',
      undefined,
    );

  it('read-after-write: a toObjectId {"toString":1} matches no write, so the write is not read back', () => {
    const findings = readAfterWrite.check(
      { expected: [{ fromId: '101', toId: '201' }], reads: [readAnswer(HOSTILE_ID)] },
      context,
    );
    expect(findings.map((finding) => finding.message)).toEqual(['101 -> 201 was associated but is not read back']);
  });

  it('read-after-write: a typeId {"toString":1} is no type, so the default type is missing', () => {
    const findings = readAfterWrite.check(
      { expected: [{ fromId: '101', toId: '201', typeId: 1 }], reads: [readAnswer('201', HOSTILE_ID)] },
      context,
    );
    expect(findings.map((finding) => finding.message)).toEqual([
      '101 -> 201 is read back without its default type 1 (types NaN)',
    ]);
  });

  it('archive-effective: a toObjectId {"toString":1} names no archived pair', () => {
    const archived = [{ fromId: '101', toId: '201', how: 'batch-archive' as const }];
    expect(archiveEffective.check({ archived, reads: [readAnswer(HOSTILE_ID)] }, context)).toEqual([]);
    expect(archiveEffective.check({ archived, reads: [readAnswer('201')] }, context)).toHaveLength(1);
  });

  it('idempotent: an associationCategory {"toString":1} is shown as its JSON, and the change is a finding', () => {
    const findings = idempotent.check(
      {
        first: associateAnswer(HOSTILE_ID),
        second: associateAnswer('HUBSPOT_DEFINED'),
        reads: [readAnswer(HOSTILE_ID, HOSTILE_ID)],
        fromId: '101',
        toId: '201',
      },
      context,
    );
    expect(findings).toEqual([
      expect.objectContaining({
        check: 'idempotent',
        message: 'repeating associate-default changed its results',
        expected: ['{"toString":1}:1'],
        actual: ['HUBSPOT_DEFINED:1'],
      }),
    ]);
  });
});
