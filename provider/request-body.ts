import type { IncomingMessage } from 'node:http';
import { ERROR_STATUSES } from '../src/catalogue/index.js';
import { DEFAULT_BODY_LIMITS, jsonNestingDepth } from '../src/validate/body.js';
import { HttpError } from './http-types.js';

/** Limits on what a client may send; defaults are hsac's own body limits. */
export interface RequestLimits {
  /** Largest request body read (default 32 MiB, as hsac's reader). */
  readonly maxBytes: number;
  /** Deepest JSON nesting accepted (default 64). */
  readonly maxDepth: number;
}

/** hsac's own body limits (32 MiB, 64 levels): what hsac reads, the sandbox accepts. */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  maxBytes: DEFAULT_BODY_LIMITS.maxBytes,
  maxDepth: DEFAULT_BODY_LIMITS.maxDepth,
};

/** What was read: the bytes, or how many arrived when there were too many. */
export type ReadRequest = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly size: number };

/**
 * Reads a request body up to `maxBytes`. Past the limit the rest is read and dropped (so the
 * client can finish sending and read the 400) up to four times the limit; beyond that the
 * connection is cut, so an endless body cannot hold the sandbox.
 */
export function readRequest(request: IncomingMessage, maxBytes: number): Promise<ReadRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else if (size > maxBytes * 4) request.destroy();
    });
    request.on('end', () =>
      resolve(size <= maxBytes ? { ok: true, bytes: Buffer.concat(chunks, size) } : { ok: false, size }),
    );
    request.on('error', reject);
    request.on('close', () => {
      if (!request.complete) reject(new Error('request aborted'));
    });
  });
}

const invalid = (message: string): HttpError => new HttpError(ERROR_STATUSES.badRequest, 'VALIDATION_ERROR', message);

/**
 * Parses a JSON request body as HubSpot answers bad ones: a 400 `Error` naming the problem
 * (HubSpot's "Invalid input JSON ..." wording) for a non-JSON content type, malformed JSON,
 * over-deep nesting, or a `__proto__` key (refused so that no handler ever spreads one into an
 * object). Returns undefined for an empty body.
 */
export function parseJsonBody(bytes: Buffer, contentType: string | undefined, limits: RequestLimits): unknown {
  if (bytes.length === 0) return undefined;
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== 'application/json' && !mediaType.endsWith('+json')) {
    throw invalid(`Unsupported content type "${contentType ?? '(none)'}"; send application/json`);
  }
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
  if (jsonNestingDepth(text, limits.maxDepth) > limits.maxDepth)
    throw invalid(`Invalid input JSON: nested deeper than ${limits.maxDepth} levels`);
  // A reviver costs time on every key; only bodies that could spell __proto__ (directly or with
  // \u escapes) need it. JSON.parse calls it only once the whole text has parsed, so malformed JSON is
  // still reported as malformed first.
  const reviver =
    text.includes('__proto__') || text.includes('\\u')
      ? (key: string, value: unknown): unknown => {
          if (key === '__proto__') throw invalid('Invalid input JSON: the key "__proto__" is not allowed');
          return value;
        }
      : undefined;
  try {
    const value: unknown = JSON.parse(text, reviver);
    return value;
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw invalid(`Invalid input JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
