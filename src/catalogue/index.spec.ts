import { describe, expect, it } from 'vitest';
import {
  API_VERSIONS,
  ENDPOINT_IDS,
  CatalogueError,
  allAuxiliaryOperations,
  allOperations,
  buildPath,
  changesTarget,
  operation,
  pathParameters,
  resolveResponse,
} from './index.js';

describe('catalogue', () => {
  it('has every endpoint in every version, once', () => {
    expect(allOperations()).toHaveLength(ENDPOINT_IDS.length * API_VERSIONS.length);
    const keys = new Set(allOperations().map((op) => `${op.endpoint}@${op.apiVersion}`));
    expect(keys.size).toBe(allOperations().length);
  });

  it.each([
    ['batch-read', 'v4', 'POST', '/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read'],
    ['batch-read', '2026-03', 'POST', '/crm/associations/2026-03/{fromObjectType}/{toObjectType}/batch/read'],
    [
      'configurations-batch-create',
      'v4',
      'POST',
      '/crm/associations/v4/definitions/configurations/{fromObjectType}/{toObjectType}/batch/create',
    ],
    [
      'batch-associate-default',
      '2025-09',
      'POST',
      '/crm/associations/2025-09/{fromObjectType}/{toObjectType}/batch/associate/default',
    ],
    [
      'associate-default',
      'v4',
      'PUT',
      '/crm/v4/objects/{fromObjectType}/{fromObjectId}/associations/default/{toObjectType}/{toObjectId}',
    ],
    [
      'associate-default',
      '2026-09',
      'PUT',
      '/crm/objects/2026-09/{fromObjectType}/{fromObjectId}/associations/default/{toObjectType}/{toObjectId}',
    ],
  ])('%s %s is %s %s (FACTS.md §0)', (endpoint, version, method, path) => {
    const op = operation(endpoint, version);
    expect(op.method).toBe(method);
    expect(op.pathTemplate).toBe(path);
  });

  it('keeps the real status differences: 201/207 vs 200 on configurations create', () => {
    const codes = (version: string) => operation('configurations-batch-create', version).responses.map((r) => r.status);
    expect(codes('v4')).toEqual([201, 207]);
    expect(codes('2025-09')).toEqual([200]);
    expect(codes('2026-03')).toEqual([201, 207]);
    expect(codes('2026-09')).toEqual([200]);
    expect(operation('batch-read', '2026-09').responses.map((r) => r.status)).toEqual([200]);
  });

  it('names the bad value in a CatalogueError', () => {
    expect(() => operation('batch-write')).toThrow(CatalogueError);
    expect(() => operation('batch-read', '2024-01')).toThrow(/2024-01/);
    expect(() => resolveResponse(operation('batch-read'), 1000)).toThrow(/1000/);
  });

  it('builds paths with encoded parameters and refuses missing ones', () => {
    const op = operation('associate-default', '2026-03');
    expect(
      buildPath(op, { fromObjectType: 'contacts', fromObjectId: '5434402448', toObjectType: '2-123/x', toObjectId: 7 }),
    ).toBe('/crm/objects/2026-03/contacts/5434402448/associations/default/2-123%2Fx/7');
    expect(() => buildPath(op, { fromObjectType: 'contacts' })).toThrow(/fromObjectId/);
  });

  it('resolves statuses by family', () => {
    const op = operation('configurations-batch-create', '2026-03');
    expect(resolveResponse(op, 201)).toMatchObject({
      exact: true,
      definition: 'BatchResponsePublicAssociationDefinitionUserConfiguration',
    });
    expect(resolveResponse(op, 200)).toMatchObject({
      exact: false,
      definition: 'BatchResponsePublicAssociationDefinitionUserConfiguration',
    });
    expect(resolveResponse(op, 207)).toMatchObject({
      exact: true,
      definition: 'BatchResponsePublicAssociationDefinitionUserConfigurationWithErrors',
    });
    expect(resolveResponse(op, 429)).toMatchObject({ exact: true, definition: 'RateLimitError' });
    expect(resolveResponse(op, 503)).toMatchObject({ exact: true, definition: 'Error' });
    expect(resolveResponse(op, 204)).toMatchObject({ exact: false, definition: undefined });
  });
});

describe('reading a recorded request back (hsac replay)', () => {
  it('pathParameters undoes buildPath for every operation, percent-escapes included', () => {
    for (const op of [...allOperations(), ...allAuxiliaryOperations()]) {
      const params = Object.fromEntries(op.pathParams.map((name, index) => [name, `${name} ${index}/x`]));
      expect(pathParameters(op, buildPath(op, params))).toEqual(params);
    }
  });

  it('pathParameters says undefined for a path of another template or a broken escape', () => {
    const read = operation('batch-read', '2026-03');
    expect(pathParameters(read, '/crm/associations/2026-03/contacts/companies/batch/archive')).toBeUndefined();
    expect(pathParameters(read, '/crm/associations/2026-03/contacts/%E0%A4%A/batch/read')).toBeUndefined();
  });

  it('changesTarget: only the reads (GETs, and the batch reads sent as POSTs) change nothing', () => {
    const reads = [...allOperations(), ...allAuxiliaryOperations()]
      .map((op) => ('endpoint' in op ? op.endpoint : op.id))
      .filter((id) => !changesTarget(id));
    expect([...new Set(reads)].sort()).toEqual([
      'account-details',
      'batch-read',
      'configurations-read',
      'objects-batch-read',
    ]);
    expect(changesTarget('an-operation-of-a-newer-hsac')).toBe(true);
  });
});
