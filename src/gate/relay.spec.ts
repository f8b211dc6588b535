import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { answerHeaders, Relay, RELAY_MAX_REQUEST_BYTES, relayAnswer } from './relay.js';

/** The HTTP gate's loopback relay: what it captures, what it answers, and that it forwards nothing on its own. */

let relay: Relay | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

/** Sends one request to the relay; resolves to its status, content type and body. */
function send(
  url: string,
  method: string,
  path: string,
  body?: string | Buffer,
): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), { method, headers: { authorization: 'Bearer t-123456789' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body: text }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Relay', () => {
  it('captures method, path, lower-case headers and body, and answers what the handler decides', async () => {
    relay = await Relay.start();
    expect(relay.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    relay.handle((captured) =>
      Promise.resolve({
        status: 207,
        headers: { 'content-type': 'application/json', 'content-length': '999', 'x-hubspot-correlation-id': 'c' },
        body: JSON.stringify({ echoed: captured.path }),
      }),
    );
    const answer = await send(relay.url, 'POST', '/crm/v4/associations/a/b/batch/read?x=1', '{"inputs":[]}');
    expect(answer).toEqual({
      status: 207,
      type: 'application/json',
      body: '{"echoed":"/crm/v4/associations/a/b/batch/read?x=1"}',
    });
    const [captured, ...more] = relay.take();
    expect(more).toEqual([]);
    expect(captured).toMatchObject({
      method: 'POST',
      path: '/crm/v4/associations/a/b/batch/read?x=1',
      body: '{"inputs":[]}',
    });
    expect(captured?.headers.authorization).toBe('Bearer t-123456789');
    expect(relay.take()).toEqual([]);
  });

  it('answers 501 itself when no call is expected, and a bodyless request is captured without a body', async () => {
    relay = await Relay.start();
    const answer = await send(relay.url, 'PUT', '/x');
    expect(answer.status).toBe(501);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 'error', category: 'HSAC_GATE_RELAY' });
    const [captured] = relay.take();
    expect(captured).toBeDefined();
    expect(captured && 'body' in captured).toBe(false);
  });

  it('refuses a body over the bound with 413, without calling the handler', async () => {
    relay = await Relay.start();
    let called = 0;
    relay.handle(() => {
      called++;
      return Promise.resolve(relayAnswer(200, 'never'));
    });
    const answer = await send(relay.url, 'POST', '/big', Buffer.alloc(RELAY_MAX_REQUEST_BYTES + 1, 0x20));
    expect(answer.status).toBe(413);
    expect(called).toBe(0);
    expect(relay.take()).toEqual([]);
  });

  it('turns a handler that throws into a 502 the SDK can read, and keeps serving', async () => {
    relay = await Relay.start();
    relay.handle(() => Promise.reject(new Error('boom')));
    const first = await send(relay.url, 'GET', '/a');
    expect(first.status).toBe(502);
    expect(JSON.parse(first.body)).toMatchObject({ message: 'hsac gate relay: boom' });
    relay.handle(() => Promise.resolve(relayAnswer(404, 'no')));
    expect((await send(relay.url, 'GET', '/b')).status).toBe(404);
  });
});

describe('answerHeaders', () => {
  it('drops framing the relay sets itself, whatever the case, and keeps the rest', () => {
    expect(
      answerHeaders({ 'Content-Length': '3', 'transfer-encoding': 'chunked', 'content-type': 'a', 'retry-after': '1' }),
    ).toEqual({ 'content-type': 'a', 'retry-after': '1' });
  });
});
