import { describe, expect, it } from 'vitest';
import { emptySchema, type MutableSchemaNode, type SchemaNode } from '../model.js';
import {
  addedProperties,
  addedSide,
  commonProperties,
  declaresErrors,
  formatText,
  limitSide,
  removedProperties,
  removedSide,
  schemaName,
  visibleProperties,
} from './helpers.js';

/** An object schema with these properties (each a plain string unless given). */
function objectWith(properties: Record<string, Partial<MutableSchemaNode>>, name?: string): SchemaNode {
  const node = emptySchema(name);
  node.types = ['object'];
  for (const [property, parts] of Object.entries(properties)) {
    node.properties.set(property, { ...emptySchema(), types: ['string'], ...parts });
  }
  return node;
}

describe('visibleProperties', () => {
  const node = objectWith({ id: {}, createdAt: { readOnly: true }, secret: { writeOnly: true } });

  it('hides a readOnly property from the request (never sent) and keeps a writeOnly one', () => {
    expect([...visibleProperties(node, 'request').keys()]).toEqual(['id', 'secret']);
  });

  it('hides a writeOnly property from the response (never returned) and keeps a readOnly one', () => {
    expect([...visibleProperties(node, 'response').keys()]).toEqual(['id', 'createdAt']);
  });
});

describe('removed, added and common properties', () => {
  const before = objectWith({ kept: {}, gone: {}, createdAt: { readOnly: true } });
  const after = objectWith({ kept: {}, fresh: {} });

  it('sorts the names visible in one direction by the side they are on', () => {
    expect(removedProperties(before, after, 'request')).toEqual(['gone']);
    expect(addedProperties(before, after, 'request')).toEqual(['fresh']);
    expect(commonProperties(before, after, 'request')).toEqual(['kept']);
  });

  it('counts a readOnly property removed in the response, where it was returned', () => {
    expect(removedProperties(before, after, 'response')).toEqual(['gone', 'createdAt']);
  });
});

describe('addedSide and removedSide', () => {
  it('give the side present alone, and nothing where both sides are present', () => {
    expect(addedSide({ new: 'b' })).toBe('b');
    expect(addedSide({ old: 'a', new: 'b' })).toBeUndefined();
    expect(addedSide({ old: 'a' })).toBeUndefined();
    expect(removedSide({ old: 'a' })).toBe('a');
    expect(removedSide({ old: 'a', new: 'b' })).toBeUndefined();
    expect(removedSide({ new: 'b' })).toBeUndefined();
  });
});

describe('schemaName', () => {
  it('names a schema by its definition, an unnamed one as inline, and no schema as no body', () => {
    expect(schemaName(objectWith({}, 'BatchResponseVoid'))).toBe('BatchResponseVoid');
    expect(schemaName(objectWith({}))).toBe('(inline schema)');
    expect(schemaName(undefined)).toBe('(no body)');
  });
});

describe('declaresErrors', () => {
  it('is true only for a schema that declares the batch errors array', () => {
    expect(declaresErrors(objectWith({ errors: { types: ['array'] } }))).toBe(true);
    expect(declaresErrors(objectWith({ status: {} }))).toBe(false);
    expect(declaresErrors(undefined)).toBe(false);
  });
});

describe('formatText and limitSide', () => {
  it('show an absent format or limit as (none)', () => {
    expect(formatText('int32')).toBe('int32');
    expect(formatText(undefined)).toBe('(none)');
    const added = { key: 'maxItems', new: 100, effect: 'tighter' } as const;
    expect(limitSide(added, 'old')).toBe('maxItems: (none)');
    expect(limitSide(added, 'new')).toBe('maxItems: 100');
  });
});
