import { isSuccess, type EndpointId } from '../catalogue/index.js';
import { field } from '../json.js';
import type { FindingDraft } from '../registry/finding.js';
import { jsonId, type BatchResult, type BatchView } from '../validate/batch-view.js';
import { checkDeclaration } from '../registry/index.js';
import { findingFor } from './support.js';
import type { ExchangeCheck, ObservedExchange } from './types.js';

/** The batch endpoints whose answers account for their inputs (PUT default sends none): where the check applies. */
const BATCH_ENDPOINTS = checkDeclaration('inputs-accounted').endpoints;
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

const pair = (from: string, to: string): string => `${from}->${to}`;

/** The inputs sent, each with the keys it is known by; an input without a usable key is not judged. */
function judgedInputs(endpoint: BatchEndpoint, sent: unknown): JudgedInput[] {
  const inputs = field(sent, 'inputs');
  if (!Array.isArray(inputs)) return [];
  const judged: JudgedInput[] = [];
  inputs.forEach((input: unknown, index) => {
    switch (endpoint) {
      case 'batch-read': {
        const id = jsonId(field(input, 'id'));
        if (id !== undefined) judged.push({ index, resultKeys: [id], ids: [id], label: id });
        return;
      }
      case 'batch-associate-default': {
        const from = jsonId(field(field(input, 'from'), 'id'));
        const to = jsonId(field(field(input, 'to'), 'id'));
        // HubSpot answers a pair in both directions (FACTS.md §1 leaves the count unverified), and its
        // error names the from ID, or the to ID when that one was bad.
        if (from !== undefined && to !== undefined)
          judged.push({ index, resultKeys: [pair(from, to), pair(to, from)], ids: [from, to], label: pair(from, to) });
        return;
      }
      case 'configurations-batch-create': {
        const typeId = jsonId(field(input, 'typeId'));
        if (typeId !== undefined)
          judged.push({ index, resultKeys: [typeId], ids: [typeId], label: `typeId ${typeId}` });
        return;
      }
    }
  });
  return judged;
}

/** The key a result answers an input by, if it names one. */
function resultKey(endpoint: BatchEndpoint, result: BatchResult): string | undefined {
  switch (endpoint) {
    case 'batch-read':
      return result.fromId;
    case 'batch-associate-default':
      return result.fromId === undefined || result.toId === undefined ? undefined : pair(result.fromId, result.toId);
    case 'configurations-batch-create':
      return jsonId(field(result.raw, 'typeId'));
  }
}

/**
 * The keys the answer's `results` account for. A result that names none adds `undefined`, which no input's key
 * (always a string) looks up.
 */
function resultKeys(endpoint: BatchEndpoint, batch: BatchView): ReadonlySet<string | undefined> {
  return new Set(batch.results?.map((result) => resultKey(endpoint, result)));
}

const ID = 'inputs-accounted';

/** The batch answer to judge: a conformance request answered 2xx with a JSON object body. */
function judgeable(
  observed: ObservedExchange,
): { endpoint: BatchEndpoint; batch: BatchView; inputs: JudgedInput[] } | undefined {
  const endpoint = observed.operation.endpoint;
  const response = observed.exchange.response;
  if (!isBatchEndpoint(endpoint) || observed.intent !== 'conformance') return undefined;
  if (!response || !isSuccess(response.status)) return undefined;
  const { batch } = observed;
  if (!batch.isObject) return undefined;
  return { endpoint, batch, inputs: judgedInputs(endpoint, observed.sent) };
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
  ...checkDeclaration(ID),
  exercised(observed) {
    return judgeable(observed)?.inputs.length ?? 0;
  },
  check(observed) {
    const judged = judgeable(observed);
    if (!judged) return [];
    const results = resultKeys(judged.endpoint, judged.batch);
    const named = judged.batch.errorNames;
    const missing = [
      ...new Set(
        judged.inputs
          .filter(
            (input) =>
              !input.resultKeys.some((key) => results.has(key)) &&
              !input.ids.some((id) => named.values.has(id)) &&
              !named.positions.has(input.index),
          )
          .map((input) => input.label),
      ),
    ];
    if (missing.length === 0) {
      const withoutResult = [
        ...new Set(
          judged.inputs
            .filter((input) => !input.resultKeys.some((key) => results.has(key)))
            .map((input) => input.label),
        ),
      ];
      const capacity = judged.batch.errorCapacity;
      if (withoutResult.length <= capacity) return [];
      return [
        findingFor(observed, {
          check: ID,
          instancePath: '/errors',
          message: `${withoutResult.length} input(s) have no result but the errors account for at most ${capacity}: more inputs went missing than errors explain (${withoutResult.slice(0, 5).join(', ')}${withoutResult.length > 5 ? ', …' : ''})`,
          expected: `<= ${capacity} inputs without a result`,
          actual: withoutResult.length,
        }),
      ];
    }
    const finding: FindingDraft = {
      check: ID,
      instancePath: '/results',
      message: `${missing.length} input(s) neither in results nor named by an error: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`,
      expected: 'each input in results, or named by an error (id, context, in or message)',
      actual: missing.slice(0, 20),
    };
    return [findingFor(observed, finding)];
  },
};
