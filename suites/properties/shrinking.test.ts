import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraries } from '../../properties/arbitraries/index.js';
import { PropertyFailure } from '../../properties/run.js';
import { holds, SETTINGS } from './harness.js';

const FILE = 'suites/properties/shrinking.test.ts';

/**
 * A decoder with hubspot-api-php#261's bug: `toObjectId` read as an int32, so 5434402448 becomes
 * -1137886043. Every ID above 2^31-1 comes back wrong.
 */
function decodeToObjectIdsAsInt32(body: { results: { to: { toObjectId: string }[] }[] }): string[] {
  return body.results.flatMap((result) => result.to.map((to) => String(Number(to.toObjectId) | 0)));
}

interface ReadBody {
  results: {
    from: { id: string };
    to: { toObjectId: string; associationTypes: Record<string, unknown>[] }[];
    paging?: unknown;
  }[];
}

describe('shrinking reaches a minimal counterexample', () => {
  const name =
    'an int32 toObjectId decoder is caught, and the counterexample shrinks to one result, one association and the smallest ID over int32';
  it(name, () => {
    const bodies = arbitraries.batchReadResponse({
      apiVersion: '2026-03',
      status: 200,
    }) as fc.Arbitrary<unknown> as fc.Arbitrary<ReadBody>;
    const decodesEveryId = fc.property(bodies, (body) => {
      const expected = body.results.flatMap((result) => result.to.map((to) => to.toObjectId));
      expect(decodeToObjectIdsAsInt32(body)).toEqual(expected);
    });
    let failure: unknown;
    try {
      // More runs than the default: the bug needs a body with at least one association.
      holds(FILE, name, decodesEveryId, { runs: Math.max(SETTINGS.runs, 100) });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(PropertyFailure);
    const { counterexample, message } = failure as PropertyFailure;
    const [body] = counterexample as [ReadBody];
    // Minimal: one result, one associated record, one type with only its required fields.
    expect(body.results).toHaveLength(1);
    const [result] = body.results;
    expect(result?.to).toHaveLength(1);
    expect(result?.to[0]?.toObjectId).toBe('2147483648');
    expect(result?.to[0]?.associationTypes).toHaveLength(1);
    expect(Object.keys(result?.to[0]?.associationTypes[0] ?? {}).sort()).toEqual(['category', 'typeId']);
    expect(result?.to[0]?.associationTypes[0]?.typeId).toBe(1);
    expect(result?.from.id).toBe('1');
    expect(result?.paging).toBeUndefined();
    expect(message).toMatch(/shrink\(s\)/);
    expect(message).toContain(`HSAC_SEED=${SETTINGS.seed}`);
  });
});
