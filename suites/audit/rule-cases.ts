/**
 * One minimal old/new pair per rule, named by rule id. `schema` cases are a body schema placed in
 * the request or the response (so the test can also place it on the other side and prove the rule
 * is direction-aware); `docs` cases are whole documents; `structure` cases are bare JSON Structure
 * documents (compared definition by definition).
 */
import {
  archivePath,
  jsonResponse,
  openapi,
  operationObject,
  readDoc,
  readPath,
  structureDoc,
  type Json,
  type Side,
} from './fixtures.js';
import type { Direction } from '../../src/audit/rules/index.js';

/** A pair of body schemas in one direction. */
export interface SchemaCase {
  readonly kind: 'schema';
  readonly direction: Direction;
  readonly old: Json;
  readonly new: Json;
  readonly components?: Json;
}

/** A pair of whole documents. */
export interface DocsCase {
  readonly kind: 'docs';
  readonly old: Json;
  readonly new: Json;
}

/** A pair of bare JSON Structure documents. */
export interface StructureCase {
  readonly kind: 'structure';
  readonly old: Json;
  readonly new: Json;
}

/** Any rule case. */
export type RuleCase = SchemaCase | DocsCase | StructureCase;

const request = (old: Json, next: Json, components?: Json): SchemaCase => ({
  kind: 'schema',
  direction: 'request',
  old,
  new: next,
  ...(components ? { components } : {}),
});
const response = (old: Json, next: Json, components?: Json): SchemaCase => ({
  kind: 'schema',
  direction: 'response',
  old,
  new: next,
  ...(components ? { components } : {}),
});
const docs = (build: (side: Side) => Json, buildNew?: (side: Side) => Json): DocsCase => ({
  kind: 'docs',
  old: build('old'),
  new: (buildNew ?? build)('new'),
});

const object = (properties: Json, required: string[] = [], extra: Json = {}): Json => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
  ...extra,
});
const string: Json = { type: 'string' };
const CATEGORY_OLD = ['HUBSPOT_DEFINED', 'INTEGRATOR_DEFINED', 'USER_DEFINED'];
const CATEGORY_NEW = [...CATEGORY_OLD, 'WORK'];
const AB_COMPONENTS: Json = { schemas: { A: object({ a: string }), B: object({ b: string }) } };

const withStatuses =
  (statuses: Record<string, Json | null>) =>
  (side: Side): Json =>
    readDoc(side, {
      responses: Object.fromEntries(Object.entries(statuses).map(([status, schema]) => [status, jsonResponse(schema)])),
    });

const BATCH = object({ status: string, results: { type: 'array', items: string } }, ['status', 'results']);
const WITH_ERRORS = object(
  {
    status: string,
    results: { type: 'array', items: string },
    errors: { type: 'array', items: object({ message: string }) },
    numErrors: { type: 'integer' },
  },
  ['status', 'results'],
);
const NAMED: Json = {
  schemas: { Batch: BATCH, BatchWithErrors: WITH_ERRORS },
};
const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const namedStatuses =
  (statuses: Record<string, string | null>) =>
  (side: Side): Json =>
    readDoc(
      side,
      {
        responses: Object.fromEntries(
          Object.entries(statuses).map(([status, name]) => [status, jsonResponse(name === null ? null : ref(name))]),
        ),
      },
      NAMED,
    );

const twoOperations = (side: Side, archive: Json = operationObject()): Json =>
  openapi({ [readPath(side)]: { post: operationObject() }, [archivePath(side)]: { post: archive } });
const oneOperation = (side: Side): Json => openapi({ [readPath(side)]: { post: operationObject() } });

const body = (
  required: boolean,
  content: Json = { 'application/json': { schema: object({ inputs: { type: 'array', items: string } }) } },
): Json => ({ required, content });
const withParameters =
  (extra: Json[]) =>
  (side: Side): Json =>
    readDoc(side, { parameters: [...(operationObject().parameters as Json[]), ...extra] });
const limit = (parts: Json = {}): Json => ({ name: 'limit', in: 'query', schema: { type: 'integer' }, ...parts });

/** The cases, by rule id (every registered rule must have one: the suite checks). */
export const RULE_CASES: Readonly<Record<string, RuleCase>> = {
  // Operations.
  'operation-removed': docs((side) => (side === 'old' ? twoOperations(side) : oneOperation(side))),
  'deprecated-operation-removed': docs((side) =>
    side === 'old' ? twoOperations(side, operationObject({ deprecated: true })) : oneOperation(side),
  ),
  'operation-added': docs((side) => (side === 'old' ? oneOperation(side) : twoOperations(side))),
  'operation-deprecated': docs((side) => readDoc(side, side === 'new' ? { deprecated: true } : {})),
  // Definitions of bare JSON Structure documents.
  'definition-removed': {
    kind: 'structure',
    old: structureDoc({
      A: { type: 'object', properties: { a: { type: 'string' } } },
      B: { type: 'object', properties: { b: { type: 'string' } } },
    }),
    new: structureDoc({ A: { type: 'object', properties: { a: { type: 'string' } } } }),
  },
  'definition-added': {
    kind: 'structure',
    old: structureDoc({ A: { type: 'object', properties: { a: { type: 'string' } } } }),
    new: structureDoc({
      A: { type: 'object', properties: { a: { type: 'string' } } },
      B: { type: 'object', properties: { b: { type: 'string' } } },
    }),
  },
  // Statuses.
  'response-success-status-removed': docs(withStatuses({ '200': BATCH, '207': BATCH }), withStatuses({ '200': BATCH })),
  'response-success-status-changed': docs(withStatuses({ '201': BATCH }), withStatuses({ '200': BATCH })),
  'response-success-status-added': docs(withStatuses({ '200': BATCH }), withStatuses({ '200': BATCH, '207': BATCH })),
  'response-errors-split': docs(
    namedStatuses({ '200': 'BatchWithErrors' }),
    namedStatuses({ '200': 'Batch', '207': 'BatchWithErrors' }),
  ),
  'response-errors-merged': docs(
    namedStatuses({ '201': 'Batch', '207': 'BatchWithErrors' }),
    namedStatuses({ '200': 'BatchWithErrors' }),
  ),
  'response-non-success-status-removed': docs(
    withStatuses({ '200': BATCH, '404': object({ message: string }) }),
    withStatuses({ '200': BATCH }),
  ),
  'response-non-success-status-added': docs(
    withStatuses({ '200': BATCH }),
    withStatuses({ '200': BATCH, '429': object({ message: string }) }),
  ),
  // One response.
  'response-body-removed': docs(withStatuses({ '200': BATCH }), withStatuses({ '200': null })),
  'response-body-added': docs(withStatuses({ '200': null }), withStatuses({ '200': BATCH })),
  'response-media-type-removed': docs(
    (side) =>
      readDoc(side, {
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: BATCH }, 'application/xml': { schema: BATCH } },
          },
        },
      }),
    (side) => readDoc(side, { responses: { '200': jsonResponse(BATCH) } }),
  ),
  'response-required-header-removed': docs(
    (side) =>
      readDoc(side, {
        responses: {
          '200': jsonResponse(BATCH, {
            headers: { 'X-HubSpot-RateLimit-Remaining': { required: true, schema: { type: 'integer' } } },
          }),
        },
      }),
    (side) => readDoc(side, { responses: { '200': jsonResponse(BATCH) } }),
  ),
  'response-optional-header-removed': docs(
    (side) =>
      readDoc(side, { responses: { '200': jsonResponse(BATCH, { headers: { Location: { schema: string } } }) } }),
    (side) => readDoc(side, { responses: { '200': jsonResponse(BATCH) } }),
  ),
  // The request body as a whole.
  'request-body-became-required': docs(
    (side) => readDoc(side, { requestBody: body(false) }),
    (side) => readDoc(side, { requestBody: body(true) }),
  ),
  'request-body-removed': docs(
    (side) => readDoc(side, { requestBody: body(true) }),
    (side) => readDoc(side),
  ),
  'request-media-type-removed': docs(
    (side) =>
      readDoc(side, {
        requestBody: body(true, {
          'application/json': { schema: BATCH },
          'application/x-www-form-urlencoded': { schema: BATCH },
        }),
      }),
    (side) => readDoc(side, { requestBody: body(true, { 'application/json': { schema: BATCH } }) }),
  ),
  // Parameters.
  'new-required-parameter': docs(withParameters([]), withParameters([limit({ required: true })])),
  'new-optional-parameter': docs(withParameters([]), withParameters([limit()])),
  'parameter-removed': docs(withParameters([limit()]), withParameters([])),
  'parameter-became-required': docs(withParameters([limit()]), withParameters([limit({ required: true })])),
  'parameter-became-optional': docs(withParameters([limit({ required: true })]), withParameters([limit()])),
  'parameter-deprecated': docs(withParameters([limit()]), withParameters([limit({ deprecated: true })])),
  // Request schemas.
  'new-required-request-property': request(
    object({ id: string }, ['id']),
    object({ id: string, after: string }, ['id', 'after']),
  ),
  'new-optional-request-property': request(
    object({ id: string }, ['id']),
    object({ id: string, after: string }, ['id']),
  ),
  'request-property-became-required': request(
    object({ id: string, after: string }, ['id']),
    object({ id: string, after: string }, ['id', 'after']),
  ),
  'request-property-became-optional': request(
    object({ id: string, after: string }, ['id', 'after']),
    object({ id: string, after: string }, ['id']),
  ),
  'request-property-removed': request(object({ id: string, after: string }, ['id']), object({ id: string }, ['id'])),
  'request-type-changed': request(
    object({ maxToObjectIds: { type: 'number' } }),
    object({ maxToObjectIds: { type: 'integer' } }),
  ),
  'request-type-widened': request(
    object({ maxToObjectIds: { type: 'integer' } }),
    object({ maxToObjectIds: { type: 'number' } }),
  ),
  'request-format-changed': request(
    object({ typeId: { type: 'integer', format: 'int64' } }),
    object({ typeId: { type: 'integer', format: 'int32' } }),
  ),
  'request-enum-value-removed': request(
    object({ category: { type: 'string', enum: CATEGORY_NEW } }),
    object({ category: { type: 'string', enum: CATEGORY_OLD } }),
  ),
  'request-enum-value-added': request(
    object({ category: { type: 'string', enum: CATEGORY_OLD } }),
    object({ category: { type: 'string', enum: CATEGORY_NEW } }),
  ),
  'request-limits-tightened': request(
    object({ inputs: { type: 'array', items: string, maxItems: 1000 } }),
    object({ inputs: { type: 'array', items: string, maxItems: 100 } }),
  ),
  'request-limits-loosened': request(
    object({ inputs: { type: 'array', items: string, maxItems: 100 } }),
    object({ inputs: { type: 'array', items: string, maxItems: 1000 } }),
  ),
  'request-nullable-removed': request(object({ after: { type: 'string', nullable: true } }), object({ after: string })),
  'request-nullable-added': request(object({ after: string }), object({ after: { type: 'string', nullable: true } })),
  'request-additional-properties-closed': request(
    object({ id: string }),
    object({ id: string }, [], { additionalProperties: false }),
  ),
  'request-variant-removed': request(
    object({ input: { oneOf: [ref('A'), ref('B')] } }),
    object({ input: { oneOf: [ref('A')] } }),
    AB_COMPONENTS,
  ),
  // Response schemas.
  'response-required-property-removed': response(
    object({ status: string, results: string }, ['status', 'results']),
    object({ status: string }, ['status']),
  ),
  'response-optional-property-removed': response(
    object({ category: string, fromObjectTypeId: string }, ['category']),
    object({ category: string }, ['category']),
  ),
  'response-property-became-optional': response(
    object({ status: string, requestedAt: string }, ['status', 'requestedAt']),
    object({ status: string, requestedAt: string }, ['status']),
  ),
  'response-property-became-required': response(
    object({ status: string, requestedAt: string }, ['status']),
    object({ status: string, requestedAt: string }, ['status', 'requestedAt']),
  ),
  'response-property-added': response(
    object({ category: string }),
    object({ category: string, fromObjectTypeId: string }),
  ),
  'response-type-changed': response(
    object({ toObjectId: { type: 'integer', format: 'int32' } }),
    object({ toObjectId: string }),
  ),
  'response-type-narrowed': response(object({ count: { type: 'number' } }), object({ count: { type: 'integer' } })),
  'response-format-changed': response(
    object({ value: { type: 'integer', format: 'int32' } }),
    object({ value: { type: 'integer', format: 'int64' } }),
  ),
  'response-enum-value-added': response(
    object({ category: { type: 'string', enum: CATEGORY_OLD } }),
    object({ category: { type: 'string', enum: CATEGORY_NEW } }),
  ),
  'response-enum-value-removed': response(
    object({ status: { type: 'string', enum: ['CANCELED', 'COMPLETE'] } }),
    object({ status: { type: 'string', enum: ['COMPLETE'] } }),
  ),
  'response-nullable-added': response(
    object({ requestedAt: { type: 'string', format: 'date-time' } }),
    object({ requestedAt: { type: 'string', format: 'date-time', nullable: true } }),
  ),
  'response-nullable-removed': response(
    object({ label: { type: 'string', nullable: true } }),
    object({ label: string }),
  ),
  'response-limits-loosened': response(
    object({ label: { type: 'string', maxLength: 10 } }),
    object({ label: { type: 'string', maxLength: 20 } }),
  ),
  'response-limits-tightened': response(
    object({ label: { type: 'string', maxLength: 20 } }),
    object({ label: { type: 'string', maxLength: 10 } }),
  ),
  'response-variant-added': response(
    object({ item: { oneOf: [ref('A')] } }),
    object({ item: { oneOf: [ref('A'), ref('B')] } }),
    AB_COMPONENTS,
  ),
  // Either direction (the suite checks both).
  'property-deprecated': response(object({ link: string }), object({ link: { type: 'string', deprecated: true } })),
};
