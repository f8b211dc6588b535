import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CapturedRequest } from './intercept.js';

/**
 * The HTTP gate's relay: a loopback server the SDK is pointed at (its `basePath`), so the SDK sends
 * over its own HTTP stack (node-fetch or fetch, sockets, its serializer) and the gate sees the bytes
 * it sent. The gate decides what each request gets: forwarded through hsac's transport to the target
 * (rate limits, retries, timeouts, the stop signal, redaction: the same client as `hsac run`), or
 * answered here without reaching the target (a request the gate did not plan). Nothing the SDK
 * sends reaches a target unless the gate's handler forwards it.
 */

/** What the relay answers the SDK. */
export interface RelayAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Decides the answer to one request the SDK sent. */
export type RelayHandler = (request: CapturedRequest) => Promise<RelayAnswer>;

/** The largest request body the relay reads (1000 inputs are ~60 KB): past it the SDK gets a 413, nothing forwarded. */
export const RELAY_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** Headers the relay never copies to the SDK: the relay's own framing decides them. */
const HOP_BY_HOP = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'content-encoding']);

/** A JSON answer made by the relay itself (never the target's). */
export function relayAnswer(status: number, message: string): RelayAnswer {
  return {
    status,
    headers: { 'content-type': 'application/json;charset=utf-8' },
    body: JSON.stringify({ status: 'error', category: 'HSAC_GATE_RELAY', message }),
  };
}

/** Only the headers a client reads, never framing the relay sets itself. */
export function answerHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));
}

/** The loopback relay; {@link Relay.close} stops it. */
export class Relay {
  private captured: CapturedRequest[] = [];
  private handler: RelayHandler = () =>
    Promise.resolve(relayAnswer(501, 'hsac gate relay: no request is expected now; nothing was forwarded'));

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /** Starts the relay on an ephemeral loopback port. */
  static async start(): Promise<Relay> {
    // The server exists before the relay that answers through it: requests wait for nothing (none arrive before).
    const started: { relay?: Relay } = {};
    const server = createServer((request, response) => {
      if (started.relay) void started.relay.receive(request, response);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    started.relay = new Relay(server, `http://127.0.0.1:${port}`);
    return started.relay;
  }

  /** Sets how the next requests are answered. */
  handle(handler: RelayHandler): void {
    this.handler = handler;
  }

  /** The requests received since the last call. */
  take(): CapturedRequest[] {
    const taken = this.captured;
    this.captured = [];
    return taken;
  }

  /** Stops listening and drops any connection the SDK keeps alive. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async receive(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let answer: RelayAnswer;
    try {
      const body = await readBody(request);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers))
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      if (body === 'too-large') {
        answer = relayAnswer(
          413,
          `hsac gate relay: a request body over ${RELAY_MAX_REQUEST_BYTES} bytes; not forwarded`,
        );
      } else {
        const captured: CapturedRequest = {
          method: (request.method ?? '').toUpperCase(),
          path: request.url ?? '/',
          headers,
          ...(body === '' ? {} : { body }),
        };
        this.captured.push(captured);
        answer = await this.handler(captured);
      }
    } catch (error) {
      answer = relayAnswer(502, `hsac gate relay: ${(error as Error).message}`);
    }
    if (response.destroyed) return;
    response.writeHead(answer.status, { ...answerHeaders(answer.headers) });
    response.end(answer.body);
  }
}

/** The request body as text, or 'too-large' past the bound (the rest is drained, not kept). */
function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > RELAY_MAX_REQUEST_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
