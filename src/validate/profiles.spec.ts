import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_UNKNOWN_FIELD_POLICY,
  isProfile,
  isUnknownFieldPolicy,
  PROFILES,
  toleranceFor,
  UNKNOWN_FIELD_POLICIES,
  type ToleranceInput,
} from './profiles.js';

/** An ajv error as the validator hands it to the policy. */
function input(
  keyword: string,
  params: Record<string, unknown>,
  data: unknown,
  site: Partial<ToleranceInput['site']> = {},
  check = 'type',
): ToleranceInput {
  const error: ErrorObject = { keyword, instancePath: '/x', schemaPath: '#/x', params };
  return {
    error,
    data,
    check,
    site: { node: undefined, parent: undefined, property: undefined, definitions: [], ...site },
  };
}

const undeclared = input(
  'additionalProperties',
  { additionalProperty: 'fromObjectTypeId' },
  '0-1',
  {},
  'unknown-field',
);

describe('the unknown-field policy (DESIGN.md "Objects are open in both profiles")', () => {
  it('is warn by default, and only warn or error', () => {
    expect(DEFAULT_UNKNOWN_FIELD_POLICY).toBe('warn');
    expect(UNKNOWN_FIELD_POLICIES).toEqual(['warn', 'error']);
    expect(isUnknownFieldPolicy('error')).toBe(true);
    expect(isUnknownFieldPolicy('ignore')).toBe(false);
  });

  it.each(PROFILES)('%s: an undeclared field is tolerated under every profile by default', (profile) => {
    expect(toleranceFor(profile, undeclared)).toMatchObject({ id: 'unknown-field', under: 'every' });
    expect(toleranceFor(profile, undeclared, 'warn')).toMatchObject({ id: 'unknown-field', under: 'every' });
    expect(toleranceFor(profile, undeclared)?.reason).toMatch(
      /objects are open in the published spec.*fromObjectTypeId/,
    );
  });

  it.each(PROFILES)('%s: an undeclared field found by unevaluatedProperties is the same', (profile) => {
    const unevaluated = input('unevaluatedProperties', { unevaluatedProperty: 'x' }, 1, {}, 'unknown-field');
    expect(toleranceFor(profile, unevaluated)).toMatchObject({ id: 'unknown-field', under: 'every' });
  });

  it.each(PROFILES)('%s: not tolerated when unknown fields are errors', (profile) => {
    expect(toleranceFor(profile, undeclared, 'error')).toBeUndefined();
    expect(
      toleranceFor(
        profile,
        input('unevaluatedProperties', { unevaluatedProperty: 'x' }, 1, {}, 'unknown-field'),
        'error',
      ),
    ).toBeUndefined();
  });

  it('leaves the lenient tolerances lenient-only, whatever the unknown-field policy', () => {
    const nullOptional = input('type', { type: 'string' }, null, { parent: { required: [] }, property: 'label' });
    for (const policy of UNKNOWN_FIELD_POLICIES) {
      expect(toleranceFor('strict', nullOptional, policy)).toBeUndefined();
      expect(toleranceFor('lenient', nullOptional, policy)).toMatchObject({ id: 'null-optional', under: 'lenient' });
    }
    expect(
      toleranceFor('lenient', input('enum', { allowedValues: ['CANCELED'] }, 'CANCELLED', {}, 'status-enum')),
    ).toBeUndefined();
  });
});

describe('the profiles', () => {
  it('are strict and lenient, and nothing else is one', () => {
    expect(PROFILES).toEqual(['strict', 'lenient']);
    expect(isProfile('strict')).toBe(true);
    expect(isProfile('lenient')).toBe(true);
    expect(isProfile('loose')).toBe(false);
    expect(isUnknownFieldPolicy('warn')).toBe(true);
  });

  it('strict tolerates nothing but an undeclared field', () => {
    for (const tolerable of [nullOptionalField(), numericId(), subCategoryString(), openEnum()])
      expect(toleranceFor('strict', tolerable)).toBeUndefined();
  });
});

/** A null where the schema declares an optional `label` string (its parent object does not require it). */
function nullOptionalField(site: Partial<ToleranceInput['site']> = {}): ToleranceInput {
  return input('type', { type: 'string' }, null, { parent: { required: ['typeId'] }, property: 'label', ...site });
}
/** A number where the schema declares a string ID. */
function numericId(property = 'toObjectId', data: unknown = 5434402448, type: unknown = 'string'): ToleranceInput {
  return input('type', { type }, data, { property });
}
/** A string where StandardError declares the `subCategory` object. */
function subCategoryString(property = 'subCategory', data: unknown = 'ASSOCIATION_LIMIT'): ToleranceInput {
  return input('type', { type: 'object' }, data, { property });
}
/** A category value the enum does not list yet. */
function openEnum(data: unknown = 'PARTNER_DEFINED', check = 'enum'): ToleranceInput {
  return input('enum', { allowedValues: ['HUBSPOT_DEFINED', 'USER_DEFINED'] }, data, {}, check);
}
const lenientId = (tolerable: ToleranceInput): string | undefined => toleranceFor('lenient', tolerable)?.id;

describe('the lenient tolerances, each only where its evidence holds', () => {
  it('null-optional: a null for a declared, optional property', () => {
    expect(toleranceFor('lenient', nullOptionalField())).toMatchObject({ id: 'null-optional', under: 'lenient' });
    expect(toleranceFor('lenient', nullOptionalField())?.reason).toMatch(
      /HubSpot sends null for absent optional fields/,
    );
    // Required by its parent, a null array item or map value (no parent), a value not null, another keyword.
    expect(lenientId(nullOptionalField({ parent: { required: ['label'] } }))).toBeUndefined();
    expect(lenientId(nullOptionalField({ parent: undefined }))).toBeUndefined();
    expect(lenientId(nullOptionalField({ property: undefined }))).toBeUndefined();
    expect(lenientId(input('type', { type: 'string' }, 0, { parent: {}, property: 'label' }))).toBeUndefined();
    expect(lenientId(input('format', { format: 'date-time' }, null, { parent: {}, property: 'label' }))).toBe(
      undefined,
    );
  });

  it('numeric-id: an integer where a string ID is declared, by the property name', () => {
    expect(toleranceFor('lenient', numericId())).toMatchObject({ id: 'numeric-id', under: 'lenient' });
    expect(toleranceFor('lenient', numericId())?.reason).toMatch(/record IDs arrive as numbers/);
    for (const property of ['id', 'toObjectId', 'fromObjectId', 'Id'])
      expect(lenientId(numericId(property)), property).toBe('numeric-id');
    // A name that only contains "id", one that does not end in it, a lower-case "...id", a number in the name.
    for (const property of ['ids', 'idx', 'valid', 'typeid', 'identity', 'object2Id', 'x-Id'])
      expect(lenientId(numericId(property)), property).toBeUndefined();
    // Declared string in a type list, or not declared string at all.
    expect(lenientId(numericId('id', 7, ['string', 'null']))).toBe('numeric-id');
    expect(lenientId(numericId('id', 7, ['integer', 'null']))).toBeUndefined();
    expect(lenientId(numericId('id', 7, 'integer'))).toBeUndefined();
    expect(lenientId(input('type', {}, 7, { property: 'id' }))).toBeUndefined();
    // Only integers, and only numbers.
    expect(lenientId(numericId('id', 7.5))).toBeUndefined();
    expect(lenientId(numericId('id', '7'))).toBeUndefined();
    expect(lenientId(input('type', { type: 'string' }, 7, {}))).toBeUndefined();
    expect(lenientId(input('enum', { type: 'string' }, 7, { property: 'id' }))).toBeUndefined();
  });

  it('sub-category-string: a string where the subCategory object is declared', () => {
    expect(toleranceFor('lenient', subCategoryString())).toMatchObject({ id: 'sub-category-string', under: 'lenient' });
    expect(toleranceFor('lenient', subCategoryString())?.reason).toMatch(/StandardError\.subCategory is an object/);
    expect(lenientId(subCategoryString('category'))).toBeUndefined();
    expect(lenientId(subCategoryString('subCategory', 3))).toBeUndefined();
    expect(lenientId(input('type', { type: 'array' }, 'x', { property: 'subCategory' }))).toBeUndefined();
    expect(lenientId(input('type', { type: ['object', 'null'] }, 'x', { property: 'subCategory' }))).toBe(
      'sub-category-string',
    );
    expect(lenientId(input('required', { type: 'object' }, 'x', { property: 'subCategory' }))).toBeUndefined();
  });

  it('open-enum: a string value an enum does not list, but never the batch status', () => {
    expect(toleranceFor('lenient', openEnum())).toMatchObject({ id: 'open-enum', under: 'lenient' });
    expect(toleranceFor('lenient', openEnum())?.reason).toMatch(/HubSpot adds enum values without a version bump/);
    expect(lenientId(openEnum('CANCELLED', 'status-enum'))).toBeUndefined();
    expect(lenientId(openEnum(3))).toBeUndefined();
    expect(lenientId(input('const', { allowedValue: 'A' }, 'B', {}, 'enum'))).toBeUndefined();
  });

  it('tries them in order: the first that applies names the warning', () => {
    // A null `id` an object does not require: null-optional comes before numeric-id (which needs a number anyway).
    expect(lenientId(input('type', { type: 'string' }, null, { parent: {}, property: 'id' }))).toBe('null-optional');
  });

  it('an undeclared field is tolerated as open objects, not by a lenient tolerance, however it looks', () => {
    const nullUnknown = input('additionalProperties', { additionalProperty: 'id' }, null, {
      parent: {},
      property: 'id',
    });
    expect(toleranceFor('lenient', nullUnknown)).toMatchObject({ id: 'unknown-field', under: 'every' });
    expect(toleranceFor('lenient', nullUnknown, 'error')).toBeUndefined();
  });
});
