import fc from 'fast-check';
import { DEFAULT_API_VERSION } from '../../src/catalogue/index.js';
import { enumOf } from '../schema/definitions.js';
import { oneOf } from './constraints.js';
import { recordId } from './ids.js';
import { errorCategory, errorMessage } from './labels.js';
import { errorContext, links, subCategoryObject } from './maps.js';
import { definitionRecord, type JsonObject, type ShapeConstraints } from './shape.js';

/**
 * Error bodies: `ErrorDetail`, `StandardError` (items of a batch's `errors`), `Error` (every
 * non-2xx) and the 429 body (`RateLimitError`, FACTS.md §6). `subCategory` is an object in a
 * StandardError and a string in an ErrorDetail and an Error, as the spec has it (FACTS.md §7.4).
 */

/** One `ErrorDetail`. */
export function errorDetail(constraints: ShapeConstraints = {}): fc.Arbitrary<JsonObject> {
  const { apiVersion = DEFAULT_API_VERSION, complete = false } = constraints;
  return definitionRecord(
    apiVersion,
    'ErrorDetail',
    {
      message: errorMessage(),
      code: fc.constantFrom('OBJECT_NOT_FOUND', 'INVALID_ASSOCIATION_TYPE', 'MISSING_SCOPES'),
      in: fc.constantFrom('inputs[0].id', 'inputs[1].to.id', 'typeId'),
      subCategory: fc.constantFrom('crm.associations.INVALID_OBJECT_IDS', 'crm.associations.LIMIT_EXCEEDED'),
      context: errorContext({ nonEmpty: complete }),
    },
    { complete },
  );
}

/** One `StandardError`, as HubSpot sends it inside a 207 (`status` is `"error"`, hubspot-api-ruby#403). */
export function standardError(constraints: ShapeConstraints = {}): fc.Arbitrary<JsonObject> {
  const { apiVersion = DEFAULT_API_VERSION, complete = false } = constraints;
  return definitionRecord(
    apiVersion,
    'StandardError',
    {
      status: fc.constant('error'),
      id: recordId(),
      category: errorCategory(),
      subCategory: subCategoryObject({ nonEmpty: complete }),
      message: errorMessage(),
      errors: fc.array(errorDetail({ apiVersion, complete }), { minLength: complete ? 1 : 0, maxLength: 2 }),
      context: errorContext({ nonEmpty: complete }),
      links: links({ nonEmpty: complete }),
    },
    { complete },
  );
}

/** The body of a non-2xx answer other than 429 (the spec's `default`: `Error`). */
export function errorBody(constraints: ShapeConstraints = {}): fc.Arbitrary<JsonObject> {
  const { apiVersion = DEFAULT_API_VERSION, complete = false } = constraints;
  return definitionRecord(
    apiVersion,
    'Error',
    {
      status: fc.constant('error'),
      category: errorCategory(),
      subCategory: fc.constantFrom('crm.associations.INVALID_OBJECT_IDS', 'crm.associations.LIMIT_EXCEEDED'),
      message: errorMessage(),
      correlationId: fc.uuid({ version: 4 }),
      context: errorContext({ nonEmpty: complete }),
      links: links({ nonEmpty: complete }),
      errors: fc.array(errorDetail({ apiVersion, complete }), { minLength: complete ? 1 : 0, maxLength: 2 }),
    },
    { complete },
  );
}

/** Constraints of {@link rateLimitBody}. */
export interface RateLimitConstraints extends ShapeConstraints {
  /** Which limit was hit (default: either, from the schema's enum). */
  readonly policyName?: string;
}

const POLICY_MESSAGES: Readonly<Record<string, string>> = {
  DAILY: 'You have reached your daily limit.',
  TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
};

/** A 429 body (FACTS.md §6): `policyName` is `DAILY` (not retried by the SDK) or `TEN_SECONDLY_ROLLING` (retried). */
export function rateLimitBody(constraints: RateLimitConstraints = {}): fc.Arbitrary<JsonObject> {
  const { apiVersion = DEFAULT_API_VERSION, complete = false } = constraints;
  const policies = enumOf(apiVersion, 'RateLimitError', 'policyName');
  const chosen =
    constraints.policyName === undefined
      ? policies
      : [oneOf('rateLimitBody', 'policyName', constraints.policyName, policies)];
  return fc.constantFrom(...chosen).chain((policyName) =>
    definitionRecord(
      apiVersion,
      'RateLimitError',
      {
        status: fc.constant('error'),
        message: fc.constant(POLICY_MESSAGES[policyName] ?? `You have reached your ${policyName.toLowerCase()} limit.`),
        errorType: fc.constant('RATE_LIMIT'),
        correlationId: fc.uuid({ version: 4 }),
        policyName: fc.constant(policyName),
        requestId: fc.uuid({ version: 4 }),
        category: fc.constant('RATE_LIMITS'),
      },
      { complete },
    ),
  );
}
