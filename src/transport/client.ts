import { systemClock, type Clock } from './clock.js';
import type { Attempt, Exchange, RecordedRequest, RecordedResponse, TransportFailureKind } from './exchange.js';
import { DEFAULT_RATE_BUDGET, RateLimiter, type RateBudget } from './rate-limiter.js';
import { createRedactor, type Redactor } from './redact.js';
import { backoffDelay, DEFAULT_RETRY_POLICY, isRetryableStatus, retryAfterMs, type RetryPolicy } from './retry.js';

/** Options of {@link HubSpotClient}. */
export interface ClientOptions {
  /** e.g. `https://api.hubapi.com` or the sandbox's `http://127.0.0.1:PORT`. */
  readonly baseUrl: string;
  /** The private-app or OAuth access token; never recorded (redacted by value). */
  readonly token?: string;
  readonly rateLimit?: RateBudget;
  /** Per attempt; a response slower than this is a `timeout` failure. Default 30 s. */
  readonly timeoutMs?: number;
  readonly retry?: RetryPolicy;
  /** Largest response body read; beyond it reading stops (`body-too-large`). Default 32 MiB. */
  readonly maxResponseBytes?: number;
  readonly clock?: Clock;
  /** The run's seeded random source, for backoff jitter. */
  readonly random?: () => number;
  readonly fetch?: typeof fetch;
  /** Called with every finished exchange (already redacted). */
  readonly onExchange?: (exchange: Exchange) => void;
  readonly userAgent?: string;
  /** Adapt the budget to the server's rate-limit headers (default true; a probe that must meet a 429 turns it off). */
  readonly adaptToHeaders?: boolean;
}

/** One request to send. */
export interface SendRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Path from the catalogue (`buildPath`), starting with `/`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** JSON-serialised when present. */
  readonly body?: unknown;
  /** Extra headers (e.g. a deliberately wrong content type in a check). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Send the bearer token (default true); false proves that auth is enforced. */
  readonly auth?: boolean;
}

/**
 * HubSpot answered 429 with `policyName: DAILY`: nothing more can be sent today, so the run stops
 * as inconclusive (exit 3) rather than retrying for hours (the SDK does not retry it either).
 */
export class DailyLimitReached extends Error {
  override readonly name = 'DailyLimitReached';
  constructor(readonly exchange: Exchange) {
    super('HubSpot answered 429 DAILY: the portal has used its daily request limit');
  }
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

function headersToRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

/** Classifies a fetch rejection: undici wraps socket errors in `TypeError('fetch failed', { cause })`. */
function failureOf(error: unknown, timedOut: boolean): { kind: TransportFailureKind; message: string } {
  if (timedOut) return { kind: 'timeout', message: 'no complete response before the timeout' };
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const code = cause?.code ?? (error as { code?: string } | undefined)?.code;
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || /other side closed|socket hang up|terminated/i.test(message)) {
    return { kind: 'reset', message: `connection reset (${code ?? message})` };
  }
  return { kind: 'network', message: `${code ?? 'network error'}: ${message}` };
}

async function readLimited(response: Response, limit: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!response.body) return { bytes: new Uint8Array(0), truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return { bytes: concat(chunks, total - value.byteLength), truncated: true };
    }
    chunks.push(value);
  }
  return { bytes: concat(chunks, total), truncated: false };
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk.subarray(0, Math.min(chunk.byteLength, total - offset)), offset);
    offset += chunk.byteLength;
    if (offset >= total) break;
  }
  return out;
}

/** The 429 policy, read from a body that may not be JSON at all. */
function rateLimitPolicy(body: string | undefined): { policyName?: string; message?: string } {
  if (!body) return {};
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return {};
    const record = parsed as Record<string, unknown>;
    return {
      policyName: typeof record.policyName === 'string' ? record.policyName : undefined,
      message: typeof record.message === 'string' ? record.message : undefined,
    };
  } catch {
    return {};
  }
}

/**
 * hsac's HTTP client for HubSpot and the sandbox: bearer auth, a rolling-window rate limiter that
 * adapts to HubSpot's headers, bounded retries with backoff and jitter on 5xx, resets and
 * timeouts, 429 handling by policy, a response-size cap, and a record of every exchange with the
 * token removed by value wherever it appears (also when the provider echoes it).
 */
export class HubSpotClient {
  private readonly limiter: RateLimiter;
  private readonly redactor: Redactor;
  private readonly clock: Clock;
  private readonly fetchImpl: typeof fetch;
  private readonly random: () => number;
  private readonly retry: RetryPolicy;
  private nextId = 1;
  /** Every finished exchange, in completion order. */
  readonly exchanges: Exchange[] = [];

  constructor(private readonly options: ClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.limiter = new RateLimiter(options.rateLimit ?? DEFAULT_RATE_BUDGET, this.clock);
    this.redactor = createRedactor([options.token]);
    this.fetchImpl = options.fetch ?? fetch;
    this.random = options.random ?? Math.random;
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
  }

  /** The redactor for this client's token, for anything else that writes files. */
  redaction(): Redactor {
    return this.redactor;
  }

  /** Sends nothing for `ms` (after another client of the run met a 429). */
  pauseFor(ms: number): void {
    this.limiter.pauseFor(ms);
  }

  /** The rate budget in force, after adapting to the server's headers. */
  rateBudget(): RateBudget {
    return this.limiter.current();
  }

  /**
   * Sends one request, retrying as the policy allows, and resolves to the recorded exchange.
   * Conformance problems never reject: a 4xx, a 5xx after retries or a reset are data in the
   * exchange. It rejects only with {@link DailyLimitReached}.
   */
  async send(request: SendRequest): Promise<Exchange> {
    const id = this.nextId++;
    const url = new URL(request.path, this.options.baseUrl);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.options.userAgent ?? 'hsac' };
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (request.auth !== false && this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    Object.assign(headers, request.headers ?? {});
    const recordedRequest: RecordedRequest = {
      method: request.method,
      url: this.redactor.text(url.toString()),
      headers: this.redactor.headers(headers),
      ...(body === undefined ? {} : { body: this.redactor.text(body) }),
    };

    const attempts: Attempt[] = [];
    const firstStart = this.clock.now();
    let errorRetries = 0;
    let rateLimitRetries = 0;
    for (;;) {
      await this.limiter.acquire();
      const attemptStart = this.clock.now();
      const outcome = await this.attempt(url, request.method, headers, body);
      const attemptBase = { startedAt: new Date(attemptStart).toISOString(), durationMs: this.clock.now() - attemptStart };
      if (outcome.response && this.options.adaptToHeaders !== false) this.limiter.observe(outcome.response.headers);

      let retryReason: string | undefined;
      let waitMs = 0;
      if (outcome.failure && outcome.failure.kind !== 'body-too-large' && errorRetries < this.retry.maxRetries) {
        retryReason = outcome.failure.kind;
        waitMs = backoffDelay(this.retry, errorRetries++, this.random);
      } else if (outcome.response && isRetryableStatus(outcome.response.status) && errorRetries < this.retry.maxRetries) {
        retryReason = `status ${outcome.response.status}`;
        waitMs = backoffDelay(this.retry, errorRetries++, this.random);
      } else if (outcome.response?.status === 429) {
        const policy = rateLimitPolicy(outcome.response.body);
        const exchange = this.finish(id, recordedRequest, outcome, [...attempts, { ...attemptBase, status: 429 }], firstStart);
        if (policy.policyName === 'DAILY') {
          this.record(exchange);
          throw new DailyLimitReached(exchange);
        }
        const after = retryAfterMs(outcome.response.headers['retry-after'], this.clock.now());
        const secondly = policy.message === 'You have reached your secondly limit.';
        // TEN_SECONDLY_ROLLING (or an unnamed 429 that says when to come back) is waited out.
        if ((policy.policyName === 'TEN_SECONDLY_ROLLING' || secondly || after !== undefined) && rateLimitRetries < this.retry.maxRateLimitRetries) {
          retryReason = `429 ${policy.policyName ?? 'rate limit'}`;
          waitMs = after ?? (secondly ? 1000 : this.limiter.current().windowMs);
          rateLimitRetries++;
          this.limiter.pauseFor(waitMs);
        }
      }

      const attempt: Attempt = {
        ...attemptBase,
        ...(outcome.response ? { status: outcome.response.status } : {}),
        ...(outcome.failure ? { failure: outcome.failure } : {}),
        ...(retryReason ? { retry: { reason: retryReason, waitMs } } : {}),
      };
      attempts.push(attempt);
      if (!retryReason) {
        const exchange = this.finish(id, recordedRequest, outcome, attempts, firstStart);
        this.record(exchange);
        return exchange;
      }
      await this.clock.sleep(waitMs);
    }
  }

  private record(exchange: Exchange): void {
    this.exchanges.push(exchange);
    this.options.onExchange?.(exchange);
  }

  private finish(
    id: number,
    request: RecordedRequest,
    outcome: { response?: RecordedResponse; failure?: { kind: TransportFailureKind; message: string } },
    attempts: readonly Attempt[],
    firstStart: number,
  ): Exchange {
    return {
      id,
      request,
      ...(outcome.response ? { response: outcome.response } : {}),
      ...(outcome.failure ? { failure: outcome.failure } : {}),
      attempts,
      startedAt: new Date(firstStart).toISOString(),
      durationMs: this.clock.now() - firstStart,
    };
  }

  private async attempt(
    url: URL,
    method: string,
    headers: Readonly<Record<string, string>>,
    body: string | undefined,
  ): Promise<{ response?: RecordedResponse; failure?: { kind: TransportFailureKind; message: string } }> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    try {
      const response = await this.fetchImpl(url, { method, headers, body, signal: controller.signal, redirect: 'manual' });
      const read = await readLimited(response, this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
      const text = read.bytes.byteLength > 0 ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(read.bytes) : undefined;
      const rawHeaders = headersToRecord(response.headers);
      const echoedToken = [
        ...(this.redactor.leaks(JSON.stringify(rawHeaders)) ? (['headers'] as const) : []),
        ...(text !== undefined && this.redactor.leaks(text) ? (['body'] as const) : []),
      ];
      const recorded: RecordedResponse = {
        status: response.status,
        headers: this.redactor.headers(rawHeaders),
        ...(text === undefined ? {} : { body: this.redactor.text(text) }),
        ...(echoedToken.length > 0 ? { echoedToken } : {}),
        bytes: read.bytes.byteLength,
        ...(read.truncated ? { truncated: true } : {}),
      };
      if (read.truncated) return { response: recorded, failure: { kind: 'body-too-large', message: `response body over ${this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES} bytes; reading stopped` } };
      return { response: recorded };
    } catch (error) {
      const failure = failureOf(error, timedOut);
      return { failure: { kind: failure.kind, message: this.redactor.text(failure.message) } };
    } finally {
      clearTimeout(timer);
    }
  }
}
