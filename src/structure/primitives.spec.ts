import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { addStructureVocabulary, compileStructure } from './index.js';
import { primitiveValueProblem } from './primitives.js';

const VALIDATION = 'https://json-structure.org/meta/validation/v0/#';

/** A validator for a one-type document (root type = the given schema). */
function validatorFor(
  schema: Record<string, unknown>,
  metaSchema = 'https://json-structure.org/meta/core/v0/#',
): (value: unknown) => boolean {
  const compiled = compileStructure({ $schema: metaSchema, $id: 'https://hsac.test/primitive', name: 'P', ...schema });
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addStructureVocabulary(ajv);
  const validate = ajv.compile(compiled.schema);
  return (value) => validate(value);
}

// Each primitive: values just inside its encoding/range, values just outside (or wrongly encoded).
const CASES: readonly (readonly [string, readonly unknown[], readonly unknown[]])[] = [
  ['int8', [-128, 127, 0], [-129, 128, 1.5, '1']],
  ['uint8', [0, 255], [-1, 256]],
  ['int16', [-32768, 32767], [-32769, 32768]],
  ['uint16', [0, 65535], [-1, 65536]],
  ['int32', [-2147483648, 2147483647], [-2147483649, 2147483648, '0']],
  ['integer', [-2147483648, 2147483647], [-2147483649, 2147483648]],
  ['uint32', [0, 4294967295], [-1, 4294967296]],
  [
    'int64',
    ['-9223372036854775808', '9223372036854775807', '0'],
    ['-9223372036854775809', '9223372036854775808', 1, '01', '1.0', ''],
  ],
  ['uint64', ['0', '18446744073709551615'], ['-1', '18446744073709551616']],
  [
    'int128',
    ['-170141183460469231731687303715884105728', '170141183460469231731687303715884105727'],
    ['-170141183460469231731687303715884105729', '170141183460469231731687303715884105728'],
  ],
  ['uint128', ['0', '340282366920938463463374607431768211455'], ['-1', '340282366920938463463374607431768211456']],
  ['decimal', ['0', '-12.50', '123', '0.0875'], ['1e5', '12.', '.5', '01.5', 12.5]],
  ['string', ['', 'x'], [1, null]],
  ['boolean', [true, false], ['true', 0]],
  ['null', [null], [0, '']],
  ['number', [1.5, -1e300, 0], ['1']],
  ['double', [1.5, 1.7976931348623157e308], ['1']],
  ['float', [3.4028234663852886e38, -3.4028234663852886e38], [3.5e38, -3.5e38, '1']],
  ['float8', [0.5], ['0.5']],
  [
    'datetime',
    ['2025-03-15T14:30:00Z', '2024-02-29T00:00:00+01:00', '2025-03-15T14:30:00.123-05:30'],
    ['2025-02-30T14:30:00Z', '2023-02-29T00:00:00Z', '2025-03-15T14:30:00', 'not-a-datetime'],
  ],
  ['date', ['2024-02-29', '2025-12-31'], ['2023-02-29', '2025-13-01', '15.03.2025', 'January 15, 1990']],
  ['time', ['14:30:00Z', '23:59:59.5+02:00'], ['14:30:00', '25:00:00Z', '9:00 AM']],
  ['duration', ['P1Y2M3DT4H5M6.5S', 'PT1H', 'P2W', 'PT2.5S'], ['P', 'PT', '1 hour', 'P1H', 'PT1.5H']],
  ['uuid', ['550e8400-e29b-41d4-a716-446655440000'], ['550e8400e29b41d4a716446655440000', 'not-a-uuid']],
  ['uri', ['https://example.com/a?b#c', '/relative/path', 'urn:isbn:0451450523'], ['not a uri', 'http://exa mple.com']],
  ['binary', ['aGVsbG8=', 'aGk=', ''], ['aGVsbG8', 'not base64!']],
  ['jsonpointer', ['', '/a/b~0c~1d'], ['a/b', '/a~2']],
];

describe('primitive encodings and ranges', () => {
  describe.each(CASES)('%s', (type, inside, outside) => {
    const validate = validatorFor({ type });
    it.each(inside.map((value) => [JSON.stringify(value), value]))('accepts %s', (_label, value) => {
      expect(validate(value)).toBe(true);
    });
    it.each(outside.map((value) => [JSON.stringify(value), value]))('rejects %s', (_label, value) => {
      expect(validate(value)).toBe(false);
    });
  });
});

describe('binary content encodings', () => {
  it.each([
    ['base64url', 'aGVsbG8', 'aGVsbG8+'],
    ['base16', '0aFF', '0g'],
    ['base32', 'MZXW6===', 'mzxw6==='],
    ['base32hex', 'CPNMU===', 'WXYZ===='],
  ])('%s', (contentEncoding, valid, invalid) => {
    const validate = validatorFor({ type: 'binary', contentEncoding });
    expect(validate(valid)).toBe(true);
    expect(validate(invalid)).toBe(false);
  });
});

describe('string-encoded numbers with the validation extension', () => {
  it('checks int64 bounds and multipleOf exactly, beyond 2^53', () => {
    const validate = validatorFor({ type: 'int64', minimum: '9007199254740993', multipleOf: '3' }, VALIDATION);
    expect(validate('9007199254740995')).toBe(false); // not a multiple of 3
    expect(validate('9007199254740996')).toBe(true);
    expect(validate('9007199254740992')).toBe(false); // one below the minimum, indistinguishable as a double
  });

  it('checks decimal precision and scale as DECIMAL(p, s)', () => {
    const validate = validatorFor({ type: 'decimal', precision: 5, scale: 2 });
    expect(validate('123.45')).toBe(true);
    expect(validate('1.230')).toBe(true); // trailing zeros are not significant
    expect(validate('1234.5')).toBe(false); // 4 integer digits > 5 - 2
    expect(validate('1.234')).toBe(false); // 3 fractional digits > 2
  });

  it('checks decimal bounds exactly', () => {
    const validate = validatorFor(
      { type: 'decimal', maximum: '10.5', exclusiveMinimum: '0', multipleOf: '0.25' },
      VALIDATION,
    );
    expect(validate('10.50')).toBe(true);
    expect(validate('10.51')).toBe(false);
    expect(validate('0')).toBe(false);
    expect(validate('1.8')).toBe(false);
  });

  it('ignores bounds when the extension is off', () => {
    expect(validatorFor({ type: 'int64', minimum: '10' })('9')).toBe(true);
  });

  it('tightens a number-encoded range with the author bounds', () => {
    const validate = validatorFor({ type: 'uint8', minimum: -5, maximum: 10 }, VALIDATION);
    expect(validate(0)).toBe(true);
    expect(validate(-1)).toBe(false); // the type range still holds
    expect(validate(11)).toBe(false);
  });
});

describe('primitiveValueProblem', () => {
  it.each([
    ['int8', 127, undefined],
    ['int8', 128, 'out of the int8 range'],
    ['int64', '9223372036854775808', 'out of the int64 range'],
    ['uint64', '-1', 'uint64 values are integer strings'],
    ['decimal', 1.5, 'decimal values are decimal strings'],
    ['string', 'x', undefined],
    ['boolean', 'true', 'not a boolean'],
    ['null', null, undefined],
    ['double', '1', 'double values are JSON numbers'],
  ])('%s %j', (type, value, problem) => {
    expect(primitiveValueProblem(type, value)).toBe(problem);
  });
});
