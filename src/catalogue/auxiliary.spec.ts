import { describe, expect, it } from 'vitest';
// Imported before the index on purpose: the two modules import each other, and either order must load.
import { allAuxiliaryOperations, auxiliaryOperation, AUXILIARY_IDS, ERROR_STATUSES } from './auxiliary.js';
import { API_VERSIONS, CatalogueError } from './index.js';

const statuses = (id: string, version: string) =>
  auxiliaryOperation(id, version).responses.map((r) => `${r.status}${r.definition ? ` ${r.definition}` : ''}`);

describe('auxiliary operations', () => {
  it('has every auxiliary operation in every version, once', () => {
    expect(allAuxiliaryOperations()).toHaveLength(AUXILIARY_IDS.length * API_VERSIONS.length);
    expect(new Set(allAuxiliaryOperations().map((op) => `${op.id}@${op.apiVersion}`)).size).toBe(
      allAuxiliaryOperations().length,
    );
  });

  it('keeps the associations archive differences of each version (FACTS §5)', () => {
    expect(statuses('associations-batch-archive', 'v4')).toEqual(['204']);
    expect(statuses('associations-batch-archive', '2025-09')).toEqual(['200 BatchResponse']);
    expect(statuses('associations-batch-archive', '2026-03')).toEqual(['200 BatchResponse']);
    expect(statuses('associations-batch-archive', '2026-09')).toEqual(['200 BatchResponseVoid']);
  });

  it.each([
    ['objects-batch-create', 'v4', 'POST', '/crm/v3/objects/{objectType}/batch/create'],
    ['objects-batch-create', '2026-03', 'POST', '/crm/objects/2026-03/{objectType}/batch/create'],
    ['objects-batch-archive', '2025-09', 'POST', '/crm/objects/2025-09/{objectType}/batch/archive'],
    ['associations-batch-archive', 'v4', 'POST', '/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/archive'],
    [
      'associations-batch-archive',
      '2026-09',
      'POST',
      '/crm/associations/2026-09/{fromObjectType}/{toObjectType}/batch/archive',
    ],
    ['account-details', '2026-03', 'GET', '/account-info/v3/details'],
    [
      'association-archive-single',
      'v4',
      'DELETE',
      '/crm/v4/objects/{fromObjectType}/{fromObjectId}/associations/{toObjectType}/{toObjectId}',
    ],
    [
      'association-archive-single',
      '2026-09',
      'DELETE',
      '/crm/objects/2026-09/{fromObjectType}/{fromObjectId}/associations/{toObjectType}/{toObjectId}',
    ],
  ])('%s %s is %s %s', (id, version, method, path) => {
    expect(auxiliaryOperation(id, version)).toMatchObject({ method, pathTemplate: path });
  });

  it('answers objects batch create 201/207 and archive 204 in every version (assumed; see the evidence)', () => {
    for (const version of API_VERSIONS) {
      expect(statuses('objects-batch-create', version)).toEqual([
        '201 BatchResponseSimplePublicObject',
        '207 BatchResponseSimplePublicObjectWithErrors',
      ]);
      expect(statuses('objects-batch-archive', version)).toEqual(['204']);
      expect(auxiliaryOperation('objects-batch-create', version).evidence).toMatch(/assumed/);
    }
  });

  it("answers the single association archive 204 in every version, from each version's associations.json", () => {
    for (const version of API_VERSIONS) {
      expect(statuses('association-archive-single', version)).toEqual(['204']);
      expect(auxiliaryOperation('association-archive-single', version)).toMatchObject({
        pathParams: ['fromObjectType', 'fromObjectId', 'toObjectType', 'toObjectId'],
      });
      expect(auxiliaryOperation('association-archive-single', version).evidence).toContain(
        `${version}/associations.json`,
      );
    }
    // Appended: the ids a run already used keep their order.
    expect(AUXILIARY_IDS.slice(0, 6)).toEqual([
      'account-details',
      'objects-batch-create',
      'associations-batch-archive',
      'configurations-batch-purge',
      'objects-batch-archive',
      'association-archive-single',
    ]);
  });

  it("reads a pair's limit configurations with GET in every version, from each version's associationsSchema.json (FACTS §10)", () => {
    for (const version of API_VERSIONS) {
      expect(auxiliaryOperation('configurations-read', version)).toMatchObject({
        method: 'GET',
        pathTemplate: `/crm/associations/${version}/definitions/configurations/{fromObjectType}/{toObjectType}`,
        pathParams: ['fromObjectType', 'toObjectType'],
      });
      expect(statuses('configurations-read', version)).toEqual([
        '200 CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging',
      ]);
      expect(auxiliaryOperation('configurations-read', version).evidence).toContain(
        `${version}/associationsSchema.json`,
      );
    }
  });

  it('keeps the configurations update differences of each version (207 in v4 and 2026-03 only)', () => {
    const ok = '200 BatchResponsePublicAssociationDefinitionConfigurationUpdateResult';
    const partial = '207 BatchResponsePublicAssociationDefinitionConfigurationUpdateResultWithErrors';
    expect(statuses('configurations-batch-update', 'v4')).toEqual([ok, partial]);
    expect(statuses('configurations-batch-update', '2025-09')).toEqual([ok]);
    expect(statuses('configurations-batch-update', '2026-03')).toEqual([ok, partial]);
    expect(statuses('configurations-batch-update', '2026-09')).toEqual([ok]);
    expect(auxiliaryOperation('configurations-batch-update', 'v4').pathTemplate).toBe(
      '/crm/associations/v4/definitions/configurations/{fromObjectType}/{toObjectType}/batch/update',
    );
  });

  it('reads objects in batches of at most 100, answering 200 or a 207 for missing IDs (assumed; see the evidence)', () => {
    expect(auxiliaryOperation('objects-batch-read', 'v4')).toMatchObject({
      method: 'POST',
      pathTemplate: '/crm/v3/objects/{objectType}/batch/read',
      maxInputs: 100,
    });
    expect(auxiliaryOperation('objects-batch-read', '2026-03').pathTemplate).toBe(
      '/crm/objects/2026-03/{objectType}/batch/read',
    );
    for (const version of API_VERSIONS) {
      expect(statuses('objects-batch-read', version)).toEqual([
        '200 BatchResponseSimplePublicObject',
        '207 BatchResponseSimplePublicObjectWithErrors',
      ]);
      expect(auxiliaryOperation('objects-batch-read', version).evidence).toMatch(/assumed/);
    }
  });

  it('names the bad value in a CatalogueError', () => {
    expect(() => auxiliaryOperation('objects-batch-upsert', 'v4')).toThrow(CatalogueError);
    expect(() => auxiliaryOperation('account-details', '2024-01')).toThrow(/2024-01/);
  });

  it('names only non-2xx codes as error statuses', () => {
    for (const status of Object.values(ERROR_STATUSES)) expect(status).toBeGreaterThanOrEqual(400);
  });
});
