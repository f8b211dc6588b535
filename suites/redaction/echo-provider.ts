import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type Sandbox } from '../../provider/index.js';
import { isErrorStatus, isSuccess } from '../../src/catalogue/index.js';
import { encode, jsonContent, type Echo } from './encodings.js';

/**
 * A hostile provider: the reference sandbox (provider/) behind a small node:http proxy on
 * 127.0.0.1 that answers as the sandbox does, but echoes the bearer token it was sent, in the
 * planned encoding and placement, in every answer. hsac talks to the proxy with the drawn token;
 * the proxy swaps it for the sandbox's own, so any token can be drawn (the sandbox accepts one).
 */

/** What the proxy echoes now. */
interface Plan {
  readonly token: string;
  readonly echo: Echo;
  injected: number;
  authorized: number;
  brokeOnce: boolean;
}

/** A running echo provider. */
export interface EchoProvider {
  /** `http://127.0.0.1:<port>`: give it to `hsac run --target`. */
  readonly url: string;
  /** Echo `token` as `echo` says from now on (runs are sequential); resets the counters. */
  plan(token: string, echo: Echo): void;
  /** Answers that carried the echo since the last plan. */
  injected(): number;
  /** Requests since the last plan that presented `Bearer <token>` (the token went over the wire). */
  authorized(): number;
  stop(): Promise<void>;
}

/** Request headers passed on to the sandbox. */
const FORWARDED = new Set(['accept', 'content-type', 'user-agent']);
/** Answer headers not copied back: the proxy sets its own framing. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date']);
/** A marker JSON.stringify leaves alone, replaced by the echo's JSON string content. */
const PLACEHOLDER = 'hsac-echo-placeholder-1f7c';

async function readAll(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The sandbox's JSON body with the echo in it, as the plan's placement says (undefined: not a place for it). */
function echoedBody(body: string, status: number, path: string, plan: Plan): string | undefined {
  if (!body.trimStart().startsWith('{')) return undefined;
  const content = jsonContent(plan.token, plan.echo);
  const rest = body.trimStart().slice(1);
  const glue = rest.trimStart().startsWith('}') ? '' : ',';
  // Built with a placeholder, then spliced in as written: a `\u` escape must reach hsac as sent.
  const withValue = (edit: (value: Record<string, unknown>) => boolean): string | undefined => {
    const value = JSON.parse(body) as Record<string, unknown>;
    return edit(value) ? JSON.stringify(value).replace(PLACEHOLDER, content) : undefined;
  };
  switch (plan.echo.placement) {
    case 'body-field':
      return `{"echo":"${content}"${glue}${rest}`;
    case 'body-key':
      return `{"${content}":"echo"${glue}${rest}`;
    case 'error-message':
      return isErrorStatus(status)
        ? withValue((value) => {
            if (typeof value.message !== 'string') return false;
            value.message = `${value.message} (Authorization: ${PLACEHOLDER})`;
            return true;
          })
        : undefined;
    case 'record-id':
      return isSuccess(status) && path.endsWith('/batch/create')
        ? withValue((value) => {
            const [first] = Array.isArray(value.results) ? (value.results as Record<string, unknown>[]) : [];
            if (first === undefined) return false;
            first.id = PLACEHOLDER;
            return true;
          })
        : undefined;
    default:
      return undefined;
  }
}

/** HubSpot's ten-secondly 429 with the echo as its policy name and a day-long Retry-After. */
function rateLimitAnswer(content: string): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    status: 'error',
    message: 'You have reached your ten_secondly_rolling limit.',
    errorType: 'RATE_LIMIT',
    correlationId: '0b8f2a4e-6c1d-4f3a-9e2b-7d5c4a3b2e1f',
    policyName: PLACEHOLDER,
    groupName: 'publicapi:private-app-api-calls',
  });
  return {
    body: body.replace(PLACEHOLDER, content),
    headers: { 'content-type': 'application/json;charset=utf-8', 'retry-after': '86400' },
  };
}

/** Starts a sandbox (any rate, so runs never wait) and the echoing proxy in front of it. */
export async function startEchoProvider(): Promise<EchoProvider> {
  const sandbox: Sandbox = await startSandbox({
    seed: 5,
    pageSize: 50,
    rateLimit: { max: 1_000_000, intervalMs: 1000, daily: 100_000_000 },
  });
  let plan: Plan | undefined;

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readAll(request);
    const current = plan;
    if (!current) {
      response.writeHead(503).end();
      return;
    }
    const text = encode(current.token, current.echo);
    if (current.echo.placement === 'transport-error' && !current.brokeOnce) {
      // A malformed status line holding the echo: the HTTP client fails on it (a transport error),
      // then retries and gets a proper answer.
      current.brokeOnce = true;
      current.injected++;
      request.socket.end(`HTTP/1.1 2${text} OK\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    if (
      current.echo.placement === 'rate-limit-error' &&
      current.injected === 0 &&
      (request.url ?? '').includes('/associations/')
    ) {
      // The first association call meets a 429 whose wait is over any bound: the run ends on it,
      // and the error that says so quotes the policy name.
      current.injected++;
      const answer = rateLimitAnswer(jsonContent(current.token, current.echo));
      response.writeHead(429, { ...answer.headers, 'content-length': String(Buffer.byteLength(answer.body)) });
      response.end(answer.body);
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === 'string' && FORWARDED.has(name)) headers[name] = value;
    const authorization = request.headers.authorization;
    if (authorization === `Bearer ${current.token}`) {
      current.authorized++;
      headers.authorization = `Bearer ${sandbox.token}`;
    } else if (authorization !== undefined) {
      headers.authorization = authorization;
    }
    const upstream = await fetch(`${sandbox.url}${request.url ?? '/'}`, {
      method: request.method ?? 'GET',
      headers,
      ...(body.length > 0 ? { body } : {}),
      redirect: 'manual',
    });
    const upstreamBody = await upstream.text();
    const answerHeaders: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name)) answerHeaders[name] = value;
    });
    let answerBody = upstreamBody;
    let reason = STATUS_CODES[upstream.status] ?? 'Unknown';
    let echoed = false;
    switch (current.echo.placement) {
      case 'body-field':
      case 'body-key':
      case 'error-message':
      case 'record-id': {
        const withEcho = echoedBody(
          upstreamBody,
          upstream.status,
          new URL(request.url ?? '/', sandbox.url).pathname,
          current,
        );
        if (withEcho !== undefined) {
          answerBody = withEcho;
          echoed = true;
        }
        break;
      }
      case 'header-value':
        answerHeaders['x-echo-authorization'] = text;
        echoed = true;
        break;
      case 'header-name':
        answerHeaders[text] = 'echo';
        echoed = true;
        break;
      case 'status-text':
        reason = `${reason} ${text}`;
        echoed = true;
        break;
      case 'rate-limit-error':
      case 'transport-error':
        break;
    }
    if (echoed) current.injected++;
    if (upstream.status !== 204) answerHeaders['content-length'] = String(Buffer.byteLength(answerBody, 'utf8'));
    response.writeHead(upstream.status, reason, answerHeaders);
    response.end(upstream.status === 204 ? undefined : answerBody);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      // The proxy's own failure must look like a broken server, never hang the run.
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    plan(token, echo) {
      plan = { token, echo, injected: 0, authorized: 0, brokeOnce: false };
    },
    injected: () => plan?.injected ?? 0,
    authorized: () => plan?.authorized ?? 0,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox.stop();
    },
  };
}
