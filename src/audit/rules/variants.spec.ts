import { describe, expect, it } from 'vitest';
import { emptySchema, type SchemaNode } from '../model.js';
import { variantDiff, variantText } from './variants.js';

/** A `oneOf` of these alternatives: a name is a named schema, `null` an inline one. */
function oneOf(...members: (string | null)[]): SchemaNode {
  const node = emptySchema();
  node.variants = { kind: 'oneOf', members: members.map((name) => emptySchema(name ?? undefined)) };
  return node;
}

describe('variantDiff', () => {
  it('pairs named alternatives by name', () => {
    expect(variantDiff(oneOf('Cat', 'Dog'), oneOf('Dog', 'Bird'))).toEqual({ removed: ['Cat'], added: ['Bird'] });
  });

  it('counts inline alternatives, one or several, on the side that has more of them', () => {
    expect(variantDiff(oneOf('Cat', null), oneOf('Cat'))).toEqual({ removed: ['1 inline alternative'], added: [] });
    expect(variantDiff(oneOf('Cat'), oneOf(null, 'Cat', null))).toEqual({
      removed: [],
      added: ['2 inline alternatives'],
    });
    expect(variantDiff(oneOf(null, 'Cat'), oneOf('Dog', null))).toEqual({ removed: ['Cat'], added: ['Dog'] });
  });

  it('treats a schema without alternatives as having none', () => {
    expect(variantDiff(emptySchema(), oneOf('Cat'))).toEqual({ removed: [], added: ['Cat'] });
    expect(variantDiff(oneOf('Cat'), emptySchema())).toEqual({ removed: ['Cat'], added: [] });
  });
});

describe('variantText', () => {
  it('lists the alternatives by name, inline ones as such, and says when there are none', () => {
    expect(variantText(oneOf('Cat', null, 'Dog'))).toBe('Cat | (inline) | Dog');
    expect(variantText(emptySchema())).toBe('(none)');
  });
});
