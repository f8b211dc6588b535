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
