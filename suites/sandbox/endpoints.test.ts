import { afterEach, describe, expect, it } from 'vitest';
import {
  allAuxiliaryOperations,
  allOperations,
  API_VERSIONS,
  ERROR_STATUSES,
  operation,
  SUCCESS_STATUSES,
  type ApiVersion,
  type EndpointId,
} from '../../src/catalogue/index.js';
import { createValidator } from '../../src/validate/index.js';
import type { Sandbox } from '../../provider/index.js';
import { matchers } from '../support/matchers.js';
import { bodyOf, send, type Exchange } from './client.js';
import { auxiliaryCall, endpointCall, id, SCENARIOS, suiteSandbox, type ScenarioName } from './scenarios.js';

const strict = createValidator({ profile: 'strict' });
const running: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.stop()));
});

async function sandboxFor(name: ScenarioName): Promise<Sandbox> {
  const scenario = SCENARIOS[name];
  const sandbox = await suiteSandbox('options' in scenario ? scenario.options : {});
  running.push(sandbox);
  return sandbox;
}

async function exchange(name: ScenarioName, version: ApiVersion): Promise<Exchange> {
  return SCENARIOS[name].run(await sandboxFor(name), version);
}

/** Every finding hsac's strict profile makes on an exchange's bytes, for one endpoint x version. */
function strictFindings(endpoint: EndpointId, version: ApiVersion, answer: Exchange) {
  return strict.validateResponseText({ endpoint, apiVersion: version, status: answer.status, body: answer.text })
    .findings;
}

/** Which scenario produces each kind of declared response. */
const ALL_SUCCEED: Record<EndpointId, ScenarioName> = {
  'batch-associate-default': 'associate-batch',
  'batch-read': 'read-two',
  'configurations-batch-create': 'configure',
  'associate-default': 'associate-put',
};
const SOME_FAIL: Partial<Record<EndpointId, ScenarioName>> = {
  'batch-associate-default': 'associate-batch-partial',
  'batch-read': 'read-partial',
  'configurations-batch-create': 'configure-partial',
};

const declaredCases = allOperations().flatMap((op) =>
  op.responses.map((response) => ({
    op,
    response,
    scenario: response.kind === 'partial' ? SOME_FAIL[op.endpoint] : ALL_SUCCEED[op.endpoint],
  })),
);

describe('every endpoint x version x declared status: the status the version declares, a body strict hsac finds nothing in', () => {
  it('covers every declared response of the catalogue', () => {
    expect(declaredCases.length).toBe(allOperations().reduce((sum, op) => sum + op.responses.length, 0));
    for (const { scenario, op, response } of declaredCases)
      expect(scenario, `${op.endpoint} ${op.apiVersion} ${response.status}`).toBeDefined();
  });

  it.each(
    declaredCases.map((c) => [c.op.endpoint, c.op.apiVersion, c.response.status, c.response.definition, c] as const),
  )('%s %s %i (%s)', async (endpoint, version, status, _definition, { scenario }) => {
    const answer = await exchange(scenario ?? 'read-one', version);
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toBe('application/json;charset=utf-8');
    expect(strictFindings(endpoint, version, answer)).toEqual([]);
    const body = bodyOf(answer);
    expect(body.status).toBe('COMPLETE');
    expect((body.results as unknown[]).length).toBeGreaterThan(0);
  });
});

// Where a version declares no 207, per-input failures travel in its success response (FACTS §1-§3).
const mergedCases = allOperations().flatMap((op) => {
  const scenario = SOME_FAIL[op.endpoint];
  return scenario && !op.responses.some((r) => r.kind === 'partial')
    ? [[op.endpoint, op.apiVersion, scenario] as const]
    : [];
});

describe('versions without a 207 carry per-input errors in their success response', () => {
  it.each(mergedCases)('%s %s', async (endpoint, version, scenario) => {
    const answer = await exchange(scenario, version);
    const declared = operation(endpoint, version).responses[0];
    expect(answer.status).toBe(declared?.status);
    const body = bodyOf(answer);
    expect(body.numErrors).toBe(1);
    expect((body.errors as unknown[]).length).toBe(1);
    expect(strictFindings(endpoint, version, answer)).toEqual([]);
  });

  it('includes 2026-09 batch read, 2025-09 and 2026-09 configurations create and every batch associate', () => {
    const keys = mergedCases.map(([endpoint, version]) => `${endpoint}@${version}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'batch-read@2026-09',
        'configurations-batch-create@2025-09',
        'configurations-batch-create@2026-09',
        'batch-associate-default@v4',
      ]),
    );
    expect(keys).not.toContain('batch-read@2026-03');
  });
});

describe('version differences served exactly', () => {
  it('fromObjectTypeId/toObjectTypeId only where the schema has them (not in the 2026-09 draft)', async () => {
    for (const version of API_VERSIONS) {
      const body = bodyOf(await exchange('read-one', version));
      const type = (body.results as { to: { associationTypes: Record<string, unknown>[] }[] }[])[0]?.to[0]
        ?.associationTypes[0];
      if (version === '2026-09') expect(type).toEqual({ category: 'HUBSPOT_DEFINED', typeId: 279 });
      else
        expect(type).toEqual({
          category: 'HUBSPOT_DEFINED',
          typeId: 279,
          fromObjectTypeId: '0-1',
          toObjectTypeId: '0-2',
        });
    }
  });

  it('errors/numErrors in a 200 only where the definition declares them (never in the v4/2025-09/2026-03 batch read 200)', async () => {
    for (const version of ['v4', '2025-09', '2026-03'] as const)
      expect(Object.keys(bodyOf(await exchange('read-two', version)))).not.toContain('errors');
    expect(bodyOf(await exchange('read-two', '2026-09'))).toMatchObject({ numErrors: 0, errors: [] });
  });

  it('write side uses associationCategory/associationTypeId, read side category/typeId', async () => {
    const written = bodyOf(await exchange('associate-put', '2026-03'));
    expect(written.results).toEqual([
      expect.objectContaining({ associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 } }),
      expect.objectContaining({ associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 280 } }),
    ]);
  });
});

const errorCases: readonly (readonly [string, ScenarioName | 'malformed-json', number])[] = [
  ['no token', 'read-no-token', ERROR_STATUSES.unauthorized],
  ['malformed JSON', 'malformed-json', ERROR_STATUSES.badRequest],
  ['too many inputs', 'read-1001-inputs', ERROR_STATUSES.badRequest],
  ['unknown record on PUT', 'associate-put-not-found', ERROR_STATUSES.notFound],
  ['rate limit', 'rate-limited', ERROR_STATUSES.tooManyRequests],
];

describe('every error answer of the clean sandbox passes strict validation as Error (429: the rate-limit body)', () => {
  it.each(
    API_VERSIONS.flatMap((version) =>
      errorCases.map(([what, scenario, status]) => [version, what, scenario, status] as const),
    ),
  )('%s: %s', async (version, _what, scenario, status) => {
    let answer: Exchange;
    let endpoint: EndpointId = 'batch-read';
    if (scenario === 'malformed-json') {
      const sandbox = await sandboxFor('read-one');
      answer = await send(sandbox, {
        ...endpointCall('batch-read', version, { fromObjectType: 'contacts', toObjectType: 'companies' }),
        rawBody: '{"inputs": [',
      });
    } else {
      answer = await exchange(scenario, version);
      if (scenario === 'associate-put-not-found') endpoint = 'associate-default';
    }
    expect(answer.status).toBe(status);
    expect(strictFindings(endpoint, version, answer)).toEqual([]);
    const shape =
      status === ERROR_STATUSES.tooManyRequests
        ? { errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' }
        : { category: matchers.any(String) };
    expect(bodyOf(answer)).toMatchObject({
      status: 'error',
      correlationId: matchers.stringMatching(/^[0-9a-f-]{36}$/),
      ...shape,
    });
  });
});

describe('auxiliary operations answer what the catalogue declares for them', () => {
  it.each(allAuxiliaryOperations().map((op) => [op.id, op.apiVersion, op] as const))(
    '%s %s',
    async (auxId, version, op) => {
      const sandbox = await sandboxFor('read-one');
      const declared = op.responses.find((r) => r.kind === 'success');
      let answer: Exchange;
      switch (auxId) {
        case 'account-details':
          answer = await send(sandbox, auxiliaryCall(auxId, version, {}));
          expect(bodyOf(answer)).toMatchObject({ accountType: 'SANDBOX', portalId: matchers.any(Number) });
          break;
        case 'objects-batch-create':
          answer = await send(
            sandbox,
            auxiliaryCall(
              auxId,
              version,
              { objectType: 'contacts' },
              { inputs: [{ properties: { email: 'new@example.com' } }] },
            ),
          );
          expect(bodyOf(answer)).toMatchObject({
            status: 'COMPLETE',
            results: [{ id: matchers.stringMatching(/^[1-9][0-9]*$/), archived: false }],
          });
          break;
        case 'associations-batch-archive':
          answer = await send(
            sandbox,
            auxiliaryCall(
              auxId,
              version,
              { fromObjectType: 'contacts', toObjectType: 'companies' },
              {
                inputs: [
                  { from: { id: id(sandbox, 'contacts', 1) }, to: [{ id: sandbox.seeded?.hubCompanyId ?? '' }] },
                ],
              },
            ),
          );
          break;
        case 'configurations-batch-purge':
          answer = await send(
            sandbox,
            auxiliaryCall(
              auxId,
              version,
              { fromObjectType: 'contacts', toObjectType: 'companies' },
              { inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }] },
            ),
          );
          break;
        case 'objects-batch-archive':
          answer = await send(
            sandbox,
            auxiliaryCall(auxId, version, { objectType: 'contacts' }, { inputs: [{ id: id(sandbox, 'contacts', 1) }] }),
          );
          break;
        case 'association-archive-single':
          answer = await send(
            sandbox,
            auxiliaryCall(auxId, version, {
              fromObjectType: 'contacts',
              fromObjectId: id(sandbox, 'contacts', 1),
              toObjectType: 'companies',
              toObjectId: sandbox.seeded?.hubCompanyId ?? '',
            }),
          );
          break;
        case 'configurations-read':
          // The seeded label limit (type 142, max 5) on contacts -> companies.
          answer = await send(
            sandbox,
            auxiliaryCall(auxId, version, { fromObjectType: 'contacts', toObjectType: 'companies' }),
          );
          expect(bodyOf(answer)).toMatchObject({
            results: [{ category: 'USER_DEFINED', typeId: 142, userEnforcedMaxToObjectIds: 5 }],
          });
          break;
        case 'configurations-batch-update':
          answer = await send(
            sandbox,
            auxiliaryCall(
              auxId,
              version,
              { fromObjectType: 'contacts', toObjectType: 'companies' },
              { inputs: [{ category: 'USER_DEFINED', typeId: 142, maxToObjectIds: 4 }] },
            ),
          );
          expect(bodyOf(answer)).toMatchObject({
            status: 'COMPLETE',
            results: [{ category: 'USER_DEFINED', typeId: 142, userEnforcedMaxToObjectIds: 4 }],
          });
          break;
        case 'objects-batch-read':
          answer = await send(
            sandbox,
            auxiliaryCall(
              auxId,
              version,
              { objectType: 'contacts' },
              { inputs: [{ id: id(sandbox, 'contacts', 1) }], properties: [], propertiesWithHistory: [] },
            ),
          );
          expect(bodyOf(answer)).toMatchObject({ status: 'COMPLETE', results: [{ id: id(sandbox, 'contacts', 1) }] });
          break;
      }
      expect(answer.status).toBe(declared?.status);
      if (declared?.status === SUCCESS_STATUSES.noContent) expect(answer.text).toBe('');
      if (
        (auxId === 'associations-batch-archive' || auxId === 'configurations-batch-purge') &&
        declared?.definition !== undefined
      )
        expect(bodyOf(answer)).toMatchObject({ status: 'COMPLETE', results: [] });
    },
  );
});
