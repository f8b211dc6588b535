import type NockModule from 'nock';
import { GateUsageError } from '../sdk/errors.js';

/**
 * The gate's HTTP stand-in: nock answers every request the SDK sends to {@link GATE_BASE_URL}
 * with the response the gate sets, and records what was sent. Net connect is off while it runs, so
 * nothing the SDK sends can leave the process. nock is loaded when the gate runs (it is a
 * devDependency; the rest of the CLI does not need it).
 */

/** Where the SDK is pointed: `.invalid` never resolves (RFC 2606), so a leak could not reach anyone. */
export const GATE_BASE_URL = 'http://hsac-gate.invalid';

/** The token the SDK is given: not a credential (nothing leaves the process), and redacted all the same. */
export const GATE_TOKEN = 'hsac-gate-token';

/** A request the SDK sent. */
export interface CapturedRequest {
  readonly method: string;
  /** Path and query. */
  readonly path: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text; absent when none was sent. */
  readonly body?: string;
}

/** A response for nock to give. */
export interface ServedResponse {
  readonly status: number;
  readonly body: unknown;
}

/** Only nock's type is imported statically: the module is loaded when the gate runs ({@link Interceptor.start}). */
type Nock = typeof NockModule;

/** An active interception; {@link Interceptor.stop} restores the network. */
export class Interceptor {
  private next: ServedResponse = { status: 500, body: { message: 'no response set' } };
  private captured: CapturedRequest[] = [];

  private constructor(private readonly nock: Nock) {}

  /** Starts intercepting; throws {@link GateUsageError} when nock is not installed. */
  static async start(): Promise<Interceptor> {
    let nock: Nock;
    try {
      nock = (await import('nock')).default;
    } catch {
      throw new GateUsageError('the SDK gate needs nock (npm i -D nock@14) to serve responses in-process');
    }
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
    const interceptor = new Interceptor(nock);
    const reply = function (
      this: { req: { method?: string; headers: Record<string, string | string[]> } },
      uri: string,
      body: unknown,
    ): [number, string, Record<string, string>] {
      interceptor.record(this.req.method ?? '', uri, this.req.headers, body);
      return [
        interceptor.next.status,
        JSON.stringify(interceptor.next.body),
        { 'Content-Type': 'application/json;charset=utf-8' },
      ];
    };
    const everyPath = (): boolean => true;
    nock(GATE_BASE_URL)
      .persist()
      .post(everyPath)
      .reply(reply)
      .put(everyPath)
      .reply(reply)
      .get(everyPath)
      .reply(reply)
      .patch(everyPath)
      .reply(reply)
      .delete(everyPath)
      .reply(reply);
    return interceptor;
  }

  private record(method: string, path: string, headers: Record<string, string | string[]>, body: unknown): void {
    const flat: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers))
      flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    const text = body === undefined || body === '' ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    this.captured.push({
      method: method.toUpperCase(),
      path,
      headers: flat,
      ...(text === undefined ? {} : { body: text }),
    });
  }

  /** Sets what the next requests are answered with. */
  serve(response: ServedResponse): void {
    this.next = response;
  }

  /** The requests captured since the last call. */
  take(): CapturedRequest[] {
    const taken = this.captured;
    this.captured = [];
    return taken;
  }

  /** Removes the interceptors and lets the network back (for code that runs after the gate in-process). */
  stop(): void {
    this.nock.cleanAll();
    this.nock.enableNetConnect();
    this.nock.restore();
  }
}
