import { describe, expect, it } from 'vitest';
import { normalisePath, operationKey } from './normalise-path.js';

describe('normalisePath', () => {
  it.each([
    [
      '/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read',
      '/crm/{version}/associations/{fromObjectType}/{toObjectType}/batch/read',
      'v4',
    ],
    [
      '/crm/associations/v4/definitions/configurations/{a}/{b}/batch/create',
      '/crm/associations/{version}/definitions/configurations/{a}/{b}/batch/create',
      'v4',
    ],
    [
      '/crm/associations/2026-03/{fromObjectType}/{toObjectType}/batch/read',
      '/crm/associations/{version}/{fromObjectType}/{toObjectType}/batch/read',
      '2026-03',
    ],
    ['/crm/associations/2026-09-beta/{a}/{b}/labels', '/crm/associations/{version}/{a}/{b}/labels', '2026-09-beta'],
    ['/api/v1.2/pets', '/api/{version}/pets', 'v1.2'],
  ])('%s shows as %s', (template, display, version) => {
    expect(normalisePath(template)).toMatchObject({ display, version });
  });

  it('gives every version form of one endpoint the same key', () => {
    const keys = [
      '/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read',
      '/crm/associations/v4/{fromObjectType}/{toObjectType}/batch/read',
      '/crm/associations/2026-03/{fromObjectType}/{toObjectType}/batch/read',
      '/crm/associations/2025-09/{from}/{to}/batch/read',
    ].map((template) => normalisePath(template).key);
    expect(new Set(keys)).toEqual(new Set(['/crm/associations/{}/{}/batch/read']));
  });

  it('keeps paths without a version segment, and lists path parameters in order', () => {
    expect(normalisePath('/crm/objects/{objectType}/{objectId}')).toEqual({
      key: '/crm/objects/{}/{}',
      display: '/crm/objects/{objectType}/{objectId}',
      parameters: ['objectType', 'objectId'],
    });
  });

  it('does not take a word that merely starts like a version for one', () => {
    expect(normalisePath('/crm/vendors/2026/items').version).toBeUndefined();
    expect(normalisePath('/crm/video/items').version).toBeUndefined();
  });

  it('keys an operation by upper-case method and key', () => {
    expect(operationKey('post', '/crm/v4/associations/{a}/{b}/batch/read')).toBe(
      operationKey('POST', '/crm/associations/2026-03/{x}/{y}/batch/read'),
    );
    expect(operationKey('get', '/crm/v4/x')).not.toBe(operationKey('post', '/crm/v4/x'));
  });
});
