import { describe, expect, it } from 'vitest';
import { allOperations } from '../catalogue/index.js';
import { inlineDefinition, NotInlinable } from './fast-path.js';
import { SchemaRegistry } from './registry.js';

describe('inlineDefinition', () => {
  const document = {
    $defs: {
      Leaf: { type: 'string', enum: ['A', 'B'] },
      Item: {
        type: 'object',
        properties: {
          kind: { $ref: '#/$defs/Leaf', description: 'a kind' },
          tagged: { $ref: '#/$defs/Leaf', minLength: 1 },
        },
        additionalProperties: false,
      },
      List: { type: 'array', items: { $ref: '#/$defs/Item' } },
      Loop: { type: 'object', properties: { next: { $ref: '#/$defs/Loop' } } },
      Remote: { $ref: 'https://example.com/x.json' },
      Anchored: { $anchor: 'here', type: 'string' },
      Data: { enum: [{ $ref: '#/$defs/Leaf' }] },
    },
  };

  it('inlines local refs; a ref beside annotations is the target, beside a keyword an allOf', () => {
    expect(inlineDefinition(document, 'List')).toEqual({
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: ['A', 'B'] },
          tagged: { minLength: 1, allOf: [{ type: 'string', enum: ['A', 'B'] }] },
        },
        additionalProperties: false,
      },
    });
  });

  it('leaves data alone (an enum value that looks like a $ref)', () => {
    expect(inlineDefinition(document, 'Data')).toEqual({ enum: [{ $ref: '#/$defs/Leaf' }] });
  });

  it('names its error', () => {
    expect(new NotInlinable('x')).toMatchObject({ name: 'NotInlinable', message: 'x' });
  });

  it.each([
    ['Loop', /recursive/],
    ['Remote', /non-local/],
    ['Anchored', /\$anchor/],
    ['Missing', /no definition/],
  ])('refuses %s', (name, reason) => {
    expect(() => inlineDefinition(document, name)).toThrow(NotInlinable);
    expect(() => inlineDefinition(document, name)).toThrow(reason);
  });

  it('gives every catalogue definition a fast path', () => {
    const registry = SchemaRegistry.load();
    for (const op of allOperations()) {
      for (const name of [
        op.requestDefinition,
        ...op.responses.map((r) => r.definition),
        op.errorDefinition,
        op.rateLimitDefinition,
      ]) {
        if (name)
          expect(registry.fastValidator(op.apiVersion, name), `${op.apiVersion} ${name}`).toBeTypeOf('function');
      }
    }
    expect([...registry.fastPathRefused]).toEqual([]);
  });
});

describe('inlineDefinition: every place a schema can hold a schema', () => {
  const leaf = { type: 'string' };
  const ref = { $ref: '#/$defs/Leaf' };
  const inlined = (node: Record<string, unknown>, defs: Record<string, unknown> = {}) =>
    inlineDefinition({ $defs: { Leaf: leaf, Node: node, ...defs } }, 'Node');

  it.each([
    'additionalProperties',
    'items',
    'contains',
    'not',
    'if',
    'then',
    'else',
    'propertyNames',
    'additionalItems',
  ])('inlines the one schema of %s', (keyword) => {
    expect(inlined({ [keyword]: ref })).toEqual({ [keyword]: leaf });
  });

  it.each(['allOf', 'anyOf', 'oneOf', 'prefixItems'])(
    'inlines each schema of the list %s, and leaves other items',
    (keyword) => {
      expect(inlined({ [keyword]: [ref, { minLength: 1 }, true] })).toEqual({
        [keyword]: [leaf, { minLength: 1 }, true],
      });
    },
  );

  it.each(['properties', 'patternProperties', 'dependentSchemas'])('inlines each schema of the map %s', (keyword) => {
    expect(inlined({ [keyword]: { a: ref, b: { type: 'integer' }, c: false } })).toEqual({
      [keyword]: { a: leaf, b: { type: 'integer' }, c: false },
    });
  });

  it('copies a keyword that holds no schema as it is, and drops $defs and $schema', () => {
    const node = {
      additionalProperties: false,
      items: [ref],
      allOf: ref,
      properties: [ref],
      required: ['a'],
      enum: [ref],
      $defs: { Inner: leaf },
      $schema: 'https://json-schema.org/draft/2020-12/schema',
    };
    expect(inlined(node)).toEqual({
      additionalProperties: false,
      items: [ref],
      allOf: ref,
      properties: [ref],
      required: ['a'],
      enum: [ref],
    });
  });

  it('a $ref beside another keyword joins the allOf the node already has, after it', () => {
    expect(inlined({ $ref: '#/$defs/Leaf', allOf: [{ $ref: '#/$defs/Leaf' }, { maxLength: 3 }] })).toEqual({
      allOf: [leaf, { maxLength: 3 }, leaf],
    });
    expect(inlined({ $ref: '#/$defs/Leaf', maxLength: 3, title: 'x' })).toEqual({
      maxLength: 3,
      title: 'x',
      allOf: [leaf],
    });
  });

  it.each(['description', 'title', '$comment', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly'])(
    'a $ref beside the annotation %s is its target alone',
    (annotation) => {
      expect(inlined({ $ref: '#/$defs/Leaf', [annotation]: 'x' })).toEqual(leaf);
    },
  );

  it.each([
    ['$id', { $id: 'x' }],
    ['$anchor', { $anchor: 'x' }],
    ['$dynamicRef', { $dynamicRef: '#x' }],
    ['$dynamicAnchor', { $dynamicAnchor: 'x' }],
    ['$recursiveRef', { $recursiveRef: '#' }],
    ['$recursiveAnchor', { $recursiveAnchor: true }],
    ['unevaluatedProperties', { unevaluatedProperties: false }],
    ['unevaluatedItems', { unevaluatedItems: false }],
  ])('refuses %s anywhere on the way, saying where', (keyword, unsafe) => {
    const document = { $defs: { Outer: { items: { $ref: '#/$defs/Inner' } }, Inner: unsafe } };
    expect(() => inlineDefinition(document, 'Outer')).toThrow(new NotInlinable(`${keyword} in Outer > Inner`));
  });

  it('refuses a $ref it cannot inline exactly, naming it', () => {
    const refuse = (node: Record<string, unknown>, message: string) =>
      expect(() => inlined(node), message).toThrow(new NotInlinable(message));
    refuse({ $ref: '#/definitions/Leaf' }, 'non-local $ref #/definitions/Leaf');
    refuse({ $ref: '#/$defs/Leaf/type' }, 'non-local $ref #/$defs/Leaf/type');
    refuse({ $ref: 'other.json#/$defs/Leaf' }, 'non-local $ref other.json#/$defs/Leaf');
    refuse({ $ref: '#/$defs/constructor' }, 'non-local $ref #/$defs/constructor');
    refuse({ $ref: 42 }, 'non-local $ref 42');
    // Not a string, though its text is a local ref; and no unreadable ref reaches a definition called "undefined".
    refuse({ $ref: ['#/$defs/Leaf'] }, 'non-local $ref #/$defs/Leaf');
    expect(() => inlined({ $ref: '#/$defs/a/b' }, { undefined: leaf })).toThrow(
      new NotInlinable('non-local $ref #/$defs/a/b'),
    );
    expect(() => inlined({ items: { $ref: '#/$defs/Back' } }, { Back: { items: { $ref: '#/$defs/Node' } } })).toThrow(
      new NotInlinable('recursive $ref to Node'),
    );
    expect(() => inlineDefinition({}, 'Leaf')).toThrow(new NotInlinable('no definition Leaf'));
  });

  it('inlines one definition twice where two places use it (only a cycle is refused)', () => {
    expect(inlined({ properties: { a: ref, b: ref } })).toEqual({ properties: { a: leaf, b: leaf } });
  });
});
