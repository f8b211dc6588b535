import type { Operation, ResponseSpec } from '../../src/catalogue/index.js';

/**
 * Hand-built bodies shaped like real HubSpot responses (FACTS.md §7: the docs examples are wrong,
 * so none is copied): string IDs above 2^31, a unicode label, an empty label, offsets and
 * fractional seconds in timestamps. Each builder returns a fresh object, so a test may mutate it.
 */

const STAMPS = {
  requestedAt: '2026-11-20T09:15:02.118Z',
  startedAt: '2026-11-20T09:15:02.204Z',
  completedAt: '2026-11-20T10:15:02.377+01:00',
};

/** A StandardError as HubSpot sends it inside a 207 (hubspot-api-ruby#403). */
export function standardError(id = '999999999999'): Record<string, unknown> {
  return {
    status: 'error',
    id,
    category: 'OBJECT_NOT_FOUND',
    message: `No contact with ID ${id} exists`,
    context: { ids: [id] },
    errors: [{ message: 'Object not found', code: 'OBJECT_NOT_FOUND', in: 'inputs[0].id', context: { ids: [id] } }],
    links: {},
  };
}

function readResult(fromId: string): Record<string, unknown> {
  return {
    from: { id: fromId },
    to: [
      {
        toObjectId: '5434402448',
        associationTypes: [
          { category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' },
          { category: 'USER_DEFINED', typeId: 46, label: 'Décideur · 決定者' },
        ],
      },
      { toObjectId: '901', associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279, label: '' }] },
    ],
    paging: { next: { after: 'MTAw' } },
  };
}

function defaultAssociationResult(): Record<string, unknown> {
  return {
    from: { id: '18450917321' },
    to: { id: '5434402448' },
    associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 },
  };
}

function configurationResult(): Record<string, unknown> {
  return { category: 'USER_DEFINED', typeId: 46, label: 'Décideur', userEnforcedMaxToObjectIds: 5 };
}

/** The `results` items of an operation's success body. */
function resultItem(op: Operation): Record<string, unknown> {
  switch (op.endpoint) {
    case 'batch-read':
      return readResult('18450917321');
    case 'configurations-batch-create':
      return configurationResult();
    case 'batch-associate-default':
    case 'associate-default':
      return defaultAssociationResult();
  }
}

/** A valid body for one declared response of an operation; `partial` responses carry one error. */
export function validResponseBody(op: Operation, response: ResponseSpec): Record<string, unknown> {
  const body: Record<string, unknown> = { status: 'COMPLETE', results: [resultItem(op)], ...STAMPS, links: {} };
  if (response.kind === 'partial') {
    body.errors = [standardError()];
    body.numErrors = 1;
  }
  return body;
}

/** A non-2xx `Error` body, e.g. HubSpot's 401. */
export function errorBody(): Record<string, unknown> {
  return {
    status: 'error',
    message: 'Authentication credentials not found.',
    correlationId: '3f7c2a34-6a8f-4f7a-9c55-1e0f9f6e2b11',
    category: 'INVALID_AUTHENTICATION',
  };
}

/** A 429 body with the given policy (FACTS.md §6). */
export function rateLimitBody(policyName: 'DAILY' | 'TEN_SECONDLY_ROLLING'): Record<string, unknown> {
  return {
    status: 'error',
    message:
      policyName === 'DAILY'
        ? 'You have reached your daily limit.'
        : 'You have reached your ten_secondly_rolling limit.',
    errorType: 'RATE_LIMIT',
    correlationId: 'c1a4d2e0-8d1b-4d0b-a7a7-0b9a6f0d3e55',
    policyName,
    requestId: '7b2f0c55-3f6e-4c8e-b2ab-5b6f5d6b9a10',
  };
}

/** A valid request body, or undefined for operations without one. */
export function validRequestBody(op: Operation, inputs = 2): Record<string, unknown> | undefined {
  const ids = Array.from({ length: inputs }, (_, i) => String(5434402448 + i));
  switch (op.endpoint) {
    case 'batch-read':
      return { inputs: ids.map((id) => ({ id })) };
    case 'batch-associate-default':
      return { inputs: ids.map((id) => ({ from: { id }, to: { id: '901' } })) };
    case 'configurations-batch-create':
      return { inputs: [{ category: 'USER_DEFINED', typeId: 46, maxToObjectIds: 5 }] };
    case 'associate-default':
      return undefined;
  }
}
