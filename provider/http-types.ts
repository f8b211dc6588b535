import type { IncomingHttpHeaders } from 'node:http';

/** A request as the sandbox's handlers and faults see it (the body already read and parsed). */
export interface SandboxRequest {
  readonly method: string;
  /** The path, without the query string. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body; undefined where none was sent. */
  readonly body: unknown;
  /** The bearer token the client presented, if any (valid or not). */
  readonly token: string | undefined;
}

/** What a response carries: JSON, other text (an HTML error page), or nothing (204). */
export type Payload =
  | { readonly type: 'json'; readonly value: unknown }
  | { readonly type: 'text'; readonly contentType: string; readonly text: string }
  | { readonly type: 'none' };

/** A response before it is serialized; faults of kind schema and exchange rewrite this. */
export interface SandboxResponse {
  readonly status: number;
  /** Header names as sent (HubSpot's casing); no Content-Length, which is set on delivery. */
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: Payload;
}

/** A serialized response and how to deliver it; transport faults rewrite this. */
export interface Delivery {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** Milliseconds to wait before answering. */
  readonly delayMs: number;
  /** Reset the connection instead of answering. */
  readonly reset: boolean;
}

/** A handler's way of answering with an `Error` body: thrown, turned into a response by the server. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly category: string,
    message: string,
    readonly extraHeaders: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** The JSON media type the sandbox answers with (HubSpot's spelling). */
export const JSON_CONTENT_TYPE = 'application/json;charset=utf-8';

/** The header carrying each answer's correlation id (the `correlationId` of its error body, if any). */
export const CORRELATION_HEADER = 'X-HubSpot-Correlation-Id';
