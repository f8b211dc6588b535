import { systemClock, type Clock } from './clock.js';
import type { Attempt, Exchange, RecordedRequest, RecordedResponse, TransportFailureKind } from '../exchange.js';
import { decodeBody, parseRetryAfter, rateLimitDecision } from '../catalogue/rate-limit-policy.js';
import { isRateLimited } from '../catalogue/status.js';
import { jsonText } from '../json.js';
import { DEFAULT_RATE_BUDGET, RateLimiter, type RateBudget } from './rate-limiter.js';
import { guardSecret, redactorFor, type Redactor } from './redact.js';
import { backoffDelay, DEFAULT_RETRY_POLICY, isRetryableStatus, type RetryPolicy } from './retry.js';

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
  /**
   * The longest single wait the client makes (a 429's `Retry-After`, a backoff, the rate
   * limiter's); default 60,000 ms. A longer one is not made: `send` rejects with
   * {@link WaitTooLong}. A server may ask for a day; a run must not hang for it.
   */
  readonly maxWaitMs?: number;
  /** Called before every wait the client makes (so the CLI can say what it waits for, and how long). */
  readonly onWait?: (wait: WaitNotice) => void;
}

/** One wait the client is about to make, for {@link ClientOptions.onWait}. */
export interface WaitNotice {
  /**
   * What asks for it, e.g. `Retry-After: 3 on a 429 TEN_SECONDLY_ROLLING`, `status 503`,
   * `rate budget 100 per 10000 ms (configured) in use`.
   */
  readonly reason: string;
  readonly ms: number;
  readonly method: string;
  /** The request's path (redacted). */
  readonly path: string;
  /** When the wait is the backoff before retrying a failed attempt (a timeout, a reset, a 5xx): which retry, from 1. */
  readonly retry?: number;
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
  /**
   * Aborting it ends the send at once, whatever it is doing (a rate-limit wait, a backoff, the
   * limiter's queue, the request in flight): `send` rejects with {@link SendInterrupted}.
   */
  readonly signal?: AbortSignal;
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

/** The path of a recorded (redacted) URL, for messages. */
function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** Milliseconds as the console says them: `86400 s`, `0.25 s`. */
function seconds(ms: number): string {
  return `${Number.isFinite(ms) ? Math.round(ms) / 1000 : ms} s`;
}

/**
 * A wait longer than `maxWaitMs` was asked for (a `Retry-After: 86400`, a server-imposed budget of
 * one request a day): the client does not make it, and the run ends inconclusive naming the wait.
 * When at least one attempt was made, `exchange` was also recorded (`onExchange`), so its 429 is
 * judged like any other.
 */
export class WaitTooLong extends Error {
  override readonly name = 'WaitTooLong';
  constructor(
    /** The wait asked for, in milliseconds. */
    readonly waitMs: number,
    /** What asked for it, e.g. `Retry-After: 86400 on a 429 TEN_SECONDLY_ROLLING` (redacted). */
    readonly reason: string,
    /** The bound it exceeds (`maxWaitMs`). */
    readonly maxWaitMs: number,
    /** The exchange so far: the request and the attempts made (none when the limiter refused first). */
    readonly exchange: Exchange,
  ) {
    super(
      `${exchange.request.method} ${pathOf(exchange.request.url)}: asked to wait ${seconds(waitMs)} (${reason}), over the ${seconds(maxWaitMs)} bound on a single wait (maxWaitMs)`,
    );
  }
}

/**
 * The send's `signal` aborted (Ctrl-C, SIGTERM): the wait or request in progress was ended at once.
 * `exchange` holds what was done before; an attempt cut short is not in it. When at least one
 * attempt was made, the exchange was also recorded (`onExchange`).
 */
export class SendInterrupted extends Error {
  override readonly name = 'SendInterrupted';
  constructor(
    /** The exchange so far (no attempt when it was interrupted before its first answer). */
    readonly exchange: Exchange,
    /** The signal's reason. */
    override readonly cause?: unknown,
  ) {
    super(
      `${exchange.request.method} ${pathOf(exchange.request.url)}: interrupted after ${exchange.attempts.length} attempt(s)`,
    );
  }
}

/** A single wait over a minute is a server's mistake or a daily limit in disguise (issue 12). */
const DEFAULT_MAX_WAIT_MS = 60_000;
/** The per-attempt timeout when `timeoutMs` is not set. */
export const DEFAULT_TIMEOUT_MS = 30_000;
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
  if (
    code === 'ECONNRESET' ||
    code === 'UND_ERR_SOCKET' ||
    code === 'EPIPE' ||
    /other side closed|socket hang up|terminated/i.test(message)
  ) {
    return { kind: 'reset', message: `connection reset (${code ?? message})` };
  }
  return { kind: 'network', message: `${code ?? 'network error'}: ${message}` };
}

async function readLimited(response: Response, limit: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!response.body) return { bytes: new Uint8Array(0), truncated: false };
  // Node types a body's chunks as `any`; the Fetch standard says a response body is a stream of bytes.
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      // The chunk that crossed the cap is dropped whole: what is kept was read within it.
      return { bytes: concat(chunks, total - value.byteLength), truncated: true };
    }
    chunks.push(value);
  }
  return { bytes: concat(chunks, total), truncated: false };
}

/** The chunks as one array; `total` is the sum of their lengths. */
function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** What one attempt produced; `rateLimit` holds the unredacted 429 for reading its policy (never recorded). */
interface Outcome {
  readonly response?: RecordedResponse;
  readonly failure?: { kind: TransportFailureKind; message: string };
  readonly rateLimit?: { readonly headers: Readonly<Record<string, string>>; readonly body?: string };
}

/**
 * hsac's HTTP client for HubSpot and the sandbox: bearer auth, a rolling-window rate limiter that
 * adapts to HubSpot's headers, bounded retries with backoff and jitter on 5xx, resets and
 * timeouts, 429s of any shape waited out within a bound (`rateLimitDecision`), every wait
 * interruptible, a response-size cap, and a record of every exchange (every 429 met included) with
 * the token removed by value wherever it appears (also when the provider echoes it).
 */
export class HubSpotClient {
  private readonly limiter: RateLimiter;
  private readonly redactor: Redactor;
  private readonly clock: Clock;
  private readonly fetchImpl: typeof fetch;
  private readonly random: () => number;
  private retry: RetryPolicy;
  private maxWaitMs: number;
  /** The per-attempt timeout may only be lowered (after Ctrl-C); see {@link limitTimeouts}. */
  private timeoutCapMs = Number.POSITIVE_INFINITY;
  private nextId = 1;
  /** Every finished exchange, in completion order. */
  readonly exchanges: Exchange[] = [];

  constructor(private readonly options: ClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.limiter = new RateLimiter(options.rateLimit ?? DEFAULT_RATE_BUDGET, this.clock);
    this.redactor = redactorFor([options.token]);
    // Every writer of this invocation (reports, journal, console) scans for the token it sends.
    guardSecret(options.token);
    this.fetchImpl = options.fetch ?? fetch;
    this.random = options.random ?? Math.random;
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    if (!Number.isFinite(this.maxWaitMs) || this.maxWaitMs < 0)
      throw new RangeError(`maxWaitMs must be a finite number of milliseconds >= 0, got ${String(options.maxWaitMs)}`);
  }

  /** The redactor for this client's token, for anything else that writes files. */
  redaction(): Redactor {
    return this.redactor;
  }

  /**
   * Sends nothing for `ms` (after another client of the run met a 429); `reason` is said with every
   * wait it imposes. A pause over `maxWaitMs` makes the next send reject with {@link WaitTooLong}.
   */
  pauseFor(ms: number, reason?: string): void {
    this.limiter.pauseFor(ms, reason);
  }

  /**
   * Lowers the bound on a single wait from now on (never raises it): after Ctrl-C, cleanup must
   * finish within seconds, so a long Retry-After then leaves work in the journal instead.
   */
  limitWaits(maxWaitMs: number): void {
    this.maxWaitMs = Math.min(this.maxWaitMs, Math.max(0, maxWaitMs));
  }

  /** Lowers the retries from now on (never raises them), for the same reason as {@link limitWaits}. */
  limitRetries(retries: number): void {
    const n = Math.max(0, retries);
    this.retry = {
      ...this.retry,
      maxRetries: Math.min(this.retry.maxRetries, n),
      maxRateLimitRetries: Math.min(this.retry.maxRateLimitRetries, n),
    };
  }

  /** Lowers the per-attempt timeout from now on (never raises it), for the same reason as {@link limitWaits}. */
  limitTimeouts(timeoutMs: number): void {
    this.timeoutCapMs = Math.min(this.timeoutCapMs, Math.max(1, timeoutMs));
  }

  /** The rate budget in force, after adapting to the server's headers. */
  rateBudget(): RateBudget {
    return this.limiter.current();
  }

  /**
   * Sends one request, retrying as the policy allows, and resolves to the recorded exchange.
   * Conformance problems never reject: a 4xx, a 5xx after retries, a 429 after
   * `maxRateLimitRetries` or a reset are data in the exchange. It rejects only with
   * {@link DailyLimitReached} (a 429 DAILY), {@link WaitTooLong} (a wait over `maxWaitMs`) or
   * {@link SendInterrupted} (the request's signal aborted).
   */
  async send(request: SendRequest): Promise<Exchange> {
    const id = this.nextId++;
    const url = new URL(request.path, this.options.baseUrl);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.options.userAgent ?? 'hsac',
    };
    const body = jsonText(request.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (request.auth !== false && this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    Object.assign(headers, request.headers ?? {});
    const recordedRequest: RecordedRequest = {
      method: request.method,
      url: this.redactor.text(url.toString()),
      headers: this.redactor.headers(headers),
      ...(body === undefined ? {} : { body: this.redactor.body(body) }),
    };
    const { signal } = request;
    const attempts: Attempt[] = [];
    const firstStart = this.clock.now();
    let last: Outcome = {};
    const soFar = (): Exchange => this.finish(id, recordedRequest, last, attempts, firstStart);
    // What was done is kept (and judged) even when the send ends early; an exchange with no
    // attempt sent nothing, so there is nothing to record.
    const stop = (error: WaitTooLong | SendInterrupted | DailyLimitReached): never => {
      if (error.exchange.attempts.length > 0) this.record(error.exchange);
      throw error;
    };
    // An already aborted signal needs no check of its own before the loop: the limiter refuses it at once.
    // Stryker disable next-line OptionalChaining: called only once signal?.aborted held, so the signal is there
    const interrupted = (): never => stop(new SendInterrupted(soFar(), signal?.reason));

    let errorRetries = 0;
    let rateLimitRetries = 0;
    for (;;) {
      try {
        await this.limiter.acquire({
          ...(signal ? { signal } : {}),
          beforeWait: (ms, reason) => this.allowWait(ms, reason, request, soFar),
        });
      } catch (error) {
        if (error instanceof WaitTooLong) stop(error);
        if (signal?.aborted) interrupted();
        throw error;
      }
      const attemptStart = this.clock.now();
      const outcome = await this.attempt(url, request.method, headers, body, signal);
      // The request was cut off by the signal, not by the server: it is no answer to record.
      if (signal?.aborted) interrupted();
      last = outcome;
      const rateLimited = outcome.response !== undefined && isRateLimited(outcome.response.status);
      const attempt: Attempt = {
        startedAt: new Date(attemptStart).toISOString(),
        durationMs: this.clock.now() - attemptStart,
        ...(outcome.response ? { status: outcome.response.status } : {}),
        ...(outcome.failure ? { failure: outcome.failure } : {}),
        // Every 429 is kept whole, not only the final answer: the contract judges those waited out too.
        ...(rateLimited ? { rateLimited: outcome.response } : {}),
      };
      // A 429's Retry-After is the server's own word on when to come back: its Remaining and
      // interval headers must not hold the retry back longer than that (RFC 9110 §10.2.3).
      const saysRetryAfter =
        rateLimited && parseRetryAfter(outcome.response.headers['retry-after'], this.clock.now()) !== undefined;
      if (outcome.response && this.options.adaptToHeaders !== false && !saysRetryAfter)
        this.limiter.observe(outcome.response.headers);

      let retry: { reason: string; waitMs: number } | undefined;
      if (outcome.failure && outcome.failure.kind !== 'body-too-large' && errorRetries < this.retry.maxRetries) {
        retry = { reason: outcome.failure.kind, waitMs: backoffDelay(this.retry, errorRetries++, this.random) };
      } else if (
        outcome.response &&
        isRetryableStatus(outcome.response.status) &&
        errorRetries < this.retry.maxRetries
      ) {
        retry = {
          reason: `status ${outcome.response.status}`,
          waitMs: backoffDelay(this.retry, errorRetries++, this.random),
        };
      } else if (rateLimited) {
        const decision = rateLimitDecision(outcome.rateLimit ?? outcome.response, {
          now: this.clock.now(),
          previous: rateLimitRetries,
          maxBackoffMs: this.maxWaitMs,
          redact: (text) => this.redactor.text(text),
        });
        if (decision.action === 'stop') {
          attempts.push(attempt);
          stop(new DailyLimitReached(soFar()));
        } else if (rateLimitRetries < this.retry.maxRateLimitRetries) {
          // The reason quotes the provider (its policyName, its Retry-After): it may hold the token.
          retry = { reason: this.redactor.text(decision.reason), waitMs: decision.ms };
          rateLimitRetries++;
        }
      }

      if (!retry) {
        attempts.push(attempt);
        const exchange = soFar();
        this.record(exchange);
        return exchange;
      }
      if (retry.waitMs > this.maxWaitMs) {
        attempts.push(attempt);
        stop(new WaitTooLong(retry.waitMs, retry.reason, this.maxWaitMs, soFar()));
      }
      attempts.push({ ...attempt, retry });
      // Other sends on this client must not run into the same limit meanwhile.
      if (rateLimited) this.limiter.pauseFor(retry.waitMs, retry.reason);
      if (retry.waitMs > 0) {
        this.notifyWait(retry.waitMs, retry.reason, request, rateLimited ? undefined : errorRetries);
        try {
          await this.clock.sleep(retry.waitMs, signal);
        } catch (error) {
          if (!signal?.aborted) throw error;
          // The wait was not made: the attempt's record must not say it was.
          attempts[attempts.length - 1] = attempt;
          interrupted();
        }
      }
    }
  }

  /** The limiter's `beforeWait`: refuses a wait over the bound, announces the others. */
  private allowWait(ms: number, reason: string, request: SendRequest, soFar: () => Exchange): void {
    if (ms > this.maxWaitMs) throw new WaitTooLong(ms, this.redactor.text(reason), this.maxWaitMs, soFar());
    this.notifyWait(ms, this.redactor.text(reason), request);
  }

  private notifyWait(ms: number, reason: string, request: SendRequest, retry?: number): void {
    try {
      const path = this.redactor.text(request.path);
      // Stryker disable next-line OptionalChaining: with no listener the call throws in this try, which swallows it
      this.options.onWait?.({ reason, ms, method: request.method, path, ...(retry !== undefined ? { retry } : {}) });
    } catch {
      // A listener only reports (a console line); its failure (a closed pipe) must not change
      // what is sent or waited for.
    }
  }

  private record(exchange: Exchange): void {
    this.exchanges.push(exchange);
    this.options.onExchange?.(exchange);
  }

  private finish(
    id: number,
    request: RecordedRequest,
    outcome: Outcome,
    attempts: readonly Attempt[],
    firstStart: number,
  ): Exchange {
    return {
      id,
      request,
      ...(outcome.response ? { response: outcome.response } : {}),
      ...(outcome.failure ? { failure: outcome.failure } : {}),
      // A copy: the send goes on pushing attempts after an early exchange was handed out.
      attempts: [...attempts],
      startedAt: new Date(firstStart).toISOString(),
      durationMs: this.clock.now() - firstStart,
    };
  }

  private async attempt(
    url: URL,
    method: string,
    headers: Readonly<Record<string, string>>,
    body: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Outcome> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        controller.abort();
      },
      Math.min(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS, this.timeoutCapMs),
    );
    // The caller's signal aborts the request in flight too (the body read included).
    const onAbort = (): void => controller.abort();
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts once, and `finally` removes the listener
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await this.fetchImpl(url, {
        method,
        headers,
        body,
        signal: controller.signal,
        redirect: 'manual',
      });
      const read = await readLimited(response, this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
      const text =
        read.bytes.byteLength > 0 ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(read.bytes) : undefined;
      const rawHeaders = headersToRecord(response.headers);
      const echoedToken = [
        ...(this.redactor.leaks(JSON.stringify(rawHeaders)) ? (['headers'] as const) : []),
        // Stryker disable next-line ConditionalExpression: leaks(undefined) reads the text "undefined", no token
        ...(text !== undefined && this.redactor.leaks(text) ? (['body'] as const) : []),
      ];
      const recorded: RecordedResponse = {
        status: response.status,
        headers: this.redactor.headers(rawHeaders),
        // The body's raw text and its decoded values: a token sent as JSON escapes parses to the token.
        ...(text === undefined ? {} : { body: this.redactor.body(text) }),
        ...(echoedToken.length > 0 ? { echoedToken } : {}),
        bytes: read.bytes.byteLength,
        ...(read.truncated ? { truncated: true } : {}),
      };
      // A 429's policy is read from the bytes as sent, in the charset they name: a gateway's page
      // may be in any encoding, and redaction must not change what the server asked for.
      const rateLimit = isRateLimited(response.status)
        ? { headers: rawHeaders, body: decodeBody(read.bytes, rawHeaders['content-type']) }
        : undefined;
      const withPolicy = rateLimit ? { rateLimit } : {};
      if (read.truncated)
        return {
          response: recorded,
          failure: {
            kind: 'body-too-large',
            message: `response body over ${this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES} bytes; reading stopped`,
          },
          ...withPolicy,
        };
      return { response: recorded, ...withPolicy };
    } catch (error) {
      const failure = failureOf(error, timedOut);
      return { failure: { kind: failure.kind, message: this.redactor.text(failure.message) } };
    } finally {
      clearTimeout(timer);
      // Stryker disable next-line StringLiteral: a listener left behind can only abort a finished attempt, a no-op
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
