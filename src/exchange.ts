/**
 * One recorded HTTP exchange: what hsac sent, what came back, how long it took and how many
 * attempts it needed. Everything in it has been redacted already; reports and the drift audit
 * read it as it is.
 */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** What came back (absent when no response arrived: a reset, a timeout). */
export interface RecordedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text (decoded as UTF-8); absent for an empty body. */
  readonly body?: string;
  /** Bytes received; when the body exceeded the limit, reading stopped there and `truncated` is set. */
  readonly bytes: number;
  readonly truncated?: boolean;
  /**
   * Where the provider sent the access token back (it was redacted from the record). A server
   * that echoes credentials leaks them into every log on the way; the `token-redaction` check
   * reports it.
   */
  readonly echoedToken?: readonly ('headers' | 'body')[];
}

/** Why an attempt produced no usable response. */
export type TransportFailureKind = 'timeout' | 'reset' | 'network' | 'body-too-large';

/** One attempt of an exchange (retries add attempts). */
export interface Attempt {
  readonly startedAt: string;
  readonly durationMs: number;
  readonly status?: number;
  readonly failure?: { readonly kind: TransportFailureKind; readonly message: string };
  /** Why the next attempt was made, and how long hsac waited first. */
  readonly retry?: { readonly reason: string; readonly waitMs: number };
  /**
   * The whole answer of an attempt that met a 429 (headers and body, redacted), the final one
   * included: every 429 is judged by the rate-limit contract, also those waited out and retried.
   */
  readonly rateLimited?: RecordedResponse;
}

/** The whole exchange: the final attempt's response plus the history. */
export interface Exchange {
  readonly id: number;
  readonly request: RecordedRequest;
  readonly response?: RecordedResponse;
  readonly failure?: { readonly kind: TransportFailureKind; readonly message: string };
  readonly attempts: readonly Attempt[];
  readonly startedAt: string;
  /** From the first attempt's start to the final attempt's end, waits included. */
  readonly durationMs: number;
}
