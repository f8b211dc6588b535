import { describe } from 'vitest';
import type { MutationTarget } from '../../properties/mutations/mutation.js';
import { profileCases, propertyTest, VALIDATORS } from './harness.js';
import { gradesLenientVariants } from './laws.js';

const FILE = 'suites/properties/lenient.test.ts';

/**
 * Null optional fields, numeric IDs, unknown enum values (a new category), extra fields and a
 * string `subCategory`: warnings under `lenient`, errors under `strict` (src/validate/profiles.ts),
 * for every status an endpoint answers and for its request.
 */
describe('lenient-only variants are warnings under lenient and errors under strict', () => {
  for (const { op, profile, label } of profileCases()) {
    const targets: MutationTarget[] = [...op.responses.map((r) => r.status), 400, 429, ...(op.requestDefinition ? ['request' as const] : [])];
    for (const target of targets) {
      propertyTest(FILE, `${label} ${target}: grades lenient-only variants`, () => gradesLenientVariants(VALIDATORS[profile], op, target));
    }
  }
});
