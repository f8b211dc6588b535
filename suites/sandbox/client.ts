import { request as httpRequest } from 'node:http';
import type { Sandbox } from '../../provider/index.js';

/** One request to a sandbox. `token: null` sends no Authorization; undefined sends the sandbox's. */
export interface Call {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  /** Bytes or text sent as is instead of `JSON.stringify(body)`. */
  readonly rawBody?: string | Buffer;
  readonly token?: string | null;
  readonly contentType?: string | null;
  /** Give up after this many milliseconds (default 5,000). */
  readonly timeoutMs?: number;
}

/** What came back: an answer, or the transport error that came instead. */
export interface Exchange {
  readonly status: number;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  /** The parsed body, when the text is JSON. */
  readonly json: unknown;
  /** e.g. `ECONNRESET` or `TIMEOUT` when no answer arrived. */
  readonly error?: string;
}

/**
 * Sends one request over a fresh connection (no agent: nothing stays open after a test) and reads
 * the whole answer. Transport failures come back as data, so a test can assert on them.
 */
export function send(sandbox: Pick<Sandbox, 'url' | 'token'>, call: Call): Promise<Exchange> {
  const url = new URL(call.path, sandbox.url);
  const payload = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  const headers: Record<string, string> = {};
  const token = call.token === undefined ? sandbox.token : call.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (payload !== undefined) {
    const contentType = call.contentType === undefined ? 'application/json' : call.contentType;
    if (contentType !== null) headers['content-type'] = contentType;
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve) => {
    const failed = (error: string): void => resolve({ status: 0, headers: {}, text: '', json: undefined, error });
    const req = httpRequest(url, { method: call.method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error: NodeJS.ErrnoException) => failed(error.code ?? error.message));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text === '' ? undefined : JSON.parse(text);
        } catch {
          json = undefined;
        }
        const flat: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers))
          if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
        resolve({ status: res.statusCode ?? 0, headers: flat, text, json });
      });
    });
    req.setTimeout(call.timeoutMs ?? 5_000, () => {
      req.destroy();
      failed('TIMEOUT');
    });
    req.on('error', (error: NodeJS.ErrnoException) => failed(error.code ?? error.message));
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** The body of an exchange as an object, failing the test when it is not one. */
export function bodyOf(exchange: Exchange): Record<string, unknown> {
  if (typeof exchange.json !== 'object' || exchange.json === null || Array.isArray(exchange.json)) {
    throw new Error(
      `expected a JSON object body, got ${exchange.error ?? `${exchange.status} ${JSON.stringify(exchange.text.slice(0, 200))}`}`,
    );
  }
  return exchange.json as Record<string, unknown>;
}
