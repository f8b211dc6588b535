import { describe, expect, it } from 'vitest';
import { bodyTemplate, DATE_TIME_FORMAT, TemplateError } from './matchers.js';
import { readsFor } from './reliance.js';
import { errorExample, successExample } from './examples.js';

/** The matchers come from the schema walk: one assertion per rule of `matchers.ts`. */

interface Matcher {
  'pact:matcher:type'?: string;
  regex?: string;
  format?: string;
  min?: number;
  value?: unknown;
}
const at = (template: unknown, ...path: (string | number)[]): Matcher =>
  path.reduce<unknown>((node, step) => {
    const value = (node as Matcher).value !== undefined && typeof step === 'number' ? (node as Matcher).value : node;
    return (value as Record<string | number, unknown>)[step];
  }, template) as Matcher;

describe('bodyTemplate', () => {
  const definition = 'BatchResponsePublicAssociationMultiWithLabelWithErrors';
  const template = bodyTemplate(
    'v4',
    definition,
    successExample('batch-read', 'v4', 207),
    readsFor('batch-read', 'partial'),
  ) as Record<string, unknown>;

  it('asserts required fields and the read ones, nothing else (requestedAt, links, numErrors are left out)', () => {
    expect(Object.keys(template).sort()).toEqual(['completedAt', 'errors', 'results', 'startedAt', 'status']);
  });

  it('an enum becomes an anchored regex of its values', () => {
    expect(at(template, 'status')).toMatchObject({
      'pact:matcher:type': 'regex',
      regex: '^(?:CANCELED|COMPLETE|PENDING|PROCESSING)$',
    });
  });

  it('a date-time becomes a timestamp matcher with an example in that format', () => {
    const started = at(template, 'startedAt');
    expect(started).toMatchObject({ 'pact:matcher:type': 'timestamp', format: DATE_TIME_FORMAT });
    expect(String(started.value)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('arrays a consumer reads into need an item; others may be empty but keep the item shape', () => {
    expect(at(template, 'results')).toMatchObject({ 'pact:matcher:type': 'type', min: 1 });
    expect(at(template, 'errors')).toMatchObject({ min: 1 });
    const details = at(at(template, 'errors'), 0, 'errors');
    expect(details).toMatchObject({ 'pact:matcher:type': 'type', min: 0 });
  });

  it('int32 becomes integer, IDs and other strings a type match, maps an empty object type match', () => {
    const type = at(at(at(at(template, 'results'), 0, 'to'), 0, 'associationTypes'), 0, 'typeId');
    expect(type['pact:matcher:type']).toBe('integer');
    expect(at(at(at(template, 'results'), 0, 'to'), 0, 'toObjectId')).toMatchObject({ 'pact:matcher:type': 'type' });
    expect(at(at(template, 'errors'), 0, 'context')).toEqual({ 'pact:matcher:type': 'type', value: {} });
  });

  it('paging is asserted only where the state guarantees more pages', () => {
    const success = bodyTemplate(
      'v4',
      'BatchResponsePublicAssociationMultiWithLabel',
      successExample('batch-read', 'v4', 200),
      readsFor('batch-read', 'success'),
    );
    const paging = bodyTemplate(
      'v4',
      'BatchResponsePublicAssociationMultiWithLabel',
      successExample('batch-read', 'v4', 200),
      readsFor('batch-read', 'paging'),
    );
    expect(Object.keys(at(success, 'results', 0) as object)).not.toContain('paging');
    expect(at(at(at(paging, 'results'), 0, 'paging'), 'next', 'after')).toMatchObject({ 'pact:matcher:type': 'type' });
  });

  it('the Error body: correlationId is a uuid', () => {
    const error = bodyTemplate('2026-03', 'Error', errorExample('2026-03'), readsFor('batch-read', 'unauthorized'));
    expect(Object.keys(error as object).sort()).toEqual(['category', 'correlationId', 'message']);
    expect(at(error, 'correlationId')['pact:matcher:type']).toBe('regex');
  });

  it('an example without a field the contract asserts is a TemplateError naming it', () => {
    expect(() => bodyTemplate('v4', definition, { status: 'COMPLETE', results: [] }, [])).toThrow(TemplateError);
    expect(() =>
      bodyTemplate(
        'v4',
        definition,
        { status: 'COMPLETE', startedAt: '2026-01-01T00:00:00Z', completedAt: '2026-01-01T00:00:00Z' },
        [],
      ),
    ).toThrow(/results/);
  });
});
