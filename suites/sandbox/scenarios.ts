import {
  auxiliaryOperation,
  buildPath,
  operation,
  type ApiVersion,
  type AuxiliaryId,
  type EndpointId,
} from '../../src/catalogue/index.js';
import { manualClock, startSandbox, type Sandbox, type SandboxOptions } from '../../provider/index.js';
import { bodyOf, send, type Call, type Exchange } from './client.js';

/** The token every suite sandbox accepts (fixed, so a clean and a faulted sandbox answer alike). */
export const TEST_TOKEN = 'pat-na1-00000000-test-4000-8000-sandbox00001';

/**
 * The suite's sandbox: small seeded data (6 records per type, a company with 5 contacts), pages of
 * 3, a manual clock and a fixed token. Two sandboxes started with the same options hold the same
 * records and answer the same request sequence byte for byte.
 */
export function suiteOptions(extra: SandboxOptions = {}): SandboxOptions {
  return {
    seed: 7,
    pageSize: 3,
    seedData: { recordsPerType: 6, hubAssociations: 5 },
    clock: manualClock(),
    token: TEST_TOKEN,
    ...extra,
  };
}

/** Starts a suite sandbox; the caller stops it. */
export function suiteSandbox(extra: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox(suiteOptions(extra));
}

/** The seeded record IDs of a type, failing loudly when the seed changed shape. */
export function ids(sandbox: Sandbox, typeName: string): readonly string[] {
  const found = sandbox.seeded?.records[typeName];
  if (!found || found.length < 6) throw new Error(`the suite sandbox has no seeded ${typeName}`);
  return found;
}

/** The n-th seeded record of a type. */
export function id(sandbox: Sandbox, typeName: string, index: number): string {
  const found = ids(sandbox, typeName)[index];
  if (found === undefined) throw new Error(`no seeded ${typeName} #${index}`);
  return found;
}

/** A call to one of the four endpoints, its path built from the catalogue. */
export function endpointCall(
  endpoint: EndpointId,
  version: ApiVersion,
  params: Record<string, string>,
  body?: unknown,
  extra: Partial<Call> = {},
): Call {
  const op = operation(endpoint, version);
  return { method: op.method, path: buildPath(op, params), ...(body === undefined ? {} : { body }), ...extra };
}

/** A call to an auxiliary operation, its path built from the catalogue. */
export function auxiliaryCall(
  id: AuxiliaryId,
  version: ApiVersion,
  params: Record<string, string>,
  body?: unknown,
): Call {
  const op = auxiliaryOperation(id, version);
  const path = op.pathTemplate.replace(/\{([A-Za-z]+)\}/g, (_m, name: string) =>
    encodeURIComponent(params[name] ?? ''),
  );
  return { method: op.method, path, ...(body === undefined ? {} : { body }) };
}

const PAIR = { fromObjectType: 'contacts', toObjectType: 'companies' };

/**
 * A named exchange: setup calls, then the call whose answer is observed. Each takes the sandbox
 * (for its seeded IDs) and the API version.
 */
export interface Scenario {
  readonly description: string;
  /** Sandbox options both the clean and the faulted sandbox get. */
  readonly options?: SandboxOptions;
  readonly run: (sandbox: Sandbox, version: ApiVersion) => Promise<Exchange>;
}

const once = (build: (sandbox: Sandbox, version: ApiVersion) => Call) => (sandbox: Sandbox, version: ApiVersion) =>
  send(sandbox, build(sandbox, version));

/** The scenarios the endpoint and fault suites share. */
export const SCENARIOS = {
  'read-one': {
    description: 'batch read of one contact with one associated company (one type, unlabeled)',
    run: once((s, v) => endpointCall('batch-read', v, PAIR, { inputs: [{ id: id(s, 'contacts', 1) }] })),
  },
  'read-two': {
    description: 'batch read of two contacts, both found',
    run: once((s, v) =>
      endpointCall('batch-read', v, PAIR, { inputs: [{ id: id(s, 'contacts', 0) }, { id: id(s, 'contacts', 1) }] }),
    ),
  },
  'read-partial': {
    description: 'batch read of a contact and an unknown ID (207, or errors merged into the 200)',
    run: once((s, v) => endpointCall('batch-read', v, PAIR, { inputs: [{ id: id(s, 'contacts', 0) }, { id: '999' }] })),
  },
  'read-paged': {
    description: "first page of the hub company's contacts (5 contacts, pages of 3)",
    run: once((s, v) =>
      endpointCall(
        'batch-read',
        v,
        { fromObjectType: 'companies', toObjectType: 'contacts' },
        { inputs: [{ id: s.seeded?.hubCompanyId ?? '' }] },
      ),
    ),
  },
  'read-last-page': {
    description: "the hub company's second (last) page, reached with the first page's after",
    run: async (s, v) => {
      const pair = { fromObjectType: 'companies', toObjectType: 'contacts' };
      const hub = s.seeded?.hubCompanyId ?? '';
      const first = bodyOf(await send(s, endpointCall('batch-read', v, pair, { inputs: [{ id: hub }] })));
      const after = (first.results as { paging?: { next?: { after?: string } } }[])[0]?.paging?.next?.after;
      if (after === undefined) throw new Error('the first page has no paging.next.after');
      return send(s, endpointCall('batch-read', v, pair, { inputs: [{ id: hub, after }] }));
    },
  },
  'read-no-token': {
    description: 'read-one without an Authorization header',
    run: once((s, v) =>
      endpointCall('batch-read', v, PAIR, { inputs: [{ id: id(s, 'contacts', 1) }] }, { token: null }),
    ),
  },
  'read-1001-inputs': {
    description: 'batch read with 1001 inputs (one over the limit)',
    run: once((s, v) =>
      endpointCall('batch-read', v, PAIR, {
        inputs: Array.from({ length: 1001 }, () => ({ id: id(s, 'contacts', 1) })),
      }),
    ),
  },
  'read-after-write': {
    description: 'PUT default contact 2 -> the unassociated company, then read contact 2',
    run: async (s, v) => {
      await send(
        s,
        endpointCall('associate-default', v, {
          fromObjectType: 'contacts',
          fromObjectId: id(s, 'contacts', 2),
          toObjectType: 'companies',
          toObjectId: id(s, 'companies', 5),
        }),
      );
      return send(s, endpointCall('batch-read', v, PAIR, { inputs: [{ id: id(s, 'contacts', 2) }] }));
    },
  },
  'associate-batch': {
    description: 'batch associate default: two contact -> deal pairs',
    run: once((s, v) =>
      endpointCall(
        'batch-associate-default',
        v,
        { fromObjectType: 'contacts', toObjectType: 'deals' },
        {
          inputs: [
            { from: { id: id(s, 'contacts', 1) }, to: { id: id(s, 'deals', 2) } },
            { from: { id: id(s, 'contacts', 3) }, to: { id: id(s, 'deals', 4) } },
          ],
        },
      ),
    ),
  },
  'associate-batch-partial': {
    description: 'batch associate default: one pair, one unknown record (errors in the 200)',
    run: once((s, v) =>
      endpointCall(
        'batch-associate-default',
        v,
        { fromObjectType: 'contacts', toObjectType: 'deals' },
        {
          inputs: [
            { from: { id: id(s, 'contacts', 1) }, to: { id: id(s, 'deals', 2) } },
            { from: { id: '999' }, to: { id: id(s, 'deals', 4) } },
          ],
        },
      ),
    ),
  },
  'associate-put': {
    description: 'PUT default association contact 2 -> the unassociated company',
    run: once((s, v) =>
      endpointCall('associate-default', v, {
        fromObjectType: 'contacts',
        fromObjectId: id(s, 'contacts', 2),
        toObjectType: 'companies',
        toObjectId: id(s, 'companies', 5),
      }),
    ),
  },
  'associate-put-not-found': {
    description: 'PUT default association from an unknown contact (404)',
    run: once((s, v) =>
      endpointCall('associate-default', v, {
        fromObjectType: 'contacts',
        fromObjectId: '999',
        toObjectType: 'companies',
        toObjectId: id(s, 'companies', 0),
      }),
    ),
  },
  configure: {
    description: 'configurations batch create: a limit of 4 on the contact -> company label 142',
    run: once((_s, v) =>
      endpointCall('configurations-batch-create', v, PAIR, {
        inputs: [{ category: 'USER_DEFINED', typeId: 142, maxToObjectIds: 4 }],
      }),
    ),
  },
  'configure-partial': {
    description: 'configurations batch create: one valid input, one unknown type (207, or errors in the 200)',
    run: once((_s, v) =>
      endpointCall('configurations-batch-create', v, PAIR, {
        inputs: [
          { category: 'USER_DEFINED', typeId: 142, maxToObjectIds: 4 },
          { category: 'USER_DEFINED', typeId: 999, maxToObjectIds: 4 },
        ],
      }),
    ),
  },
  'archive-batch-then-read': {
    description: 'associations batch archive of contact 1 -> the hub company (its only company), then read contact 1',
    run: async (s, v) => {
      await send(
        s,
        auxiliaryCall('associations-batch-archive', v, PAIR, {
          inputs: [{ from: { id: id(s, 'contacts', 1) }, to: [{ id: s.seeded?.hubCompanyId ?? '' }] }],
        }),
      );
      return send(s, endpointCall('batch-read', v, PAIR, { inputs: [{ id: id(s, 'contacts', 1) }] }));
    },
  },
  'archive-single-then-read': {
    description: 'DELETE of the pair contact 1 -> the hub company (its only company), then read contact 1',
    run: async (s, v) => {
      await send(
        s,
        auxiliaryCall('association-archive-single', v, {
          fromObjectType: 'contacts',
          fromObjectId: id(s, 'contacts', 1),
          toObjectType: 'companies',
          toObjectId: s.seeded?.hubCompanyId ?? '',
        }),
      );
      return send(s, endpointCall('batch-read', v, PAIR, { inputs: [{ id: id(s, 'contacts', 1) }] }));
    },
  },
  'create-records': {
    description: 'objects batch create of one contact (an auxiliary operation: provisioning)',
    run: once((_s, v) =>
      auxiliaryCall(
        'objects-batch-create',
        v,
        { objectType: 'contacts' },
        { inputs: [{ properties: { email: 'new@example.com' } }] },
      ),
    ),
  },
  'read-invalid': {
    description: 'batch read with an input that has no id (a body the request schema makes invalid)',
    run: once((_s, v) => endpointCall('batch-read', v, PAIR, { inputs: [{}] })),
  },
  'rate-limited': {
    description: 'the third read-one within 10 s with a limit of 2 per 10 s (429)',
    options: { rateLimit: { max: 2 } },
    run: async (s, v) => {
      const call = endpointCall('batch-read', v, PAIR, { inputs: [{ id: id(s, 'contacts', 1) }] });
      await send(s, call);
      await send(s, call);
      return send(s, call);
    },
  },
} satisfies Record<string, Scenario>;

/** The name of one of {@link SCENARIOS}. */
export type ScenarioName = keyof typeof SCENARIOS;
