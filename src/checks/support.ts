import type { Finding } from '../registry/finding.js';
import { readBody } from '../validate/index.js';
import type { ObservedExchange } from './types.js';

/** A finding about an exchange, tagged with its endpoint, version and replay command. */
export function findingFor(observed: ObservedExchange, finding: Finding): Finding {
  return {
    ...finding,
    endpoint: finding.endpoint ?? observed.operation.endpoint,
    apiVersion: finding.apiVersion ?? observed.operation.apiVersion,
    ...(observed.replay && !finding.replay ? { replay: observed.replay } : {}),
  };
}

/**
 * Parsed bodies, by the recorded response they came from (recorded responses are never changed):
 * every check and sequence walks the same answer, a wide record's page of 500 is read by
 * read-after-write once per association it looks for, so each body is parsed once.
 */
const parsedBodies = new WeakMap<object, unknown>();

/** The parsed response body, or undefined when there is none or it is not JSON (other checks say so). */
export function responseJson(observed: ObservedExchange): unknown {
  const response = observed.exchange.response;
  if (response?.body === undefined) return undefined;
  if (parsedBodies.has(response)) return parsedBodies.get(response);
  const read = readBody(response.body);
  const value = read.ok ? read.value : undefined;
  parsedBodies.set(response, value);
  return value;
}

/** Own property access on unknown JSON. */
export function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * The targets (`to[]` items) one batch-read answer lists for `fromId`, over every result of that
 * record: the one walk of a read that read-after-write, idempotency, archive and paging share.
 */
export function readTargets(read: ObservedExchange, fromId: string): unknown[] {
  const results = field(responseJson(read), 'results');
  if (!Array.isArray(results)) return [];
  return results
    .filter((result) => String(field(field(result, 'from'), 'id')) === fromId)
    .flatMap((result) => {
      const to = field(result, 'to');
      return Array.isArray(to) ? (to as unknown[]) : [];
    });
}

/** A lower-cased response header. */
export function header(observed: ObservedExchange, name: string): string | undefined {
  return observed.exchange.response?.headers[name.toLowerCase()];
}
