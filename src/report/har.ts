import type { Severity } from '../registry/finding.js';
import type { ReportedExchange, RunResult } from '../runner/result.js';
import { curlCommand } from './curl.js';
import { findingsByExchange, numberedFindings, type NumberedFinding } from './numbering.js';

/**
 * `exchanges.har`: the recorded traffic as HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/),
 * so browsers' network panels, Playwright's `routeFromHAR` and HAR viewers open it. It is written
 * from the RunResult's exchanges, which the transport redacted before they were kept.
 * hsac's own fields use the underscore prefix the spec reserves for custom fields.
 */

/** A name/value pair (headers, query parameters). */
export interface HarNameValue {
  readonly name: string;
  readonly value: string;
}

/** A finding that names an entry's exchange: its number (report.json `findings[]`, 1-based), check and severity. */
export interface HarFindingRef {
  readonly number: number;
  readonly check: string;
  readonly severity: Severity;
}

/** One HAR entry, as hsac writes it. */
export interface HarEntry {
  readonly startedDateTime: string;
  readonly time: number;
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly httpVersion: string;
    readonly cookies: readonly HarNameValue[];
    readonly headers: readonly HarNameValue[];
    readonly queryString: readonly HarNameValue[];
    readonly postData?: { readonly mimeType: string; readonly text: string };
    readonly headersSize: number;
    readonly bodySize: number;
  };
  readonly response: {
    readonly status: number;
    readonly statusText: string;
    readonly httpVersion: string;
    readonly cookies: readonly HarNameValue[];
    readonly headers: readonly HarNameValue[];
    readonly content: {
      readonly size: number;
      readonly mimeType: string;
      readonly text?: string;
      readonly comment?: string;
    };
    readonly redirectURL: string;
    readonly headersSize: number;
    readonly bodySize: number;
    readonly _error?: string;
  };
  readonly cache: Record<string, never>;
  readonly timings: {
    readonly blocked: number;
    readonly dns: number;
    readonly connect: number;
    readonly ssl: number;
    readonly send: number;
    readonly wait: number;
    readonly receive: number;
  };
  readonly comment?: string;
  readonly _hsac: {
    /** The exchange's id (report.json `exchanges[].id`): what findings' `exchangeId`/`exchangeIds` name. */
    readonly id: number;
    readonly endpoint: string;
    readonly apiVersion: string;
    readonly intent: string;
    /** The run phase that sent it (`wide-record`, `invalid-requests`, ...): what coverage cost, entry by entry. */
    readonly purpose?: string;
    /** Every attempt, with the whole answer of each that met a 429 (`rateLimited`). */
    readonly attempts: ReportedExchange['attempts'];
    /** The findings that name this exchange (judged it, or judged a sequence it is part of), in report order. */
    readonly findings: readonly HarFindingRef[];
    /** The request as a curl line, the token as `$HUBSPOT_ACCESS_TOKEN` (`src/report/curl.ts`). */
    readonly curl: string;
  };
}

/** The whole HAR document. */
export interface Har {
  readonly log: {
    readonly version: '1.2';
    readonly creator: { readonly name: string; readonly version: string };
    readonly comment: string;
    readonly entries: readonly HarEntry[];
  };
}

const REASON: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  207: 'Multi-Status',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function pairs(headers: Readonly<Record<string, string>>): HarNameValue[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}

function queryOf(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams.entries()].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** One exchange as a HAR entry, with the findings that name it. */
export function harEntry(exchange: ReportedExchange, findings: readonly NumberedFinding[] = []): HarEntry {
  const { request, response } = exchange;
  const requestType = headerValue(request.headers, 'content-type') ?? 'application/json';
  const responseType = response
    ? (headerValue(response.headers, 'content-type') ?? 'application/octet-stream')
    : 'x-unknown';
  return {
    startedDateTime: exchange.startedAt,
    time: exchange.durationMs,
    request: {
      method: request.method,
      url: request.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(request.headers),
      queryString: queryOf(request.url),
      ...(request.body === undefined ? {} : { postData: { mimeType: requestType, text: request.body } }),
      headersSize: -1,
      bodySize: request.body === undefined ? 0 : Buffer.byteLength(request.body, 'utf8'),
    },
    response: response
      ? {
          status: response.status,
          statusText: REASON[response.status] ?? '',
          httpVersion: 'HTTP/1.1',
          cookies: [],
          headers: pairs(response.headers),
          content: {
            size: response.bytes,
            mimeType: responseType,
            ...(response.body === undefined ? {} : { text: response.body }),
            ...(response.truncated ? { comment: "body truncated at hsac's response size limit" } : {}),
          },
          redirectURL: '',
          headersSize: -1,
          bodySize: response.bytes,
        }
      : {
          // HAR requires a response; an exchange that got none is status 0 with the reason, as browsers write it.
          status: 0,
          statusText: '',
          httpVersion: 'HTTP/1.1',
          cookies: [],
          headers: [],
          content: { size: 0, mimeType: responseType },
          redirectURL: '',
          headersSize: -1,
          bodySize: -1,
          _error: `${exchange.failure?.kind ?? 'no answer'}: ${exchange.failure?.message ?? ''}`,
        },
    cache: {},
    // hsac times the exchange as a whole (retries and waits included); HAR's phases beyond that are unknown (-1).
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: exchange.durationMs, receive: 0 },
    ...(exchange.attempts.length > 1
      ? {
          comment: `${exchange.attempts.length} attempts: ${exchange.attempts.map((a) => a.retry?.reason ?? String(a.status ?? a.failure?.kind ?? '')).join(', ')}`,
        }
      : {}),
    _hsac: {
      id: exchange.id,
      endpoint: exchange.endpoint,
      apiVersion: exchange.apiVersion,
      intent: exchange.intent,
      ...(exchange.purpose ? { purpose: exchange.purpose } : {}),
      attempts: exchange.attempts,
      findings: findings.map(({ number, finding }) => ({ number, check: finding.check, severity: finding.severity })),
      curl: curlCommand(exchange.request),
    },
  };
}

/** The HAR document of a run. */
export function buildHar(result: RunResult): Har {
  const findingsOf = findingsByExchange(numberedFindings(result.findings));
  return {
    log: {
      version: '1.2',
      creator: { name: result.tool.name, version: result.tool.version },
      comment: `hsac run ${result.run.id}: seed ${result.run.seed}, API ${result.run.apiVersion}, verdict ${result.summary.verdict}. Reproduce with: ${result.run.replay}`,
      entries: result.exchanges.map((exchange) => harEntry(exchange, findingsOf.get(exchange.id))),
    },
  };
}

/** Renders `exchanges.har`. */
export function renderHar(result: RunResult): string {
  return `${JSON.stringify(buildHar(result), null, 2)}\n`;
}
