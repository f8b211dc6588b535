import { describe, expect, it } from 'vitest';
import { operation } from '../../catalogue/index.js';
import { BODY_RULES } from './index.js';
import { multiStatusHasErrors } from './multi-status-has-errors.js';
import { numErrorsMatchesErrors } from './num-errors-matches-errors.js';
import type { BodyContext } from './rule.js';

/** The two rules about a batch's errors: `numErrors` against `errors`, and a 207's errors. */

const op = operation('batch-read', 'v4');
const response = (status: number): BodyContext => ({ operation: op, direction: 'response', status, profile: 'strict' });
const ERROR = { status: 'error', category: 'OBJECT_NOT_FOUND', message: 'No contact with ID 9 exists' };

describe('the body rules', () => {
  it('run in the registry order, each under its id', () => {
    expect(BODY_RULES.map((rule) => rule.id)).toEqual([
      'num-errors-matches-errors',
      'timestamps-ordered',
      'multi-status-has-errors',
    ]);
  });
});

describe('num-errors-matches-errors', () => {
  it('says where numErrors differs from the errors listed', () => {
    expect(numErrorsMatchesErrors.check({ numErrors: 2, errors: [ERROR] }, response(200))).toEqual([
      {
        check: 'num-errors-matches-errors',
        severity: 'error',
        instancePath: '/numErrors',
        message: 'numErrors is 2 but errors holds 1',
        expected: 1,
        actual: 2,
      },
    ]);
    expect(numErrorsMatchesErrors.check({ numErrors: 0, errors: [ERROR] }, response(207))).toHaveLength(1);
  });

  it('is silent where they agree, or where either is missing or of another type', () => {
    for (const body of [
      { numErrors: 1, errors: [ERROR] },
      { numErrors: 0, errors: [] },
      { numErrors: 3 },
      { errors: [ERROR] },
      { numErrors: '2', errors: [ERROR] },
      { numErrors: 2, errors: { 0: ERROR } },
      {},
    ]) {
      expect(numErrorsMatchesErrors.check(body, response(207)), JSON.stringify(body)).toEqual([]);
    }
  });

  it('reads own fields only (a body may carry a `__proto__` key)', () => {
    const body = JSON.parse('{"__proto__":{"numErrors":5},"errors":[]}') as Record<string, unknown>;
    expect(numErrorsMatchesErrors.check(body, response(200))).toEqual([]);
  });
});

describe('multi-status-has-errors', () => {
  it('a 207 answer with an empty errors list', () => {
    expect(multiStatusHasErrors.check({ results: [], errors: [] }, response(207))).toEqual([
      {
        check: 'multi-status-has-errors',
        severity: 'error',
        instancePath: '/errors',
        message: 'a 207 body has an empty errors array',
        expected: 'at least one StandardError',
        actual: [],
      },
    ]);
  });

  it('a 207 answer without an errors list, or with something else there', () => {
    expect(multiStatusHasErrors.check({ results: [] }, response(207))).toEqual([
      expect.objectContaining({
        instancePath: '/errors',
        message: 'a 207 body has no errors array',
        actual: 'absent',
      }),
    ]);
    expect(multiStatusHasErrors.check({ errors: 'none' }, response(207))).toEqual([
      expect.objectContaining({ message: 'a 207 body has no errors array', actual: 'none' }),
    ]);
  });

  it('is silent for a 207 with errors, for any other status, and for requests', () => {
    expect(multiStatusHasErrors.check({ errors: [ERROR] }, response(207))).toEqual([]);
    for (const status of [200, 201, 206, 208, 400])
      expect(multiStatusHasErrors.check({}, response(status))).toEqual([]);
    expect(
      multiStatusHasErrors.check({}, { operation: op, direction: 'request', status: 207, profile: 'strict' }),
    ).toEqual([]);
    expect(multiStatusHasErrors.check({}, { operation: op, direction: 'response', profile: 'lenient' })).toEqual([]);
  });
});
