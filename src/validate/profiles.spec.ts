import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_UNKNOWN_FIELD_POLICY,
  isUnknownFieldPolicy,
  PROFILES,
  toleranceFor,
  UNKNOWN_FIELD_POLICIES,
  type ToleranceInput,
} from './profiles.js';

/** An ajv error as the validator hands it to the policy. */
function input(
  keyword: string,
  params: Record<string, unknown>,
  data: unknown,
  site: Partial<ToleranceInput['site']> = {},
  check = 'type',
): ToleranceInput {
  const error: ErrorObject = { keyword, instancePath: '/x', schemaPath: '#/x', params };
  return {
    error,
    data,
    check,
    site: { node: undefined, parent: undefined, property: undefined, definitions: [], ...site },
  };
}

const undeclared = input(
  'additionalProperties',
  { additionalProperty: 'fromObjectTypeId' },
  '0-1',
  {},
  'unknown-field',
);

describe('the unknown-field policy (DESIGN.md "Objects are open in both profiles")', () => {
  it('is warn by default, and only warn or error', () => {
    expect(DEFAULT_UNKNOWN_FIELD_POLICY).toBe('warn');
    expect(UNKNOWN_FIELD_POLICIES).toEqual(['warn', 'error']);
    expect(isUnknownFieldPolicy('error')).toBe(true);
    expect(isUnknownFieldPolicy('ignore')).toBe(false);
  });

  it.each(PROFILES)('%s: an undeclared field is tolerated under every profile by default', (profile) => {
    expect(toleranceFor(profile, undeclared)).toMatchObject({ id: 'unknown-field', under: 'every' });
    expect(toleranceFor(profile, undeclared, 'warn')).toMatchObject({ id: 'unknown-field', under: 'every' });
    expect(toleranceFor(profile, undeclared)?.reason).toMatch(
      /objects are open in the published spec.*fromObjectTypeId/,
    );
  });

  it.each(PROFILES)('%s: not tolerated when unknown fields are errors', (profile) => {
    expect(toleranceFor(profile, undeclared, 'error')).toBeUndefined();
    expect(
      toleranceFor(
        profile,
        input('unevaluatedProperties', { unevaluatedProperty: 'x' }, 1, {}, 'unknown-field'),
        'error',
      ),
    ).toBeUndefined();
  });

  it('leaves the lenient tolerances lenient-only, whatever the unknown-field policy', () => {
    const nullOptional = input('type', { type: 'string' }, null, { parent: { required: [] }, property: 'label' });
    for (const policy of UNKNOWN_FIELD_POLICIES) {
      expect(toleranceFor('strict', nullOptional, policy)).toBeUndefined();
      expect(toleranceFor('lenient', nullOptional, policy)).toMatchObject({ id: 'null-optional', under: 'lenient' });
    }
    expect(
      toleranceFor('lenient', input('enum', { allowedValues: ['CANCELED'] }, 'CANCELLED', {}, 'status-enum')),
    ).toBeUndefined();
  });
});
