import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../index.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ seedData: false });
});
afterEach(() => sandbox.stop());

async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const answer = await fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
}

describe('objects batch read (how a run checks --records exist)', () => {
  it('answers 200 with every record when all exist, and a 207 naming the missing IDs otherwise', async () => {
    const created = await post('/crm/objects/2026-03/contacts/batch/create', {
      inputs: [{ properties: { firstname: 'a' } }, { properties: { firstname: 'b' } }],
    });
    const ids = (created.body.results as { id: string }[]).map((result) => result.id);
    const all = await post('/crm/objects/2026-03/contacts/batch/read', {
      inputs: ids.map((id) => ({ id })),
      properties: [],
      propertiesWithHistory: [],
    });
    expect(all.status).toBe(200);
    expect((all.body.results as { id: string }[]).map((result) => result.id).sort()).toEqual([...ids].sort());
    expect(all.body).not.toHaveProperty('errors');
    const some = await post('/crm/v3/objects/contacts/batch/read', {
      inputs: [{ id: ids[0] }, { id: '999999999' }, { id: '999999998' }],
      properties: [],
      propertiesWithHistory: [],
    });
    expect(some).toMatchObject({
      status: 207,
      body: {
        numErrors: 1,
        errors: [{ status: 'error', category: 'OBJECT_NOT_FOUND', context: { ids: ['999999999', '999999998'] } }],
      },
    });
    expect((some.body.results as { id: string }[]).map((result) => result.id)).toEqual([ids[0]]);
    // A company ID is not a contact.
    expect(
      (
        await post('/crm/objects/2026-03/companies/batch/read', {
          inputs: [{ id: ids[0] }],
          properties: [],
          propertiesWithHistory: [],
        })
      ).status,
    ).toBe(207);
  });

  it('refuses more than 100 inputs and IDs that are not record IDs (400)', async () => {
    expect(
      (
        await post('/crm/objects/2026-03/contacts/batch/read', {
          inputs: Array.from({ length: 101 }, (_, i) => ({ id: String(i + 1) })),
        })
      ).status,
    ).toBe(400);
    expect((await post('/crm/objects/2026-03/contacts/batch/read', { inputs: [{ id: 'abc' }] })).status).toBe(400);
  });
});
