import type { IncomingMessage, ServerResponse } from 'node:http';
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

function redactResponse(res: ServerResponse, redact: (text: string) => string): void {
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
    const body = redact(Buffer.concat(chunks).toString('utf8'));
    if (body.length > 0) write(body);
    return end();
  }) as typeof res.end;
}

/** Builds the request filter for one verification. */
export function requestFilter(token: string, state: FilterState): RequestFilter {
  const redactor = createRedactor([token]);
  return (req, res, next) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === STATE_SETUP_PATH) {
      next();
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
    state.sending?.(req.method ?? 'GET', redactor.text(path ?? ''));
    redactResponse(res, (text) => redactor.text(text));
    next();
  };
}
