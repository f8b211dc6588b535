/**
 * One minimal old/new pair per rule, named by rule id, with what the rule reports on it; then, per rule, its
 * variations: the near misses it must not fire on and the further branches it must take. `schema` pairs are a body
 * schema placed in the request or the response (so the test can also place it on the other side and prove the rule
 * is direction-aware); `docs` pairs are whole documents; `structure` pairs are bare JSON Structure documents (compared
 * definition by definition).
 */
import type { Change } from '../../src/audit/diff.js';
import type { Direction, Severity } from '../../src/audit/rules/index.js';
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

/** A pair of body schemas in one direction. */
export interface SchemaPair {
  readonly kind: 'schema';
  readonly direction: Direction;
  readonly old: Json;
  readonly new: Json;
  readonly components?: Json;
}

/** A pair of whole documents. */
export interface DocsPair {
  readonly kind: 'docs';
  readonly old: Json;
  readonly new: Json;
}

/** A pair of bare JSON Structure documents. */
export interface StructurePair {
  readonly kind: 'structure';
  readonly old: Json;
  readonly new: Json;
}

/** Any pair of documents. */
export type Pair = SchemaPair | DocsPair | StructurePair;

/**
 * Where a rule reports a change and with which values: the change without its rule, direction, operation and message;
 * its severity only where it is not the rule's default (a rule's findings are located, and that location is contract).
 */
export type Reported = Pick<Change, 'status' | 'pointer' | 'instancePath' | 'old' | 'new'> & {
  readonly severity?: Severity;
};

/** What one rule reports on a pair. */
interface Expected {
  /** Every change of the rule, in order; none for a near miss. */
  readonly reports: readonly Reported[];
  /** The messages, where the wording carries a branch of the rule (singular or plural, narrowed or changed). */
  readonly messages?: readonly string[];
}

/** A rule's minimal pair and what it reports there. */
export type RuleCase = Pair &
  Expected & {
    /** The other rules the pair fires as well: a minimal pair fires its own rule alone unless it names them. */
    readonly alsoFires?: readonly string[];
  };

/** Another pair for one rule: a near miss it must stay silent on, or a further branch it must take. */
export interface Variation extends Expected {
  /** What is guarded, as a test title. */
  readonly name: string;
  readonly pair: Pair;
}

const request = (old: Json, next: Json, components?: Json): SchemaPair => ({
  kind: 'schema',
  direction: 'request',
  old,
  new: next,
  ...(components ? { components } : {}),
});
const response = (old: Json, next: Json, components?: Json): SchemaPair => ({
  kind: 'schema',
  direction: 'response',
  old,
  new: next,
  ...(components ? { components } : {}),
});
const docs = (build: (side: Side) => Json, buildNew?: (side: Side) => Json): DocsPair => ({
  kind: 'docs',
  old: build('old'),
  new: (buildNew ?? build)('new'),
});

/** A minimal pair with what its rule reports, and (`more`) the rules it also fires or its messages. */
const fires = (
  pair: Pair,
  reports: readonly Reported[],
  more: { readonly alsoFires?: readonly string[]; readonly messages?: readonly string[] } = {},
): RuleCase => ({ ...pair, reports, ...more });
/** A variation the rule reports on. */
const branch = (name: string, pair: Pair, reports: readonly Reported[], messages?: readonly string[]): Variation => ({
  name,
  pair,
  reports,
  ...(messages ? { messages } : {}),
});
/** A near miss: the rule stays silent. */
const silent = (name: string, pair: Pair): Variation => ({ name, pair, reports: [] });

/** A change at a property of the body: in the request (no status) or in the 200 response. */
const requestAt = (property: string, values: Reported): Reported => ({
  pointer: `/properties/${property}`,
  instancePath: `/${property}`,
  ...values,
});
const responseAt = (property: string, values: Reported): Reported => requestAt(property, { status: '200', ...values });
/** A change of the body as a whole. */
const BODY: Reported = { pointer: '', instancePath: '' };
/** A change of the `limit` query parameter. */
const LIMIT_PARAMETER: Reported = { pointer: '/parameters/query/limit', instancePath: '/parameters/query/limit' };

const object = (properties: Json, required: string[] = [], extra: Json = {}): Json => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
  ...extra,
});
const string: Json = { type: 'string' };
const readOnly: Json = { type: 'string', readOnly: true };
const writeOnly: Json = { type: 'string', writeOnly: true };
const CATEGORY_OLD = ['HUBSPOT_DEFINED', 'INTEGRATOR_DEFINED', 'USER_DEFINED'];
const CATEGORY_NEW = [...CATEGORY_OLD, 'WORK'];
const CATEGORY_OLD_TEXT = '[HUBSPOT_DEFINED, INTEGRATOR_DEFINED, USER_DEFINED]';
const CATEGORY_NEW_TEXT = '[HUBSPOT_DEFINED, INTEGRATOR_DEFINED, USER_DEFINED, WORK]';
const category = (values?: string[], extra: Json = {}): Json =>
  object({ category: { type: 'string', ...(values ? { enum: values } : {}), ...extra } });
const ABC_COMPONENTS: Json = {
  schemas: { A: object({ a: string }), B: object({ b: string }), C: object({ c: string }) },
};

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
/** Each status's body by component name (`Batch`, `BatchWithErrors`), or no body for `null`. */
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
const statusPair = (before: Record<string, string | null>, after: Record<string, string | null>): DocsPair =>
  docs(namedStatuses(before), namedStatuses(after));

const twoOperations = (side: Side, archive: Json = operationObject()): Json =>
  openapi({ [readPath(side)]: { post: operationObject() }, [archivePath(side)]: { post: archive } });
const oneOperation = (side: Side): Json => openapi({ [readPath(side)]: { post: operationObject() } });

const body = (
  required: boolean,
  content: Json = { 'application/json': { schema: object({ inputs: { type: 'array', items: string } }) } },
): Json => ({ required, content });
const withBody =
  (requestBody?: Json) =>
  (side: Side): Json =>
    readDoc(side, requestBody === undefined ? {} : { requestBody });
const withParameters =
  (extra: Json[]) =>
  (side: Side): Json =>
    readDoc(side, { parameters: [...(operationObject().parameters as Json[]), ...extra] });
/** Only the first path parameter declared (the template still has both). */
const withFirstPathParameter = (side: Side): Json =>
  readDoc(side, { parameters: [(operationObject().parameters as Json[])[0]] });
const limit = (parts: Json = {}): Json => ({ name: 'limit', in: 'query', schema: { type: 'integer' }, ...parts });

/** The cases, by rule id (every registered rule must have one: the suite checks). */
export const RULE_CASES: Readonly<Record<string, RuleCase>> = {
  // Operations.
  'operation-removed': fires(
    docs((side) => (side === 'old' ? twoOperations(side) : oneOperation(side))),
    [{ old: '/crm/associations/2026-03/{fromObjectType}/{toObjectType}/batch/archive' }],
  ),
  'deprecated-operation-removed': fires(
    docs((side) => (side === 'old' ? twoOperations(side, operationObject({ deprecated: true })) : oneOperation(side))),
    [{ old: '/crm/associations/2026-03/{fromObjectType}/{toObjectType}/batch/archive' }],
  ),
  'operation-added': fires(
    docs((side) => (side === 'old' ? oneOperation(side) : twoOperations(side))),
    [{ new: '/crm/associations/2026-09/{fromObjectType}/{toObjectType}/batch/archive' }],
  ),
  'operation-deprecated': fires(
    docs((side) => readDoc(side, side === 'new' ? { deprecated: true } : {})),
    [{ old: 'deprecated: false', new: 'deprecated: true' }],
  ),
  // Definitions of bare JSON Structure documents.
  'definition-removed': fires(
    {
      kind: 'structure',
      old: structureDoc({
        A: { type: 'object', properties: { a: { type: 'string' } } },
        B: { type: 'object', properties: { b: { type: 'string' } } },
      }),
      new: structureDoc({ A: { type: 'object', properties: { a: { type: 'string' } } } }),
    },
    [{ old: 'B' }],
  ),
  'definition-added': fires(
    {
      kind: 'structure',
      old: structureDoc({ A: { type: 'object', properties: { a: { type: 'string' } } } }),
      new: structureDoc({
        A: { type: 'object', properties: { a: { type: 'string' } } },
        B: { type: 'object', properties: { b: { type: 'string' } } },
      }),
    },
    [{ new: 'B' }],
  ),
  // Statuses.
  'response-success-status-removed': fires(
    docs(withStatuses({ '200': BATCH, '207': BATCH }), withStatuses({ '200': BATCH })),
    [{ status: '207', old: '207' }],
    { messages: ['success status 207 is no longer declared (new: 200)'] },
  ),
  'response-success-status-changed': fires(docs(withStatuses({ '201': BATCH }), withStatuses({ '200': BATCH })), [
    { status: '201→200', old: '201', new: '200' },
  ]),
  'response-success-status-added': fires(
    docs(withStatuses({ '200': BATCH }), withStatuses({ '200': BATCH, '207': BATCH })),
    [{ status: '207', new: '207' }],
    { messages: ['new success status 207; clients that only know 200 must handle it'] },
  ),
  'response-errors-split': fires(
    statusPair({ '200': 'BatchWithErrors' }, { '200': 'Batch', '207': 'BatchWithErrors' }),
    [{ status: '207', old: '200 BatchWithErrors (with errors)', new: '200 Batch + 207 BatchWithErrors' }],
    // The 207 is a new success status, and the 200 body lost the error fields it had.
    { alsoFires: ['response-success-status-added', 'response-optional-property-removed'] },
  ),
  'response-errors-merged': fires(
    statusPair({ '201': 'Batch', '207': 'BatchWithErrors' }, { '200': 'BatchWithErrors' }),
    [{ status: '207', old: '201 Batch + 207 BatchWithErrors', new: '200 BatchWithErrors (with errors)' }],
    // The 207 is gone, the 201 became a 200, and the success body gained the error fields.
    {
      alsoFires: ['response-success-status-removed', 'response-success-status-changed', 'response-property-added'],
    },
  ),
  'response-non-success-status-removed': fires(
    docs(withStatuses({ '200': BATCH, '404': object({ message: string }) }), withStatuses({ '200': BATCH })),
    [{ status: '404', old: '404' }],
  ),
  'response-non-success-status-added': fires(
    docs(withStatuses({ '200': BATCH }), withStatuses({ '200': BATCH, '429': object({ message: string }) })),
    [{ status: '429', new: '429' }],
  ),
  // One response.
  'response-body-removed': fires(docs(withStatuses({ '200': BATCH }), withStatuses({ '200': null })), [
    { ...BODY, status: '200', old: '(inline schema)', new: '(no body)' },
  ]),
  'response-body-added': fires(docs(withStatuses({ '200': null }), withStatuses({ '200': BATCH })), [
    { ...BODY, status: '200', old: '(no body)', new: '(inline schema)' },
  ]),
  'response-media-type-removed': fires(
    docs(
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
    [
      {
        status: '200',
        pointer: '/content/application~1xml',
        instancePath: '/content/application~1xml',
        old: 'application/xml',
      },
    ],
  ),
  'response-required-header-removed': fires(
    docs(
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
    [
      {
        status: '200',
        pointer: '/headers/X-HubSpot-RateLimit-Remaining',
        instancePath: '/headers/X-HubSpot-RateLimit-Remaining',
        old: 'X-HubSpot-RateLimit-Remaining',
      },
    ],
  ),
  'response-optional-header-removed': fires(
    docs(
      (side) =>
        readDoc(side, { responses: { '200': jsonResponse(BATCH, { headers: { Location: { schema: string } } }) } }),
      (side) => readDoc(side, { responses: { '200': jsonResponse(BATCH) } }),
    ),
    [{ status: '200', pointer: '/headers/Location', instancePath: '/headers/Location', old: 'Location' }],
  ),
  // The request body as a whole.
  'request-body-became-required': fires(
    docs(withBody(body(false)), withBody(body(true))),
    [{ ...BODY, old: 'optional', new: 'required' }],
    { messages: ['the request body became required'] },
  ),
  'request-body-removed': fires(docs(withBody(body(true)), withBody()), [{ ...BODY, old: 'body', new: '(no body)' }]),
  'request-media-type-removed': fires(
    docs(
      withBody(
        body(true, {
          'application/json': { schema: BATCH },
          'application/x-www-form-urlencoded': { schema: BATCH },
        }),
      ),
      withBody(body(true, { 'application/json': { schema: BATCH } })),
    ),
    [
      {
        pointer: '/content/application~1x-www-form-urlencoded',
        instancePath: '/content/application~1x-www-form-urlencoded',
        old: 'application/x-www-form-urlencoded',
      },
    ],
  ),
  // Parameters.
  'new-required-parameter': fires(docs(withParameters([]), withParameters([limit({ required: true })])), [
    { ...LIMIT_PARAMETER, new: 'query limit' },
  ]),
  'new-optional-parameter': fires(docs(withParameters([]), withParameters([limit()])), [
    { ...LIMIT_PARAMETER, new: 'query limit' },
  ]),
  'parameter-removed': fires(docs(withParameters([limit()]), withParameters([])), [
    { ...LIMIT_PARAMETER, old: 'query limit' },
  ]),
  'parameter-became-required': fires(docs(withParameters([limit()]), withParameters([limit({ required: true })])), [
    { ...LIMIT_PARAMETER, old: 'optional', new: 'required' },
  ]),
  'parameter-became-optional': fires(docs(withParameters([limit({ required: true })]), withParameters([limit()])), [
    { ...LIMIT_PARAMETER, old: 'required', new: 'optional' },
  ]),
  'parameter-deprecated': fires(docs(withParameters([limit()]), withParameters([limit({ deprecated: true })])), [
    { ...LIMIT_PARAMETER, old: 'deprecated: false', new: 'deprecated: true' },
  ]),
  // Request schemas.
  'new-required-request-property': fires(
    request(object({ id: string }, ['id']), object({ id: string, after: string }, ['id', 'after'])),
    [requestAt('after', { new: 'required' })],
  ),
  'new-optional-request-property': fires(
    request(object({ id: string }, ['id']), object({ id: string, after: string }, ['id'])),
    [requestAt('after', { new: 'optional' })],
  ),
  'request-property-became-required': fires(
    request(object({ id: string, after: string }, ['id']), object({ id: string, after: string }, ['id', 'after'])),
    [requestAt('after', { old: 'optional', new: 'required' })],
  ),
  'request-property-became-optional': fires(
    request(object({ id: string, after: string }, ['id', 'after']), object({ id: string, after: string }, ['id'])),
    [requestAt('after', { old: 'required', new: 'optional' })],
  ),
  'request-property-removed': fires(
    request(object({ id: string, after: string }, ['id']), object({ id: string }, ['id'])),
    [requestAt('after', { old: 'optional' })],
    { messages: ['request property after was removed'] },
  ),
  'request-type-changed': fires(
    request(object({ maxToObjectIds: { type: 'number' } }), object({ maxToObjectIds: { type: 'integer' } })),
    [requestAt('maxToObjectIds', { old: 'number', new: 'integer' })],
    { messages: ['request type narrowed from number to integer'] },
  ),
  'request-type-widened': fires(
    request(object({ maxToObjectIds: { type: 'integer' } }), object({ maxToObjectIds: { type: 'number' } })),
    [requestAt('maxToObjectIds', { old: 'integer', new: 'number' })],
  ),
  'request-format-changed': fires(
    request(
      object({ typeId: { type: 'integer', format: 'int64' } }),
      object({ typeId: { type: 'integer', format: 'int32' } }),
    ),
    [requestAt('typeId', { old: 'integer/int64', new: 'integer/int32' })],
    { messages: ['request format changed from int64 to int32'] },
  ),
  'request-enum-value-removed': fires(
    request(category(CATEGORY_NEW), category(CATEGORY_OLD)),
    [requestAt('category', { old: CATEGORY_NEW_TEXT, new: CATEGORY_OLD_TEXT })],
    { messages: ['request enum value [WORK] removed'] },
  ),
  'request-enum-value-added': fires(
    request(category(CATEGORY_OLD), category(CATEGORY_NEW)),
    [requestAt('category', { old: CATEGORY_OLD_TEXT, new: CATEGORY_NEW_TEXT })],
    { messages: ['request enum value [WORK] added'] },
  ),
  'request-limits-tightened': fires(
    request(
      object({ inputs: { type: 'array', items: string, maxItems: 1000 } }),
      object({ inputs: { type: 'array', items: string, maxItems: 100 } }),
    ),
    [requestAt('inputs', { old: 'maxItems: 1000', new: 'maxItems: 100' })],
  ),
  'request-limits-loosened': fires(
    request(
      object({ inputs: { type: 'array', items: string, maxItems: 100 } }),
      object({ inputs: { type: 'array', items: string, maxItems: 1000 } }),
    ),
    [requestAt('inputs', { old: 'maxItems: 100', new: 'maxItems: 1000' })],
  ),
  'request-nullable-removed': fires(
    request(object({ after: { type: 'string', nullable: true } }), object({ after: string })),
    [requestAt('after', { old: 'string|null', new: 'string' })],
  ),
  'request-nullable-added': fires(
    request(object({ after: string }), object({ after: { type: 'string', nullable: true } })),
    [requestAt('after', { old: 'string', new: 'string|null' })],
  ),
  'request-additional-properties-closed': fires(
    request(object({ id: string }), object({ id: string }, [], { additionalProperties: false })),
    [{ ...BODY, old: 'additionalProperties: open', new: 'additionalProperties: false' }],
  ),
  'request-variant-removed': fires(
    request(
      object({ input: { oneOf: [ref('A'), ref('B'), ref('C')] } }),
      object({ input: { oneOf: [ref('A'), ref('B')] } }),
      ABC_COMPONENTS,
    ),
    [requestAt('input', { old: 'A | B | C', new: 'A | B' })],
    { messages: ['request alternative C removed'] },
  ),
  // Response schemas.
  'response-required-property-removed': fires(
    response(
      object({ status: string, results: string }, ['status', 'results']),
      object({ status: string }, ['status']),
    ),
    [responseAt('results', { old: 'required', new: '(absent)' })],
  ),
  'response-optional-property-removed': fires(
    response(
      object({ category: string, fromObjectTypeId: string }, ['category']),
      object({ category: string }, ['category']),
    ),
    [responseAt('fromObjectTypeId', { old: 'optional', new: '(absent)' })],
  ),
  'response-property-became-optional': fires(
    response(
      object({ status: string, requestedAt: string }, ['status', 'requestedAt']),
      object({ status: string, requestedAt: string }, ['status']),
    ),
    [responseAt('requestedAt', { old: 'required', new: 'optional' })],
  ),
  'response-property-became-required': fires(
    response(
      object({ status: string, requestedAt: string }, ['status']),
      object({ status: string, requestedAt: string }, ['status', 'requestedAt']),
    ),
    [responseAt('requestedAt', { old: 'optional', new: 'required' })],
  ),
  'response-property-added': fires(
    response(object({ category: string }), object({ category: string, fromObjectTypeId: string })),
    [responseAt('fromObjectTypeId', { new: 'optional' })],
    { messages: ['new optional response property fromObjectTypeId'] },
  ),
  'response-type-changed': fires(
    response(object({ toObjectId: { type: 'integer', format: 'int32' } }), object({ toObjectId: string })),
    [responseAt('toObjectId', { old: 'integer/int32', new: 'string' })],
    { messages: ['response type changed from integer/int32 to string'] },
  ),
  'response-type-narrowed': fires(
    response(object({ count: { type: 'number' } }), object({ count: { type: 'integer' } })),
    [responseAt('count', { old: 'number', new: 'integer' })],
  ),
  'response-format-changed': fires(
    response(
      object({ value: { type: 'integer', format: 'int32' } }),
      object({ value: { type: 'integer', format: 'int64' } }),
    ),
    [responseAt('value', { old: 'integer/int32', new: 'integer/int64' })],
    { messages: ['response format changed from int32 to int64'] },
  ),
  'response-enum-value-added': fires(
    response(category(CATEGORY_OLD), category(CATEGORY_NEW)),
    [responseAt('category', { old: CATEGORY_OLD_TEXT, new: CATEGORY_NEW_TEXT })],
    { messages: ['response enum value [WORK] added'] },
  ),
  'response-enum-value-removed': fires(
    response(
      object({ status: { type: 'string', enum: ['CANCELED', 'COMPLETE'] } }),
      object({ status: { type: 'string', enum: ['COMPLETE'] } }),
    ),
    [responseAt('status', { old: '[CANCELED, COMPLETE]', new: '[COMPLETE]' })],
    { messages: ['response enum value [CANCELED] removed'] },
  ),
  'response-nullable-added': fires(
    response(
      object({ requestedAt: { type: 'string', format: 'date-time' } }),
      object({ requestedAt: { type: 'string', format: 'date-time', nullable: true } }),
    ),
    [responseAt('requestedAt', { old: 'string/date-time', new: 'string/date-time|null' })],
  ),
  'response-nullable-removed': fires(
    response(object({ label: { type: 'string', nullable: true } }), object({ label: string })),
    [responseAt('label', { old: 'string|null', new: 'string' })],
  ),
  'response-limits-loosened': fires(
    response(
      object({ label: { type: 'string', maxLength: 10 } }),
      object({ label: { type: 'string', maxLength: 20 } }),
    ),
    [responseAt('label', { old: 'maxLength: 10', new: 'maxLength: 20' })],
  ),
  'response-limits-tightened': fires(
    response(
      object({ label: { type: 'string', maxLength: 20 } }),
      object({ label: { type: 'string', maxLength: 10 } }),
    ),
    [responseAt('label', { old: 'maxLength: 20', new: 'maxLength: 10' })],
  ),
  'response-variant-added': fires(
    response(
      object({ item: { oneOf: [ref('A'), ref('B')] } }),
      object({ item: { oneOf: [ref('A'), ref('B'), ref('C')] } }),
      ABC_COMPONENTS,
    ),
    [responseAt('item', { old: 'A | B', new: 'A | B | C' })],
    { messages: ['response alternative C added'] },
  ),
  // Either direction (the suite checks both).
  'property-deprecated': fires(
    response(object({ link: string }), object({ link: { type: 'string', deprecated: true } })),
    [responseAt('link', { old: 'deprecated: false', new: 'deprecated: true' })],
  ),
};

/** Near misses and further branches, by rule id: what a minimal pair alone cannot tell. */
export const RULE_VARIATIONS: Readonly<Record<string, readonly Variation[]>> = {
  // Statuses.
  'response-success-status-removed': [
    branch(
      'with every status gone, the message says none is left',
      docs(withStatuses({ '200': BATCH, '207': BATCH }), (side) => readDoc(side, { responses: {} })),
      [
        { status: '200', old: '200' },
        { status: '207', old: '207' },
      ],
      ['success status 200 is no longer declared (new: none)', 'success status 207 is no longer declared (new: none)'],
    ),
  ],
  'response-success-status-added': [
    branch(
      'the message names the old success statuses only, not the error ones',
      docs(
        withStatuses({ '200': BATCH, '404': object({ message: string }) }),
        withStatuses({ '200': BATCH, '404': object({ message: string }), '207': BATCH }),
      ),
      [{ status: '207', new: '207' }],
      ['new success status 207; clients that only know 200 must handle it'],
    ),
    branch(
      'where the old version had no success status, the message says so',
      docs(
        withStatuses({ '404': object({ message: string }) }),
        withStatuses({ '404': object({ message: string }), '200': BATCH }),
      ),
      [{ status: '200', new: '200' }],
      ['new success status 200; clients that only know none must handle it'],
    ),
  ],
  'response-errors-split': [
    silent(
      'a 207 the old version already declared is no split',
      statusPair({ '200': 'BatchWithErrors', '207': 'BatchWithErrors' }, { '200': 'Batch', '207': 'BatchWithErrors' }),
    ),
    silent(
      'a new 207 whose body carries no errors is no split',
      statusPair({ '200': 'BatchWithErrors' }, { '200': 'Batch', '207': 'Batch' }),
    ),
    silent(
      'a success body that had no errors has none to split out',
      statusPair({ '200': 'Batch' }, { '200': 'Batch', '207': 'BatchWithErrors' }),
    ),
    silent(
      'a success body that keeps its errors beside a new 207 is no split',
      statusPair({ '200': 'BatchWithErrors' }, { '200': 'BatchWithErrors', '207': 'BatchWithErrors' }),
    ),
    silent(
      'an error status losing its errors beside a new 207 is no split: only success bodies count',
      statusPair(
        { '200': 'Batch', '400': 'BatchWithErrors' },
        { '200': 'Batch', '207': 'BatchWithErrors', '400': 'Batch' },
      ),
    ),
    silent(
      'status keys that are not exact 2xx codes (1200, 2000) carry no success body',
      statusPair(
        { '1200': 'BatchWithErrors', '2000': 'BatchWithErrors' },
        { '1200': 'Batch', '2000': 'Batch', '207': 'BatchWithErrors' },
      ),
    ),
    branch(
      'a split across a changed success code names both codes',
      statusPair({ '201': 'BatchWithErrors' }, { '200': 'Batch', '207': 'BatchWithErrors' }),
      [{ status: '207', old: '201 BatchWithErrors (with errors)', new: '200 Batch + 207 BatchWithErrors' }],
    ),
    branch(
      'a success body left with no body at all is a split too',
      statusPair({ '200': 'BatchWithErrors' }, { '200': null, '207': 'BatchWithErrors' }),
      [{ status: '207', old: '200 BatchWithErrors (with errors)', new: '200 (no body) + 207 BatchWithErrors' }],
    ),
  ],
  'response-errors-merged': [
    silent(
      'a 207 the new version still declares is no merge',
      statusPair({ '200': 'Batch', '207': 'BatchWithErrors' }, { '200': 'BatchWithErrors', '207': 'BatchWithErrors' }),
    ),
    silent(
      'a removed 207 that carried no errors has none to merge',
      statusPair({ '200': 'Batch', '207': 'Batch' }, { '200': 'BatchWithErrors' }),
    ),
    silent(
      'a success body that already carried errors gains none',
      statusPair({ '200': 'BatchWithErrors', '207': 'BatchWithErrors' }, { '200': 'BatchWithErrors' }),
    ),
    silent(
      'a removed 207 whose errors the success body does not take is a removal, not a merge',
      statusPair({ '200': 'Batch', '207': 'BatchWithErrors' }, { '200': 'Batch' }),
    ),
    branch(
      'a merge into the same success code names it on both sides',
      statusPair({ '200': 'Batch', '207': 'BatchWithErrors' }, { '200': 'BatchWithErrors' }),
      [{ status: '207', old: '200 Batch + 207 BatchWithErrors', new: '200 BatchWithErrors (with errors)' }],
    ),
    branch(
      'a success response that had no body is named so',
      statusPair({ '200': null, '207': 'BatchWithErrors' }, { '200': 'BatchWithErrors' }),
      [{ status: '207', old: '200 (no body) + 207 BatchWithErrors', new: '200 BatchWithErrors (with errors)' }],
    ),
  ],
  // The request body.
  'request-body-became-required': [
    branch(
      'a required body where there was none',
      docs(withBody(), withBody(body(true))),
      [{ ...BODY, old: '(no body)', new: 'required' }],
      ['a required request body was added'],
    ),
    silent('an optional body where there was none', docs(withBody(), withBody(body(false)))),
  ],
  'request-media-type-removed': [
    silent('a body where there was none removes no media type', docs(withBody(), withBody(body(true)))),
    silent(
      'a body whose content is emptied is not a media type removal',
      docs(withBody(body(true)), withBody(body(true, {}))),
    ),
  ],
  // Parameters.
  'new-required-parameter': [
    silent(
      'a path parameter declared on the new side only is part of the template both share',
      docs(withFirstPathParameter, withParameters([])),
    ),
  ],
  'parameter-removed': [
    silent(
      'a path parameter declared on the old side only is part of the template both share',
      docs(withParameters([]), withFirstPathParameter),
    ),
  ],
  'parameter-became-optional': [
    silent(
      'a required parameter removed did not become optional',
      docs(withParameters([limit({ required: true })]), withParameters([])),
    ),
  ],
  // Request schemas.
  'new-required-request-property': [
    silent(
      'a readOnly property added as required is never sent',
      request(object({ id: string }), object({ id: string, createdAt: readOnly }, ['createdAt'])),
    ),
  ],
  'new-optional-request-property': [
    silent(
      'a readOnly property added is never sent',
      request(object({ id: string }), object({ id: string, createdAt: readOnly })),
    ),
    branch(
      'a writeOnly property added is sent',
      request(object({ id: string }), object({ id: string, secret: writeOnly })),
      [requestAt('secret', { new: 'optional' })],
    ),
  ],
  'request-property-became-required': [
    silent(
      'a readOnly property that became required is never sent',
      request(object({ id: string, createdAt: readOnly }), object({ id: string, createdAt: readOnly }, ['createdAt'])),
    ),
  ],
  'request-property-became-optional': [
    silent(
      'a readOnly property that became optional is never sent',
      request(object({ id: string, createdAt: readOnly }, ['createdAt']), object({ id: string, createdAt: readOnly })),
    ),
    silent(
      'a required property removed did not become optional',
      request(object({ id: string, after: string }, ['id', 'after']), object({ id: string }, ['id'])),
    ),
  ],
  'request-property-removed': [
    silent(
      'a readOnly property removed was never sent',
      request(object({ id: string, createdAt: readOnly }), object({ id: string })),
    ),
    branch(
      'a required property removed from a closed object: requests still sending it are refused',
      request(
        object({ id: string, after: string }, ['id', 'after']),
        object({ id: string }, ['id'], { additionalProperties: false }),
      ),
      [requestAt('after', { old: 'required' })],
      ['request property after was removed and the object is closed: requests still sending it are refused'],
    ),
  ],
  'request-type-changed': [
    branch(
      'an incompatible type is a change, not a narrowing',
      request(object({ id: string }), object({ id: { type: 'integer' } })),
      [requestAt('id', { old: 'string', new: 'integer' })],
      ['request type changed from string to integer'],
    ),
    silent(
      'a wider type breaks no request',
      request(object({ id: { type: 'integer' } }), object({ id: { type: 'number' } })),
    ),
  ],
  'request-type-widened': [
    branch(
      'a format dropped with the type kept widens',
      request(object({ id: { type: 'integer', format: 'int32' } }), object({ id: { type: 'integer' } })),
      [requestAt('id', { old: 'integer/int32', new: 'integer' })],
    ),
    branch(
      'int32 -> int64 widens',
      request(
        object({ id: { type: 'integer', format: 'int32' } }),
        object({ id: { type: 'integer', format: 'int64' } }),
      ),
      [requestAt('id', { old: 'integer/int32', new: 'integer/int64' })],
    ),
    silent(
      'an incompatible type that drops its format is no widening',
      request(object({ id: { type: 'integer', format: 'int64' } }), object({ id: string })),
    ),
  ],
  'request-format-changed': [
    branch(
      'a format added to a type that had none',
      request(object({ id: { type: 'integer' } }), object({ id: { type: 'integer', format: 'int32' } })),
      [requestAt('id', { old: 'integer', new: 'integer/int32' })],
      ['request format changed from (none) to int32'],
    ),
    branch(
      'an incompatible format (date-time -> date)',
      request(
        object({ at: { type: 'string', format: 'date-time' } }),
        object({ at: { type: 'string', format: 'date' } }),
      ),
      [requestAt('at', { old: 'string/date-time', new: 'string/date' })],
    ),
    silent(
      'a format added along with a type change is the type change alone',
      request(object({ id: { type: 'number' } }), object({ id: { type: 'integer', format: 'int32' } })),
    ),
    silent(
      'a wider format breaks no request',
      request(
        object({ id: { type: 'integer', format: 'int32' } }),
        object({ id: { type: 'integer', format: 'int64' } }),
      ),
    ),
  ],
  'request-enum-value-removed': [
    branch(
      'an enum imposed on a free value',
      request(category(), category(['A', 'B'])),
      [requestAt('category', { old: '(any value)', new: '[A, B]' })],
      ['the request value is now limited to [A, B]'],
    ),
    branch(
      'two values removed',
      request(category(['A', 'B', 'C']), category(['A'])),
      [requestAt('category', { old: '[A, B, C]', new: '[A]' })],
      ['request enum values [B, C] removed'],
    ),
    silent('an enum dropped removes no value', request(category(['A']), category())),
  ],
  'request-enum-value-added': [
    branch(
      'an enum dropped: any value is accepted',
      request(category(['A', 'B']), category()),
      [requestAt('category', { old: '[A, B]', new: '(any value)' })],
      ['the request value is no longer limited to an enum'],
    ),
    branch(
      'two values added',
      request(category(['A']), category(['A', 'B', 'C'])),
      [requestAt('category', { old: '[A]', new: '[A, B, C]' })],
      ['request enum values [B, C] added'],
    ),
    silent('an enum imposed on a free value adds no value', request(category(), category(['A']))),
  ],
  'request-limits-tightened': [
    branch(
      'a limit added where there was none',
      request(
        object({ ids: { type: 'array', items: string } }),
        object({ ids: { type: 'array', items: string, maxItems: 100 } }),
      ),
      [requestAt('ids', { old: 'maxItems: (none)', new: 'maxItems: 100' })],
    ),
    branch(
      'a changed pattern admits other values: tightened',
      request(object({ id: { type: 'string', pattern: '^a' } }), object({ id: { type: 'string', pattern: '^b' } })),
      [requestAt('id', { old: 'pattern: ^a', new: 'pattern: ^b' })],
    ),
  ],
  'request-limits-loosened': [
    branch(
      'a limit dropped',
      request(
        object({ ids: { type: 'array', items: string, maxItems: 100 } }),
        object({ ids: { type: 'array', items: string } }),
      ),
      [requestAt('ids', { old: 'maxItems: 100', new: 'maxItems: (none)' })],
    ),
    silent(
      'a changed pattern is not a loosening',
      request(object({ id: { type: 'string', pattern: '^a' } }), object({ id: { type: 'string', pattern: '^b' } })),
    ),
  ],
  'request-variant-removed': [
    silent(
      'an alternative added removes none',
      request(
        object({ input: { oneOf: [ref('A'), ref('B')] } }),
        object({ input: { oneOf: [ref('A'), ref('B'), ref('C')] } }),
        ABC_COMPONENTS,
      ),
    ),
  ],
  // Response schemas.
  'response-required-property-removed': [
    silent(
      'a writeOnly property removed was never returned',
      response(
        object({ status: string, secret: writeOnly }, ['status', 'secret']),
        object({ status: string }, ['status']),
      ),
    ),
  ],
  'response-optional-property-removed': [
    silent(
      'a writeOnly property removed was never returned',
      response(object({ status: string, secret: writeOnly }), object({ status: string })),
    ),
  ],
  'response-property-became-optional': [
    silent(
      'a writeOnly property that became optional is never returned',
      response(
        object({ status: string, secret: writeOnly }, ['secret']),
        object({ status: string, secret: writeOnly }),
      ),
    ),
  ],
  'response-property-became-required': [
    silent(
      'a writeOnly property that became required is never returned',
      response(
        object({ status: string, secret: writeOnly }),
        object({ status: string, secret: writeOnly }, ['secret']),
      ),
    ),
  ],
  'response-property-added': [
    branch(
      'a required property added',
      response(object({ category: string }), object({ category: string, label: string }, ['label'])),
      [responseAt('label', { new: 'required' })],
      ['new required response property label'],
    ),
    branch(
      'a readOnly property added is returned',
      response(object({ category: string }), object({ category: string, createdAt: readOnly })),
      [responseAt('createdAt', { new: 'optional' })],
    ),
    silent(
      'a writeOnly property added is never returned',
      response(object({ category: string }), object({ category: string, secret: writeOnly })),
    ),
  ],
  'response-type-changed': [
    branch(
      'a wider type (integer -> number) is reported as widened',
      response(object({ count: { type: 'integer' } }), object({ count: { type: 'number' } })),
      [responseAt('count', { old: 'integer', new: 'number' })],
      ['response type widened from integer to number'],
    ),
    silent(
      'a narrower type breaks no reader',
      response(object({ count: { type: 'number' } }), object({ count: { type: 'integer' } })),
    ),
  ],
  'response-type-narrowed': [
    branch(
      'a format added with the type kept narrows',
      response(object({ count: { type: 'integer' } }), object({ count: { type: 'integer', format: 'int32' } })),
      [responseAt('count', { old: 'integer', new: 'integer/int32' })],
    ),
    branch(
      'int64 -> int32 narrows',
      response(
        object({ count: { type: 'integer', format: 'int64' } }),
        object({ count: { type: 'integer', format: 'int32' } }),
      ),
      [responseAt('count', { old: 'integer/int64', new: 'integer/int32' })],
    ),
    silent(
      'an incompatible type that adds a format is no narrowing',
      response(object({ count: string }), object({ count: { type: 'integer', format: 'int32' } })),
    ),
  ],
  'response-format-changed': [
    branch(
      'a format dropped with the type kept',
      response(object({ value: { type: 'integer', format: 'int32' } }), object({ value: { type: 'integer' } })),
      [responseAt('value', { old: 'integer/int32', new: 'integer' })],
      ['response format changed from int32 to (none)'],
    ),
    branch(
      'an incompatible format (date-time -> date)',
      response(
        object({ at: { type: 'string', format: 'date-time' } }),
        object({ at: { type: 'string', format: 'date' } }),
      ),
      [responseAt('at', { old: 'string/date-time', new: 'string/date' })],
    ),
    silent(
      'a format change along with a type change is the type change alone',
      response(
        object({ value: { type: 'integer', format: 'int32' } }),
        object({ value: { type: 'number', format: 'double' } }),
      ),
    ),
    silent(
      'a narrower format breaks no reader',
      response(
        object({ value: { type: 'integer', format: 'int64' } }),
        object({ value: { type: 'integer', format: 'int32' } }),
      ),
    ),
  ],
  'response-enum-value-added': [
    branch(
      'an enum dropped: any value may come back',
      response(category(['A', 'B']), category()),
      [responseAt('category', { old: '[A, B]', new: '(any value)' })],
      ['the response value is no longer limited to an enum'],
    ),
    branch(
      'two values added',
      response(category(['A']), category(['A', 'B', 'C'])),
      [responseAt('category', { old: '[A]', new: '[A, B, C]' })],
      ['response enum values [B, C] added'],
    ),
    branch(
      'an enum the new version marks open lowers the addition to info',
      response(category(['A']), category(['A', 'B'], { 'x-extensible-enum': true })),
      [responseAt('category', { old: '[A]', new: '[A, B]', severity: 'info' })],
      ['response enum value [B] added (the enum is marked open)'],
    ),
    branch(
      'an enum the old version marked open lowers the addition to info',
      response(category(['A'], { 'x-extensible-enum': true }), category(['A', 'B'])),
      [responseAt('category', { old: '[A]', new: '[A, B]', severity: 'info' })],
    ),
    silent('an enum imposed on a free value adds no value', response(category(), category(['A']))),
  ],
  'response-enum-value-removed': [
    branch(
      'an enum imposed on a free value',
      response(category(), category(['A', 'B'])),
      [responseAt('category', { old: '(any value)', new: '[A, B]' })],
      ['the response value is now limited to [A, B]'],
    ),
    branch(
      'two values removed',
      response(category(['A', 'B', 'C']), category(['A'])),
      [responseAt('category', { old: '[A, B, C]', new: '[A]' })],
      ['response enum values [B, C] removed'],
    ),
    silent('an enum dropped removes no value', response(category(['A']), category())),
  ],
  'response-limits-loosened': [
    branch(
      'a limit dropped',
      response(object({ label: { type: 'string', maxLength: 10 } }), object({ label: string })),
      [responseAt('label', { old: 'maxLength: 10', new: 'maxLength: (none)' })],
    ),
    branch(
      'a changed pattern may return other values: loosened',
      response(object({ id: { type: 'string', pattern: '^a' } }), object({ id: { type: 'string', pattern: '^b' } })),
      [responseAt('id', { old: 'pattern: ^a', new: 'pattern: ^b' })],
    ),
  ],
  'response-limits-tightened': [
    branch(
      'a limit added where there was none',
      response(object({ label: string }), object({ label: { type: 'string', maxLength: 10 } })),
      [responseAt('label', { old: 'maxLength: (none)', new: 'maxLength: 10' })],
    ),
    silent(
      'a changed pattern is not a tightening',
      response(object({ id: { type: 'string', pattern: '^a' } }), object({ id: { type: 'string', pattern: '^b' } })),
    ),
  ],
  'response-variant-added': [
    silent(
      'an alternative removed adds none',
      response(
        object({ item: { oneOf: [ref('A'), ref('B'), ref('C')] } }),
        object({ item: { oneOf: [ref('A'), ref('B')] } }),
        ABC_COMPONENTS,
      ),
    ),
  ],
  'property-deprecated': [
    silent(
      'a deprecated property removed is a removal, not a deprecation',
      response(object({ link: string }), object({ other: { type: 'string', deprecated: true } })),
    ),
  ],
};
