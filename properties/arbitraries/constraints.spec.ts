import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArbitraryConstraintError } from './constraints.js';
import { batchResponse } from './envelope.js';
import { rateLimitBody } from './errors.js';
import { arbitraries } from './index.js';
import { exampleOf } from '../example.js';
import { definitionRecord } from './shape.js';

/** Bad constraints throw at once, naming the builder and the bad value (fast-check's uuid.ts style). */
describe('bad constraints throw at once, naming the bad value', () => {
  const cases: readonly (readonly [string, () => unknown, RegExp])[] = [
    ['recordId min 0', () => arbitraries.recordId({ min: 0n }), /recordId: min must be a bigint >= 1n, got 0/],
    ['recordId beyond 2^53', () => arbitraries.recordId({ max: 2n ** 60n }), /got 1152921504606846976/],
    [
      'recordId min over max',
      () => arbitraries.recordId({ min: 10n, max: 5n }),
      /min \(10\) must not exceed max \(5\)/,
    ],
    [
      'associationTypeId over int32',
      () => arbitraries.associationTypeId({ max: 2 ** 31 }),
      /max must be an integer in -2147483648..2147483647, got 2147483648/,
    ],
    [
      'dateTime 10 fraction digits',
      () => arbitraries.dateTime({ fractionDigits: [10] }),
      /fractionDigits\[\] must be an integer in 0..9, got 10/,
    ],
    [
      'dateTime min after max',
      () => arbitraries.dateTime({ min: Date.UTC(2030, 0), max: Date.UTC(2020, 0) }),
      /must not exceed max/,
    ],
    [
      'batchTimestamps requestedAt',
      () => arbitraries.batchTimestamps({ requestedAt: 'often' as 'always' }),
      /requestedAt must be one of "always", "never", "sometimes", got "often"/,
    ],
    [
      'undeclared 2xx status',
      () => arbitraries.batchReadResponse({ apiVersion: '2026-09', status: 207 }),
      /2026-09 batch-read declares 200, not 207/,
    ],
    [
      '201 in 2025-09 configurations',
      () => arbitraries.configurationsBatchCreateResponse({ apiVersion: '2025-09', status: 201 }),
      /declares 200, not 201/,
    ],
    [
      'status not HTTP',
      () => arbitraries.batchReadResponse({ status: 700 }),
      /status must be an integer in 100..599, got 700/,
    ],
    [
      'maxResults under minResults',
      () => arbitraries.batchReadResponse({ minResults: 4, maxResults: 2 }),
      /minResults \(4\) must not exceed maxResults \(2\)/,
    ],
    [
      'partial without errors',
      () =>
        batchResponse({
          apiVersion: '2026-03',
          definition: 'BatchResponsePublicAssociationMultiWithLabel',
          kind: 'partial',
          result: fc.constant({}),
        }),
      /kind "partial" needs errors/,
    ],
    [
      'policyName not in the enum',
      () => rateLimitBody({ policyName: 'SECONDLY' }),
      /policyName must be one of "DAILY", "TEN_SECONDLY_ROLLING", got "SECONDLY"/,
    ],
    [
      'duplicates with one input',
      () => arbitraries.batchReadRequest({ duplicates: true, maxInputs: 1 }),
      /duplicates need maxInputs >= 2, got 1/,
    ],
    [
      'ids style',
      () => arbitraries.batchReadRequest({ ids: 'uuid' as 'string' }),
      /ids must be one of "string", "number", got "uuid"/,
    ],
    [
      'negative inputs',
      () => arbitraries.batchAssociateDefaultRequest({ minInputs: -1 }),
      /minInputs must be an integer in 0..100000, got -1/,
    ],
    [
      'unknown tolerance',
      () => arbitraries.lenientVariant({ endpoint: 'batch-read', kinds: ['lax' as 'open-enum'] }),
      /kinds\[\] must be one of .* got "lax"/,
    ],
    [
      'no tolerance applies',
      () =>
        arbitraries.lenientVariant({
          endpoint: 'batch-read',
          apiVersion: '2026-03',
          status: 'request',
          kinds: ['sub-category-string'],
        }),
      /no sub-category-string deviation applies/,
    ],
    [
      'a field without a generator',
      () => definitionRecord('2026-03', 'PublicObjectId', {}),
      /PublicObjectId \(2026-03\) declares "id" but its builder has no generator/,
    ],
    [
      'omitting a required field',
      () => definitionRecord('2026-03', 'PublicObjectId', { id: fc.constant('1') }, { omit: ['id'] }),
      /requires id; a builder cannot omit it/,
    ],
  ];
  it.each(cases)('%s', (_name, build, message) => {
    expect(build).toThrow(ArbitraryConstraintError);
    expect(build).toThrow(message);
  });
});

describe('documented defaults', () => {
  it("a response defaults to the version's first declared success code", () => {
    const body = exampleOf(arbitraries.configurationsBatchCreateResponse({ apiVersion: '2026-03', complete: true }), 1);
    // 201 in 2026-03 declares no errors; a complete 201 body therefore has none.
    expect(Object.keys(body).sort()).toEqual(['completedAt', 'links', 'requestedAt', 'results', 'startedAt', 'status']);
  });

  it('errors and numErrors appear exactly where the definition declares them', () => {
    const keys = (apiVersion: '2026-03' | '2026-09', status: number) =>
      Object.keys(exampleOf(arbitraries.batchReadResponse({ apiVersion, status, complete: true }), 2));
    expect(keys('2026-03', 200)).not.toContain('errors');
    expect(keys('2026-03', 207)).toEqual(expect.arrayContaining(['errors', 'numErrors']));
    expect(keys('2026-09', 200)).toEqual(expect.arrayContaining(['errors', 'numErrors']));
  });

  it('batch read at the limit: 0, 1, 1000 and 1001 inputs all appear', () => {
    const sizes = new Set(
      fc.sample(arbitraries.batchReadRequestAtLimit(), { seed: 3, numRuns: 40 }).map((r) => r.inputs),
    );
    expect([...sizes].sort((a, b) => a - b)).toEqual([0, 1, 1000, 1001]);
  });

  it('record IDs above 2^31 are as common as IDs below', () => {
    const ids = fc.sample(arbitraries.recordId(), { seed: 4, numRuns: 400 }).map(BigInt);
    const above = ids.filter((id) => id > 2147483647n).length;
    expect(above).toBeGreaterThan(120);
    expect(above).toBeLessThan(280);
  });

  it('labels include empty and non-ASCII ones; date-times include offsets and every fraction width', () => {
    const labels = fc.sample(arbitraries.associationLabel(), { seed: 5, numRuns: 300 });
    expect(labels).toContain('');
    expect(labels.some((label) => /[^\x20-\x7e]/.test(label))).toBe(true);
    const stamps = fc.sample(arbitraries.dateTime(), { seed: 6, numRuns: 300 });
    expect(stamps.some((s) => /[+-]\d{2}:\d{2}$/.test(s))).toBe(true);
    expect(stamps.some((s) => /:\d{2}Z$/.test(s))).toBe(true);
    expect(stamps.some((s) => /\.\d{6}(Z|[+-])/.test(s))).toBe(true);
  });
});
