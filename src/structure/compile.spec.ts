import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { StructureCompileError, addStructureVocabulary, compileStructure, jsonSchemaPointer } from './index.js';

const CORE = 'https://json-structure.org/meta/core/v0/#';
const ID = 'https://hsac.test/compile';

type Json = Record<string, unknown>;

function doc(body: Json): Json {
  return { $schema: CORE, $id: ID, name: 'Root', ...body };
}

function freshAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addStructureVocabulary(ajv);
  return ajv;
}

/** Compiles a structure document; the validator checks an instance against its root type. */
function validatorFor(structure: Json): (value: unknown) => boolean {
  const validate = freshAjv().compile(compileStructure(structure).schema);
  return (value) => validate(value);
}

/** The validator of one definition, compiled the way the validate layer does it. */
function definitionValidator(structure: Json, pointer: string): (value: unknown) => boolean {
  const ajv = freshAjv();
  const compiled = compileStructure(structure).schema;
  ajv.addSchema(compiled);
  const validate = ajv.compile({ $ref: `${String(compiled.$id)}${jsonSchemaPointer(pointer)}` });
  return (value) => validate(value);
}

describe('output shape', () => {
  const compiled = compileStructure(
    doc({
      type: 'object',
      description: 'root',
      properties: {
        a: {
          type: 'string',
          description: 'kept',
          title: 'A',
          examples: ['x'],
          default: 'x',
          example: 'dropped',
          'x-vendor': 1,
          altnames: { json: 'aa' },
          unit: 'm',
        },
      },
      $comment: 'dropped',
    }),
  ).schema;

  it('starts with $schema and $id, and keeps the documented annotations only', () => {
    expect(Object.keys(compiled).slice(0, 2)).toEqual(['$schema', '$id']);
    expect(compiled.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(compiled.$id).toBe(ID);
    expect((compiled.properties as Json).a).toEqual({
      type: 'string',
      description: 'kept',
      title: 'A',
      examples: ['x'],
      default: 'x',
    });
    expect(compiled).not.toHaveProperty('$comment');
  });

  it('emits additionalProperties only when the document states it (absent = open)', () => {
    expect(compiled).not.toHaveProperty('additionalProperties');
    expect(validatorFor(doc({ type: 'object', properties: { a: { type: 'string' } } }))({ a: 'x', extra: 1 })).toBe(
      true,
    );
  });

  it('flattens namespaced definitions into $defs with dotted keys', () => {
    const schema = compileStructure(
      doc({
        definitions: { Ns: { Inner: { Type: { type: 'string' } } }, Flat: { type: 'int32' } },
        type: 'object',
        properties: {
          a: { type: { $ref: '#/definitions/Ns/Inner/Type' } },
          b: { type: { $ref: '#/definitions/Flat' } },
        },
      }),
    ).schema;
    expect(Object.keys(schema.$defs as Json)).toEqual(['Ns.Inner.Type', 'Flat']);
    expect((schema.properties as Json).a).toEqual({ $ref: '#/$defs/Ns.Inner.Type' });
  });

  it('does not mutate its input', () => {
    const input = doc({ type: 'object', properties: { a: { type: 'string' } } });
    const before = JSON.stringify(input);
    compileStructure(input);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('throws a typed StructureCompileError carrying the lint issues', () => {
    let caught: unknown;
    try {
      compileStructure(doc({ type: 'object' }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StructureCompileError);
    expect((caught as StructureCompileError).issues.map((issue) => issue.code)).toContain(
      'SCHEMA_OBJECT_MISSING_PROPERTIES',
    );
  });

  it('returns the warnings of a document that compiles', () => {
    const result = compileStructure(doc({ type: 'string', minLength: 1 }));
    expect(result.issues.map((issue) => issue.code)).toEqual(['SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED']);
    expect(result.repairs).toEqual([]);
  });
});

describe('compound types', () => {
  it('object: properties, required, closed with additionalProperties false', () => {
    const validate = validatorFor(
      doc({
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'int8' } },
        required: ['a'],
        additionalProperties: false,
      }),
    );
    expect(validate({ a: 'x', b: 1 })).toBe(true);
    expect(validate({ b: 1 })).toBe(false);
    expect(validate({ a: 'x', c: 1 })).toBe(false);
  });

  it('object: additionalProperties as a schema checks the extra members', () => {
    const validate = validatorFor(
      doc({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'int32' } }),
    );
    expect(validate({ a: 'x', n: 1 })).toBe(true);
    expect(validate({ a: 'x', n: 'one' })).toBe(false);
  });

  it('object: required as arrays of arrays means exactly one of the sets', () => {
    const validate = validatorFor(
      doc({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, required: [['a'], ['b']] }),
    );
    expect(validate({ a: 'x' })).toBe(true);
    expect(validate({ b: 'x' })).toBe(true);
    expect(validate({})).toBe(false);
    expect(validate({ a: 'x', b: 'y' })).toBe(false);
  });

  it('the instance root may carry $schema and $uses even when closed; nested objects may not', () => {
    const validate = validatorFor(
      doc({
        type: 'object',
        properties: { a: { type: 'object', properties: { b: { type: 'string' } }, additionalProperties: false } },
        additionalProperties: false,
      }),
    );
    expect(validate({ $schema: ID, $uses: ['JSONStructureValidation'], a: { b: 'x' } })).toBe(true);
    expect(validate({ a: { $schema: ID, b: 'x' } })).toBe(false);
  });

  it('$root picks a definition, and a closed root definition still admits $schema', () => {
    const structure = {
      $schema: CORE,
      $id: ID,
      name: 'Doc',
      $root: '#/definitions/Thing',
      definitions: { Thing: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false } },
    };
    const validate = validatorFor(structure);
    expect(validate({ $schema: ID, a: 'x' })).toBe(true);
    expect(validate({ a: 1 })).toBe(false);
    expect(validate({ a: 'x', b: 1 })).toBe(false);
  });

  it('array and set (unique items)', () => {
    expect(validatorFor(doc({ type: 'array', items: { type: 'string' } }))(['a', 'a'])).toBe(true);
    const set = validatorFor(doc({ type: 'set', items: { type: 'string' } }));
    expect(set(['a', 'b'])).toBe(true);
    expect(set(['a', 'a'])).toBe(false);
    expect(set([1])).toBe(false);
  });

  it('map: values become additionalProperties and keys are free', () => {
    const compiled = compileStructure(doc({ type: 'map', values: { type: 'int32' } })).schema;
    expect(compiled).toMatchObject({ type: 'object', additionalProperties: { type: 'integer' } });
    const validate = validatorFor(doc({ type: 'map', values: { type: 'int32' } }));
    expect(validate({ 'any key / with ~ chars': 1, '': 2 })).toBe(true);
    expect(validate({ a: 'x' })).toBe(false);
  });

  it('tuple: properties in tuple order, exactly that long', () => {
    const validate = validatorFor(
      doc({
        type: 'tuple',
        properties: { lat: { type: 'double' }, label: { type: 'string' } },
        tuple: ['label', 'lat'],
      }),
    );
    expect(validate(['x', 1.5])).toBe(true);
    expect(validate([1.5, 'x'])).toBe(false);
    expect(validate(['x'])).toBe(false);
    expect(validate(['x', 1.5, true])).toBe(false);
  });

  it('choice (tagged): a one-property object naming the alternative', () => {
    const validate = validatorFor(doc({ type: 'choice', choices: { n: { type: 'int32' }, s: { type: 'string' } } }));
    expect(validate({ n: 1 })).toBe(true);
    expect(validate({ s: 'x' })).toBe(true);
    expect(validate({ n: 'x' })).toBe(false);
    expect(validate({ n: 1, s: 'x' })).toBe(false);
    expect(validate({})).toBe(false);
  });

  it('choice (inline): $extends an abstract base, the selector names the variant', () => {
    const structure = {
      $schema: CORE,
      $id: ID,
      name: 'Doc',
      $root: '#/definitions/Shape',
      definitions: {
        Base: { type: 'object', abstract: true, properties: { id: { type: 'string' } }, required: ['id'] },
        Circle: {
          type: 'object',
          $extends: '#/definitions/Base',
          properties: { r: { type: 'double' } },
          required: ['r'],
          additionalProperties: false,
        },
        Square: {
          type: 'object',
          $extends: '#/definitions/Base',
          properties: { side: { type: 'double' } },
          required: ['side'],
        },
        Shape: {
          type: 'choice',
          $extends: '#/definitions/Base',
          selector: 'kind',
          choices: {
            circle: { type: { $ref: '#/definitions/Circle' } },
            square: { type: { $ref: '#/definitions/Square' } },
          },
        },
      },
    };
    const validate = validatorFor(structure);
    expect(validate({ kind: 'circle', id: 'a', r: 1 })).toBe(true); // closed variant still admits the selector
    expect(validate({ kind: 'square', id: 'a', side: 2 })).toBe(true);
    expect(validate({ kind: 'circle', id: 'a', side: 2 })).toBe(false);
    expect(validate({ kind: 'triangle', id: 'a' })).toBe(false);
    expect(validate({ kind: 'circle', r: 1 })).toBe(false); // base's required id
  });

  it('any accepts every JSON value', () => {
    const validate = validatorFor(doc({ type: 'object', properties: { v: { type: 'any' } } }));
    for (const value of [null, 1, 'x', [], {}, true]) expect(validate({ v: value })).toBe(true);
  });

  it('type unions become anyOf; string members keep their constraints', () => {
    const validate = validatorFor(
      doc({ type: 'object', properties: { v: { type: ['string', 'null', 'int8'], maxLength: 3 } } }),
    );
    expect(validate({ v: null })).toBe(true);
    expect(validate({ v: 'abc' })).toBe(true);
    expect(validate({ v: 5 })).toBe(true);
    expect(validate({ v: 'abcd' })).toBe(false);
    expect(validate({ v: 500 })).toBe(false);
  });

  it('enum and const on primitives', () => {
    const validate = validatorFor(
      doc({ type: 'object', properties: { e: { type: 'string', enum: ['A', 'B'] }, c: { type: 'int32', const: 7 } } }),
    );
    expect(validate({ e: 'A', c: 7 })).toBe(true);
    expect(validate({ e: 'C' })).toBe(false);
    expect(validate({ c: 8 })).toBe(false);
  });
});

describe('references and inheritance', () => {
  const tree = doc({
    definitions: {
      Node: {
        type: 'object',
        properties: {
          value: { type: 'string' },
          children: { type: 'array', items: { type: { $ref: '#/definitions/Node' } } },
        },
      },
    },
    type: 'object',
    properties: { root: { type: { $ref: '#/definitions/Node' } } },
  });

  it('recursive $ref types compile and validate deep instances', () => {
    let deep: Json = { value: 'leaf' };
    for (let level = 0; level < 200; level += 1) deep = { value: `n${level}`, children: [deep] };
    const validate = validatorFor(tree);
    expect(validate({ root: deep })).toBe(true);
    expect(validate({ root: { children: [{ value: 1 }] } })).toBe(false);
  });

  it('a definition compiles on its own through jsonSchemaPointer, as the validate layer uses it', () => {
    const validate = definitionValidator(tree, '#/definitions/Node');
    expect(validate({ value: 'x', children: [] })).toBe(true);
    expect(validate({ value: 1 })).toBe(false);
  });

  it('$extends flattens inherited properties and required (multiple bases: first wins)', () => {
    const structure = doc({
      definitions: {
        Named: { type: 'object', abstract: true, properties: { name: { type: 'string' } }, required: ['name'] },
        Aged: { type: 'object', abstract: true, properties: { age: { type: 'uint8' } }, required: ['age'] },
        Person: {
          type: 'object',
          $extends: ['#/definitions/Named', '#/definitions/Aged'],
          properties: { email: { type: 'string' } },
          additionalProperties: false,
        },
      },
      type: 'object',
      properties: { p: { type: { $ref: '#/definitions/Person' } } },
    });
    const compiled = compileStructure(structure).schema;
    expect(Object.keys(((compiled.$defs as Json).Person as Json).properties as Json)).toEqual(['name', 'age', 'email']);
    const validate = validatorFor(structure);
    expect(validate({ p: { name: 'a', age: 3, email: 'x' } })).toBe(true);
    expect(validate({ p: { name: 'a', email: 'x' } })).toBe(false);
    expect(validate({ p: { name: 'a', age: 3, other: 1 } })).toBe(false);
  });

  it('a diamond of bases is not a cycle', () => {
    const structure = doc({
      definitions: {
        Root: { type: 'object', abstract: true, properties: { id: { type: 'string' } } },
        Left: { type: 'object', abstract: true, $extends: '#/definitions/Root', properties: { l: { type: 'string' } } },
        Right: {
          type: 'object',
          abstract: true,
          $extends: '#/definitions/Root',
          properties: { r: { type: 'string' } },
        },
        Both: {
          type: 'object',
          $extends: ['#/definitions/Left', '#/definitions/Right'],
          properties: { b: { type: 'string' } },
        },
      },
      $root: '#/definitions/Both',
    });
    delete structure.type;
    const compiled = compileStructure(structure).schema;
    expect(Object.keys(((compiled.$defs as Json).Both as Json).properties as Json)).toEqual(['id', 'l', 'r', 'b']);
  });
});

describe('extensions', () => {
  const constrained = {
    type: 'object',
    properties: {
      n: { type: 'int32', minimum: 1 },
      s: { type: 'string', minLength: 2, pattern: '^[a-z]+$', format: 'email' },
      t: { type: 'array', items: { type: 'string' }, maxItems: 1 },
    },
  };

  it('drops validation keywords when the extension is off (the linter warns)', () => {
    const validate = validatorFor(doc(constrained));
    expect(validate({ n: 0, s: 'A', t: ['a', 'b'] })).toBe(true);
  });

  it.each([
    ['$uses', { $uses: ['JSONStructureValidation'] }],
    ['the validation meta-schema', { $schema: 'https://json-structure.org/meta/validation/v0/#' }],
  ])('enforces them when enabled by %s', (_how, enabling) => {
    const validate = validatorFor({ ...doc(constrained), ...enabling });
    expect(validate({ n: 1, s: 'ab@example.com', t: ['a'] })).toBe(false); // pattern has no @
    expect(validate({ n: 0 })).toBe(false);
    expect(validate({ t: ['a', 'b'] })).toBe(false);
    expect(validate({ n: 1, t: ['a'] })).toBe(true);
  });

  it('maps keyNames/patternKeys/minEntries/has onto object keywords without exempting values', () => {
    const validate = validatorFor({
      ...doc({
        type: 'map',
        values: { type: 'int32' },
        keyNames: { type: 'string', pattern: '^[a-z_]+$' },
        patternKeys: { '^n_': { type: 'int32', minimum: 0 } },
        minEntries: 1,
        has: { type: 'int32', const: 42 },
      }),
      $uses: ['JSONStructureValidation'],
    });
    expect(validate({ a: 42, n_b: 1 })).toBe(true);
    expect(validate({ A: 42 })).toBe(false); // key name
    expect(validate({ a: 42, n_b: -1 })).toBe(false); // pattern key schema
    expect(validate({ a: 42, n_c: 'x' })).toBe(false); // values still apply to pattern keys
    expect(validate({})).toBe(false); // minEntries
    expect(validate({ a: 1 })).toBe(false); // has
  });

  it('enforces conditional composition', () => {
    const validate = validatorFor({
      $schema: CORE,
      $id: ID,
      name: 'C',
      $uses: ['JSONStructureConditionalComposition'],
      type: 'object',
      properties: { kind: { type: 'string' }, n: { type: 'int32' } },
      if: { type: 'object', properties: { kind: { type: 'string', const: 'num' } }, required: ['kind'] },
      then: { type: 'object', properties: { n: { type: 'int32' } }, required: ['n'] },
      not: { type: 'object', properties: { kind: { type: 'string', const: 'forbidden' } }, required: ['kind'] },
    });
    expect(validate({ kind: 'num', n: 1 })).toBe(true);
    expect(validate({ kind: 'num' })).toBe(false);
    expect(validate({ kind: 'forbidden' })).toBe(false);
    expect(validate({ kind: 'text' })).toBe(true);
  });

  it('keeps composition beside the type when the branches fit it (plain output for walkers)', () => {
    const compiled = compileStructure({
      ...doc({
        type: 'object',
        properties: { a: { type: 'string' } },
        oneOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }],
      }),
      $uses: ['JSONStructureConditionalComposition'],
    }).schema;
    expect(compiled).toMatchObject({ type: 'object', properties: { a: { type: 'string' } } });
    expect(compiled).toHaveProperty('oneOf');
  });

  it('moves the typed part into allOf when a branch names another type (ajv strictTypes would refuse it)', () => {
    const structure = {
      ...doc({ type: 'null', description: 'stays on top', anyOf: [{ type: 'string' }] }),
      $uses: ['JSONStructureConditionalComposition'],
    };
    const compiled = compileStructure(structure).schema;
    expect(compiled).toMatchObject({
      description: 'stays on top',
      allOf: [{ type: 'null' }, { anyOf: [{ type: 'string' }] }],
    });
    const validate = validatorFor(structure);
    expect(validate(null)).toBe(false);
    expect(validate('x')).toBe(false);
  });

  it('composition-only roots compile (allOf of impossible types rejects everything)', () => {
    const validate = validatorFor({
      $schema: CORE,
      $id: ID,
      name: 'C',
      allOf: [{ type: 'string' }, { type: 'int32' }],
    });
    expect(validate('x')).toBe(false);
    expect(validate(1)).toBe(false);
  });
});
