import { expect } from 'vitest';
import {
  auxiliaryOperation,
  ERROR_STATUSES,
  operation,
  SUCCESS_STATUSES,
  type ApiVersion,
  type AuxiliaryId,
  type EndpointId,
} from '../../src/catalogue/index.js';
import { createValidator } from '../../src/validate/index.js';
import { encodeCursor, type Sandbox, type SandboxOptions } from '../../provider/index.js';
import { matchers } from '../support/matchers.js';
import { bodyOf, send, type Call, type Exchange } from './client.js';
import { diffExchanges } from './diff.js';
import { INVALID_BODIES, type BodyEndpoint } from './invalid-bodies.js';
import {
  auxiliaryCall,
  endpointCall,
  id,
  SCENARIOS,
  suiteSandbox,
  TEST_TOKEN,
  type ScenarioName,
} from './scenarios.js';

const strict = createValidator({ profile: 'strict' });

/**
 * Which endpoint each scenario's observed exchange belongs to (for the validator); `auxiliary`
 * for an auxiliary operation's answer, which hsac holds no schema for.
 */
export const SCENARIO_ENDPOINT: Record<ScenarioName, EndpointId | 'auxiliary'> = {
  'read-one': 'batch-read',
  'read-two': 'batch-read',
  'read-partial': 'batch-read',
  'read-paged': 'batch-read',
  'read-last-page': 'batch-read',
  'read-no-token': 'batch-read',
  'read-1001-inputs': 'batch-read',
  'read-after-write': 'batch-read',
  'associate-batch': 'batch-associate-default',
  'associate-batch-partial': 'batch-associate-default',
  'associate-put': 'associate-default',
  'associate-put-not-found': 'associate-default',
  configure: 'configurations-batch-create',
  'configure-partial': 'configurations-batch-create',
  'archive-batch-then-read': 'batch-read',
  'archive-single-then-read': 'batch-read',
  'create-records': 'auxiliary',
  'read-invalid': 'batch-read',
  'rate-limited': 'batch-read',
};

/** The clean and the faulted answer to the same request sequence. */
export interface Compared {
  readonly clean: Exchange;
  readonly faulted: Exchange;
  readonly diff: readonly string[];
}

/** How one fault is shown: a scenario, the exact difference it makes, and any further proof. */
export interface FaultCase {
  readonly scenario: ScenarioName;
  /** Default 2026-03. */
  readonly version?: ApiVersion;
  /** Extra options for both sandboxes (on top of the scenario's). */
  readonly options?: SandboxOptions;
  /** Replaces the scenario's own request sequence (e.g. a client timeout shorter than a delay). */
  readonly run?: (sandbox: Sandbox, version: ApiVersion) => Promise<Exchange>;
  /** The exact differences (see `diffExchanges`); "only that" in the words. */
  readonly diff?: readonly string[];
  /** Further assertions on the compared exchanges. */
  readonly check?: (compared: Compared, version: ApiVersion) => void | Promise<void>;
}

/** Runs a scenario on a clean and on a faulted sandbox started alike, and compares the answers. */
export async function compare(faults: readonly string[], testCase: FaultCase): Promise<Compared> {
  const scenario = SCENARIOS[testCase.scenario];
  const options = { ...('options' in scenario ? scenario.options : {}), ...testCase.options };
  const version = testCase.version ?? '2026-03';
  const run = testCase.run ?? scenario.run;
  const clean = await suiteSandbox(options);
  const faulty = await suiteSandbox({ ...options, faults });
  try {
    const [cleanAnswer, faultedAnswer] = [await run(clean, version), await run(faulty, version)];
    return { clean: cleanAnswer, faulted: faultedAnswer, diff: diffExchanges(cleanAnswer, faultedAnswer) };
  } finally {
    await Promise.all([clean.stop(), faulty.stop()]);
  }
}

/** The answer of a fresh clean suite sandbox to one scenario. */
async function cleanAnswer(name: ScenarioName, version: ApiVersion): Promise<Exchange> {
  const sandbox = await suiteSandbox();
  try {
    return await SCENARIOS[name].run(sandbox, version);
  } finally {
    await sandbox.stop();
  }
}

const results = (exchange: Exchange): Record<string, unknown>[] =>
  bodyOf(exchange).results as Record<string, unknown>[];
const RATE_LIMIT_HEADERS = [
  'retry-after',
  'x-hubspot-ratelimit-daily',
  'x-hubspot-ratelimit-daily-remaining',
  'x-hubspot-ratelimit-interval-milliseconds',
  'x-hubspot-ratelimit-max',
  'x-hubspot-ratelimit-remaining',
  'x-hubspot-ratelimit-secondly',
  'x-hubspot-ratelimit-secondly-remaining',
];

/** A 5xx fault: only the status and the body change; the body is an `Error` with the request's correlation id. */
function serverError(status: number): FaultCase {
  return {
    scenario: 'read-one',
    check: ({ clean, faulted, diff }) => {
      expect(faulted.status).toBe(status);
      expect(diff.filter((line) => line.startsWith('header'))).toEqual([]);
      expect(bodyOf(faulted)).toEqual({
        status: 'error',
        message: matchers.any(String),
        category: matchers.any(String),
        correlationId: clean.headers['x-hubspot-correlation-id'],
      });
    },
  };
}

const PATH_TYPE_ID = '/results/0/to/0/associationTypes/0';

/** What a kept association changes in the read after the archive: the pair is still listed. */
const ARCHIVE_KEPT = ['body + /results/0', 'body - /errors', 'body - /numErrors', 'status 207 -> 200'];

/** The archive itself is answered exactly as on the clean sandbox: only the read after it shows the pair kept. */
function archiveAnsweredAlike(
  aux: 'associations-batch-archive' | 'association-archive-single',
): NonNullable<FaultCase['check']> {
  return async (_compared, version) => {
    const archive = (sandbox: Sandbox): Call => {
      const contact = id(sandbox, 'contacts', 1);
      const hub = sandbox.seeded?.hubCompanyId ?? '';
      return aux === 'associations-batch-archive'
        ? auxiliaryCall(
            aux,
            version,
            { fromObjectType: 'contacts', toObjectType: 'companies' },
            { inputs: [{ from: { id: contact }, to: [{ id: hub }] }] },
          )
        : auxiliaryCall(aux, version, {
            fromObjectType: 'contacts',
            fromObjectId: contact,
            toObjectType: 'companies',
            toObjectId: hub,
          });
    };
    const compared = await compare(['archive-keeps-association'], {
      scenario: 'read-one',
      run: (sandbox) => send(sandbox, archive(sandbox)),
    });
    expect(compared.diff).toEqual([]);
    expect(compared.faulted.status).toBe(auxiliaryOperation(aux, version).responses[0]?.status);
  };
}
const PUT_IDS = ['/results/0/from', '/results/0/to', '/results/1/from', '/results/1/to'];

/**
 * One or more cases per fault name. The suite fails for a fault of the registry without a case,
 * and for a case of a fault that is not in the registry.
 */
export const FAULT_CASES: Readonly<Record<string, readonly FaultCase[]>> = {
  'missing-status': [{ scenario: 'read-one', diff: ['body - /status'] }],
  'missing-results': [{ scenario: 'read-one', diff: ['body - /results'] }],
  'missing-startedAt': [{ scenario: 'read-one', diff: ['body - /startedAt'] }],
  'missing-completedAt': [
    { scenario: 'read-one', diff: ['body - /completedAt'] },
    { scenario: 'associate-put', version: 'v4', diff: ['body - /completedAt'] },
  ],
  'missing-from': [
    { scenario: 'associate-put', diff: ['body - /results/0/from', 'body - /results/1/from'] },
    { scenario: 'read-one', diff: ['body - /results/0/from'] },
  ],
  'missing-to': [{ scenario: 'associate-put', diff: ['body - /results/0/to', 'body - /results/1/to'] }],
  'missing-associationSpec': [
    { scenario: 'associate-put', diff: ['body - /results/0/associationSpec', 'body - /results/1/associationSpec'] },
  ],
  'missing-associationCategory': [
    {
      scenario: 'associate-batch',
      diff: [0, 1, 2, 3].map((i) => `body - /results/${i}/associationSpec/associationCategory`),
    },
  ],
  'missing-associationTypeId': [
    {
      scenario: 'associate-put',
      diff: [
        'body - /results/0/associationSpec/associationTypeId',
        'body - /results/1/associationSpec/associationTypeId',
      ],
    },
  ],
  'missing-toObjectId': [{ scenario: 'read-one', diff: ['body - /results/0/to/0/toObjectId'] }],
  'missing-associationTypes': [{ scenario: 'read-one', diff: ['body - /results/0/to/0/associationTypes'] }],
  'missing-category': [
    { scenario: 'read-one', diff: [`body - ${PATH_TYPE_ID}/category`] },
    { scenario: 'configure', diff: ['body - /results/0/category'] },
  ],
  'missing-typeId': [
    { scenario: 'read-one', diff: [`body - ${PATH_TYPE_ID}/typeId`] },
    { scenario: 'configure', version: 'v4', diff: ['body - /results/0/typeId'] },
  ],
  'missing-id': [{ scenario: 'associate-put', diff: PUT_IDS.map((p) => `body - ${p}/id`) }],
  'missing-paging-after': [{ scenario: 'read-paged', diff: ['body - /results/0/paging/next/after'] }],
  'status-cancelled': [
    {
      scenario: 'read-one',
      diff: ['body ~ /status'],
      check: ({ faulted }) => expect(bodyOf(faulted).status).toBe('CANCELLED'),
    },
  ],
  'category-not-in-enum': [
    {
      scenario: 'read-one',
      diff: [`body ~ ${PATH_TYPE_ID}/category`],
      check: ({ faulted }) => expect(JSON.stringify(faulted.json)).toContain('"category":"PORTAL_DEFINED"'),
    },
    {
      scenario: 'associate-put',
      diff: [
        'body ~ /results/0/associationSpec/associationCategory',
        'body ~ /results/1/associationSpec/associationCategory',
      ],
    },
  ],
  'toObjectId-number': [
    {
      scenario: 'read-one',
      diff: ['body ~ /results/0/to/0/toObjectId'],
      check: ({ clean, faulted }) => {
        const toObjectId = (x: Exchange) => (results(x)[0]?.to as { toObjectId: unknown }[])[0]?.toObjectId;
        expect(toObjectId(faulted)).toBe(Number(toObjectId(clean)));
      },
    },
  ],
  'hostile-id-object': [
    {
      scenario: 'read-one',
      diff: ['body ~ /results/0/to/0/toObjectId'],
      check: ({ faulted }) => {
        const toObjectId = (x: Exchange) => (results(x)[0]?.to as { toObjectId: unknown }[])[0]?.toObjectId;
        expect(toObjectId(faulted)).toEqual({ toString: 1 });
      },
    },
  ],
  'id-number': [
    {
      scenario: 'associate-put',
      diff: PUT_IDS.map((p) => `body ~ ${p}/id`),
      check: ({ faulted }) => expect(typeof (results(faulted)[0]?.from as { id: unknown }).id).toBe('number'),
    },
  ],
  'typeId-string': [
    { scenario: 'read-one', diff: [`body ~ ${PATH_TYPE_ID}/typeId`] },
    { scenario: 'configure', diff: ['body ~ /results/0/typeId'] },
  ],
  'typeId-over-int32': [
    {
      scenario: 'read-one',
      diff: [`body ~ ${PATH_TYPE_ID}/typeId`],
      check: ({ faulted }) => expect(JSON.stringify(faulted.json)).toContain(`"typeId":${279 + 2 ** 32}`),
    },
  ],
  'startedAt-no-offset': [
    {
      scenario: 'read-one',
      diff: ['body ~ /startedAt'],
      check: ({ clean, faulted }) => expect(`${String(bodyOf(faulted).startedAt)}Z`).toBe(bodyOf(clean).startedAt),
    },
  ],
  'completedAt-locale-string': [
    {
      scenario: 'read-one',
      diff: ['body ~ /completedAt'],
      check: ({ faulted }) => expect(bodyOf(faulted).completedAt).toMatch(/GMT/),
    },
  ],
  'requestedAt-null': [
    {
      scenario: 'read-one',
      diff: ['body ~ /requestedAt'],
      check: ({ faulted }) => expect(bodyOf(faulted).requestedAt).toBeNull(),
    },
  ],
  'unknown-envelope-field': [{ scenario: 'read-one', diff: ['body + /batchId'] }],
  'error-missing-correlationId': [
    { scenario: 'associate-put-not-found', diff: ['body - /correlationId'] },
    { scenario: 'rate-limited', diff: ['body - /correlationId'] },
  ],
  'error-correlationId-not-uuid': [
    {
      scenario: 'associate-put-not-found',
      diff: ['body ~ /correlationId'],
      check: ({ faulted }) => expect(bodyOf(faulted).correlationId).toMatch(/^req-[0-9a-f]{32}$/),
    },
  ],
  'standard-error-missing-context': [{ scenario: 'read-partial', diff: ['body - /errors/0/context'] }],
  'error-detail-context-string': [
    {
      scenario: 'read-partial',
      diff: ['body ~ /errors/0/errors/0/context'],
      check: ({ faulted }) => expect(JSON.stringify(faulted.json)).toContain('"context":"{ids=[999]}"'),
    },
  ],
  'standard-error-subCategory-string': [{ scenario: 'read-partial', diff: ['body + /errors/0/subCategory'] }],
  'timestamps-reversed': [
    {
      scenario: 'read-one',
      diff: ['body ~ /completedAt'],
      check: ({ faulted }) =>
        expect(Date.parse(String(bodyOf(faulted).completedAt))).toBe(
          Date.parse(String(bodyOf(faulted).startedAt)) - 1000,
        ),
    },
  ],
  'duplicate-status-key': [
    {
      scenario: 'read-one',
      diff: ['text ~ (same parsed value)'],
      check: ({ clean, faulted }) => {
        // Last wins for JSON.parse: the parsed body is unchanged, the text says status twice.
        expect(faulted.text).toBe(`{"status":"CANCELED",${clean.text.slice(1)}`);
        expect(JSON.parse(faulted.text)).toEqual(JSON.parse(clean.text));
      },
    },
  ],
  'num-errors-mismatch': [
    {
      scenario: 'read-partial',
      diff: ['body ~ /numErrors'],
      check: ({ faulted }) => expect(bodyOf(faulted).numErrors).toBe(2),
    },
  ],
  'multi-status-without-errors': [
    {
      scenario: 'read-partial',
      diff: ['body - /errors/0', 'body ~ /numErrors'],
      check: ({ faulted }) => expect(faulted.status).toBe(SUCCESS_STATUSES.multiStatus),
    },
    // 2026-09 has no 207: its merged 200 keeps its errors.
    { scenario: 'read-partial', version: '2026-09', check: ({ diff }) => expect(diff).toEqual([]) },
  ],
  'input-dropped': [
    { scenario: 'read-two', diff: ['body - /results/1'] },
    // Both results of the last pair (one per direction) go, so neither answers that input.
    { scenario: 'associate-batch', diff: ['body - /results/2', 'body - /results/3'] },
  ],
  'paging-never-ends': [
    {
      scenario: 'read-last-page',
      diff: ['body + /results/0/paging'],
      check: ({ faulted }) => expect(results(faulted)[0]?.paging).toEqual({ next: { after: encodeCursor(6) } }),
    },
    {
      // Following the endless cursor: every page past the end is empty and points further on.
      scenario: 'read-last-page',
      run: async (sandbox, version) => {
        const pair = { fromObjectType: 'companies', toObjectType: 'contacts' };
        return send(
          sandbox,
          endpointCall('batch-read', version, pair, {
            inputs: [{ id: sandbox.seeded?.hubCompanyId ?? '', after: encodeCursor(6) }],
          }),
        );
      },
      diff: ['body + /results/0/paging'],
      check: ({ clean, faulted }) => {
        expect(results(clean)[0]).toMatchObject({ to: [] });
        expect(results(faulted)[0]).toMatchObject({ to: [], paging: { next: { after: encodeCursor(9) } } });
      },
    },
  ],
  'paging-not-advancing': [
    {
      scenario: 'read-last-page',
      check: ({ clean, faulted, diff }) => {
        // The second request (after = the first page's cursor) got the first page again.
        expect(results(faulted)[0]?.paging).toEqual({ next: { after: encodeCursor(3) } });
        expect((results(faulted)[0]?.to as unknown[]).length).toBe(3);
        expect((results(clean)[0]?.to as unknown[]).length).toBe(2);
        expect(diff.every((line) => line.startsWith('body') && line.includes(' /results/0/'))).toBe(true);
      },
    },
  ],
  'auth-not-enforced': [
    {
      scenario: 'read-no-token',
      check: async ({ clean, faulted }, version) => {
        expect(clean.status).toBe(ERROR_STATUSES.unauthorized);
        // Served exactly as the same request with the token is on a clean sandbox.
        expect(diffExchanges(await cleanAnswer('read-one', version), faulted)).toEqual([]);
      },
    },
  ],
  'input-limit-not-enforced': [
    {
      scenario: 'read-1001-inputs',
      check: async ({ clean, faulted }, version) => {
        expect(clean.status).toBe(ERROR_STATUSES.badRequest);
        expect(faulted.status).toBe(operation('batch-read', version).responses[0]?.status);
        const one = results(await cleanAnswer('read-one', version))[0];
        expect(results(faulted)).toEqual(Array.from({ length: 1001 }, () => one));
      },
    },
  ],
  'read-after-write-lost': [
    {
      scenario: 'read-after-write',
      diff: ['body - /results/0/to/1'],
      check: async ({ clean }, version) => {
        const written = (results(clean)[0]?.to as { toObjectId: string }[])[1]?.toObjectId;
        // The write itself is answered exactly as on the clean sandbox: only the read shows the loss.
        const write = (sandbox: Sandbox) =>
          send(
            sandbox,
            endpointCall('associate-default', version, {
              fromObjectType: 'contacts',
              fromObjectId: id(sandbox, 'contacts', 2),
              toObjectType: 'companies',
              toObjectId: id(sandbox, 'companies', 5),
            }),
          );
        const compared = await compare(['read-after-write-lost'], { scenario: 'read-one', run: write });
        expect(compared.diff).toEqual([]);
        expect(written).toBe((results(compared.clean)[0]?.to as { id: string }).id);
      },
    },
  ],
  'configurations-read-empty': [
    {
      // A limit is created, then read (an auxiliary call, as the run makes it): the clean sandbox
      // shows it, the faulted read shows none.
      scenario: 'create-records',
      run: async (sandbox, version) => {
        const pair = { fromObjectType: 'contacts', toObjectType: 'companies' };
        await send(
          sandbox,
          endpointCall('configurations-batch-create', version, pair, {
            inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 7 }],
          }),
        );
        return send(sandbox, auxiliaryCall('configurations-read', version, pair));
      },
      check: ({ clean, faulted }) => {
        expect(JSON.stringify(bodyOf(clean).results)).toContain('"userEnforcedMaxToObjectIds":7');
        expect(bodyOf(faulted).results).toEqual([]);
      },
    },
  ],
  'associate-not-idempotent': [
    {
      // The first association of a pair is answered alike; only a repeat differs.
      scenario: 'associate-put',
      run: async (sandbox, version) => {
        const put = endpointCall('associate-default', version, {
          fromObjectType: 'contacts',
          fromObjectId: id(sandbox, 'contacts', 2),
          toObjectType: 'companies',
          toObjectId: id(sandbox, 'companies', 5),
        });
        await send(sandbox, put);
        return send(sandbox, put);
      },
      diff: [
        'body ~ /results/0/associationSpec/associationCategory',
        'body ~ /results/0/associationSpec/associationTypeId',
      ],
      check: async (_compared, version) => {
        const first = (sandbox: Sandbox) =>
          send(
            sandbox,
            endpointCall('associate-default', version, {
              fromObjectType: 'contacts',
              fromObjectId: id(sandbox, 'contacts', 2),
              toObjectType: 'companies',
              toObjectId: id(sandbox, 'companies', 5),
            }),
          );
        expect((await compare(['associate-not-idempotent'], { scenario: 'associate-put', run: first })).diff).toEqual(
          [],
        );
      },
    },
  ],
  'archive-keeps-association': [
    // The read after the archive still lists the pair (a 200 with it, not the 207 "no company associated").
    {
      scenario: 'archive-batch-then-read',
      diff: ARCHIVE_KEPT,
      check: archiveAnsweredAlike('associations-batch-archive'),
    },
    {
      scenario: 'archive-single-then-read',
      diff: ARCHIVE_KEPT,
      check: archiveAnsweredAlike('association-archive-single'),
    },
    {
      scenario: 'archive-batch-then-read',
      version: 'v4',
      diff: ARCHIVE_KEPT,
      check: archiveAnsweredAlike('associations-batch-archive'),
    },
  ],
  'rate-limit-unnamed-auxiliary': [
    {
      scenario: 'create-records',
      diff: [
        ...['category', 'correlationId', 'message'].map((name) => `body + /${name}`),
        ...['completedAt', 'requestedAt', 'results', 'startedAt'].map((name) => `body - /${name}`),
        'body ~ /status',
        ...['daily', 'daily-remaining', 'secondly', 'secondly-remaining'].map(
          (name) => `header - x-hubspot-ratelimit-${name}`,
        ),
        'header ~ x-hubspot-ratelimit-remaining',
        'status 201 -> 429',
      ],
      check: async ({ clean, faulted }, version) => {
        expect(bodyOf(faulted)).toEqual({
          status: 'error',
          message: 'You have reached your rate limit.',
          category: 'RATE_LIMITS',
          correlationId: faulted.headers['x-hubspot-correlation-id'],
        });
        expect(faulted.headers['retry-after']).toBeUndefined();
        expect(faulted.headers).toMatchObject({
          'x-hubspot-ratelimit-interval-milliseconds': '10000',
          'x-hubspot-ratelimit-max': '100',
          'x-hubspot-ratelimit-remaining': '0',
        });
        // Nothing was created by the refused request, and its retry is served as the first request of a clean sandbox.
        const sequence = await compare(['rate-limit-unnamed-auxiliary'], {
          scenario: 'create-records',
          run: async (sandbox, v) => {
            await SCENARIOS['create-records'].run(sandbox, v);
            return SCENARIOS['create-records'].run(sandbox, v);
          },
        });
        expect(diffExchanges(clean, sequence.faulted)).toEqual(['header ~ x-hubspot-correlation-id']);
        // Once per auxiliary operation (account details spared); the endpoints under test untouched.
        const faulty = await suiteSandbox({ faults: ['rate-limit-unnamed-auxiliary'] });
        try {
          const twice = async (call: Call): Promise<number[]> => [
            (await send(faulty, call)).status,
            (await send(faulty, call)).status,
          ];
          const success = (aux: AuxiliaryId): number => auxiliaryOperation(aux, version).responses[0]?.status ?? 0;
          expect(await twice(auxiliaryCall('account-details', version, {}))).toEqual([
            success('account-details'),
            success('account-details'),
          ]);
          const pair = { fromObjectType: 'contacts', toObjectType: 'companies' };
          const hub = faulty.seeded?.hubCompanyId ?? '';
          const calls: readonly (readonly [AuxiliaryId, Call])[] = [
            [
              'objects-batch-create',
              auxiliaryCall(
                'objects-batch-create',
                version,
                { objectType: 'deals' },
                { inputs: [{ properties: { dealname: 'x' } }] },
              ),
            ],
            [
              'associations-batch-archive',
              auxiliaryCall('associations-batch-archive', version, pair, {
                inputs: [{ from: { id: id(faulty, 'contacts', 1) }, to: [{ id: hub }] }],
              }),
            ],
            [
              'association-archive-single',
              auxiliaryCall('association-archive-single', version, {
                fromObjectType: 'contacts',
                fromObjectId: id(faulty, 'contacts', 2),
                toObjectType: 'companies',
                toObjectId: hub,
              }),
            ],
            [
              'configurations-batch-purge',
              auxiliaryCall('configurations-batch-purge', version, pair, {
                inputs: [{ category: 'USER_DEFINED', typeId: 142 }],
              }),
            ],
            [
              'objects-batch-archive',
              auxiliaryCall(
                'objects-batch-archive',
                version,
                { objectType: 'deals' },
                { inputs: [{ id: id(faulty, 'deals', 1) }] },
              ),
            ],
          ];
          for (const [aux, call] of calls)
            expect(await twice(call), aux).toEqual([ERROR_STATUSES.tooManyRequests, success(aux)]);
          expect(
            (
              await send(
                faulty,
                endpointCall('batch-read', version, pair, { inputs: [{ id: id(faulty, 'contacts', 3) }] }),
              )
            ).status,
          ).toBe(SUCCESS_STATUSES.ok);
        } finally {
          await faulty.stop();
        }
      },
    },
  ],
  'rate-limit-html-body': [
    {
      scenario: 'read-one',
      diff: [
        'header + retry-after',
        'header - x-hubspot-correlation-id',
        ...RATE_LIMIT_HEADERS.filter((name) => name !== 'retry-after').map((name) => `header - ${name}`),
        'header ~ content-type',
        'status 200 -> 429',
        'text ~',
      ],
      check: async ({ clean, faulted }, version) => {
        expect(faulted.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'retry-after': '1' });
        expect(faulted.text).toMatch(/^<!DOCTYPE html>[\s\S]*429 Too Many Requests/);
        // The retry is served as the first request of a clean sandbox (the 429 was not counted).
        const retried = await compare(['rate-limit-html-body'], {
          scenario: 'read-one',
          run: async (sandbox, v) => {
            await SCENARIOS['read-one'].run(sandbox, v);
            return SCENARIOS['read-one'].run(sandbox, v);
          },
        });
        expect(diffExchanges(clean, retried.faulted)).toEqual(['header ~ x-hubspot-correlation-id']);
        // Once per endpoint under test; unauthenticated requests still get their 401 first; auxiliary operations
        // untouched.
        const faulty = await suiteSandbox({ faults: ['rate-limit-html-body'] });
        try {
          const put = endpointCall('associate-default', version, {
            fromObjectType: 'contacts',
            fromObjectId: id(faulty, 'contacts', 2),
            toObjectType: 'companies',
            toObjectId: id(faulty, 'companies', 5),
          });
          expect((await send(faulty, { ...put, token: null })).status).toBe(ERROR_STATUSES.unauthorized);
          expect([(await send(faulty, put)).status, (await send(faulty, put)).status]).toEqual([
            ERROR_STATUSES.tooManyRequests,
            SUCCESS_STATUSES.ok,
          ]);
          const created = await send(
            faulty,
            auxiliaryCall(
              'objects-batch-create',
              version,
              { objectType: 'contacts' },
              { inputs: [{ properties: {} }] },
            ),
          );
          expect(created.status).toBe(auxiliaryOperation('objects-batch-create', version).responses[0]?.status);
        } finally {
          await faulty.stop();
        }
      },
    },
  ],
  'invalid-request-accepted': [
    {
      scenario: 'read-invalid',
      diff: [
        ...['completedAt', 'links', 'requestedAt', 'results', 'startedAt'].map((name) => `body + /${name}`),
        ...['category', 'correlationId', 'message'].map((name) => `body - /${name}`),
        'body ~ /status',
        'status 400 -> 200',
      ],
      check: async ({ faulted }, version) => {
        expect(bodyOf(faulted).results).toEqual([]);
        const faulty = await suiteSandbox({ faults: ['invalid-request-accepted'], rateLimit: { max: 10_000 } });
        try {
          for (const endpoint of Object.keys(INVALID_BODIES) as BodyEndpoint[]) {
            const pair = { fromObjectType: 'contacts', toObjectType: 'companies' };
            const success = operation(endpoint, version).responses.find((r) => r.kind === 'success');
            for (const { what, body } of INVALID_BODIES[endpoint]) {
              const answer = await send(faulty, endpointCall(endpoint, version, pair, body));
              expect(answer.status, `${endpoint} ${what}`).toBe(success?.status);
              expect(
                strict.validateResponseText({ endpoint, apiVersion: version, status: answer.status, body: answer.text })
                  .findings,
                `${endpoint} ${what}`,
              ).toEqual([]);
              expect(bodyOf(answer).results, `${endpoint} ${what}`).toEqual([]);
            }
          }
          // Still refused: too many inputs (input-limit-not-enforced's business), malformed JSON, no token.
          const read = (extra: Partial<Call>, body: unknown = { inputs: [{ id: id(faulty, 'contacts', 1) }] }) =>
            send(
              faulty,
              endpointCall(
                'batch-read',
                version,
                { fromObjectType: 'contacts', toObjectType: 'companies' },
                body,
                extra,
              ),
            );
          expect((await read({}, { inputs: Array.from({ length: 1001 }, () => ({})) })).status).toBe(
            ERROR_STATUSES.badRequest,
          );
          expect((await read({ rawBody: '{"inputs": [' })).status).toBe(ERROR_STATUSES.badRequest);
          expect((await read({ contentType: 'text/plain' })).status).toBe(ERROR_STATUSES.badRequest);
          expect((await read({ token: null })).status).toBe(ERROR_STATUSES.unauthorized);
        } finally {
          await faulty.stop();
        }
      },
    },
    // A valid request is answered exactly as on the clean sandbox.
    { scenario: 'read-one', diff: [] },
  ],
  'rate-limit-body-missing-policyName': [{ scenario: 'rate-limited', diff: ['body - /policyName'] }],
  'rate-limit-headers-missing': [
    { scenario: 'rate-limited', diff: RATE_LIMIT_HEADERS.map((name) => `header - ${name}`) },
    {
      scenario: 'read-one',
      diff: RATE_LIMIT_HEADERS.filter((name) => name !== 'retry-after').map((name) => `header - ${name}`),
    },
  ],
  'status-200-for-201': [
    {
      scenario: 'configure',
      diff: ['status 201 -> 200'],
      check: async () => {
        // Where 200 is already the declared code (2025-09), nothing changes.
        expect((await compare(['status-200-for-201'], { scenario: 'configure', version: '2025-09' })).diff).toEqual([]);
      },
    },
  ],
  'status-201-for-200': [
    { scenario: 'associate-put', version: 'v4', diff: ['status 200 -> 201'] },
    { scenario: 'read-one', diff: ['status 200 -> 201'] },
  ],
  'status-family-4xx': [
    { scenario: 'read-one', diff: ['status 200 -> 400'] },
    { scenario: 'read-partial', diff: ['status 207 -> 400'] },
  ],
  'content-type-text': [
    {
      scenario: 'read-one',
      diff: ['header ~ content-type'],
      check: ({ faulted }) => expect(faulted.headers['content-type']).toBe('text/plain;charset=utf-8'),
    },
  ],
  'token-echo-body': [
    {
      scenario: 'read-one',
      diff: ['body + /links/retry'],
      check: ({ faulted }) =>
        expect((bodyOf(faulted).links as { retry: string }).retry).toMatch(new RegExp(`access_token=${TEST_TOKEN}$`)),
    },
  ],
  'token-echo-error-message': [
    {
      scenario: 'associate-put-not-found',
      diff: ['body ~ /message'],
      check: ({ faulted }) => expect(String(bodyOf(faulted).message)).toContain(`Bearer ${TEST_TOKEN})`),
    },
  ],
  'token-echo-header': [
    {
      scenario: 'read-one',
      diff: ['header + x-echo-authorization'],
      check: ({ faulted }) => expect(faulted.headers['x-echo-authorization']).toBe(`Bearer ${TEST_TOKEN}`),
    },
  ],
  'status-500': [serverError(ERROR_STATUSES.internalServerError)],
  'status-502': [serverError(ERROR_STATUSES.badGateway)],
  'status-503': [serverError(ERROR_STATUSES.serviceUnavailable)],
  'html-error-page': [
    {
      scenario: 'read-one',
      diff: ['header ~ content-type', 'status 200 -> 502', 'text ~'],
      check: ({ faulted }) => {
        expect(faulted.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(faulted.text).toMatch(/^<!DOCTYPE html>/);
      },
    },
  ],
  'truncated-json': [
    {
      scenario: 'read-one',
      diff: ['text ~'],
      check: ({ clean, faulted }) => {
        expect(faulted.text).toBe(clean.text.slice(0, Math.floor(Buffer.byteLength(clean.text) / 2)));
        expect(faulted.headers['content-length']).toBe(String(Buffer.byteLength(faulted.text)));
      },
    },
  ],
  'slow-response': [
    {
      // The clean answer must beat the client's timeout on a busy machine too: 2 s is room for a
      // loopback request under any load; the fault holds its answer twice that.
      scenario: 'read-one',
      options: { faultOptions: { slowResponseMs: 4_000 } },
      run: (sandbox, version) => {
        const pair = { fromObjectType: 'contacts', toObjectType: 'companies' };
        const call = endpointCall('batch-read', version, pair, { inputs: [{ id: id(sandbox, 'contacts', 1) }] });
        return send(sandbox, { ...call, timeoutMs: 2_000 });
      },
      check: ({ clean, faulted }) => {
        expect(clean.error).toBeUndefined();
        expect(faulted.error).toBe('TIMEOUT');
      },
    },
    {
      // With a patient client the answer arrives late, and unchanged.
      scenario: 'read-one',
      options: { faultOptions: { slowResponseMs: 300 } },
      run: async (sandbox, version) => {
        const started = performance.now();
        const answer = await SCENARIOS['read-one'].run(sandbox, version);
        // A lower bound: load can only lengthen the wait, so this holds on any machine.
        if (sandbox.faults.length > 0) expect(performance.now() - started).toBeGreaterThanOrEqual(290);
        return answer;
      },
      check: ({ diff }) => expect(diff).toEqual([]),
    },
  ],
  'connection-reset': [
    {
      scenario: 'read-one',
      check: ({ clean, faulted }) => {
        expect(clean.error).toBeUndefined();
        expect(faulted.error).toBe('ECONNRESET');
      },
    },
  ],
};
