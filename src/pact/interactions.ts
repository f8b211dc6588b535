import { MatchersV3 } from '@pact-foundation/pact';
import {
  allOperations,
  buildPath,
  ERROR_STATUSES,
  isSuccess,
  type ApiVersion,
  type EndpointId,
  type Operation,
} from '../catalogue/index.js';
import { declares } from '../../properties/schema/definitions.js';
import type { ConsumerCall } from './consumers/model.js';
import { pathParamsOf } from './consumers/request.js';
import { overLimitExample, successExample, unauthorizedExample } from './examples.js';
import type { JsonMap } from './json.js';
import { bodyTemplate, type Template } from './matchers.js';
import { CONTRACT_TOKEN, REVOKED_TOKEN, type ConsumerName } from './names.js';
import { readsFor, SUCCESS_STATUS_RELIANCE, type InteractionKind } from './reliance.js';
import {
  DEFAULT_CONTACT_COMPANY_TYPE,
  EXAMPLE_IDS,
  PRIMARY_CONTACT_COMPANY_LABEL,
  providerState,
  type ProviderStateName,
} from './states/index.js';

/**
 * The interactions of a consumer's contract, derived from the catalogue: for every endpoint x
 * version the consumer can call, a success; a partial failure where the version can express one
 * (a 207, or a 200 whose definition carries `errors`); batch read's second page; the 401 every
 * endpoint answers without a valid token; and the 400 above the input limit. Pure data: the
 * consumer tests turn each into a PactV4 interaction and drive a real consumer with its `call`.
 */

/** One interaction, with the consumer call that produces its request. */
export interface InteractionSpec {
  readonly consumer: ConsumerName;
  readonly endpoint: EndpointId;
  readonly apiVersion: ApiVersion;
  readonly kind: InteractionKind;
  /** Unique within the pact file; what the verifier prints. */
  readonly description: string;
  readonly state?: { readonly name: ProviderStateName; readonly params: JsonMap };
  /** The bearer token the consumer sends (a placeholder, or the revoked one for 401s). */
  readonly token: string;
  /** What the consumer is asked to do, with the example values. */
  readonly call: ConsumerCall;
  readonly request: {
    readonly method: 'POST' | 'PUT';
    /** The example path the consumer sends. */
    readonly path: string;
    /** The same path with `${name}` where the provider state injects a value. */
    readonly pathExpression?: string;
    readonly body?: Template;
  };
  readonly response: {
    readonly status: number;
    /** `class`: any 2xx satisfies the consumer (a status-code matching rule); `exact`: only `status`. */
    readonly statusMatch: 'class' | 'exact';
    readonly definition: string;
    readonly body: Template;
  };
}

const PAIR = { fromObjectType: 'contacts', toObjectType: 'companies' } as const;

type InjectedName = keyof typeof EXAMPLE_IDS;

/** A value the provider state supplies at verification time; the example at consumer-test time. */
function injected(name: InjectedName): Template {
  return MatchersV3.fromProviderState(`\${${name}}`, EXAMPLE_IDS[name]);
}

/** Whether the version can answer "some inputs failed" for the endpoint (PUT default has one pair: no partial). */
function hasPartial(op: Operation): boolean {
  if (op.endpoint === 'associate-default') return false;
  const success = op.responses.find((r) => r.kind === 'success');
  return (
    op.responses.some((r) => r.kind === 'partial') ||
    (success !== undefined && declares(op.apiVersion, success.definition, 'errors'))
  );
}

function kindsOf(op: Operation): InteractionKind[] {
  return [
    'success',
    ...(hasPartial(op) ? (['partial'] as const) : []),
    ...(op.endpoint === 'batch-read' ? (['paging'] as const) : []),
    'unauthorized',
    ...(op.maxInputs !== undefined ? (['over-limit'] as const) : []),
  ];
}

interface Shaped {
  readonly state?: { readonly name: ProviderStateName; readonly params: JsonMap };
  readonly call: ConsumerCall;
  readonly body?: Template;
  /** Path parameters the state injects, by parameter name. */
  readonly injectPath?: Readonly<Record<string, InjectedName>>;
}

function stateOf(name: ProviderStateName): { readonly name: ProviderStateName; readonly params: JsonMap } {
  return { name, params: providerState(name).params };
}

/** Over the limit: distinct IDs from the consumer; the contract matches any array of at least that many. */
function overLimit(op: Operation): Shaped {
  const count = (op.maxInputs ?? 0) + 1;
  const ids = Array.from({ length: count }, (_, i) => String(BigInt(EXAMPLE_IDS.contactId) + BigInt(i)));
  return {
    call: { endpoint: 'batch-read', apiVersion: op.apiVersion, ...PAIR, inputs: ids.map((id) => ({ id })) },
    body: { inputs: MatchersV3.atLeastLike({ id: MatchersV3.string(EXAMPLE_IDS.contactId) }, count) },
  };
}

function batchRead(op: Operation, kind: InteractionKind): Shaped {
  if (kind === 'over-limit') return overLimit(op);
  const names: InjectedName[] = kind === 'partial' ? ['contactId', 'missingContactId'] : ['contactId'];
  const state =
    kind === 'partial'
      ? stateOf(
          'contact {contactId} is associated with company {companyId} and contact {missingContactId} does not exist',
        )
      : kind === 'paging'
        ? stateOf('contact {contactId} has {n} company associations, more than one page')
        : stateOf('contact {contactId} is associated with company {companyId}');
  const call: ConsumerCall = {
    endpoint: 'batch-read',
    apiVersion: op.apiVersion,
    ...PAIR,
    inputs: names.map((name) => ({ id: EXAMPLE_IDS[name] })),
  };
  if (kind === 'unauthorized') return { call, body: { inputs: names.map((name) => ({ id: EXAMPLE_IDS[name] })) } };
  return { state, call, body: { inputs: names.map((name) => ({ id: injected(name) })) } };
}

function batchAssociateDefault(op: Operation, kind: InteractionKind): Shaped {
  const pairs: [InjectedName, InjectedName][] =
    kind === 'partial'
      ? [
          ['contactId', 'companyId'],
          ['contactId', 'missingCompanyId'],
        ]
      : [['contactId', 'companyId']];
  const call: ConsumerCall = {
    endpoint: 'batch-associate-default',
    apiVersion: op.apiVersion,
    ...PAIR,
    pairs: pairs.map(([from, to]) => ({ fromId: EXAMPLE_IDS[from], toId: EXAMPLE_IDS[to] })),
  };
  if (kind === 'unauthorized')
    return {
      call,
      body: { inputs: pairs.map(([from, to]) => ({ from: { id: EXAMPLE_IDS[from] }, to: { id: EXAMPLE_IDS[to] } })) },
    };
  const state =
    kind === 'partial'
      ? stateOf('contact {contactId} and company {companyId} exist and company {missingCompanyId} does not')
      : stateOf('contact {contactId} and company {companyId} exist');
  return {
    state,
    call,
    body: { inputs: pairs.map(([from, to]) => ({ from: { id: injected(from) }, to: { id: injected(to) } })) },
  };
}

function configurationsBatchCreate(op: Operation, kind: InteractionKind): Shaped {
  // The 207: the object limit is lowered to 5, then a label limit of 50 above it fails (FACTS §3).
  const limits =
    kind === 'partial'
      ? [
          { ...DEFAULT_CONTACT_COMPANY_TYPE, maxToObjectIds: 5 },
          { ...PRIMARY_CONTACT_COMPANY_LABEL, maxToObjectIds: 50 },
        ]
      : [{ ...DEFAULT_CONTACT_COMPANY_TYPE, maxToObjectIds: 100 }];
  const call: ConsumerCall = { endpoint: 'configurations-batch-create', apiVersion: op.apiVersion, ...PAIR, limits };
  const body = { inputs: limits.map((limit) => ({ ...limit })) };
  if (kind === 'unauthorized') return { call, body };
  const state =
    kind === 'partial'
      ? stateOf('a limit configuration exists for {fromObjectType}/{toObjectType}')
      : stateOf('no limit configuration exists for {fromObjectType}/{toObjectType}');
  return { state, call, body };
}

function associateDefault(op: Operation, kind: InteractionKind): Shaped {
  const call: ConsumerCall = {
    endpoint: 'associate-default',
    apiVersion: op.apiVersion,
    fromObjectType: 'contacts',
    fromId: EXAMPLE_IDS.contactId,
    toObjectType: 'companies',
    toId: EXAMPLE_IDS.companyId,
  };
  if (kind === 'unauthorized') return { call };
  return {
    state: stateOf('contact {contactId} and company {companyId} exist'),
    call,
    injectPath: { fromObjectId: 'contactId', toObjectId: 'companyId' },
  };
}

const SHAPES: Readonly<Record<EndpointId, (op: Operation, kind: InteractionKind) => Shaped>> = {
  'batch-read': batchRead,
  'batch-associate-default': batchAssociateDefault,
  'configurations-batch-create': configurationsBatchCreate,
  'associate-default': associateDefault,
};

/** The path with `${name}` in place of injected parameters (built through `buildPath`, then marked). */
function pathExpression(op: Operation, call: ConsumerCall, inject: Readonly<Record<string, InjectedName>>): string {
  const marks: Record<string, string> = {};
  const params = { ...pathParamsOf(call) };
  for (const [param, name] of Object.entries(inject)) {
    marks[`hsacstate${param}`] = `\${${name}}`;
    params[param] = `hsacstate${param}`;
  }
  let path = buildPath(op, params);
  for (const [mark, expression] of Object.entries(marks)) path = path.replace(mark, expression);
  return path;
}

function responseOf(op: Operation, kind: InteractionKind): { status: number; definition: string; body: Template } {
  if (kind === 'unauthorized' || kind === 'over-limit') {
    const unauthorized = kind === 'unauthorized';
    const example = unauthorized ? unauthorizedExample(op.apiVersion) : overLimitExample(op);
    return {
      status: unauthorized ? ERROR_STATUSES.unauthorized : ERROR_STATUSES.badRequest,
      definition: op.errorDefinition,
      body: bodyTemplate(op.apiVersion, op.errorDefinition, example, readsFor(op.endpoint, kind)),
    };
  }
  const success = op.responses.find((r) => r.kind === 'success');
  const partial = op.responses.find((r) => r.kind === 'partial');
  const declared = kind === 'partial' ? (partial ?? success) : success;
  if (!declared) throw new Error(`${op.endpoint} ${op.apiVersion} declares no success response`);
  const example = successExample(op.endpoint, op.apiVersion, declared.status);
  return {
    status: declared.status,
    definition: declared.definition,
    body: bodyTemplate(op.apiVersion, declared.definition, example, readsFor(op.endpoint, kind)),
  };
}

function describe(op: Operation, kind: InteractionKind, status: number): string {
  const what: Record<InteractionKind, string> = {
    success: `success (${status})`,
    partial: status === 207 ? 'one input fails (207 multi-status)' : `one input fails (${status} with errors)`,
    paging: `more than one page (${status} with paging.next.after)`,
    unauthorized: 'no valid token (401)',
    'over-limit': `more than ${op.maxInputs ?? 0} inputs (400)`,
  };
  return `${op.endpoint} ${op.apiVersion}: ${what[kind]}`;
}

/**
 * Every interaction of a consumer's contract, in catalogue order; `supports` says which endpoint x
 * version pairs the consumer can call at all (hsac: every one; the SDK: those its client exposes).
 */
export function interactionsFor(
  consumer: ConsumerName,
  supports: (endpoint: EndpointId, apiVersion: ApiVersion) => boolean,
): InteractionSpec[] {
  return allOperations()
    .filter((op) => supports(op.endpoint, op.apiVersion))
    .flatMap((op) =>
      kindsOf(op).map((kind): InteractionSpec => {
        const shaped = SHAPES[op.endpoint](op, kind);
        const response = responseOf(op, kind);
        const request = {
          method: op.method,
          path: buildPath(op, pathParamsOf(shaped.call)),
          ...(shaped.injectPath ? { pathExpression: pathExpression(op, shaped.call, shaped.injectPath) } : {}),
          ...(shaped.body === undefined ? {} : { body: shaped.body }),
        };
        return {
          consumer,
          endpoint: op.endpoint,
          apiVersion: op.apiVersion,
          kind,
          description: describe(op, kind, response.status),
          ...(shaped.state ? { state: shaped.state } : {}),
          token: kind === 'unauthorized' ? REVOKED_TOKEN : CONTRACT_TOKEN,
          call: shaped.call,
          request,
          response: {
            ...response,
            statusMatch: isSuccess(response.status) ? (SUCCESS_STATUS_RELIANCE[consumer] ?? 'exact') : 'exact',
          },
        };
      }),
    );
}
