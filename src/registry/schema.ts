import type { CheckDeclaration } from './declaration.js';

/** Why no fault triggers the schema checks the four endpoints' bodies give no site to. */
const NO_SITE =
  "no field of the four endpoints' bodies can break it, so no sandbox fault can " +
  '(suites/sandbox/faults.test.ts); src/registry/registry.spec.ts proves classify() names it';

/**
 * The schema checks: the classes of ajv errors `classify()` (src/validate/schema-findings.ts)
 * sorts every schema error of a body into, in the order they are documented.
 */
export const SCHEMA_DECLARATIONS = [
  {
    id: 'required',
    kind: 'schema',
    scope: 'body',
    description: 'a field the schema requires is missing',
    severity: 'error',
    faults: [
      'missing-status',
      'missing-results',
      'missing-startedAt',
      'missing-completedAt',
      'missing-from',
      'missing-to',
      'missing-associationSpec',
      'missing-associationCategory',
      'missing-associationTypeId',
      'missing-toObjectId',
      'missing-associationTypes',
      'missing-category',
      'missing-typeId',
      'missing-id',
      'missing-paging-after',
    ],
  },
  {
    id: 'status-enum',
    kind: 'schema',
    scope: 'body',
    description: 'the batch status is not one of CANCELED, COMPLETE, PENDING, PROCESSING',
    severity: 'error',
    faults: ['status-cancelled'],
  },
  {
    id: 'enum',
    kind: 'schema',
    scope: 'body',
    description: 'a value is not in its enum',
    severity: 'error',
    faults: ['category-not-in-enum'],
  },
  {
    id: 'type',
    kind: 'schema',
    scope: 'body',
    description: 'a value has the wrong JSON type',
    severity: 'error',
    faults: ['toObjectId-number', 'hostile-id-object', 'id-number', 'typeId-string', 'requestedAt-null'],
  },
  {
    id: 'format',
    kind: 'schema',
    scope: 'body',
    description: 'a string breaks its format (RFC 3339 date-time, uuid, ...)',
    severity: 'error',
    faults: ['startedAt-no-offset', 'completedAt-locale-string'],
  },
  {
    id: 'int32-range',
    kind: 'schema',
    scope: 'body',
    description: 'an int32 field is outside -2^31..2^31-1',
    severity: 'error',
    faults: ['typeId-over-int32'],
  },
  {
    id: 'range',
    kind: 'schema',
    scope: 'body',
    description: 'a number or string-encoded integer is outside its range',
    severity: 'error',
    faults: [],
    noFaultWhy: `no field is a string-encoded integer or a ranged number other than an int32: ${NO_SITE}`,
  },
  {
    id: 'unknown-field',
    kind: 'schema',
    scope: 'body',
    description:
      'an object carries a field its schema does not declare ' +
      '(a warning under both profiles unless unknown fields are set to error)',
    // Objects are open in the spec as published (issue 11 §7).
    severity: 'warning',
    faults: ['unknown-envelope-field'],
  },
  {
    id: 'error-shape',
    kind: 'schema',
    scope: 'body',
    description: 'a StandardError, ErrorDetail, Error or 429 body breaks its shape',
    severity: 'error',
    faults: [
      'error-missing-correlationId',
      'error-correlationId-not-uuid',
      'standard-error-missing-context',
      'error-detail-context-string',
      'standard-error-subCategory-string',
      'rate-limit-body-missing-policyName',
    ],
  },
  {
    id: 'schema',
    kind: 'schema',
    scope: 'body',
    description: 'any other schema keyword failed',
    severity: 'error',
    faults: [],
    noFaultWhy: `the schemas use no other keyword on those bodies: ${NO_SITE}`,
  },
] as const satisfies readonly CheckDeclaration[];
