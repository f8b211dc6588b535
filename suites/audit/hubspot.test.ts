import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditModels, type AuditResult } from '../../src/audit/audit.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/audit/config.js';
import type { Change } from '../../src/audit/diff.js';
import { loadSide } from '../../src/audit/load.js';
import { sharedReferenceDir } from '../../src/paths.js';

/**
 * HubSpot's own association specs (../shared/reference/hubspot/HubSpot-public-api-spec-collection,
 * SOURCES.md): the audit must find the version changes FACTS.md §3/§5 lists. Every expectation
 * below was checked against the files themselves; where FACTS.md disagrees, the comment says so.
 */
const shared = sharedReferenceDir();
const specs = shared === undefined ? '' : join(shared, 'reference', 'hubspot', 'HubSpot-public-api-spec-collection');
const title = (name: string): string =>
  `${name}${shared ? '' : ' [SKIPPED: ../shared not found; set HSAC_SHARED_DIR]'}`;

const both = (version: string): string =>
  ['associations.json', 'associationsSchema.json'].map((file) => join(specs, version, file)).join(',');

async function audit(oldSpec: string, newSpec: string): Promise<AuditResult> {
  const [before, after] = await Promise.all([loadSide(oldSpec), loadSide(newSpec)]);
  return auditModels(before, after, DEFAULT_AUDIT_CONFIG);
}

const READ = 'POST /crm/associations/{version}/{fromObjectType}/{toObjectType}/batch/read';
const ARCHIVE = 'POST /crm/associations/{version}/{fromObjectType}/{toObjectType}/batch/archive';
const LABELS_ARCHIVE = 'POST /crm/associations/{version}/{fromObjectType}/{toObjectType}/batch/labels/archive';
const LABELS_CREATE = 'POST /crm/associations/{version}/{fromObjectType}/{toObjectType}/batch/create';
const CONFIG_CREATE =
  'POST /crm/associations/{version}/definitions/configurations/{fromObjectType}/{toObjectType}/batch/create';
const CONFIG_UPDATE =
  'POST /crm/associations/{version}/definitions/configurations/{fromObjectType}/{toObjectType}/batch/update';
const PURGE = 'POST /crm/associations/{version}/definitions/configurations/{fromObjectType}/{toObjectType}/batch/purge';
const HIGH_USAGE = 'POST /crm/associations/{version}/usage/high-usage-report/{userId}';
/** Operations are shown in the new side's path form: v4's puts the version before `associations`. */
const READ_V4 = 'POST /crm/{version}/associations/{fromObjectType}/{toObjectType}/batch/read';
const ASSOCIATION_TYPES = '/properties/results/items/properties/to/items/properties/associationTypes/items/properties';

/** The changes of one rule on one operation (and status, when given). */
function find(result: AuditResult, rule: string, operation: string, status?: string): Change[] {
  return result.changes.filter(
    (change) =>
      change.rule === rule && change.operation === operation && (status === undefined || change.status === status),
  );
}

function pointers(changes: readonly Change[]): string[] {
  return changes.map((change) => change.pointer ?? '').sort();
}

describe.skipIf(!shared)(
  title('2026-03 as first published (a0dacc3089, 2026-02-09) vs 2026-03 now (associations.json)'),
  () => {
    let result: AuditResult;
    beforeAll(async () => {
      result = await audit(
        join(specs, 'history', 'associations.2026-03@a0dacc3089.json'),
        join(specs, '2026-03', 'associations.json'),
      );
    });

    it('archive stays 200, its body BatchResponseVoid -> BatchResponse: results items go from untyped to object (info)', () => {
      expect(find(result, 'response-type-narrowed', ARCHIVE, '200')).toEqual([
        expect.objectContaining({ severity: 'info', pointer: '/properties/results/items', old: 'any', new: 'object' }),
      ]);
      expect(
        result.changes.filter(
          (change) => change.operation === ARCHIVE && change.rule.startsWith('response-success-status'),
        ),
      ).toEqual([]);
    });

    it('batch read gains a 207 and its errors split into *WithErrors', () => {
      expect(find(result, 'response-success-status-added', READ, '207')).toEqual([
        expect.objectContaining({ severity: 'warning' }),
      ]);
      const [split] = find(result, 'response-errors-split', READ);
      expect(split).toMatchObject({
        severity: 'breaking',
        old: '200 BatchResponsePublicAssociationMultiWithLabel (with errors)',
        new: '200 BatchResponsePublicAssociationMultiWithLabel + 207 BatchResponsePublicAssociationMultiWithLabelWithErrors',
      });
      expect(pointers(find(result, 'response-optional-property-removed', READ, '200'))).toEqual([
        '/properties/errors',
        '/properties/numErrors',
      ]);
    });

    it('AssociationSpecWithLabel gains fromObjectTypeId and toObjectTypeId (info)', () => {
      expect(pointers(find(result, 'response-property-added', READ, '200'))).toEqual([
        `${ASSOCIATION_TYPES}/fromObjectTypeId`,
        `${ASSOCIATION_TYPES}/toObjectTypeId`,
      ]);
    });

    it('the labels batch/create success code goes 200 -> 201 with a 207 split (FACTS §5 "create 200")', () => {
      expect(find(result, 'response-success-status-changed', LABELS_CREATE)).toEqual([
        expect.objectContaining({ severity: 'breaking', status: '200→201' }),
      ]);
      expect(find(result, 'response-errors-split', LABELS_CREATE)).toHaveLength(1);
    });

    it('DateTime.value goes int32 -> int64 in the high-usage report (FACTS §5 lists only the reverse, for 2026-09)', () => {
      expect(find(result, 'response-format-changed', HIGH_USAGE, '200')).toEqual([
        expect.objectContaining({
          severity: 'breaking',
          pointer: '/properties/enqueueTime/properties/value',
          old: 'integer/int32',
          new: 'integer/int64',
        }),
      ]);
    });

    it('SimplePublicObject property values lose `nullable` (FACTS §0 says no spec has `nullable`; this one did)', () => {
      const [change] = find(
        result,
        'response-nullable-removed',
        'POST /crm/objects/{version}/{objectType}/search',
        '200',
      );
      expect(change).toMatchObject({
        severity: 'info',
        pointer: '/properties/results/items/properties/properties/additionalProperties',
        old: 'string|null',
        new: 'string',
      });
    });
  },
);

describe.skipIf(!shared)(title('2026-03 in its 204 phase (723c2d377d, 2026-03-31) vs 2026-03 now'), () => {
  it('archive and labels/archive go 204 -> 200 and gain a BatchResponse body', async () => {
    const result = await audit(
      join(specs, 'history', 'associations.2026-03@723c2d377d.json'),
      join(specs, '2026-03', 'associations.json'),
    );
    for (const operation of [ARCHIVE, LABELS_ARCHIVE]) {
      expect(find(result, 'response-success-status-changed', operation)).toEqual([
        expect.objectContaining({ status: '204→200', severity: 'breaking' }),
      ]);
      expect(find(result, 'response-body-added', operation)).toEqual([
        expect.objectContaining({ status: '204→200', new: 'BatchResponse' }),
      ]);
    }
  });
});

describe.skipIf(!shared)(title('2026-03 vs 2026-09 draft (associations.json + associationsSchema.json)'), () => {
  let result: AuditResult;
  beforeAll(async () => {
    result = await audit(both('2026-03'), both('2026-09'));
  });

  it('configurations batch/create: 201/207 -> 200 with errors merged', () => {
    expect(find(result, 'response-success-status-changed', CONFIG_CREATE)).toEqual([
      expect.objectContaining({ status: '201→200', severity: 'breaking' }),
    ]);
    expect(find(result, 'response-success-status-removed', CONFIG_CREATE, '207')).toHaveLength(1);
    expect(find(result, 'response-errors-merged', CONFIG_CREATE)).toEqual([
      expect.objectContaining({ new: '200 BatchResponsePublicAssociationDefinitionUserConfiguration (with errors)' }),
    ]);
  });

  it('batch read: the 207 is removed and errors merge into the 200', () => {
    expect(find(result, 'response-success-status-removed', READ, '207')).toEqual([
      expect.objectContaining({ severity: 'breaking' }),
    ]);
    expect(find(result, 'response-errors-merged', READ)).toHaveLength(1);
    expect(pointers(find(result, 'response-property-added', READ, '200'))).toEqual([
      '/properties/errors',
      '/properties/numErrors',
    ]);
  });

  it('the object-type IDs are removed from AssociationSpecWithLabel (breaking)', () => {
    expect(pointers(find(result, 'response-optional-property-removed', READ, '200'))).toEqual([
      `${ASSOCIATION_TYPES}/fromObjectTypeId`,
      `${ASSOCIATION_TYPES}/toObjectTypeId`,
    ]);
  });

  it('archive, labels/archive and purge: BatchResponse -> BatchResponseVoid widens results items to any (breaking)', () => {
    for (const operation of [ARCHIVE, LABELS_ARCHIVE, PURGE]) {
      expect(find(result, 'response-type-changed', operation, '200')).toEqual([
        expect.objectContaining({ pointer: '/properties/results/items', old: 'object', new: 'any' }),
      ]);
    }
  });

  it('labels batch/create and configurations batch/update lose their 207 too', () => {
    expect(find(result, 'response-success-status-changed', LABELS_CREATE)).toEqual([
      expect.objectContaining({ status: '201→200' }),
    ]);
    expect(find(result, 'response-errors-merged', CONFIG_UPDATE)).toHaveLength(1);
  });

  it('DateTime.value int64 -> int32 is a narrowing (info); two operations disappear (FACTS names only the GET)', () => {
    expect(find(result, 'response-type-narrowed', HIGH_USAGE, '200')).toEqual([
      expect.objectContaining({ old: 'integer/int64', new: 'integer/int32' }),
    ]);
    expect(
      result.changes
        .filter((change) => change.rule === 'operation-removed')
        .map((change) => change.operation)
        .sort(),
    ).toEqual([
      'GET /crm/objects/{version}/{objectType}/{objectId}/associations/{toObjectType}',
      'POST /crm/objects/{version}/{objectType}/search',
    ]);
  });
});

describe.skipIf(!shared)(title('v4 vs 2026-03 (associations.json + associationsSchema.json)'), () => {
  it('archive, labels/archive and purge are 204 in v4 and 200 with a body in 2026-03; nothing else breaks', async () => {
    const result = await audit(both('v4'), both('2026-03'));
    const breaking = result.changes.filter((change) => change.severity === 'breaking');
    expect(breaking.map((change) => [change.rule, change.operation, change.status])).toEqual([
      ['response-success-status-changed', ARCHIVE, '204→200'],
      ['response-success-status-changed', LABELS_ARCHIVE, '204→200'],
      ['response-success-status-changed', PURGE, '204→200'],
    ]);
    expect(result.changes.filter((change) => change.rule === 'response-body-added')).toHaveLength(3);
    expect(find(result, 'operation-added', 'POST /crm/objects/{version}/{objectType}/search')).toHaveLength(1);
  });
});

describe.skipIf(!shared)(
  title('2025-09 vs 2026-03 (associationsSchema.json): configurations create 200 -> 201/207'),
  () => {
    it('the success code changes, a 207 appears and the errors split into *WithErrors', async () => {
      const result = await audit(
        join(specs, '2025-09', 'associationsSchema.json'),
        join(specs, '2026-03', 'associationsSchema.json'),
      );
      expect(find(result, 'response-success-status-changed', CONFIG_CREATE)).toEqual([
        expect.objectContaining({ status: '200→201' }),
      ]);
      expect(find(result, 'response-success-status-added', CONFIG_CREATE, '207')).toHaveLength(1);
      expect(find(result, 'response-errors-split', CONFIG_CREATE)).toEqual([
        expect.objectContaining({
          new: '201 BatchResponsePublicAssociationDefinitionUserConfiguration + 207 BatchResponsePublicAssociationDefinitionUserConfigurationWithErrors',
        }),
      ]);
    });

    it('2025-09 and 2026-03 associations.json differ only in version strings: no change at all (FACTS §0)', async () => {
      const result = await audit(
        join(specs, '2025-09', 'associations.json'),
        join(specs, '2026-03', 'associations.json'),
      );
      expect(result.changes).toEqual([]);
      expect(result.compared.old).toBe(11);
    });
  },
);

describe.skipIf(!shared)(title('v4 as of 2024-01 (rollout 50914) vs v4 now: WORK and the toObjectId type'), () => {
  let result: AuditResult;
  beforeAll(async () => {
    result = await audit(join(specs, 'v4-rollout50914'), join(specs, 'v4'));
  });

  it('the category enum gains WORK: a warning in responses, info in requests', () => {
    const [read] = find(result, 'response-enum-value-added', READ_V4, '200');
    expect(read).toMatchObject({
      severity: 'warning',
      pointer: `${ASSOCIATION_TYPES}/category`,
      new: '[HUBSPOT_DEFINED, INTEGRATOR_DEFINED, USER_DEFINED, WORK]',
    });
    expect(result.changes.filter((change) => change.rule === 'request-enum-value-added').length).toBeGreaterThan(0);
    expect(
      result.changes.filter((change) => change.rule === 'request-enum-value-added' && change.severity !== 'info'),
    ).toEqual([]);
  });

  it('toObjectId goes integer/int32 -> string (breaking)', () => {
    expect(find(result, 'response-type-changed', READ_V4, '200')).toEqual([
      expect.objectContaining({
        severity: 'breaking',
        pointer: '/properties/results/items/properties/to/items/properties/toObjectId',
        old: 'integer/int32',
        new: 'string',
      }),
    ]);
  });
});
