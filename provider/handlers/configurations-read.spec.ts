import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../index.js';

/** What a run needs to put a limit back: the pair's limits read, and update where one exists. */
let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ seedData: false });
});
afterEach(() => sandbox.stop());

async function call(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const answer = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${sandbox.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
}

const base = (version: string): string => `/crm/associations/${version}/definitions/configurations/contacts/companies`;

describe('configurations read and update (auxiliary operations of a run)', () => {
  it('reads the limits set on a pair only, label included, in every version', async () => {
    await call('POST', `${base('2026-03')}/batch/create`, {
      inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 2 }],
    });
    for (const version of ['v4', '2025-09', '2026-03', '2026-09']) {
      expect(await call('GET', base(version))).toEqual({
        status: 200,
        body: { results: [{ category: 'HUBSPOT_DEFINED', typeId: 279, userEnforcedMaxToObjectIds: 2 }] },
      });
    }
    expect((await call('GET', `/crm/associations/2026-03/definitions/configurations/deals/contacts`)).body).toEqual({
      results: [],
    });
  });

  it('updates a limit that exists; one that does not fails its input (207 in 2026-03, errors in the 200 of 2025-09)', async () => {
    await call('POST', `${base('2026-03')}/batch/create`, {
      inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 200 }],
    });
    const updated = await call('POST', `${base('2026-03')}/batch/update`, {
      inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 2 }],
    });
    expect(updated).toMatchObject({
      status: 200,
      body: {
        status: 'COMPLETE',
        results: [{ category: 'HUBSPOT_DEFINED', typeId: 279, userEnforcedMaxToObjectIds: 2 }],
      },
    });
    expect(updated.body).not.toHaveProperty('errors');
    expect(sandbox.contents().configurations).toEqual([
      '0-1>0-2:279:{"category":"HUBSPOT_DEFINED","typeId":279,"maxToObjectIds":2}',
    ]);
    const missing = { inputs: [{ category: 'USER_DEFINED', typeId: 142, maxToObjectIds: 1 }] };
    expect(await call('POST', `${base('2026-03')}/batch/update`, missing)).toMatchObject({
      status: 207,
      body: { numErrors: 1, errors: [{ category: 'OBJECT_NOT_FOUND' }], results: [] },
    });
    expect(await call('POST', `${base('2025-09')}/batch/update`, missing)).toMatchObject({
      status: 200,
      body: { numErrors: 1, errors: [{ category: 'OBJECT_NOT_FOUND' }], results: [] },
    });
    expect(sandbox.contents().configurations).toHaveLength(1);
  });
});
