import { describe, expect, it } from 'vitest';
import { diffModels, pairStatuses } from './diff.js';
import { emptySchema, type ApiModel, type MutableSchemaNode, type SchemaNode } from './model.js';

describe('pairStatuses', () => {
  it('pairs a replaced success code with its replacement, never a 207', () => {
    expect(pairStatuses(['201', '207', 'default'], ['200', 'default'])).toEqual({
      same: ['default'],
      changed: [['201', '200']],
      removed: ['207'],
      added: [],
    });
    expect(pairStatuses(['200'], ['200', '207'])).toEqual({ same: ['200'], changed: [], removed: [], added: ['207'] });
    expect(pairStatuses(['204'], ['200', '404'])).toEqual({
      same: [],
      changed: [['204', '200']],
      removed: [],
      added: ['404'],
    });
  });
});

function schemaModel(name: string, schema: SchemaNode): ApiModel {
  return { source: name, formats: ['json-structure'], operations: new Map(), schemas: new Map([['Node', schema]]) };
}

/** `Node { value, next: Node }`, value typed as given: a cycle through `next`. */
function cyclic(valueType: 'string' | 'integer'): SchemaNode {
  const node: MutableSchemaNode = emptySchema('Node');
  const value = emptySchema();
  value.types = [valueType];
  node.types = ['object'];
  node.properties.set('value', value);
  node.properties.set('next', node);
  return node;
}

describe('diffModels', () => {
  it('walks a cyclic schema once and finds the change below it', () => {
    const changes = diffModels(schemaModel('old', cyclic('integer')), schemaModel('new', cyclic('string')));
    expect(changes.map((change) => [change.rule, change.operation, change.pointer, change.instancePath])).toEqual([
      ['response-type-changed', 'definition Node', '/properties/value', '/value'],
    ]);
  });

  it('finds nothing between a model and itself', () => {
    const model = schemaModel('same', cyclic('integer'));
    expect(diffModels(model, model)).toEqual([]);
  });
});
