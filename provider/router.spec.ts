import { describe, expect, it } from 'vitest';
import { allAuxiliaryOperations, allOperations, buildPath } from '../src/catalogue/index.js';
import { Router } from './router.js';

const router = new Router();
const fill = (template: string) =>
  template.replace(/\{[A-Za-z]+\}/g, (m) => (m.endsWith('Id}') ? '5434402448' : 'contacts'));

describe('Router', () => {
  it('routes every endpoint x version to itself', () => {
    for (const op of allOperations()) {
      const path = buildPath(op, {
        fromObjectType: '0-1',
        toObjectType: 'companies',
        fromObjectId: '5434402448',
        toObjectId: '901',
      });
      const routed = router.route(op.method, path);
      expect(routed).toMatchObject({ kind: 'found', match: { target: { kind: 'endpoint', operation: op } } });
    }
  });

  it('routes every auxiliary operation x version to its id (account details: one path for all versions)', () => {
    for (const op of allAuxiliaryOperations()) {
      const routed = router.route(op.method, fill(op.pathTemplate));
      expect(routed.kind).toBe('found');
      if (routed.kind === 'found' && routed.match.target.kind === 'auxiliary')
        expect(routed.match.target.operation.id).toBe(op.id);
      if (op.id !== 'account-details' && routed.kind === 'found') expect(routed.match.apiVersion).toBe(op.apiVersion);
    }
  });

  it('tells 404 from 405, and refuses empty segments', () => {
    expect(router.route('POST', '/crm/v9/associations/a/b/batch/read')).toEqual({ kind: 'not-found' });
    expect(router.route('DELETE', '/crm/v4/associations/a/b/batch/read')).toEqual({
      kind: 'method-not-allowed',
      allowed: ['POST'],
    });
    expect(router.route('POST', '/crm/v4/associations//b/batch/read')).toEqual({ kind: 'not-found' });
  });

  it('refuses two operations with the same method and path shape', () => {
    const op = allOperations()[0];
    if (!op) throw new Error('empty catalogue');
    expect(() => new Router([op, { ...op, endpoint: 'batch-read' }], [])).toThrow(/two operations share POST/);
  });
});
