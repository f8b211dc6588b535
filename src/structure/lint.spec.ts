import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../paths.js';
import { type StructureIssue, lintStructure } from './index.js';

const CORE = 'https://json-structure.org/meta/core/v0/#';
const VALIDATION = 'https://json-structure.org/meta/validation/v0/#';

type Json = Record<string, unknown>;

function doc(body: Json): Json {
  return { $schema: CORE, $id: 'https://hsac.test/lint', name: 'Root', ...body };
}

/** A root object type with the given properties. */
function withProperties(properties: Json, extra: Json = {}): Json {
  return doc({ type: 'object', properties, ...extra });
}

function summary(issues: readonly StructureIssue[]): string[] {
  return issues.map((issue) => `${issue.severity} ${issue.code} ${issue.path}`);
}

/** A document exercising every construct, valid and with every extension declared: must lint silent. */
const CLEAN: Json = {
  $schema: VALIDATION,
  $id: 'https://hsac.test/clean',
  name: 'Clean',
  $uses: ['JSONStructureValidation', 'JSONStructureConditionalComposition'],
  definitions: {
    Common: {
      Money: {
        type: 'object',
        properties: {
          amount: { type: 'decimal', precision: 10, scale: 2 },
          currency: { type: 'string', enum: ['USD', 'EUR'] },
        },
        required: ['amount'],
      },
    },
    Base: { type: 'object', abstract: true, properties: { id: { type: 'uuid' } }, required: ['id'] },
    Item: {
      type: 'object',
      $extends: '#/definitions/Base',
      properties: { price: { type: { $ref: '#/definitions/Common/Money' } } },
      required: ['id', 'price'],
    },
    Point: { type: 'tuple', properties: { x: { type: 'double' }, y: { type: 'double' } }, tuple: ['x', 'y'] },
    Tagged: { type: 'choice', choices: { text: { type: 'string' }, number: { type: 'int64', minimum: '0' } } },
    Inline: {
      type: 'choice',
      $extends: '#/definitions/Base',
      selector: 'kind',
      choices: { item: { type: { $ref: '#/definitions/Item' } } },
    },
  },
  type: 'object',
  description: 'everything at once',
  properties: {
    items: {
      type: 'array',
      items: { type: { $ref: '#/definitions/Item' } },
      minItems: 0,
      maxItems: 10,
      contains: { type: { $ref: '#/definitions/Item' } },
    },
    tags: { type: 'set', items: { type: 'string', maxLength: 20, pattern: '^[a-z]+$' }, uniqueItems: true },
    counts: {
      type: 'map',
      values: { type: 'uint32' },
      keyNames: { type: 'string', minLength: 1 },
      minEntries: 0,
      maxEntries: 5,
    },
    where: { type: { $ref: '#/definitions/Point' } },
    either: { type: ['string', 'null', { $ref: '#/definitions/Tagged' }] },
    shape: { type: { $ref: '#/definitions/Inline' } },
    anything: { type: 'any', examples: [1, 'x'] },
    when: { type: 'datetime', default: '2025-01-01T00:00:00Z' },
    blob: { type: 'binary', contentEncoding: 'base16', contentMediaType: 'application/octet-stream' },
    ratio: { type: 'double', minimum: 0, exclusiveMaximum: 1, multipleOf: 0.5 },
    flag: { type: 'boolean', const: true },
  },
  required: [['items'], ['tags']],
  additionalProperties: false,
  minProperties: 1,
  dependentRequired: { tags: ['items'] },
  anyOf: [{ type: 'object', properties: { flag: { type: 'boolean' } } }],
};

describe('a clean document', () => {
  it('lints without a single issue', () => {
    expect(summary(lintStructure(CLEAN))).toEqual([]);
  });
});

// [what, document, expected severity+code+path]. Each fires on a minimal document.
const RULES: readonly (readonly [string, unknown, string])[] = [
  ['document not an object', [], 'error SCHEMA_INVALID_TYPE '],
  [
    'root missing $schema',
    { $id: 'https://hsac.test/x', name: 'R', type: 'string' },
    'error SCHEMA_ROOT_MISSING_SCHEMA ',
  ],
  ['root missing $id', { $schema: CORE, name: 'R', type: 'string' }, 'error SCHEMA_ROOT_MISSING_ID '],
  [
    'root $id not absolute',
    { $schema: CORE, $id: 'relative/id', name: 'R', type: 'string' },
    'error SCHEMA_ROOT_ID_INVALID /$id',
  ],
  [
    'root missing name',
    { $schema: CORE, $id: 'https://hsac.test/x', type: 'string' },
    'error SCHEMA_ROOT_MISSING_NAME ',
  ],
  [
    'root name not an identifier',
    doc({ name: 'not-an-identifier', type: 'string' }),
    'warning SCHEMA_NAME_INVALID /name',
  ],
  ['root without a type', doc({ description: 'nothing' }), 'error SCHEMA_ROOT_MISSING_TYPE '],
  [
    'root with $root and type',
    doc({ type: 'string', $root: '#/definitions/A', definitions: { A: { type: 'string' } } }),
    'error SCHEMA_ROOT_CONFLICT /$root',
  ],
  [
    '$root to nowhere',
    doc({ $root: '#/definitions/Missing', definitions: { A: { type: 'string' } } }),
    'error SCHEMA_REF_NOT_FOUND /$root',
  ],
  [
    'root type is a $ref',
    doc({ type: { $ref: '#/definitions/A' }, definitions: { A: { type: 'string' } } }),
    'error SCHEMA_ROOT_TYPE_REF /type',
  ],
  [
    '$uses not an array',
    doc({ type: 'string', $uses: 'JSONStructureValidation' }),
    'error SCHEMA_KEYWORD_INVALID_TYPE /$uses',
  ],
  [
    '$defs instead of definitions',
    doc({ type: 'string', $defs: { A: { type: 'string' } } }),
    'warning SCHEMA_DEFS_IGNORED /$defs',
  ],
  ['$import', doc({ type: 'string', $import: 'other.struct.json' }), 'error SCHEMA_IMPORT_NOT_SUPPORTED /$import'],
  [
    'definitions not an object',
    doc({ type: 'string', definitions: [] }),
    'error SCHEMA_KEYWORD_INVALID_TYPE /definitions',
  ],
  [
    'definition not an object',
    doc({ type: 'string', definitions: { A: 'string' } }),
    'error SCHEMA_INVALID_TYPE /definitions/A',
  ],
  [
    'definition names collide when flattened',
    doc({ type: 'string', definitions: { 'A.B': { type: 'string' }, A: { B: { type: 'string' } } } }),
    'error SCHEMA_DEFINITION_NAME_COLLISION /definitions/A/B',
  ],
  [
    'bare $ref',
    withProperties({ a: { $ref: '#/definitions/A' } }, { definitions: { A: { type: 'string' } } }),
    'error SCHEMA_REF_NOT_IN_TYPE /properties/a/$ref',
  ],
  [
    'bare $ref to nowhere',
    withProperties({ a: { $ref: '#/components/schemas/X' } }),
    'error SCHEMA_REF_NOT_FOUND /properties/a/$ref',
  ],
  [
    'malformed pointer',
    withProperties({ a: { type: { $ref: '#/definitions/has spaces' } } }),
    'error SCHEMA_REF_INVALID /properties/a/type/$ref',
  ],
  [
    'external reference',
    withProperties({ a: { type: { $ref: 'https://example.com/x.json#/definitions/A' } } }),
    'error SCHEMA_REF_INVALID /properties/a/type/$ref',
  ],
  [
    'type $ref to nowhere',
    withProperties({ a: { type: { $ref: '#/definitions/Missing' } } }),
    'error SCHEMA_REF_NOT_FOUND /properties/a/type/$ref',
  ],
  [
    'type $ref to a namespace',
    withProperties({ a: { type: { $ref: '#/definitions/Ns' } } }, { definitions: { Ns: { A: { type: 'string' } } } }),
    'error SCHEMA_REF_NOT_FOUND /properties/a/type/$ref',
  ],
  [
    'abstract type used as a type',
    withProperties(
      { a: { type: { $ref: '#/definitions/A' } } },
      { definitions: { A: { type: 'object', abstract: true, properties: { x: { type: 'string' } } } } },
    ),
    'error SCHEMA_ABSTRACT_TYPE_REFERENCED /properties/a/type/$ref',
  ],
  [
    'type object without $ref',
    withProperties({ a: { type: { name: 'A' } } }),
    'error SCHEMA_TYPE_OBJECT_MISSING_REF /properties/a/type',
  ],
  [
    'type of the wrong kind',
    withProperties({ a: { type: 5 } }),
    'error SCHEMA_KEYWORD_INVALID_TYPE /properties/a/type',
  ],
  ['missing type', withProperties({ a: { description: 'untyped' } }), 'error SCHEMA_MISSING_TYPE /properties/a'],
  ['unknown type', withProperties({ a: { type: 'email' } }), 'error SCHEMA_TYPE_INVALID /properties/a/type'],
  ['empty union', withProperties({ a: { type: [] } }), 'error SCHEMA_TYPE_ARRAY_EMPTY /properties/a/type'],
  [
    'compound in a union',
    withProperties({ a: { type: ['string', 'object'] } }),
    'error SCHEMA_UNION_MEMBER_INVALID /properties/a/type/1',
  ],
  [
    'inline schema in a union',
    withProperties({ a: { type: ['string', { type: 'int32' }] } }),
    'error SCHEMA_UNION_MEMBER_INVALID /properties/a/type/1',
  ],
  ['schema not an object', withProperties({ a: 'string' }), 'error SCHEMA_INVALID_TYPE /properties/a'],
  [
    '$id below the root',
    withProperties({ a: { type: 'string', $id: 'https://x' } }),
    'error SCHEMA_KEYWORD_NOT_AT_ROOT /properties/a/$id',
  ],
  [
    'object without properties',
    withProperties({ a: { type: 'object', additionalProperties: { type: 'string' } } }),
    'error SCHEMA_OBJECT_MISSING_PROPERTIES /properties/a',
  ],
  [
    'object with empty properties',
    withProperties({ a: { type: 'object', properties: {} } }),
    'error SCHEMA_KEYWORD_EMPTY /properties/a/properties',
  ],
  [
    'properties not an object',
    doc({ type: 'object', properties: 'x' }),
    'error SCHEMA_PROPERTIES_NOT_OBJECT /properties',
  ],
  [
    'property name not an identifier',
    withProperties({ 'a-b': { type: 'string' } }),
    'warning SCHEMA_NAME_INVALID /properties/a-b',
  ],
  [
    'required not an array',
    withProperties({ a: { type: 'string' } }, { required: 'a' }),
    'error SCHEMA_REQUIRED_NOT_ARRAY /required',
  ],
  [
    'required mixes names and sets',
    withProperties({ a: { type: 'string' } }, { required: ['a', ['a']] }),
    'error SCHEMA_REQUIRED_NOT_ARRAY /required',
  ],
  [
    'required entry not a name',
    withProperties({ a: { type: 'string' } }, { required: [1] }),
    'error SCHEMA_REQUIRED_ITEM_NOT_STRING /required/0',
  ],
  [
    'required names a missing property',
    withProperties({ a: { type: 'string' } }, { required: ['b'] }),
    'error SCHEMA_REQUIRED_PROPERTY_NOT_DEFINED /required/0',
  ],
  [
    'required set names a missing property',
    withProperties({ a: { type: 'string' } }, { required: [['a'], ['b']] }),
    'error SCHEMA_REQUIRED_PROPERTY_NOT_DEFINED /required/1/0',
  ],
  [
    'required on a non-object',
    withProperties({ a: { type: 'string', required: ['x'] } }),
    'error SCHEMA_CONSTRAINT_INVALID_FOR_TYPE /properties/a/required',
  ],
  [
    'additionalProperties not bool or schema',
    withProperties({ a: { type: 'string' } }, { additionalProperties: 'no' }),
    'error SCHEMA_ADDITIONAL_PROPERTIES_INVALID /additionalProperties',
  ],
  [
    'additionalProperties on a map',
    withProperties({ a: { type: 'map', values: { type: 'string' }, additionalProperties: false } }),
    'error SCHEMA_CONSTRAINT_INVALID_FOR_TYPE /properties/a/additionalProperties',
  ],
  [
    'additionalProperties on an abstract type',
    doc({
      type: 'string',
      definitions: {
        A: { type: 'object', abstract: true, properties: { x: { type: 'string' } }, additionalProperties: false },
      },
    }),
    'error SCHEMA_ABSTRACT_ADDITIONAL_PROPERTIES /definitions/A/additionalProperties',
  ],
  ['array without items', withProperties({ a: { type: 'array' } }), 'error SCHEMA_ARRAY_MISSING_ITEMS /properties/a'],
  [
    'items not a schema',
    withProperties({ a: { type: 'set', items: 'string' } }),
    'error SCHEMA_KEYWORD_INVALID_TYPE /properties/a/items',
  ],
  ['map without values', withProperties({ a: { type: 'map' } }), 'error SCHEMA_MAP_MISSING_VALUES /properties/a'],
  [
    'tuple without definition',
    withProperties({ a: { type: 'tuple' } }),
    'error SCHEMA_TUPLE_MISSING_DEFINITION /properties/a',
  ],
  [
    'tuple without order',
    withProperties({ a: { type: 'tuple', properties: { x: { type: 'string' } } } }),
    'error SCHEMA_TUPLE_MISSING_ORDER /properties/a',
  ],
  [
    'tuple order not an array',
    withProperties({ a: { type: 'tuple', properties: { x: { type: 'string' } }, tuple: 'x' } }),
    'error SCHEMA_TUPLE_ORDER_NOT_ARRAY /properties/a/tuple',
  ],
  [
    'tuple order names a missing property',
    withProperties({ a: { type: 'tuple', properties: { x: { type: 'string' } }, tuple: ['x', 'y'] } }),
    'error SCHEMA_TUPLE_PROPERTY_NOT_DEFINED /properties/a/tuple/1',
  ],
  [
    'tuple order repeats a property',
    withProperties({ a: { type: 'tuple', properties: { x: { type: 'string' } }, tuple: ['x', 'x'] } }),
    'error SCHEMA_TUPLE_DUPLICATE_ENTRY /properties/a/tuple/1',
  ],
  [
    'tuple property outside the order',
    withProperties({
      a: { type: 'tuple', properties: { x: { type: 'string' }, y: { type: 'string' } }, tuple: ['x'] },
    }),
    'warning SCHEMA_TUPLE_PROPERTY_NOT_ORDERED /properties/a/properties/y',
  ],
  [
    'choice without choices',
    withProperties({ a: { type: 'choice' } }),
    'error SCHEMA_CHOICE_MISSING_CHOICES /properties/a',
  ],
  [
    'choices not an object',
    withProperties({ a: { type: 'choice', choices: [] } }),
    'error SCHEMA_CHOICES_NOT_OBJECT /properties/a/choices',
  ],
  [
    'inline choice without selector',
    doc({
      type: 'string',
      definitions: {
        B: { type: 'object', abstract: true, properties: { x: { type: 'string' } } },
        C: { type: 'choice', $extends: '#/definitions/B', choices: { c: { type: 'string' } } },
      },
    }),
    'error SCHEMA_CHOICE_SELECTOR_MISSING /definitions/C',
  ],
  [
    'enum not an array',
    withProperties({ a: { type: 'string', enum: 'A' } }),
    'error SCHEMA_ENUM_NOT_ARRAY /properties/a/enum',
  ],
  ['enum empty', withProperties({ a: { type: 'string', enum: [] } }), 'error SCHEMA_ENUM_EMPTY /properties/a/enum'],
  [
    'enum duplicates',
    withProperties({ a: { type: 'string', enum: ['A', 'A'] } }),
    'error SCHEMA_ENUM_DUPLICATES /properties/a/enum/1',
  ],
  [
    'enum value of the wrong type',
    withProperties({ a: { type: 'uint8', enum: [1, 300] } }),
    'error SCHEMA_ENUM_VALUE_INVALID /properties/a/enum/1',
  ],
  [
    'enum on a compound',
    withProperties({ a: { type: 'array', items: { type: 'string' }, enum: [[]] } }),
    'error SCHEMA_CONSTRAINT_INVALID_FOR_TYPE /properties/a/enum',
  ],
  [
    'enum with a union',
    withProperties({ a: { type: ['string', 'null'], enum: ['A'] } }),
    'error SCHEMA_CONSTRAINT_INVALID_FOR_TYPE /properties/a/enum',
  ],
  [
    'const of the wrong type',
    withProperties({ a: { type: 'int64', const: 5 } }),
    'error SCHEMA_CONST_VALUE_INVALID /properties/a/const',
  ],
  [
    'constraint on a $ref type',
    withProperties(
      { a: { type: { $ref: '#/definitions/S' }, maxLength: 3 } },
      { definitions: { S: { type: 'string' } } },
    ),
    'warning SCHEMA_KEYWORD_IGNORED /properties/a/maxLength',
  ],
  [
    'validation keyword without $uses',
    withProperties({ a: { type: 'string', minLength: 1 } }),
    'warning SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED /properties/a/minLength',
  ],
  [
    'default without $uses',
    withProperties({ a: { type: 'string', default: 'x' } }),
    'warning SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED /properties/a/default',
  ],
  [
    'string constraint on a number',
    withProperties({ a: { type: 'int32', minLength: 1 } }),
    'error SCHEMA_CONSTRAINT_TYPE_MISMATCH /properties/a/minLength',
  ],
  [
    'numeric constraint on a string',
    withProperties({ a: { type: 'string', minimum: 1 } }),
    'error SCHEMA_CONSTRAINT_TYPE_MISMATCH /properties/a/minimum',
  ],
  [
    'map keyword on an object',
    withProperties({ a: { type: 'string' } }, { minEntries: 1 }),
    'error SCHEMA_CONSTRAINT_TYPE_MISMATCH /minEntries',
  ],
  [
    'count not a non-negative integer',
    withProperties({ a: { type: 'string', maxLength: -1 } }),
    'error SCHEMA_INTEGER_CONSTRAINT_INVALID /properties/a/maxLength',
  ],
  [
    'minimum above maximum',
    withProperties({ a: { type: 'int32', minimum: 10, maximum: 5 } }),
    'error SCHEMA_MIN_GREATER_THAN_MAX /properties/a',
  ],
  [
    'string-encoded minimum above maximum',
    withProperties({ a: { type: 'int64', minimum: '10', maximum: '9' } }),
    'error SCHEMA_MIN_GREATER_THAN_MAX /properties/a',
  ],
  [
    'exclusive bounds leave nothing',
    withProperties({ a: { type: 'double', exclusiveMinimum: 1, exclusiveMaximum: 1 } }),
    'error SCHEMA_MIN_GREATER_THAN_MAX /properties/a',
  ],
  [
    'minItems above maxItems',
    withProperties({ a: { type: 'array', items: { type: 'string' }, minItems: 3, maxItems: 1 } }),
    'error SCHEMA_MIN_GREATER_THAN_MAX /properties/a',
  ],
  [
    'scale above precision',
    withProperties({ a: { type: 'decimal', precision: 2, scale: 3 } }),
    'error SCHEMA_MIN_GREATER_THAN_MAX /properties/a/scale',
  ],
  [
    'multipleOf zero',
    withProperties({ a: { type: 'int32', multipleOf: 0 } }),
    'error SCHEMA_POSITIVE_NUMBER_CONSTRAINT_INVALID /properties/a/multipleOf',
  ],
  [
    'multipleOf negative',
    withProperties({ a: { type: 'decimal', multipleOf: '-0.5' } }),
    'error SCHEMA_POSITIVE_NUMBER_CONSTRAINT_INVALID /properties/a/multipleOf',
  ],
  [
    'numeric constraint not a number',
    withProperties({ a: { type: 'int32', minimum: 'ten' } }),
    'error SCHEMA_NUMBER_CONSTRAINT_INVALID /properties/a/minimum',
  ],
  [
    'string-encoded constraint not a numeric string',
    withProperties({ a: { type: 'int64', minimum: '1.5' } }),
    'error SCHEMA_NUMBER_CONSTRAINT_INVALID /properties/a/minimum',
  ],
  [
    'string-encoded constraint given as a number',
    withProperties({ a: { type: 'uint64', maximum: 10 } }),
    'warning SCHEMA_CONSTRAINT_NOT_STRING /properties/a/maximum',
  ],
  [
    'pattern not a string',
    withProperties({ a: { type: 'string', pattern: 5 } }),
    'error SCHEMA_PATTERN_NOT_STRING /properties/a/pattern',
  ],
  [
    'invalid regex',
    withProperties({ a: { type: 'string', pattern: '[invalid(regex' } }),
    'error SCHEMA_PATTERN_INVALID /properties/a/pattern',
  ],
  [
    'regex flags ECMA-262 lacks',
    withProperties({ a: { type: 'string', pattern: '(?i)^a$' } }),
    'error SCHEMA_PATTERN_INVALID /properties/a/pattern',
  ],
  [
    'catastrophic backtracking',
    withProperties({ a: { type: 'string', pattern: '^(a+)+$' } }),
    'warning SCHEMA_PATTERN_BACKTRACKING_RISK /properties/a/pattern',
  ],
  [
    'invalid regex as a pattern key',
    withProperties({ a: { type: 'string' } }, { patternProperties: { '(': { type: 'string' } } }),
    'error SCHEMA_PATTERN_INVALID /patternProperties/(',
  ],
  [
    'unknown format',
    withProperties({ a: { type: 'string', format: 'not-a-format' } }),
    'warning SCHEMA_FORMAT_UNKNOWN /properties/a/format',
  ],
  [
    'uniqueItems not a boolean',
    withProperties({ a: { type: 'array', items: { type: 'string' }, uniqueItems: 'yes' } }),
    'error SCHEMA_UNIQUE_ITEMS_NOT_BOOLEAN /properties/a/uniqueItems',
  ],
  [
    'set that is not unique',
    withProperties({ a: { type: 'set', items: { type: 'string' }, uniqueItems: false } }),
    'error SCHEMA_CONSTRAINT_VALUE_INVALID /properties/a/uniqueItems',
  ],
  [
    'unknown binary encoding',
    withProperties({ a: { type: 'binary', contentEncoding: 'base85' } }),
    'error SCHEMA_CONSTRAINT_VALUE_INVALID /properties/a/contentEncoding',
  ],
  [
    'schema-valued constraint not a schema',
    withProperties({ a: { type: 'array', items: { type: 'string' }, contains: true } }),
    'error SCHEMA_KEYWORD_INVALID_TYPE /properties/a/contains',
  ],
  [
    'dependentRequired malformed',
    withProperties({ a: { type: 'string' } }, { dependentRequired: { a: 'b' } }),
    'error SCHEMA_KEYWORD_INVALID_TYPE /dependentRequired',
  ],
  ['allOf not an array', doc({ type: 'string', allOf: 'x' }), 'error SCHEMA_COMPOSITION_NOT_ARRAY /allOf'],
  ['anyOf empty', doc({ type: 'string', anyOf: [] }), 'error SCHEMA_COMPOSITION_EMPTY /anyOf'],
  ['not not a schema', doc({ type: 'string', not: 'x' }), 'error SCHEMA_KEYWORD_INVALID_TYPE /not'],
  ['composition without $uses', doc({ anyOf: [{ type: 'string' }] }), 'warning SCHEMA_COMPOSITION_NOT_DECLARED '],
  [
    '$extends on a primitive',
    doc({
      type: 'string',
      $extends: '#/definitions/A',
      definitions: { A: { type: 'object', abstract: true, properties: { x: { type: 'string' } } } },
    }),
    'error SCHEMA_CONSTRAINT_INVALID_FOR_TYPE /$extends',
  ],
  [
    '$extends to nowhere',
    withProperties({ a: { type: 'string' } }, { $extends: '#/definitions/Missing' }),
    'error SCHEMA_REF_NOT_FOUND /$extends',
  ],
  [
    '$extends malformed',
    withProperties({ a: { type: 'string' } }, { $extends: 'Base' }),
    'error SCHEMA_REF_INVALID /$extends',
  ],
  [
    '$extends empty array',
    withProperties({ a: { type: 'string' } }, { $extends: [] }),
    'error SCHEMA_KEYWORD_EMPTY /$extends',
  ],
  [
    '$extends to a primitive',
    withProperties({ a: { type: 'string' } }, { $extends: '#/definitions/S', definitions: { S: { type: 'string' } } }),
    'error SCHEMA_EXTENDS_TARGET_INVALID /$extends',
  ],
  [
    '$extends redefines an inherited property',
    withProperties(
      { x: { type: 'int32' } },
      {
        $extends: '#/definitions/A',
        definitions: { A: { type: 'object', abstract: true, properties: { x: { type: 'string' } } } },
      },
    ),
    'error SCHEMA_EXTENDS_PROPERTY_REDEFINED /properties/x',
  ],
  [
    'abstract on a primitive',
    doc({ type: 'string', definitions: { A: { type: 'string', abstract: true } } }),
    'error SCHEMA_CONSTRAINT_INVALID_FOR_TYPE /definitions/A/abstract',
  ],
  [
    'circular $extends',
    doc({
      type: 'string',
      definitions: {
        A: { type: 'object', abstract: true, $extends: '#/definitions/B', properties: { a: { type: 'string' } } },
        B: { type: 'object', abstract: true, $extends: '#/definitions/A', properties: { b: { type: 'string' } } },
      },
    }),
    'error SCHEMA_EXTENDS_CIRCULAR /definitions/A/$extends',
  ],
  [
    'self-extending type',
    doc({
      type: 'string',
      definitions: {
        A: { type: 'object', abstract: true, $extends: '#/definitions/A', properties: { a: { type: 'string' } } },
      },
    }),
    'error SCHEMA_EXTENDS_CIRCULAR /definitions/A/$extends',
  ],
  [
    'alias chain back to itself',
    doc({
      type: 'string',
      definitions: { A: { type: { $ref: '#/definitions/B' } }, B: { type: ['null', { $ref: '#/definitions/A' }] } },
    }),
    'error SCHEMA_REF_CIRCULAR /definitions/A/type',
  ],
];

describe('lint rules', () => {
  it.each(RULES)('%s', (_what, document, expected) => {
    expect(summary(lintStructure(document))).toContain(expected);
  });

  it('does not report a missing name on inline objects', () => {
    expect(
      summary(
        lintStructure(
          withProperties({ a: { type: 'array', items: { type: 'object', properties: { x: { type: 'string' } } } } }),
        ),
      ),
    ).toEqual([]);
  });

  it('lets recursion through properties be (only pure alias cycles are errors)', () => {
    const recursive = doc({
      type: 'string',
      definitions: {
        A: { type: 'object', properties: { next: { type: { $ref: '#/definitions/B' } } } },
        B: { type: 'object', properties: { next: { type: { $ref: '#/definitions/A' } } } },
      },
    });
    expect(summary(lintStructure(recursive))).toEqual([]);
  });

  it('accepts an $extends of a non-abstract type (the samples do), a definitions-only library, and an inherited required name', () => {
    const library = {
      $schema: CORE,
      $id: 'https://hsac.test/lib',
      name: 'Lib',
      definitions: {
        Car: { type: 'object', properties: { doors: { type: 'uint8' } } },
        FlyingCar: {
          type: 'object',
          $extends: '#/definitions/Car',
          properties: { wings: { type: 'uint8' } },
          required: ['doors'],
        },
      },
    };
    expect(summary(lintStructure(library))).toEqual([]);
  });
});

describe('the published HubSpot seed (schemas/published/batch-association-response.struct.json)', () => {
  const seed: unknown = JSON.parse(
    readFileSync(join(packageRoot(), 'schemas', 'published', 'batch-association-response.struct.json'), 'utf8'),
  );
  const errors = lintStructure(seed).filter((issue) => issue.severity === 'error');
  const targets = ['ObjectReference', 'Association', 'Paging', 'ErrorDetail'].map(
    (name) => `#/components/schemas/${name}`,
  );

  it('has exactly 11 errors: 4 bare $ref, 4 dangling targets, 3 objects without properties', () => {
    expect(errors).toHaveLength(11);
    expect(errors.filter((issue) => issue.code === 'SCHEMA_REF_NOT_IN_TYPE')).toHaveLength(4);
    expect(errors.filter((issue) => issue.code === 'SCHEMA_REF_NOT_FOUND')).toHaveLength(4);
    expect(
      errors.filter((issue) => issue.code === 'SCHEMA_OBJECT_MISSING_PROPERTIES').map((issue) => issue.path),
    ).toEqual([
      '/properties/errors/items/properties/context',
      '/properties/errors/items/properties/links',
      '/properties/links',
    ]);
  });

  it('names each dangling target once', () => {
    const unresolved = errors.filter((issue) => issue.code === 'SCHEMA_REF_NOT_FOUND');
    for (const target of targets) expect(unresolved.filter((issue) => issue.message.includes(target))).toHaveLength(1);
  });

  it('raises no warnings for the custom `example` annotation', () => {
    expect(lintStructure(seed).filter((issue) => issue.severity === 'warning')).toEqual([]);
  });
});

describe('robustness: lint never throws', () => {
  it.each([null, undefined, 42, 'text', true, [], [{}], { type: null }, { properties: null }])(
    'answers with data for %j',
    (input) => {
      const issues = lintStructure(input);
      expect(issues.some((issue) => issue.severity === 'error')).toBe(true);
    },
  );

  it('caps absurd nesting with an issue instead of a stack overflow', () => {
    let node: Json = { type: 'string' };
    for (let level = 0; level < 20_000; level += 1) node = { type: 'array', items: node };
    const issues = lintStructure(doc({ type: 'object', properties: { deep: node } }));
    expect(issues.map((issue) => issue.code)).toContain('SCHEMA_MAX_DEPTH_EXCEEDED');
  });

  it('terminates on a cyclic object graph (impossible in JSON, possible in JS)', () => {
    const cyclic: Json = { type: 'array' };
    cyclic.items = cyclic;
    const issues = lintStructure(doc({ type: 'object', properties: { loop: cyclic } }));
    expect(issues.map((issue) => issue.code)).toContain('SCHEMA_MAX_DEPTH_EXCEEDED');
  });

  it('treats __proto__ and constructor as ordinary names', () => {
    const parsed: unknown = JSON.parse(
      '{"$schema":"x:y","$id":"https://hsac.test/p","name":"P","type":"object","properties":{"__proto__":{"type":"string"},"constructor":{"type":"toString"}}}',
    );
    expect(summary(lintStructure(parsed))).toEqual(['error SCHEMA_TYPE_INVALID /properties/constructor/type']);
  });

  it('checks a 200 000-value enum in linear time (a pairwise check would not finish)', () => {
    // No clock: the size is the proof. Comparing every pair would take 2 * 10^10 comparisons
    // (minutes); a linear check takes milliseconds, so the test's timeout is the only guard needed.
    const values = Array.from({ length: 200_000 }, (_unused, index) => `v${index}`);
    expect(
      lintStructure(withProperties({ a: { type: 'string', enum: [...values, 'v42'] } })).map((issue) => issue.code),
    ).toEqual(['SCHEMA_ENUM_DUPLICATES']);
  });
});

describe('namespaces', () => {
  it('tells a namespace holding a type named like a keyword from a broken type', () => {
    const namespaced = doc({ type: 'string', definitions: { Ns: { items: { type: 'string' } } } });
    expect(summary(lintStructure(namespaced))).toEqual([]);
    const broken = doc({ type: 'string', definitions: { A: { properties: { x: { type: 'string' } } } } });
    expect(summary(lintStructure(broken))).toContain('error SCHEMA_MISSING_TYPE /definitions/A');
  });
});
