import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../paths.js';
import {
  type RepairOptions,
  StructureCompileError,
  addStructureVocabulary,
  compileStructure,
  lintStructure,
} from './index.js';
import { repairStructure } from './repair.js';

type Json = Record<string, unknown>;

const CORE = 'https://json-structure.org/meta/core/v0/#';

/** Stand-ins for the four component schemas the seed points at, with one transitive dependency each way. */
const DEFINITIONS: Record<string, unknown> = {
  ObjectReference: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
  // A whole sibling document, as api-evangelist publishes them: root keywords and a bare $ref of its own.
  Association: {
    $schema: CORE,
    $id: 'https://example.com/association',
    name: 'Association',
    type: 'object',
    properties: {
      toObjectId: { type: 'string' },
      associationTypes: { type: 'array', items: { $ref: '#/components/schemas/AssociationType' } },
    },
    required: ['toObjectId'],
  },
  AssociationType: { type: 'object', properties: { label: { type: 'string' }, typeId: { type: 'int32' } } },
  Paging: { type: 'object', properties: { next: { type: { $ref: '#/definitions/NextPage' } } } },
  NextPage: { type: 'object', properties: { after: { type: 'string' } } },
  ErrorDetail: {
    type: 'object',
    properties: { message: { type: 'string' }, context: { type: 'object', additionalProperties: true } },
    required: ['message'],
  },
  Unused: { type: 'object', properties: { never: { type: 'string' } } },
};

const REPAIR: RepairOptions = {
  refMap: Object.fromEntries(
    ['ObjectReference', 'Association', 'AssociationType', 'Paging', 'ErrorDetail'].map((name) => [
      `#/components/schemas/${name}`,
      name,
    ]),
  ),
  definitions: DEFINITIONS,
};

const seed: Json = JSON.parse(
  readFileSync(join(packageRoot(), 'schemas', 'published', 'batch-association-response.struct.json'), 'utf8'),
) as Json;

describe('repair mode on the published seed', () => {
  const repaired = repairStructure(seed, REPAIR);
  const repairedDoc = repaired.doc as Json;

  it('leaves a document that lints without errors', () => {
    expect(lintStructure(repairedDoc).filter((issue) => issue.severity === 'error')).toEqual([]);
  });

  it('rewrites each bare $ref into the type form', () => {
    const from = ((((repairedDoc.properties as Json).results as Json).items as Json).properties as Json).from as Json;
    expect(from).toEqual({ type: { $ref: '#/definitions/ObjectReference' } });
    expect(repaired.repairs).toContain(
      '/properties/results/items/properties/from: bare {"$ref": "#/components/schemas/ObjectReference"} -> {"type": {"$ref": "#/definitions/ObjectReference"}}',
    );
  });

  it('copies only the definitions needed, transitively, and strips root keywords from copied documents', () => {
    const definitions = repairedDoc.definitions as Json;
    expect(Object.keys(definitions).sort()).toEqual([
      'Association',
      'AssociationType',
      'ErrorDetail',
      'NextPage',
      'ObjectReference',
      'Paging',
    ]);
    expect(definitions.Association).not.toHaveProperty('$id');
    expect(definitions.Association).not.toHaveProperty('$schema');
    expect(repaired.repairs).toContain(
      'copied definition "NextPage" into /definitions (needed by /definitions/Paging/properties/next/type)',
    );
  });

  it('turns property-less objects into maps (values: the additionalProperties schema, or any)', () => {
    const links = (repairedDoc.properties as Json).links;
    expect(links).toMatchObject({ type: 'map', values: { type: 'string' } });
    expect(links).not.toHaveProperty('additionalProperties');
    expect(((repairedDoc.definitions as Json).ErrorDetail as Json).properties).toMatchObject({
      context: { type: 'map', values: { type: 'any' } },
    });
    expect(repaired.repairs.filter((line) => line.includes('object without properties -> map'))).toHaveLength(4);
  });

  it('does not touch its input', () => {
    expect(seed).toEqual(
      JSON.parse(
        readFileSync(join(packageRoot(), 'schemas', 'published', 'batch-association-response.struct.json'), 'utf8'),
      ),
    );
  });

  it('compiles through compileStructure({ repair }) and validates HubSpot-shaped bodies', () => {
    const compiled = compileStructure(seed, { repair: REPAIR });
    expect(compiled.repairs).toEqual(repaired.repairs);
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addStructureVocabulary(ajv);
    const validate = ajv.compile(compiled.schema);
    const body = {
      status: 'COMPLETE',
      results: [
        { from: { id: '101' }, to: [{ toObjectId: '201', associationTypes: [{ label: 'Primary', typeId: 1 }] }] },
      ],
      startedAt: '2025-03-15T14:30:00Z',
      completedAt: '2025-03-15T14:30:01Z',
      links: { self: 'https://api.hubapi.com/x' },
    };
    expect(validate(body)).toBe(true);
    expect(validate({ ...body, results: [{ from: { id: 101 }, to: [] }] })).toBe(false);
  });

  it('without repair, the seed does not compile', () => {
    expect(() => compileStructure(seed)).toThrow(StructureCompileError);
  });
});

describe('repair mode edge cases', () => {
  const base = (properties: Json): Json => ({
    $schema: CORE,
    $id: 'https://hsac.test/r',
    name: 'R',
    type: 'object',
    properties,
  });

  it('reports a mapping to a definition that is nowhere, and leaves the $ref for the linter', () => {
    const result = repairStructure(base({ a: { $ref: '#/components/schemas/X' } }), {
      refMap: { '#/components/schemas/X': 'Missing' },
      definitions: {},
    });
    expect(result.repairs).toEqual([
      'could not repair /properties/a: #/components/schemas/X maps to "Missing", which is neither in the document nor in repair.definitions',
    ]);
    expect(lintStructure(result.doc).map((issue) => issue.code)).toContain('SCHEMA_REF_NOT_IN_TYPE');
  });

  it('leaves an unmapped dangling $ref alone', () => {
    const result = repairStructure(base({ a: { $ref: '#/components/schemas/Unknown' } }), REPAIR);
    expect(result.repairs).toEqual([]);
  });

  it('rewrites a bare $ref to a local definition without copying anything', () => {
    const result = repairStructure(
      {
        ...base({ a: { $ref: '#/definitions/Local', description: 'kept' } }),
        definitions: { Local: { type: 'string' } },
      },
      { refMap: {}, definitions: {} },
    );
    expect(((result.doc as Json).properties as Json).a).toEqual({
      description: 'kept',
      type: { $ref: '#/definitions/Local' },
    });
  });

  it('keeps `additionalProperties: false` objects as they are (a map cannot say "always empty")', () => {
    const result = repairStructure(base({ a: { type: 'object', additionalProperties: false } }), {
      refMap: {},
      definitions: {},
    });
    expect(result.repairs).toEqual([]);
  });

  it('returns non-objects untouched', () => {
    expect(repairStructure(null, REPAIR)).toEqual({ doc: null, repairs: [] });
  });
});
