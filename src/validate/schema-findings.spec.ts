import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { JsonSchemaNode } from './registry.js';
import { classify, ERROR_SHAPE_DEFINITIONS, schemaFindings, type Located } from './schema-findings.js';

/**
 * ajv errors as the reporting validator hands them over, judged against a small compiled document:
 * a batch envelope whose `errors` are StandardErrors, with an int32 `typeId` and a non-int32 `limit`.
 */
const DEFS: Readonly<Record<string, JsonSchemaNode>> = {
  Envelope: {
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['COMPLETE', 'CANCELED'] },
      results: { type: 'array', items: { $ref: '#/$defs/Result' } },
      errors: { type: 'array', items: { $ref: '#/$defs/StandardError' } },
      startedAt: { type: 'string', format: 'date-time' },
      limit: { type: 'integer', minimum: 1, maximum: 500 },
      floor: { type: 'integer', minimum: 1 },
      ceiling: { type: 'integer', maximum: 10 },
    },
    required: ['status', 'results'],
  },
  Result: {
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['OK'] },
      typeId: { type: 'integer', minimum: -2147483648, maximum: 2147483647 },
      narrow: { type: 'integer', minimum: -2147483648, maximum: 100 },
      label: { type: 'string' },
      id: { type: 'string' },
    },
    required: ['typeId'],
  },
  StandardError: {
    type: 'object',
    properties: { category: { type: 'string' }, subCategory: { type: 'object' } },
    required: ['category'],
  },
};
const SCHEMA = { defs: DEFS, root: DEFS.Envelope!, rootName: 'Envelope' };

function ajvError(keyword: string, instancePath: string, params: Record<string, unknown> = {}): ErrorObject {
  return { keyword, instancePath, schemaPath: `#/${keyword}`, params, message: `must pass "${keyword}"` };
}

/** The one finding of one error on `body`, under `profile` (strict by default). */
function findingOf(
  error: ErrorObject,
  body: unknown,
  profile: 'strict' | 'lenient' = 'strict',
  unknownFields: 'warn' | 'error' = 'warn',
) {
  const findings = schemaFindings([error], body, SCHEMA, profile, unknownFields);
  expect(findings).toHaveLength(1);
  return findings[0]!;
}

describe('schemaFindings: each ajv error becomes a finding of its check, at the field', () => {
  it('a missing field: `required`, pointed at the field itself, present expected', () => {
    const body = { status: 'COMPLETE' };
    expect(findingOf(ajvError('required', '', { missingProperty: 'results' }), body)).toEqual({
      check: 'required',
      severity: 'error',
      instancePath: '/results',
      message: 'missing required field "results"',
      expected: 'present',
      actual: 'absent',
    });
  });

  it('a field name is escaped into the pointer (RFC 6901)', () => {
    const finding = findingOf(ajvError('required', '/results/0', { missingProperty: 'a/b~c' }), { results: [{}] });
    expect(finding.instancePath).toBe('/results/0/a~1b~0c');
  });

  it('an undeclared field: `unknown-field`, pointed at the field, a warning tolerated under every profile', () => {
    const body = { status: 'COMPLETE', results: [], fromObjectTypeId: '0-1' };
    const error = ajvError('additionalProperties', '', { additionalProperty: 'fromObjectTypeId' });
    const finding = findingOf(error, body);
    expect(finding).toMatchObject({
      check: 'unknown-field',
      severity: 'warning',
      instancePath: '/fromObjectTypeId',
      expected: 'absent',
      actual: '0-1',
    });
    expect(finding.message).toMatch(
      /^unknown field "fromObjectTypeId" \(not declared by the schema\); tolerated under every profile \(unknown-field\): objects are open/,
    );
    expect(findingOf(error, body, 'lenient').severity).toBe('warning');
  });

  it('an undeclared field is an error, said plainly, when unknown fields are errors', () => {
    const error = ajvError('additionalProperties', '', { additionalProperty: 'extra' });
    expect(findingOf(error, { extra: 1 }, 'strict', 'error')).toEqual({
      check: 'unknown-field',
      severity: 'error',
      instancePath: '/extra',
      message: 'unknown field "extra" (not declared by the schema)',
      expected: 'absent',
      actual: 1,
    });
  });

  it('a wrong type: `type`, the declared type expected, the value as actual, both said', () => {
    const body = { results: [{ typeId: '1' }] };
    expect(findingOf(ajvError('type', '/results/0/typeId', { type: 'integer' }), body)).toEqual({
      check: 'type',
      severity: 'error',
      instancePath: '/results/0/typeId',
      message: 'expected integer, got string "1"',
      expected: 'integer',
      actual: '1',
    });
  });

  it.each([
    [null, 'null null'],
    [5, 'integer 5'],
    [1.5, 'number 1.5'],
    [true, 'boolean true'],
    [[1, 2, 3], 'array an array of 3'],
    [{ a: 1 }, 'object an object'],
    ['x'.repeat(81), `string "${'x'.repeat(80)}…"`],
    ['x'.repeat(80), `string "${'x'.repeat(80)}"`],
  ])('a wrong type says what it got: %j', (value, said) => {
    const finding = findingOf(ajvError('type', '/results/0/label', { type: 'string' }), {
      results: [{ label: value }],
    });
    expect(finding.message).toBe(`expected string, got ${said}`);
  });

  it('a value outside an enum: `enum`, the allowed values expected', () => {
    const body = { results: [{ status: 'NOPE' }] };
    const error = ajvError('enum', '/results/0/status', { allowedValues: ['OK'] });
    expect(findingOf(error, body)).toEqual({
      check: 'enum',
      severity: 'error',
      instancePath: '/results/0/status',
      message: '"NOPE" is not one of OK',
      expected: ['OK'],
      actual: 'NOPE',
    });
    expect(findingOf(ajvError('enum', '/results/0/status'), body)).toMatchObject({
      message: '"NOPE" is not one of ',
      expected: [],
    });
  });

  it('the batch status outside its enum: `status-enum`, an error under every profile', () => {
    const error = ajvError('enum', '/status', { allowedValues: ['COMPLETE', 'CANCELED'] });
    for (const profile of ['strict', 'lenient'] as const) {
      expect(findingOf(error, { status: 'CANCELLED' }, profile)).toEqual({
        check: 'status-enum',
        severity: 'error',
        instancePath: '/status',
        message: '"CANCELLED" is not one of COMPLETE, CANCELED',
        expected: ['COMPLETE', 'CANCELED'],
        actual: 'CANCELLED',
      });
    }
  });

  it('an unknown enum string is a warning under lenient, said with the tolerance', () => {
    const error = ajvError('enum', '/results/0/status', { allowedValues: ['OK'] });
    const finding = findingOf(error, { results: [{ status: 'NEW' }] }, 'lenient');
    expect(finding).toMatchObject({ check: 'enum', severity: 'warning' });
    expect(finding.message).toMatch(/^"NEW" is not one of OK; tolerated under lenient \(open-enum\): HubSpot adds/);
  });

  it('a wrong format: `format`, the format expected', () => {
    expect(findingOf(ajvError('format', '/startedAt', { format: 'date-time' }), { startedAt: 'soon' })).toEqual({
      check: 'format',
      severity: 'error',
      instancePath: '/startedAt',
      message: '"soon" is not a valid date-time',
      expected: 'date-time',
      actual: 'soon',
    });
  });

  it('a number outside an int32 field: `int32-range`, the range said from the schema', () => {
    const body = { results: [{ typeId: 2147483648 }] };
    const error = ajvError('maximum', '/results/0/typeId', { comparison: '<=', limit: 2147483647 });
    expect(findingOf(error, body)).toEqual({
      check: 'int32-range',
      severity: 'error',
      instancePath: '/results/0/typeId',
      message: '2147483648 is outside -2147483648..2147483647',
      expected: '-2147483648..2147483647',
      actual: 2147483648,
    });
    const below = ajvError('minimum', '/results/0/typeId', { comparison: '>=', limit: -2147483648 });
    expect(findingOf(below, { results: [{ typeId: -2147483649 }] }).check).toBe('int32-range');
  });

  it('a number outside another range: `range`; a one-sided bound is said as its comparison', () => {
    expect(findingOf(ajvError('maximum', '/limit', { comparison: '<=', limit: 500 }), { limit: 501 })).toEqual({
      check: 'range',
      severity: 'error',
      instancePath: '/limit',
      message: '501 is outside 1..500',
      expected: '1..500',
      actual: 501,
    });
    expect(findingOf(ajvError('minimum', '/floor', { comparison: '>=', limit: 1 }), { floor: 0 })).toMatchObject({
      check: 'range',
      message: '0 is outside >= 1',
      expected: '>= 1',
    });
    expect(findingOf(ajvError('maximum', '/ceiling', { comparison: '<=', limit: 10 }), { ceiling: 11 })).toMatchObject({
      message: '11 is outside <= 10',
      expected: '<= 10',
    });
    // Only the int32 minimum, not its maximum: another range.
    const narrow = ajvError('maximum', '/results/0/narrow', { comparison: '<=', limit: 100 });
    expect(findingOf(narrow, { results: [{ narrow: 101 }] }).check).toBe('range');
  });

  it('a range the schema cannot be walked to is said from the error', () => {
    const error = ajvError('minimum', '/nowhere', { comparison: '>', limit: 0 });
    expect(findingOf(error, { nowhere: 0 })).toMatchObject({ check: 'range', message: '0 is outside > 0' });
  });

  it("the structure vocabulary's own keywords (BigInt ranges) are `range`; any other keyword `schema`", () => {
    const bigint = ajvError('structureInt64', '/limit', { limit: '9223372036854775807' });
    expect(findingOf(bigint, { limit: '9223372036854775808' })).toEqual({
      check: 'range',
      severity: 'error',
      instancePath: '/limit',
      message: 'structureInt64: must pass "structureInt64"',
      expected: { limit: '9223372036854775807' },
      actual: '9223372036854775808',
    });
    const other = ajvError('minItems', '/results', { limit: 1 });
    expect(findingOf(other, { results: [] })).toMatchObject({
      check: 'schema',
      message: 'minItems: must pass "minItems"',
    });
    const silent = { ...ajvError('maxItems', '/results'), message: undefined };
    expect(findingOf(silent, { results: [] }).message).toBe('maxItems: failed');
    expect(findingOf(ajvError('const', '/results/0/id', { allowedValue: 'x' }), { results: [{ id: 'y' }] }).check).toBe(
      'enum',
    );
  });

  it('any violation inside an error shape is `error-shape`, but an undeclared field there stays `unknown-field`', () => {
    const body = { errors: [{ subCategory: 'LIMIT' }] };
    const missing = findingOf(ajvError('required', '/errors/0', { missingProperty: 'category' }), body);
    expect(missing).toMatchObject({ check: 'error-shape', severity: 'error', instancePath: '/errors/0/category' });
    const typed = ajvError('type', '/errors/0/subCategory', { type: 'object' });
    expect(findingOf(typed, body)).toMatchObject({ check: 'error-shape', severity: 'error', actual: 'LIMIT' });
    const extra = ajvError('additionalProperties', '/errors/0', { additionalProperty: 'x' });
    expect(findingOf(extra, { errors: [{ x: 1 }] }).check).toBe('unknown-field');
  });

  it('a body whose root is an error shape: the root name counts as a definition passed', () => {
    const error = ajvError('required', '', { missingProperty: 'category' });
    const asError = schemaFindings([error], {}, { ...SCHEMA, root: DEFS.StandardError!, rootName: 'Error' }, 'strict');
    expect(asError.map((finding) => finding.check)).toEqual(['error-shape']);
    const asResult = schemaFindings([error], {}, { ...SCHEMA, root: DEFS.Result!, rootName: 'Result' }, 'strict');
    expect(asResult.map((finding) => finding.check)).toEqual(['required']);
  });

  it('says the same violation once: one finding per check, field and keyword', () => {
    const body = { results: [{ typeId: 'x', label: 1 }] };
    const findings = schemaFindings(
      [
        ajvError('type', '/results/0/typeId', { type: 'integer' }),
        ajvError('type', '/results/0/typeId', { type: 'integer' }),
        ajvError('format', '/results/0/typeId', { format: 'int' }),
        ajvError('type', '/results/0/label', { type: 'string' }),
      ],
      body,
      SCHEMA,
      'strict',
    );
    expect(findings.map((finding) => `${finding.check} ${finding.instancePath}`)).toEqual([
      'type /results/0/typeId',
      'format /results/0/typeId',
      'type /results/0/label',
    ]);
  });

  it('leaves expected and actual out where there is nothing to say', () => {
    const finding = findingOf(ajvError('type', '/results/0/label', { type: 'string' }), { results: [{}] });
    expect(finding).toEqual({
      check: 'type',
      severity: 'error',
      instancePath: '/results/0/label',
      message: 'expected string, got undefined nothing',
      expected: 'string',
    });
    expect(Object.hasOwn(finding, 'actual')).toBe(false);
    const untyped = findingOf(ajvError('type', '/results/0/label'), { results: [{ label: 1 }] });
    expect(Object.hasOwn(untyped, 'expected')).toBe(false);
    expect(untyped.actual).toBe(1);
  });

  it('shows a BigInt a caller passed as its number', () => {
    const finding = findingOf(ajvError('type', '/results/0/label', { type: 'string' }), { results: [{ label: 10n }] });
    expect(finding.message).toBe('expected string, got bigint 10');
  });

  it('grades a tolerated deviation a warning under lenient, an error under strict', () => {
    const error = ajvError('type', '/results/0/label', { type: 'string' });
    const body = { results: [{ typeId: 1, label: null }] };
    expect(findingOf(error, body, 'strict')).toMatchObject({
      severity: 'error',
      message: 'expected string, got null null',
    });
    const lenient = findingOf(error, body, 'lenient');
    expect(lenient.severity).toBe('warning');
    expect(lenient.message).toMatch(/^expected string, got null null; tolerated under lenient \(null-optional\): /);
  });

  it('defaults to warning about undeclared fields', () => {
    const error = ajvError('additionalProperties', '', { additionalProperty: 'x' });
    expect(schemaFindings([error], { x: 1 }, SCHEMA, 'strict')[0]?.severity).toBe('warning');
  });
});

describe('classify', () => {
  const located = (instancePath: string, definitions: readonly string[], node?: JsonSchemaNode): Located => ({
    instancePath,
    site: { node, parent: undefined, property: undefined, definitions },
  });

  it('files a violation inside any of the four error shapes under `error-shape`', () => {
    expect([...ERROR_SHAPE_DEFINITIONS].sort()).toEqual(['Error', 'ErrorDetail', 'RateLimitError', 'StandardError']);
    for (const name of ERROR_SHAPE_DEFINITIONS) {
      expect(classify(ajvError('type', '/x'), located('/x', ['Envelope', name])), name).toBe('error-shape');
      expect(classify(ajvError('unevaluatedProperties', '/x'), located('/x', [name])), name).toBe('unknown-field');
    }
    expect(classify(ajvError('type', '/x'), located('/x', ['Envelope', 'Result']))).toBe('type');
  });

  it('an int32 range needs both int32 bounds on the node', () => {
    const int32 = { minimum: -2147483648, maximum: 2147483647 };
    expect(classify(ajvError('minimum', '/x'), located('/x', [], int32))).toBe('int32-range');
    expect(classify(ajvError('minimum', '/x'), located('/x', [], { ...int32, minimum: 0 }))).toBe('range');
    expect(classify(ajvError('maximum', '/x'), located('/x', [], undefined))).toBe('range');
  });

  it('the status enum is the top-level `status` only', () => {
    expect(classify(ajvError('enum', '/status'), located('/status', []))).toBe('status-enum');
    expect(classify(ajvError('enum', '/results/0/status'), located('/results/0/status', []))).toBe('enum');
    expect(classify(ajvError('enum', '/statuses'), located('/statuses', []))).toBe('enum');
  });
});
