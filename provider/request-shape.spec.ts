import { describe, expect, it } from 'vitest';
import { allOperations, API_VERSIONS } from '../src/catalogue/index.js';
import { requestBodyProblem } from './request-shape.js';

const VALID: Readonly<Record<string, unknown>> = {
  BatchInputPublicFetchAssociationsBatchRequest: { inputs: [{ id: '1' }, { id: '2', after: 'MQ' }] },
  BatchInputPublicDefaultAssociationMultiPost: { inputs: [{ from: { id: '1' }, to: { id: '2' } }] },
  BatchInputPublicAssociationDefinitionConfigurationCreateRequest: {
    inputs: [{ category: 'USER_DEFINED', typeId: 142, maxToObjectIds: 4 }],
  },
};

const READ = 'BatchInputPublicFetchAssociationsBatchRequest';
const CONFIGURE = 'BatchInputPublicAssociationDefinitionConfigurationCreateRequest';
const problem = (definition: string, body: unknown, items = true) =>
  requestBodyProblem('2026-03', definition, body, { items });

describe("request shape, read from the version's request definitions", () => {
  it('accepts a valid body of every request definition the catalogue uses, in every version', () => {
    const used = allOperations().flatMap((op) =>
      op.requestDefinition === undefined ? [] : [[op.apiVersion, op.requestDefinition] as const],
    );
    expect(used).toHaveLength(3 * API_VERSIONS.length);
    for (const [version, definition] of used)
      expect(
        requestBodyProblem(version, definition, VALID[definition], { items: true }),
        `${version} ${definition}`,
      ).toBeUndefined();
  });

  it('binds as a Java backend does: numbers to string IDs, null to an absent optional field, undeclared fields ignored', () => {
    expect(
      problem(READ, { inputs: [{ id: 9001 }, { id: 1.5 }, { id: '1', after: null, archived: true }], extra: 1 }),
    ).toBeUndefined();
  });

  it('names the first problem, with its path, in HubSpot\'s "Invalid input JSON" wording', () => {
    expect(problem(READ, undefined)).toBe('Invalid input JSON: expected a JSON object with "inputs", got no body');
    expect(problem(READ, { inputs: [{ id: '1' }, { id: true }] })).toBe(
      'Invalid input JSON: inputs[1].id must be a string, got boolean true',
    );
    expect(problem(CONFIGURE, { inputs: [{ category: 'WORK', typeId: '142', maxToObjectIds: 1 }] })).toBe(
      'Invalid input JSON: inputs[0].typeId must be a 32-bit integer, got string "142"',
    );
    expect(problem(CONFIGURE, { inputs: [{ category: 'work', typeId: 1, maxToObjectIds: 1 }] })).toMatch(
      /inputs\[0\]\.category must be one of HUBSPOT_DEFINED, INTEGRATOR_DEFINED, USER_DEFINED, WORK, got string "work"/,
    );
    expect(problem(READ, { inputs: [{ id: 'x'.repeat(1000), after: {} }] })).toBe(
      'Invalid input JSON: inputs[0].after must be a string, got an object',
    );
    expect(problem(READ, { inputs: [{ id: ['x'.repeat(1000)] }] })?.length).toBeLessThan(100);
  });

  it('judges the envelope alone with items: false, so the input limit can come before the inputs', () => {
    expect(problem(READ, { inputs: [{}] }, false)).toBeUndefined();
    expect(problem(READ, { inputs: {} }, false)).toBe('Invalid input JSON: inputs must be an array, got an object');
    expect(problem(READ, { inputs: [{}] }, true)).toBe('Invalid input JSON: inputs[0].id is required');
  });
});
