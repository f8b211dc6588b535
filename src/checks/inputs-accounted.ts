import type { EndpointId } from '../catalogue/index.js';
import type { Finding } from '../registry/finding.js';
import { field, findingFor, responseJson } from './support.js';
import type { ExchangeCheck, ObservedExchange } from './types.js';

/** The batch endpoints whose answers account for their inputs (PUT default sends none). */
const BATCH_ENDPOINTS = ['batch-read', 'batch-associate-default', 'configurations-batch-create'] as const satisfies readonly EndpointId[];
type BatchEndpoint = (typeof BATCH_ENDPOINTS)[number];

function isBatchEndpoint(endpoint: EndpointId): endpoint is BatchEndpoint {
  return (BATCH_ENDPOINTS as readonly string[]).includes(endpoint);
}

/** One batch input as the check judges it. */
interface JudgedInput {
  /** Its position in `inputs`, for errors that point at it by path (`inputs[3].from.id`). */
  readonly index: number;
  /** Keys a result answering it may carry (associate default: either direction of the pair). */
  readonly resultKeys: readonly string[];
  /** The IDs an error names it by, HubSpot's way (its key ID; associate default: from or to). */
  readonly ids: readonly string[];
  /** How a finding lists it. */
  readonly label: string;
}

/** An ID as JSON carries it (a string, or a number from a lenient provider); anything else names nothing. */
function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

const pair = (from: string, to: string): string => `${from}->${to}`;

/** The inputs sent, each with the keys it is known by; an input without a usable key is not judged. */
function judgedInputs(endpoint: BatchEndpoint, sent: unknown): JudgedInput[] {
  const inputs = field(sent, 'inputs');
  if (!Array.isArray(inputs)) return [];
  const judged: JudgedInput[] = [];
  inputs.forEach((input: unknown, index) => {
    switch (endpoint) {
      case 'batch-read': {
        const id = scalar(field(input, 'id'));
        if (id !== undefined) judged.push({ index, resultKeys: [id], ids: [id], label: id });
        return;
      }
      case 'batch-associate-default': {
        const from = scalar(field(field(input, 'from'), 'id'));
        const to = scalar(field(field(input, 'to'), 'id'));
        // HubSpot answers a pair in both directions (FACTS.md §1 leaves the count unverified), and its
        // error names the from ID, or the to ID when that one was bad.
        if (from !== undefined && to !== undefined) judged.push({ index, resultKeys: [pair(from, to), pair(to, from)], ids: [from, to], label: pair(from, to) });
        return;
      }
      case 'configurations-batch-create': {
        const typeId = scalar(field(input, 'typeId'));
        if (typeId !== undefined) judged.push({ index, resultKeys: [typeId], ids: [typeId], label: `typeId ${typeId}` });
        return;
      }
    }
  });
  return judged;
}

/** The keys the answer's `results` account for. */
function resultKeys(endpoint: BatchEndpoint, body: unknown): Set<string> {
  const keys = new Set<string>();
  const results = field(body, 'results');
  if (!Array.isArray(results)) return keys;
  for (const result of results) {
    let key: string | undefined;
    switch (endpoint) {
      case 'batch-read':
        key = scalar(field(field(result, 'from'), 'id'));
        break;
      case 'batch-associate-default': {
        const from = scalar(field(field(result, 'from'), 'id'));
        const to = scalar(field(field(result, 'to'), 'id'));
        key = from === undefined || to === undefined ? undefined : pair(from, to);
        break;
      }
      case 'configurations-batch-create':
        key = scalar(field(result, 'typeId'));
        break;
    }
    if (key !== undefined) keys.add(key);
  }
  return keys;
}

/** What the answer's errors name: exact values, whole words of text, and input positions. */
interface Named {
  readonly values: Set<string>;
  readonly positions: Set<number>;
}

/**
 * Whole tokens of a text, so input "1" is not named by an error about "10". A trailing hyphen is
 * dropped too ("101->202" names 101).
 */
function addTokens(text: string, into: Set<string>): void {
  for (const token of text.split(/[^A-Za-z0-9_-]+/)) {
    if (token === '') continue;
    into.add(token);
    const trimmed = token.replace(/-+$/, '');
    if (trimmed !== '') into.add(trimmed);
  }
}

/** `inputs[3]`, `inputs.3`, `/inputs/3`: a field path that names an input by its position. */
const INPUT_POSITION = /\binputs(?:\[(\d+)\]|[./](\d+))/g;

/**
 * A `context` map as the spec declares it (StandardError and ErrorDetail: string -> string[],
 * FACTS.md §5): every value of every list names something (`ids`, `typeId`, `fromObjectId`, ...).
 * The docs' string form (`"{ids=[1, 2]}"`, FACTS.md §7.3) is read as text.
 */
function addContext(context: unknown, named: Named): void {
  if (typeof context === 'string') return addTokens(context, named.values);
  if (typeof context !== 'object' || context === null || Array.isArray(context)) return;
  for (const value of Object.values(context as Record<string, unknown>)) {
    const list = Array.isArray(value) ? (value as unknown[]) : [value];
    for (const item of list) {
      const id = scalar(item);
      if (id !== undefined) named.values.add(id);
    }
  }
}

/**
 * A field path or parameter (`in`): the input position it points at, and the ID in it as a whole
 * token. The position's digits are not an ID: `inputs[1].typeId` does not name type 1.
 */
function addIn(value: unknown, named: Named): void {
  if (typeof value !== 'string') return;
  for (const match of value.matchAll(INPUT_POSITION)) named.positions.add(Number(match[1] ?? match[2]));
  named.values.add(value);
  addTokens(value.replace(INPUT_POSITION, ' '), named.values);
}

/**
 * Everything the answer's `errors` (StandardError[]) name an input by, as HubSpot writes them
 * (FACTS.md §5): the error's `id`, its `context` value lists, `in` (on the error or on its
 * `errors[]` ErrorDetails), their `context`s, and the messages as whole tokens.
 */
function namedByErrors(body: unknown): Named {
  const named: Named = { values: new Set(), positions: new Set() };
  const errors = field(body, 'errors');
  if (!Array.isArray(errors)) return named;
  for (const error of errors) {
    const id = scalar(field(error, 'id'));
    if (id !== undefined) named.values.add(id);
    addContext(field(error, 'context'), named);
    addIn(field(error, 'in'), named);
    const message = field(error, 'message');
    if (typeof message === 'string') addTokens(message, named.values);
    const details = field(error, 'errors');
    if (!Array.isArray(details)) continue;
    for (const detail of details) {
      addContext(field(detail, 'context'), named);
      addIn(field(detail, 'in'), named);
      const text = field(detail, 'message');
      if (typeof text === 'string') addTokens(text, named.values);
    }
  }
  return named;
}

/**
 * How many inputs the answer's errors can answer for at most: each error one, or as many as it
 * lists (context value lists, ErrorDetails). HubSpot's errors name a shared from ID, so names
 * alone cannot tell which of several pairs of one record failed; the count can still tell when
 * more inputs went missing than there are errors to explain them.
 */
function errorCapacity(body: unknown): number {
  const errors = field(body, 'errors');
  if (!Array.isArray(errors)) return 0;
  let capacity = 0;
  for (const error of errors) {
    const context = field(error, 'context');
    const listed = typeof context === 'object' && context !== null && !Array.isArray(context) ? Object.values(context as Record<string, unknown>).reduce<number>((sum, value) => sum + (Array.isArray(value) ? value.length : 1), 0) : 0;
    const details = field(error, 'errors');
    capacity += Math.max(1, listed, Array.isArray(details) ? details.length : 0);
  }
  return capacity;
}

const ID = 'inputs-accounted';

/** The batch answer to judge: a conformance request answered 2xx with a JSON object body. */
function judgeable(observed: ObservedExchange): { endpoint: BatchEndpoint; body: unknown; inputs: JudgedInput[] } | undefined {
  const endpoint = observed.operation.endpoint;
  const status = observed.exchange.response?.status;
  if (!isBatchEndpoint(endpoint) || observed.intent !== 'conformance' || status === undefined || Math.floor(status / 100) !== 2) return undefined;
  const body = responseJson(observed);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  return { endpoint, body, inputs: judgedInputs(endpoint, observed.sent) };
}

/**
 * Every input of a batch is accounted for: it has a result, or an error names it the way HubSpot
 * does (its key ID in the error's `id`, `context`, `in` or message; or its position in `in`). A
 * batch that silently drops inputs is the worst kind of partial failure: the client believes the
 * work done (hubspot-api-php#619 lost the other half: results hidden behind errors). One input may
 * yield more than one result (FACTS.md §1: unverified), so only presence is required. HubSpot's
 * errors name one ID (associate default: the from ID), so an input is never required to be named
 * by both of its IDs.
 */
export const inputsAccounted: ExchangeCheck = {
  id: ID,
  scope: 'exchange',
  description: 'every batch input appears in results or is named by an error',
  caughtFaults: ['input-dropped', 'multi-status-without-errors'],
  endpoints: BATCH_ENDPOINTS,
  notExercisedWhy: 'no batch answer with inputs to account for came back (a conformance request answered 2xx with a JSON body)',
  exercised(observed) {
    return judgeable(observed)?.inputs.length ?? 0;
  },
  check(observed) {
    const judged = judgeable(observed);
    if (!judged || judged.inputs.length === 0) return [];
    const results = resultKeys(judged.endpoint, judged.body);
    const named = namedByErrors(judged.body);
    const missing = [
      ...new Set(
        judged.inputs
          .filter((input) => !input.resultKeys.some((key) => results.has(key)) && !input.ids.some((id) => named.values.has(id)) && !named.positions.has(input.index))
          .map((input) => input.label),
      ),
    ];
    if (missing.length === 0) {
      const withoutResult = [...new Set(judged.inputs.filter((input) => !input.resultKeys.some((key) => results.has(key))).map((input) => input.label))];
      const capacity = errorCapacity(judged.body);
      if (withoutResult.length <= capacity) return [];
      return [
        findingFor(observed, {
          check: ID,
          severity: 'error',
          instancePath: '/errors',
          message: `${withoutResult.length} input(s) have no result but the errors account for at most ${capacity}: more inputs went missing than errors explain (${withoutResult.slice(0, 5).join(', ')}${withoutResult.length > 5 ? ', …' : ''})`,
          expected: `<= ${capacity} inputs without a result`,
          actual: withoutResult.length,
        }),
      ];
    }
    const finding: Finding = {
      check: ID,
      severity: 'error',
      instancePath: '/results',
      message: `${missing.length} input(s) neither in results nor named by an error: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`,
      expected: 'each input in results, or named by an error (id, context, in or message)',
      actual: missing.slice(0, 20),
    };
    return [findingFor(observed, finding)];
  },
};
