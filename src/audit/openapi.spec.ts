import { describe, expect, it } from 'vitest';
import { AuditInputError } from './errors.js';
import type { SchemaNode } from './model.js';
import { openApiModel } from './openapi.js';

const PATH = '/crm/associations/2026-03/{fromObjectType}/{toObjectType}/batch/read';
const KEY = 'POST /crm/associations/{}/{}/batch/read';

function doc(version: string, schema: unknown, components: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    openapi: version,
    info: { title: 't', version: '1' },
    paths: {
      [PATH]: { post: { responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } } } },
    },
    components,
  };
}

function body(version: string, schema: unknown, components: Record<string, unknown> = {}): SchemaNode {
  const node = openApiModel(doc(version, schema, components), 'spec')
    .operations.get(KEY)
    ?.responses.get('200')?.schema;
  if (!node) throw new Error('no body');
  return node;
}

describe('OpenAPI schemas into the model', () => {
  it('reads 3.0 `nullable` and 3.1 `type: [.., "null"]` and `anyOf: [X, null]` alike', () => {
    const forms = [
      body('3.0.3', { type: 'string', nullable: true }),
      body('3.1.0', { type: ['string', 'null'] }),
      body('3.1.0', { anyOf: [{ type: 'string' }, { type: 'null' }] }),
    ];
    for (const node of forms) expect(node).toMatchObject({ types: ['string'], nullable: true });
    expect(forms[2]?.variants).toBeUndefined();
  });

  it('merges allOf: properties and required unite, limits take the tighter bound', () => {
    const node = body(
      '3.0.3',
      {
        allOf: [
          { $ref: '#/components/schemas/Base' },
          { type: 'object', properties: { b: { type: 'integer', maximum: 5 } }, required: ['b'] },
        ],
      },
      {
        schemas: {
          Base: {
            type: 'object',
            properties: { a: { type: 'string' }, b: { type: 'integer', maximum: 10 } },
            required: ['a'],
          },
        },
      },
    );
    expect([...node.properties.keys()]).toEqual(['a', 'b']);
    expect([...node.required]).toEqual(['a', 'b']);
    expect(node.properties.get('b')?.limits.maximum).toBe(5);
  });

  it('turns 3.0 boolean exclusive bounds into numbers, reads open-enum markers and const', () => {
    expect(body('3.0.3', { type: 'integer', minimum: 0, exclusiveMinimum: true }).limits).toEqual({
      exclusiveMinimum: 0,
    });
    expect(body('3.1.0', { type: 'string', 'x-extensible-enum': ['A'] })).toMatchObject({
      enum: ['A'],
      openEnum: true,
    });
    expect(body('3.1.0', { const: 'COMPLETE' }).enum).toEqual(['COMPLETE']);
  });

  it('names component schemas and shares one node per component (so recursion is a cycle)', () => {
    const node = body(
      '3.0.3',
      { $ref: '#/components/schemas/Node' },
      { schemas: { Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } } } },
    );
    expect(node.name).toBe('Node');
    expect(node.properties.get('next')).toBe(node);
  });

  it('resolves $ref responses, parameters and headers; path-level parameters are overridden by operation ones', () => {
    const model = openApiModel(
      {
        openapi: '3.0.3',
        info: { title: 't', version: '1' },
        paths: {
          [PATH]: {
            parameters: [{ $ref: '#/components/parameters/Limit' }],
            post: {
              parameters: [{ name: 'limit', in: 'query', required: true, schema: { type: 'integer' } }],
              responses: {
                '200': { $ref: '#/components/responses/Ok' },
                default: { description: 'error', content: { '*/*': { schema: { type: 'object' } } } },
              },
            },
          },
        },
        components: {
          parameters: { Limit: { name: 'limit', in: 'query', schema: { type: 'integer' } } },
          responses: {
            Ok: {
              description: 'ok',
              headers: { 'X-Trace': { $ref: '#/components/headers/Trace' } },
              content: { 'application/xml': {}, 'application/json': { schema: { type: 'object' } } },
            },
          },
          headers: { Trace: { required: true, schema: { type: 'string' } } },
        },
      },
      'spec',
    );
    const op = model.operations.get(KEY);
    expect(op?.parameters).toEqual([expect.objectContaining({ name: 'limit', in: 'query', required: true })]);
    expect(op?.responses.get('200')).toMatchObject({
      mediaTypes: ['application/xml', 'application/json'],
      schema: { types: ['object'] },
    });
    expect(op?.responses.get('200')?.headers.get('x-trace')).toMatchObject({ name: 'X-Trace', required: true });
    expect(op?.responses.get('default')?.mediaTypes).toEqual(['*/*']);
  });

  it('refuses what it cannot read, naming the place', () => {
    expect(() => openApiModel({ openapi: '3.0.3', paths: [] }, 'spec')).toThrow(
      new AuditInputError('spec: /paths is not an object'),
    );
    expect(() => body('3.0.3', { type: 'strin' })).toThrow('has unknown type "strin"');
    expect(() =>
      openApiModel({ openapi: '3.0.3', paths: { '/x': { get: { parameters: [{ in: 'query' }] } } } }, 'spec'),
    ).toThrow('is not a parameter');
  });
});
