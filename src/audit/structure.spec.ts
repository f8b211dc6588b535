import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../paths.js';
import type { JsonObject } from './json.js';
import { structureModel } from './structure.js';

const hsacDocument = (version: string): JsonObject =>
  JSON.parse(readFileSync(join(packageRoot(), 'schemas', version, 'associations.struct.json'), 'utf8')) as JsonObject;

function bare(definitions: JsonObject): JsonObject {
  return {
    $schema: 'https://json-structure.org/meta/validation/v0/#',
    $id: 'https://example.com/t.struct.json',
    name: 'T',
    definitions,
  };
}

describe('JSON Structure documents into the model', () => {
  it("an hsac version document gets the catalogue's operations, statuses and definitions", () => {
    const model = structureModel(hsacDocument('2026-03'), '2026-03');
    expect(model.formats).toEqual(['hsac-structure']);
    expect([...model.operations.keys()].sort()).toEqual([
      'POST /crm/associations/definitions/configurations/{}/{}/batch/create',
      'POST /crm/associations/{}/{}/batch/associate/default',
      'POST /crm/associations/{}/{}/batch/read',
      'PUT /crm/objects/{}/{}/associations/default/{}/{}',
    ]);
    const read = model.operations.get('POST /crm/associations/{}/{}/batch/read');
    expect([...(read?.responses.keys() ?? [])]).toEqual(['200', '207', 'default']);
    expect(read?.responses.get('207')?.schema?.name).toBe('BatchResponsePublicAssociationMultiWithLabelWithErrors');
    expect(read?.requestBody?.schema?.name).toBe('BatchInputPublicFetchAssociationsBatchRequest');
    expect(read?.parameters.map((p) => [p.name, p.position])).toEqual([
      ['fromObjectType', 0],
      ['toObjectType', 1],
    ]);
  });

  it('maps types to their JSON encoding', () => {
    const model = structureModel(
      bare({
        T: {
          type: 'object',
          properties: {
            small: { type: 'int32' },
            big: { type: 'int64', maximum: '1000' },
            when: { type: 'datetime' },
            labels: { type: 'map', values: { type: 'string' } },
            tags: { type: 'set', items: { type: 'string' } },
            maybe: { type: ['string', 'null'] },
            either: { type: 'choice', choices: { a: { type: 'string' }, b: { type: 'int32' } } },
            category: { type: 'string', enum: ['A'], 'x-open-enum': true },
          },
          required: ['small'],
        },
      }),
      't',
    );
    const t = model.schemas.get('T');
    expect(model.operations.size).toBe(0);
    expect(t?.properties.get('small')).toMatchObject({ types: ['integer'], format: 'int32' });
    expect(t?.properties.get('big')).toMatchObject({ types: ['string'], format: 'int64', limits: { maximum: 1000 } });
    expect(t?.properties.get('when')).toMatchObject({ types: ['string'], format: 'date-time' });
    expect(t?.properties.get('labels')?.additionalProperties).toMatchObject({ types: ['string'] });
    expect(t?.properties.get('tags')).toMatchObject({ types: ['array'], limits: { uniqueItems: true } });
    expect(t?.properties.get('maybe')).toMatchObject({ types: ['string'], nullable: true });
    expect(t?.properties.get('either')?.variants?.members).toHaveLength(2);
    expect(t?.properties.get('category')).toMatchObject({ enum: ['A'], openEnum: true });
    expect([...(t?.required ?? [])]).toEqual(['small']);
  });

  it('shares referenced types, inherits $extends properties and names namespaced types', () => {
    const model = structureModel(
      bare({
        Base: { type: 'object', abstract: true, properties: { id: { type: 'string' } }, required: ['id'] },
        Ns: {
          Child: {
            type: 'object',
            $extends: '#/definitions/Base',
            properties: { next: { type: { $ref: '#/definitions/Ns/Child' } } },
          },
        },
      }),
      't',
    );
    const child = model.schemas.get('Ns.Child');
    expect([...(child?.properties.keys() ?? [])]).toEqual(['next', 'id']);
    expect(child?.properties.get('next')).toBe(child);
    expect([...(child?.required ?? [])]).toEqual(['id']);
  });

  it('refuses an invalid document with the linter’s first error', () => {
    expect(() =>
      structureModel({ $schema: 'https://json-structure.org/meta/core/v0/#', definitions: {} }, 'bad.json'),
    ).toThrow(/bad\.json is not a valid JSON Structure document: .*'\$id'/);
  });
});
