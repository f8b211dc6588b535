import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { operation } from '../../src/catalogue/index.js';
import { packageRoot, sharedReferenceDir } from '../../src/paths.js';
import { createValidator } from '../../src/validate/index.js';
import { validResponseBody } from './bodies.js';

const strict = createValidator({ profile: 'strict' });
const lenient = createValidator({ profile: 'lenient' });

function example(name: string): unknown {
  return JSON.parse(readFileSync(join(packageRoot(), 'examples', name), 'utf8'));
}

describe('checking against the BatchAssociationResponse structure as published (repair mode)', () => {
  it('reports what it repaired: 4 references resolved, 3 objects read as maps', () => {
    const result = strict.validatePublished({ body: example('batch-read-200.json') });
    expect(result.repairs.filter((line) => line.includes('#/components/schemas/'))).toHaveLength(4);
    expect(result.repairs.filter((line) => line.includes('map'))).toHaveLength(3);
  });

  it('accepts real-shaped 200 and 207 batch read bodies', () => {
    expect(strict.validatePublished({ body: example('batch-read-200.json') }).findings).toEqual([]);
    expect(strict.validatePublished({ body: example('batch-read-207.json') }).findings).toEqual([]);
    const op = operation('batch-read', '2026-03');
    expect(strict.validatePublished({ body: validResponseBody(op, op.responses[1]!) }).findings).toEqual([]);
  });

  it("resolves the seed's Association to the read-side shape (category/typeId), as HubSpot returns it", () => {
    const body = example('batch-read-200.json') as {
      results: { to: { associationTypes: Record<string, unknown>[] }[] }[];
    };
    const type = body.results[0]!.to[0]!.associationTypes[0]!;
    type.associationCategory = type.category;
    delete type.category;
    const result = strict.validatePublished({ body });
    expect(result.findings).toContainEqual(
      expect.objectContaining({ check: 'required', instancePath: '/results/0/to/0/associationTypes/0/category' }),
    );
  });

  it("keeps the seed's own rules: CANCELED enum, datetime, int32, required", () => {
    const result = strict.validatePublished({
      body: { status: 'CANCELLED', results: [], startedAt: '2025-03-15 14:30:00', numErrors: 3000000000 },
    });
    const seen = result.findings.map((f) => `${f.check} ${f.instancePath}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'status-enum /status',
        'format /startedAt',
        'int32-range /numErrors',
        'required /completedAt',
      ]),
    );
  });

  it('grades the same deviations by profile (null requestedAt)', () => {
    const body = { ...(example('batch-read-200.json') as object), requestedAt: null };
    expect(strict.validatePublished({ body }).ok).toBe(false);
    expect(lenient.validatePublished({ body }).ok).toBe(true);
  });
});

const shared = sharedReferenceDir();
describe.skipIf(!shared)(
  `the json-structure hubspot-probe instances${shared ? '' : ' [SKIPPED: ../shared not found; set HSAC_SHARED_DIR]'}`,
  () => {
    const probe = (name: string): unknown =>
      (
        JSON.parse(
          readFileSync(join(shared ?? '', 'reference/json-structure/hubspot-probe/instances', name), 'utf8'),
        ) as { instance: unknown }
      ).instance;

    it('valid-empty-results passes', () => {
      expect(strict.validatePublished({ body: probe('valid-empty-results.json') }).findings).toEqual([]);
    });

    it('invalid-mixed fails on the enum, the date-time, the int32 and the map value', () => {
      const seen = strict
        .validatePublished({ body: probe('invalid-mixed.json') })
        .findings.map((f) => `${f.check} ${f.instancePath}`);
      expect(seen).toEqual(
        expect.arrayContaining(['status-enum /status', 'format /startedAt', 'type /numErrors', 'type /links/self']),
      );
    });

    it('invalid-numeric-ids fails under strict and is tolerated (warnings) under lenient, but for the api-evangelist field names', () => {
      const body = probe('invalid-numeric-ids.json');
      expect(strict.validatePublished({ body }).findings).toContainEqual(
        expect.objectContaining({ check: 'type', instancePath: '/results/0/from/id', severity: 'error' }),
      );
      const lenientFindings = lenient.validatePublished({ body }).findings;
      expect(lenientFindings).toContainEqual(
        expect.objectContaining({ check: 'type', instancePath: '/results/0/to/0/toObjectId', severity: 'warning' }),
      );
      // api-evangelist writes associationCategory/associationTypeId on the read side; HubSpot sends category/typeId
      // (FACTS.md §5).
      expect(lenientFindings).toContainEqual(
        expect.objectContaining({
          check: 'required',
          instancePath: '/results/0/to/0/associationTypes/0/category',
          severity: 'error',
        }),
      );
    });
  },
);
