import { describe } from 'vitest';
import type { Operation } from '../../src/catalogue/index.js';
import type { MutationTarget } from '../../properties/mutations/mutation.js';
import { profileCases, propertyTest, UNKNOWN_FIELDS_AS_ERRORS, VALIDATORS } from './harness.js';
import { gradesLenientVariants } from './laws.js';

const FILE = 'suites/properties/lenient.test.ts';

/** Every status an operation answers (its declared ones, an error and a 429) and its request. */
function targetsOf(op: Operation): MutationTarget[] {
  return [...op.responses.map((r) => r.status), 400, 429, ...(op.requestDefinition ? ['request' as const] : [])];
}

/**
 * Null optional fields, numeric IDs, unknown enum values (a new category) and a string
 * `subCategory`: warnings under `lenient`, errors under `strict`. Extra fields: warnings under both
 * (objects are open in the published spec), errors under both with unknown fields set to error
 * (src/validate/profiles.ts). For every status an endpoint answers and for its request.
 */
describe('lenient variants are warnings under lenient and errors under strict, but for undeclared fields: warnings under both', () => {
  for (const { op, profile, label } of profileCases()) {
    for (const target of targetsOf(op)) {
      propertyTest(FILE, `${label} ${target}: grades lenient variants`, () =>
        gradesLenientVariants(VALIDATORS[profile], op, target),
      );
    }
  }
});

describe('with unknown fields set to error, undeclared fields in lenient variants are errors under both profiles', () => {
  for (const { op, profile, label } of profileCases()) {
    for (const target of targetsOf(op)) {
      propertyTest(FILE, `${label} ${target}, unknown fields as errors: grades lenient variants`, () =>
        gradesLenientVariants(UNKNOWN_FIELDS_AS_ERRORS[profile], op, target),
      );
    }
  }
});
