import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTRACT_TOKEN, REVOKED_TOKEN } from './names.js';
import { requestFilter, STATE_SETUP_PATH } from './request-filter.js';

/**
 * The verifier's request filter, in front of a provider that answers with the Authorization
 * header it got (echoing a token, as the sandbox's token-echo faults do).
 */

const TOKEN = 'pat-na1-' + '11111111-2222-4333-8444-555555555555';
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function through(
  path: string,
  authorization: string,
  failed?: string,
): Promise<{ status: number; body: string; echo?: string }> {
  const filter = requestFilter(TOKEN, { failedState: () => failed });
  server = createServer((req, res) => {
    filter(req, res, () => {
      res.setHeader('X-Echo', String(req.headers.authorization));
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Content-Length', String(Buffer.byteLength(JSON.stringify({ got: req.headers.authorization }))));
      res.end(JSON.stringify({ got: req.headers.authorization }));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, {
    headers: { authorization },
  });
  const echo = response.headers.get('x-echo');
  return { status: response.status, body: await response.text(), ...(echo === null ? {} : { echo }) };
}

describe('requestFilter', () => {
  it('swaps the contract placeholder for the real token, and keeps the real token out of what comes back', async () => {
    const answer = await through('/crm/v4/associations/contacts/companies/batch/read', `Bearer ${CONTRACT_TOKEN}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(JSON.stringify({ got: 'Bearer [REDACTED]' }));
    expect(answer.echo).toBe('Bearer [REDACTED]');
  });

  it('leaves any other token (the 401 interactions) as the contract sends it', async () => {
    const answer = await through('/crm/v4/associations/contacts/companies/batch/read', `Bearer ${REVOKED_TOKEN}`);
    expect(answer.body).toBe(JSON.stringify({ got: `Bearer ${REVOKED_TOKEN}` }));
  });

  it('answers 500 without reaching the provider when the interaction’s state failed to set up', async () => {
    const answer = await through(
      '/crm/v4/associations/contacts/companies/batch/read',
      `Bearer ${CONTRACT_TOKEN}`,
      `contact {contactId} exists: objects-batch-create answered 403 with ${TOKEN}`,
    );
    expect(answer.status).toBe(500);
    expect(answer.body).toContain('provider state failed to set up');
    expect(answer.body).not.toContain(TOKEN);
    expect(answer.echo).toBeUndefined();
  });

  it('lets the state-change calls through untouched', async () => {
    const answer = await through(STATE_SETUP_PATH, 'Bearer other', 'an earlier failure');
    expect(answer.status).toBe(200);
  });
});
