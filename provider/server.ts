import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ERROR_STATUSES, SUCCESS_STATUSES } from '../src/catalogue/index.js';
import { presentedToken, tokenMatches, UNAUTHORIZED } from './auth.js';
import { errorBody, rateLimitBody } from './bodies.js';
import type { Clock } from './clock.js';
import type { AuxiliaryFaultContext, FaultContext, FaultOptions } from './faults/fault.js';
import type { Fault } from './faults/index.js';
import { AUXILIARY_HANDLERS, handleEndpoint, type AccountSettings, type HandlerContext } from './handlers/index.js';
import {
  CORRELATION_HEADER,
  HttpError,
  JSON_CONTENT_TYPE,
  type Delivery,
  type SandboxRequest,
  type SandboxResponse,
} from './http-types.js';
import { CLEAN_POLICY, type SandboxPolicy } from './policy.js';
import type { Random } from './random.js';
import type { RateLimiter } from './rate-limit.js';
import { parseJsonBody, readRequest, type RequestLimits } from './request-body.js';
import { Router, type RouteMatch, type RouteTarget } from './router.js';
import { sideRouteFor, type SideRoute } from './side-routes.js';
import type { Store } from './state.js';

/** Everything the server needs, resolved and validated by `startSandbox`. */
export interface ServerSettings {
  readonly token: string;
  readonly faults: readonly Fault[];
  readonly faultOptions: Required<FaultOptions>;
  readonly clock: Clock;
  readonly rateLimiter: RateLimiter;
  readonly store: Store;
  /** Correlation and request ids (seeded, so two sandboxes with one seed answer alike). */
  readonly ids: Random;
  readonly pageSize: number;
  readonly account: AccountSettings;
  readonly limits: RequestLimits;
  /** Served beside the API, before its router (`side-routes.ts`). */
  readonly sideRoutes: readonly SideRoute[];
}

/** The running HTTP server and how to stop it. */
export interface SandboxServer {
  readonly server: Server;
  /** Requests answered (or cut) so far. */
  readonly requestCount: () => number;
  /** Closes the listener, every socket and every pending delayed answer. */
  readonly close: () => Promise<void>;
}

/** An answer decided, with the fault context when it is an exchange with one of the four endpoints. */
interface Decided {
  readonly response: SandboxResponse;
  /** Without the per-fault `firstTime`, which `forFault` adds for each hook. */
  readonly faultContext?: Omit<FaultContext, 'firstTime'>;
}

const router = new Router();

/** The policy of the four endpoints (each fault's `policy`) or of the auxiliary operations (`auxiliaryPolicy`). */
function mergePolicy(
  faults: readonly Fault[],
  pick: (fault: Fault) => Partial<SandboxPolicy> | undefined,
): SandboxPolicy {
  return faults.reduce<SandboxPolicy>((policy, fault) => ({ ...policy, ...pick(fault) }), CLEAN_POLICY);
}

function errorResponse(
  status: number,
  correlationId: string,
  category: string,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): SandboxResponse {
  return { status, headers, payload: { type: 'json', value: errorBody({ correlationId, category, message }) } };
}

function decodeParams(match: RouteMatch): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, raw] of Object.entries(match.rawParams)) {
    try {
      params[name] = decodeURIComponent(raw);
    } catch {
      throw new HttpError(
        ERROR_STATUSES.badRequest,
        'VALIDATION_ERROR',
        `Malformed percent-encoding in path parameter ${name}`,
      );
    }
  }
  return params;
}

function serialize(response: SandboxResponse): { headers: Record<string, string>; body: Buffer } {
  const headers: Record<string, string> = { ...response.headers };
  const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  switch (response.payload.type) {
    case 'json':
      if (!hasContentType) headers['Content-Type'] = JSON_CONTENT_TYPE;
      return { headers, body: Buffer.from(JSON.stringify(response.payload.value), 'utf8') };
    case 'text':
      if (!hasContentType) headers['Content-Type'] = response.payload.contentType;
      return { headers, body: Buffer.from(response.payload.text, 'utf8') };
    case 'none':
      return { headers, body: Buffer.alloc(0) };
  }
}

/**
 * The sandbox's HTTP server: route (by the catalogue's templates), authenticate, count against
 * the rate limits, parse, handle, then let the planted faults rewrite the answer and its delivery.
 * A fault's `policy`, `intercept`, `response` and `delivery` act on the four endpoints under test
 * only; only its `auxiliaryPolicy` and `auxiliaryIntercept` reach provisioning, archive, cleanup
 * and account details, so a fault that does not ask for them leaves a run able to set up and clean up.
 */
export function createSandboxServer(settings: ServerSettings): SandboxServer {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const endpointPolicy = mergePolicy(settings.faults, (fault) => fault.policy);
  const auxiliaryPolicy = mergePolicy(settings.faults, (fault) => fault.auxiliaryPolicy);
  /** Per fault, the keys it has asked `firstTime` about: this sandbox's memory, not the module's. */
  const firstSeen = new Map<string, Set<string>>();
  let requests = 0;

  /** The `firstTime` of one fault on this sandbox. */
  const firstTimeFor =
    (fault: Fault) =>
    (key: string): boolean => {
      let seen = firstSeen.get(fault.name);
      if (!seen) {
        seen = new Set();
        firstSeen.set(fault.name, seen);
      }
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    };

  /** A context given to one fault's hook. */
  const forFault = <C extends object>(context: C, fault: Fault): C & { firstTime: (key: string) => boolean } => ({
    ...context,
    firstTime: firstTimeFor(fault),
  });

  /**
   * The answer a planted fault gives instead of the sandbox (the first in registry order that
   * gives one), before the request is counted, read or handled: a gateway or a limiter in front of
   * the API. It is sent with the headers the fault gave it, and no others (an edge page carries
   * no HubSpot header).
   */
  const intercepted = (
    target: RouteTarget,
    request: SandboxRequest,
    correlationId: string,
  ): SandboxResponse | undefined => {
    const common = {
      request,
      token: request.token,
      options: settings.faultOptions,
      pageSize: settings.pageSize,
      correlationId,
      rateLimit: settings.rateLimiter.options,
    };
    for (const fault of settings.faults) {
      const answer =
        target.kind === 'endpoint'
          ? fault.intercept?.(
              forFault<Omit<FaultContext, 'firstTime'>>({ ...common, operation: target.operation }, fault),
            )
          : fault.auxiliaryIntercept?.(
              forFault<Omit<AuxiliaryFaultContext, 'firstTime'>>({ ...common, operation: target.operation }, fault),
            );
      if (answer !== undefined) return answer;
    }
    return undefined;
  };

  /** Auth, rate limit, body and handler for a routed request; `HttpError`s become `Error` bodies. */
  const serve = (
    match: RouteMatch,
    policy: SandboxPolicy,
    base: SandboxRequest,
    bytes: Buffer | undefined,
    correlationId: string,
    startedAt: number,
  ): { response: SandboxResponse; request: SandboxRequest } => {
    const headers = { [CORRELATION_HEADER]: correlationId };
    const authorized = tokenMatches(base.token, settings.token);
    if (!authorized && policy.enforceAuth) {
      return {
        response: errorResponse(
          ERROR_STATUSES.unauthorized,
          correlationId,
          UNAUTHORIZED.category,
          UNAUTHORIZED.message,
          headers,
        ),
        request: base,
      };
    }
    // A fault's own answer (a gateway's or a limiter's 429) comes before counting, as HubSpot
    // does not count refused requests, and before the body is read or handled, so nothing is written.
    const instead = intercepted(match.target, base, correlationId);
    if (instead) return { response: instead, request: base };
    // Auth comes first: a request the sandbox cannot attribute to a token is not counted.
    const decision = settings.rateLimiter.take(authorized ? settings.token : 'anonymous');
    const limited = { ...headers, ...decision.headers };
    if (!decision.allowed) {
      const body = rateLimitBody({ policy: decision.policy, correlationId, requestId: settings.ids.uuid() });
      return {
        response: { status: ERROR_STATUSES.tooManyRequests, headers: limited, payload: { type: 'json', value: body } },
        request: base,
      };
    }
    let request = base;
    try {
      if (bytes === undefined)
        throw new HttpError(
          ERROR_STATUSES.badRequest,
          'VALIDATION_ERROR',
          `Request body over ${settings.limits.maxBytes} bytes`,
        );
      request = { ...base, body: parseJsonBody(bytes, base.headers['content-type'], settings.limits) };
      const context: HandlerContext = {
        request,
        params: decodeParams(match),
        apiVersion: match.apiVersion,
        store: settings.store,
        policy,
        clock: settings.clock,
        startedAt,
        pageSize: settings.pageSize,
        account: settings.account,
      };
      const handled =
        match.target.kind === 'endpoint'
          ? handleEndpoint(context, match.target.operation)
          : AUXILIARY_HANDLERS[match.target.operation.id](context, match.target.operation);
      return { response: { ...handled, headers: { ...limited, ...handled.headers } }, request };
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      return {
        response: errorResponse(error.status, correlationId, error.category, error.message, {
          ...limited,
          ...error.extraHeaders,
        }),
        request,
      };
    }
  };

  /** The answer to one request, before faults; with the fault context for the four endpoints. */
  const decide = (
    request: IncomingMessage,
    bytes: Buffer | undefined,
    correlationId: string,
    startedAt: number,
  ): Decided => {
    const headers = { [CORRELATION_HEADER]: correlationId };
    const method = request.method ?? 'GET';
    let path: string;
    try {
      path = new URL(request.url ?? '/', 'http://sandbox.invalid').pathname;
    } catch {
      return {
        response: errorResponse(
          ERROR_STATUSES.badRequest,
          correlationId,
          'VALIDATION_ERROR',
          'Malformed request target',
          headers,
        ),
      };
    }
    const routed = router.route(method, path);
    if (routed.kind === 'not-found')
      return {
        response: errorResponse(
          ERROR_STATUSES.notFound,
          correlationId,
          'OBJECT_NOT_FOUND',
          `No such resource: ${method} ${path}`,
          headers,
        ),
      };
    if (routed.kind === 'method-not-allowed') {
      return {
        response: errorResponse(
          ERROR_STATUSES.methodNotAllowed,
          correlationId,
          'VALIDATION_ERROR',
          `${method} is not allowed on ${path}`,
          { ...headers, Allow: routed.allowed.join(', ') },
        ),
      };
    }
    const { match } = routed;
    const policy = match.target.kind === 'endpoint' ? endpointPolicy : auxiliaryPolicy;
    const token = presentedToken(request.headers.authorization);
    let served: { response: SandboxResponse; request: SandboxRequest };
    const base: SandboxRequest = { method, path, headers: request.headers, body: undefined, token };
    try {
      served = serve(match, policy, base, bytes, correlationId, startedAt);
    } catch (error) {
      // A sandbox bug must still answer like a server (an Error body), never crash the process.
      const message = `internal sandbox error: ${error instanceof Error ? error.message : String(error)}`;
      served = {
        response: errorResponse(ERROR_STATUSES.internalServerError, correlationId, 'INTERNAL_ERROR', message, headers),
        request: base,
      };
    }
    if (match.target.kind !== 'endpoint') return { response: served.response };
    const faultContext = {
      operation: match.target.operation,
      request: served.request,
      token,
      options: settings.faultOptions,
      pageSize: settings.pageSize,
      correlationId,
      rateLimit: settings.rateLimiter.options,
    };
    return { response: served.response, faultContext };
  };

  const deliver = (response: ServerResponse, delivery: Delivery): void => {
    const write = (): void => {
      if (response.destroyed || response.writableEnded) return;
      if (delivery.reset) {
        response.socket?.resetAndDestroy();
        return;
      }
      const headers: Record<string, string> = { ...delivery.headers };
      // RFC 9110 §8.6: no Content-Length on a 204.
      if (delivery.status !== SUCCESS_STATUSES.noContent) headers['Content-Length'] = String(delivery.body.length);
      response.writeHead(delivery.status, headers);
      response.end(delivery.body);
    };
    if (delivery.delayMs <= 0) return write();
    const timer = setTimeout(() => {
      timers.delete(timer);
      write();
    }, delivery.delayMs);
    timers.add(timer);
    return undefined;
  };

  /** A side route's answer, as JSON; a route that throws answers 500 with its message (a server never crashes). */
  const answerSideRoute = async (route: SideRoute, bytes: Buffer | undefined, response: ServerResponse) => {
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const origin = { url: `http://127.0.0.1:${port}`, token: settings.token };
    let answer: { status: number; body: unknown };
    try {
      answer =
        bytes === undefined
          ? {
              status: ERROR_STATUSES.badRequest,
              body: { error: `Request body over ${settings.limits.maxBytes} bytes` },
            }
          : await route.handle({ body: bytes.toString('utf8'), origin });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      answer = { status: ERROR_STATUSES.internalServerError, body: { error: message } };
    }
    const body = Buffer.from(JSON.stringify(answer.body), 'utf8');
    deliver(response, {
      status: answer.status,
      headers: { 'Content-Type': JSON_CONTENT_TYPE },
      body,
      delayMs: 0,
      reset: false,
    });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    requests += 1;
    const startedAt = settings.clock.now();
    const correlationId = settings.ids.uuid();
    let bytes: Buffer | undefined;
    try {
      const read = await readRequest(request, settings.limits.maxBytes);
      bytes = read.ok ? read.bytes : undefined;
    } catch {
      // The client went away mid-body, or sent far past the limit: nobody to answer.
      request.socket.destroy();
      return;
    }
    const side = sideRouteFor(settings.sideRoutes, request.method ?? 'GET', (request.url ?? '/').split('?')[0] ?? '/');
    if (side) return answerSideRoute(side, bytes, response);
    const decided = decide(request, bytes, correlationId, startedAt);
    let answer = decided.response;
    const context = decided.faultContext;
    if (context)
      for (const fault of settings.faults)
        if (fault.response) answer = fault.response(answer, forFault(context, fault));
    const serialized = serialize(answer);
    let delivery: Delivery = {
      status: answer.status,
      headers: serialized.headers,
      body: serialized.body,
      delayMs: 0,
      reset: false,
    };
    if (context)
      for (const fault of settings.faults)
        if (fault.delivery) delivery = fault.delivery(delivery, forFault(context, fault));
    // A body on a 204 would break the HTTP framing of the next answer on the connection.
    if (delivery.status === SUCCESS_STATUSES.noContent && delivery.body.length > 0)
      delivery = { ...delivery, body: Buffer.alloc(0) };
    deliver(response, delivery);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => request.socket.destroy());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A malformed request line or header gets a plain 400 from Node; the socket is closed either way.
  server.on('clientError', (_error, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  return {
    server,
    requestCount: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      }),
  };
}
