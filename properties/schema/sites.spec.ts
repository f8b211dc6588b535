import { describe, expect, it } from 'vitest';
import { withValueAt, withoutValueAt } from './edit.js';
import { concretePaths, schemaSites } from './sites.js';

describe('schemaSites', () => {
  it('walks a definition through $refs, parents first, with what the schema says at each site', () => {
    const sites = schemaSites('2026-03', 'PublicDefaultAssociation');
    expect(sites.map((s) => s.pattern)).toEqual([
      '',
      '/associationSpec',
      '/associationSpec/associationCategory',
      '/associationSpec/associationTypeId',
      '/from',
      '/from/id',
      '/to',
      '/to/id',
    ]);
    const typeId = sites.find((s) => s.pattern === '/associationSpec/associationTypeId');
    expect(typeId).toMatchObject({
      kind: 'property',
      required: true,
      accepts: ['integer'],
      int32: true,
      definitions: ['PublicDefaultAssociation', 'AssociationSpec'],
    });
    expect(sites.find((s) => s.pattern === '/associationSpec/associationCategory')?.enumValues).toContain('WORK');
  });

  it('marks array items and map values with *', () => {
    const patterns = schemaSites('2026-03', 'StandardError').map((s) => `${s.kind} ${s.pattern}`);
    expect(patterns).toEqual(
      expect.arrayContaining([
        'value /subCategory/*',
        'item /errors/*',
        'value /context/*',
        'item /context/*/*',
        'value /links/*',
      ]),
    );
  });

  it('follows the version: 2026-09 has no object-type IDs', () => {
    expect(schemaSites('2026-03', 'AssociationSpecWithLabel').map((s) => s.pattern)).toContain('/fromObjectTypeId');
    expect(schemaSites('2026-09', 'AssociationSpecWithLabel').map((s) => s.pattern)).not.toContain('/fromObjectTypeId');
  });
});

describe('concretePaths', () => {
  it('expands * over array indices and map keys, in document order', () => {
    const body = {
      results: [{ to: [{ id: 'a' }, { id: 'b' }] }, { to: [] }, { to: [{ id: 'c' }] }],
      links: { self: 'x', 'a/b': 'y' },
    };
    expect(concretePaths(body, ['results', '*', 'to', '*', 'id'])).toEqual([
      '/results/0/to/0/id',
      '/results/0/to/1/id',
      '/results/2/to/0/id',
    ]);
    expect(concretePaths(body, ['links', '*'])).toEqual(['/links/self', '/links/a~1b']);
    expect(concretePaths(body, ['missing'])).toEqual([]);
  });
});

describe('edits', () => {
  it('return changed copies and leave the input alone', () => {
    const body = { a: { b: [1, 2] } };
    expect(withValueAt(body, '/a/b/1', 'x')).toEqual({ a: { b: [1, 'x'] } });
    expect(withoutValueAt(body, '/a/b')).toEqual({ a: {} });
    expect(body).toEqual({ a: { b: [1, 2] } });
  });

  it('add a __proto__ key as data, as JSON.parse would', () => {
    const changed = withValueAt({}, '/__proto__', { polluted: true }) as Record<string, unknown>;
    expect(Object.hasOwn(changed, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuse to remove an array item or a missing property', () => {
    expect(() => withoutValueAt({ a: [1] }, '/a/0')).toThrow(/array item/);
    expect(() => withoutValueAt({ a: 1 }, '/b')).toThrow(/no property/);
  });
});
