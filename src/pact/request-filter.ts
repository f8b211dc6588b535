import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createRedactor } from '../transport/index.js';
import { CONTRACT_TOKEN } from './names.js';

/**
 * The verifier's request filter (an express middleware in pact-js's proxy, in front of the
 * provider). It does three things:
 * - swaps the contract's placeholder bearer token for the real one, so the real token exists only
 *   in memory at verification time, never in a pact file; any other token (the 401 interactions'
 *   revoked one) is sent as the contract says;
 * - answers 500 instead of proxying when the interaction's provider state failed to set up:
 *   pact-js 16 logs a throwing state handler and carries on with the contract's example IDs,
 *   which can pass against a provider that happens to answer them (a silent 200);
 * - removes the token from what the provider answers, so a provider that echoes it cannot put it
 *   into the verifier's output or results.
 */

/** The pact-js proxy's state-change path: the filter runs for it too and must let it through. */
export const STATE_SETUP_PATH = '/_pactSetup';

/** What the filter needs to know about the current interaction. */
export interface FilterState {
  /** Why the current interaction's provider state failed, if it did. */
  failedState(): string | undefined;
  /** Told of each interaction's request as it goes to the provider (so a wait on it can be said). */
  sending?(method: string, path: string): void;
  /**
   * Told of the provider's answer to each interaction's request before the verifier gets it (so a 429 asking for a
   * wait over the bound can stop the verification first): its status and `Retry-After`.
   */
  answered?(method: string, path: string, status: number, retryAfter: string | undefined): void;
  /** True once the verification is stopped: a request the verifier still sends is then not forwarded. */
  stopped?(): boolean;
}

type Next = (error?: unknown) => void;

/** The filter as pact-js's `requestFilter` takes it. */
export type RequestFilter = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

/**
 * The bytes of what a provider passed to `res.write`/`res.end`: a string (as UTF-8, the provider's JSON) or bytes;
 * undefined for no chunk (`res.end()`, or `res.end(callback)`).
 */
function chunkBytes(chunk: unknown): Buffer | undefined {
  if (typeof chunk === 'string') return Buffer.from(chunk);
  return chunk instanceof Uint8Array ? Buffer.from(chunk) : undefined;
}

function redactResponse(res: ServerResponse, redact: (text: string) => string, answered: () => void): void {
  const chunks: Buffer[] = [];
  const setHeader = res.setHeader.bind(res);
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  // The body may change length: let node frame it instead of the provider's Content-Length.
  res.setHeader = (name: string, value: number | string | readonly string[]) => {
    if (name.toLowerCase() === 'content-length') return res;
    return setHeader(
      name,
      typeof value === 'string' ? redact(value) : Array.isArray(value) ? value.map((v: string) => redact(v)) : value,
    );
  };
  res.write = ((chunk: unknown) => {
    const bytes = chunkBytes(chunk);
    if (bytes) chunks.push(bytes);
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown) => {
    const bytes = chunkBytes(chunk);
    if (bytes) chunks.push(bytes);
    answered();
    const body = redact(Buffer.concat(chunks).toString('utf8'));
    if (body.length > 0) write(body);
    return end();
  }) as typeof res.end;
}

/**
 * When the verifier hangs up (a stop kills it), this end of its connection is closed too. Node's server keeps a
 * half-closed socket open while a request on it is unanswered, and pact-js's proxy (http-proxy, no 'error' listener)
 * throws a provider's later reset of the forwarded request out of the process unless the verifier's socket is
 * destroyed (it then takes the reset as the verifier's own and drops it).
 */
function closeWithTheVerifier(socket: Socket, open: Set<Socket>): void {
  if (open.has(socket)) return;
  open.add(socket);
  socket.once('end', () => socket.destroy());
  socket.once('close', () => open.delete(socket));
}

/** Builds the request filter for one verification. */
export function requestFilter(token: string, state: FilterState): RequestFilter & { hangUp(): void } {
  const redactor = createRedactor([token]);
  const open = new Set<Socket>();
  const filter: RequestFilter = (req, res, next) => {
    closeWithTheVerifier(req.socket, open);
    const path = (req.url ?? '').split('?')[0];
    if (path === STATE_SETUP_PATH) {
      next();
      return;
    }
    if (state.stopped?.() === true) {
      res.statusCode = 503;
      res.end();
      return;
    }
    const failed = state.failedState();
    if (failed !== undefined) {
      res.statusCode = 500;
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          hsac: 'provider state failed to set up; the request was not sent',
          reason: redactor.text(failed),
        }),
      );
      return;
    }
    if (req.headers.authorization === `Bearer ${CONTRACT_TOKEN}`) req.headers.authorization = `Bearer ${token}`;
    const method = req.method ?? 'GET';
    const shownPath = redactor.text(path ?? '');
    state.sending?.(method, shownPath);
    const retryAfter = (): string | undefined => {
      const value = res.getHeader('retry-after');
      return value === undefined ? undefined : String(value);
    };
    redactResponse(
      res,
      (text) => redactor.text(text),
      () => state.answered?.(method, shownPath, res.statusCode, retryAfter()),
    );
    next();
  };
  /**
   * Closes the verifier's connections at once, after a stop killed it: its hang-up may not have been seen yet when the
   * provider (an embedded sandbox stopping) resets a request still forwarded.
   */
  const hangUp = (): void => {
    for (const socket of open) socket.destroy();
  };
  return Object.assign(filter, { hangUp });
}
