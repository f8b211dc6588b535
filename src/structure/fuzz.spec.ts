import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scaledRuns, timeoutForRuns } from '../../properties/settings.js';
import { StructureCompileError, addStructureVocabulary, compileStructure, lintStructure } from './index.js';

// The contract between linter and compiler: whatever the document, lint answers with data, and
// compile either throws StructureCompileError or returns a schema ajv accepts in strict mode.
// A lint-clean document the emitter or ajv then chokes on is a bug in one of them.

const PRIMITIVES = [
  'string',
  'int8',
  'uint32',
  'int64',
  'decimal',
  'double',
  'float',
  'boolean',
  'null',
  'date',
  'datetime',
  'time',
  'duration',
  'uuid',
  'uri',
  'binary',
  'jsonpointer',
  'any',
];
const KEYWORD_VALUES = fc.constantFrom<unknown>(
  0,
  1,
  3,
  -1,
  2.5,
  '1',
  '10.5',
  'x',
  '^[a-z]+$',
  '(',
  true,
  false,
  null,
  [],
  ['a'],
  {},
  'email',
  'date-time',
);
const KEYWORDS = [
  'minimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minEntries',
  'precision',
  'scale',
  'default',
  'enum',
  'const',
  'required',
  'additionalProperties',
  'abstract',
  'contentEncoding',
  'description',
  'example',
];

/** Mostly nothing, sometimes a keyword or two with a plausible or hostile value. */
const extraArbitrary = fc.oneof(
  { weight: 6, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...KEYWORDS), KEYWORD_VALUES, { maxKeys: 2 }) },
);
const refType = fc.constantFrom<unknown>(
  { $ref: '#/definitions/A' },
  { $ref: '#/definitions/Ns/B' },
  { $ref: '#/definitions/A' },
  { $ref: '#/definitions/Missing' },
);
const unionType = fc.constantFrom<unknown>(
  ['string', 'null'],
  ['int32', { $ref: '#/definitions/A' }],
  ['uuid', 'int64', 'null'],
  ['object', 'null'],
  [],
);
const names = fc.constantFrom('a', 'b', 'a', 'b', '__proto__', 'x-y');

// Depth-bounded and type-directed: each compound gets the members its type needs (most of the
// time), so a good share of documents is valid and reaches the emitter.
const schemaArbitrary = fc.letrec<{ schema: Record<string, unknown> }>((tie) => ({
  schema: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'schema' },
    {
      weight: 4,
      arbitrary: fc
        .record({ type: fc.constantFrom(...PRIMITIVES), extra: extraArbitrary })
        .map(({ type, extra }) => ({ type, ...extra })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ type: fc.oneof(refType, unionType), extra: extraArbitrary })
        .map(({ type, extra }) => ({ type, ...extra })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          properties: fc.dictionary(names, tie('schema'), { minKeys: 1, maxKeys: 2 }),
          required: fc.constantFrom<unknown>(undefined, undefined, ['a'], [['a'], ['b']]),
          closed: fc.boolean(),
          extra: extraArbitrary,
        })
        .map(({ properties, required, closed, extra }) => ({
          type: 'object',
          properties,
          ...(required === undefined ? {} : { required }),
          ...(closed ? { additionalProperties: false } : {}),
          ...extra,
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ type: fc.constantFrom('array', 'set'), items: tie('schema'), extra: extraArbitrary })
        .map(({ extra, ...schema }) => ({ ...schema, ...extra })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ values: tie('schema'), extra: extraArbitrary })
        .map(({ values, extra }) => ({ type: 'map', values, ...extra })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ a: tie('schema'), b: tie('schema') })
        .map(({ a, b }) => ({ type: 'tuple', properties: { a, b }, tuple: ['a', 'b'] })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ p: tie('schema'), q: tie('schema') })
        .map(({ p, q }) => ({ type: 'choice', choices: { p, q } })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          base: tie('schema'),
          keyword: fc.constantFrom('allOf', 'anyOf', 'oneOf'),
          branches: fc.array(tie('schema'), { minLength: 1, maxLength: 2, depthIdentifier: 'schema' }),
        })
        .map(({ base, keyword, branches }) => ({ ...base, [keyword]: branches })),
    },
  ),
}));

const documentArbitrary = fc
  .record({
    root: schemaArbitrary.schema,
    a: schemaArbitrary.schema,
    b: schemaArbitrary.schema,
    uses: fc.constantFrom<unknown>(
      undefined,
      ['JSONStructureValidation'],
      ['JSONStructureValidation', 'JSONStructureConditionalComposition'],
    ),
  })
  .map(({ root, a, b, uses }) => ({
    $schema: 'https://json-structure.org/meta/core/v0/#',
    $id: 'https://hsac.test/fuzz',
    name: 'Fuzz',
    ...(uses === undefined ? {} : { $uses: uses }),
    definitions: { A: a, Ns: { B: b } },
    ...root,
  }));

/** 500 documents at the default HSAC_RUNS (a document: lint, compile, ajv compile: ~2 ms idle). */
const RUNS = scaledRuns(500);

describe('lint/compile contract under generated documents', () => {
  it(
    'never throws from lint, and compile output always passes ajv strict mode',
    () => {
      let compiled = 0;
      // One ajv for every document, emptied after each: a new Ajv with the vocabulary compiles the
      // 2020-12 meta-schema again (~20 ms, ten times the rest of a run). Emptied, it holds only its
      // meta-schemas, formats and keywords, as a fresh one does, so no document sees another's $id.
      const ajv = new Ajv2020({ strict: true, allErrors: true });
      addStructureVocabulary(ajv);
      fc.assert(
        fc.property(documentArbitrary, (document) => {
          expect(() => lintStructure(document)).not.toThrow();
          let schema: Record<string, unknown>;
          try {
            schema = compileStructure(document).schema;
          } catch (error) {
            if (error instanceof StructureCompileError) return;
            throw error;
          }
          compiled += 1;
          try {
            ajv.compile(schema);
          } finally {
            ajv.removeSchema();
          }
        }),
        { seed: 42, numRuns: RUNS },
      );
      // The generator must reach the emitter often enough for the property to mean something: more
      // than one document in five (100 of the default 500).
      expect(compiled).toBeGreaterThan(RUNS / 5);
    },
    timeoutForRuns(RUNS, 2),
  );
});
