import { describe, expect, it } from 'vitest';
import type { JsonSchemaNode } from './registry.js';
import { asNode, isRequired, schemaSite, type SchemaSite } from './schema-walk.js';

/** A compiled document's `$defs`, shaped as the structure compiler emits them (local `#/$defs/...` refs). */
const DEFS: Readonly<Record<string, JsonSchemaNode>> = {
  Envelope: {
    type: 'object',
    properties: {
      status: { type: 'string' },
      results: { type: 'array', items: { $ref: '#/$defs/Result' } },
      pair: { type: 'array', prefixItems: [{ type: 'string' }, { $ref: '#/$defs/Id' }], items: { type: 'boolean' } },
      links: { type: 'object', additionalProperties: { type: 'string' } },
      context: { type: 'object', additionalProperties: { $ref: '#/$defs/Ids' } },
      alias: { $ref: '#/$defs/Alias' },
    },
    required: ['status', 'results'],
  },
  Result: { type: 'object', properties: { from: { $ref: '#/$defs/Id' } }, required: ['from'] },
  Id: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
  Ids: { type: 'array', items: { type: 'string' } },
  Alias: { $ref: '#/$defs/Id' },
  Loop: { $ref: '#/$defs/Loop' },
};
const ENVELOPE = DEFS.Envelope!;

const site = (path: string, start: JsonSchemaNode = { $ref: '#/$defs/Envelope' }): SchemaSite =>
  schemaSite(DEFS, start, path);

describe('schemaSite: what the schema says at an instance path', () => {
  it('is the start itself at the root, its $refs followed and named', () => {
    expect(site('')).toEqual({ node: ENVELOPE, parent: undefined, property: undefined, definitions: ['Envelope'] });
    expect(schemaSite(DEFS, ENVELOPE, '')).toEqual({
      node: ENVELOPE,
      parent: undefined,
      property: undefined,
      definitions: [],
    });
  });

  it('steps into a declared property: the object holding it is the parent', () => {
    expect(site('/status')).toEqual({
      node: { type: 'string' },
      parent: ENVELOPE,
      property: 'status',
      definitions: ['Envelope'],
    });
  });

  it('steps through array items and $refs, naming every definition passed, outermost first', () => {
    const found = site('/results/0/from/id');
    expect(found).toEqual({
      node: { type: 'string' },
      parent: DEFS.Id,
      property: 'id',
      definitions: ['Envelope', 'Result', 'Id'],
    });
  });

  it('follows a $ref that points at another $ref (a chain of definitions)', () => {
    expect(site('/alias/id')).toMatchObject({ node: { type: 'string' }, definitions: ['Envelope', 'Alias', 'Id'] });
  });

  it('reads a map value (additionalProperties of an object): the key is the property, there is no parent', () => {
    expect(site('/links/self')).toEqual({
      node: { type: 'string' },
      parent: undefined,
      property: 'self',
      definitions: ['Envelope'],
    });
    expect(site('/context/ids/0')).toEqual({
      node: { type: 'string' },
      parent: undefined,
      property: undefined,
      definitions: ['Envelope', 'Ids'],
    });
  });

  it('reads a tuple position from prefixItems, and items past the prefix', () => {
    expect(site('/pair/0').node).toEqual({ type: 'string' });
    expect(site('/pair/1')).toMatchObject({ node: DEFS.Id, definitions: ['Envelope', 'Id'] });
    expect(site('/pair/2').node).toEqual({ type: 'boolean' });
    expect(site('/pair/9').node).toEqual({ type: 'boolean' });
  });

  it('says nothing past what the schema describes, and stops there', () => {
    expect(site('/undeclared')).toEqual({
      node: undefined,
      parent: undefined,
      property: undefined,
      definitions: ['Envelope'],
    });
    // Past an undescribed step the walk stops: the parent found before it stays.
    expect(site('/status/deeper/still')).toMatchObject({ node: undefined, parent: ENVELOPE, property: 'status' });
    // A string schema has no items and no map values.
    expect(site('/status/0').node).toBeUndefined();
  });

  it('reads map values only of an object schema, and only where they are a schema', () => {
    const untyped = { additionalProperties: { type: 'string' } };
    expect(schemaSite(DEFS, untyped, '/key').node).toBeUndefined();
    const closed = { type: 'object', additionalProperties: false };
    expect(schemaSite(DEFS, closed, '/key').node).toBeUndefined();
  });

  it('reads array positions only of an array schema', () => {
    expect(schemaSite(DEFS, { items: { type: 'string' } }, '/0').node).toBeUndefined();
    expect(schemaSite(DEFS, { type: 'array' }, '/0').node).toBeUndefined();
  });

  it('never takes an inherited name for a declared property or a definition', () => {
    expect(site('/toString').node).toBeUndefined();
    expect(site('', { $ref: '#/$defs/constructor' })).toMatchObject({ node: undefined, definitions: [] });
  });

  it('resolves nothing for a $ref it cannot follow: unknown, remote, or deeper than a definition', () => {
    expect(site('', { $ref: '#/$defs/Missing' }).node).toBeUndefined();
    expect(site('', { $ref: '#/$defs/Id/properties/id' })).toMatchObject({ node: undefined, definitions: [] });
    expect(site('', { $ref: '#/$defs/' }).node).toBeUndefined();
    expect(site('', { $ref: 42 }).node).toEqual({ $ref: 42 });
  });

  it('a $ref the pattern cannot read names no definition, not even one called "undefined"', () => {
    const odd = { undefined: { type: 'string' }, '': { type: 'integer' } };
    expect(schemaSite(odd, { $ref: '#/$defs/a/b' }, '')).toEqual({
      node: undefined,
      parent: undefined,
      property: undefined,
      definitions: [],
    });
  });

  it('follows a recursive $ref at most once per definition and one more, then stops', () => {
    const loop = site('', { $ref: '#/$defs/Loop' });
    expect(loop.node).toEqual({ $ref: '#/$defs/Loop' });
    // Six definitions: seven hops (0..6), every one of them through Loop.
    expect(loop.definitions).toEqual(Array.from({ length: Object.keys(DEFS).length + 1 }, () => 'Loop'));
  });

  it('unescapes pointer tokens (RFC 6901) before looking a property up', () => {
    const slashed = { type: 'object', properties: { 'a/b': { type: 'string' }, '~': { type: 'integer' } } };
    expect(schemaSite(DEFS, slashed, '/a~1b')).toMatchObject({ node: { type: 'string' }, property: 'a/b' });
    expect(schemaSite(DEFS, slashed, '/~0')).toMatchObject({ node: { type: 'integer' }, property: '~' });
  });
});

describe('isRequired', () => {
  it('is whether the parent object lists the property as required', () => {
    expect(isRequired(site('/status'))).toBe(true);
    expect(isRequired(site('/links'))).toBe(false);
    expect(isRequired(site('/results/0/from'))).toBe(true);
  });

  it('is false without a parent object, without a property, or without a required list', () => {
    expect(isRequired(site('/links/self'))).toBe(false);
    expect(isRequired(site(''))).toBe(false);
    const parent = { type: 'object', required: ['a'] };
    expect(isRequired({ node: undefined, parent, property: undefined, definitions: [] })).toBe(false);
    expect(isRequired({ node: undefined, parent: { required: 'a' }, property: 'a', definitions: [] })).toBe(false);
    expect(isRequired({ node: undefined, parent: {}, property: 'a', definitions: [] })).toBe(false);
    // A JavaScript schema may list anything: still no property, never required.
    const odd = { required: [undefined] };
    expect(isRequired({ node: undefined, parent: odd, property: undefined, definitions: [] })).toBe(false);
  });
});

describe('asNode', () => {
  it('is the value when it is a JSON object, else undefined', () => {
    const node = { type: 'string' };
    expect(asNode(node)).toBe(node);
    for (const value of [null, undefined, true, 'object', 1, [{ type: 'string' }]])
      expect(asNode(value)).toBeUndefined();
  });
});
