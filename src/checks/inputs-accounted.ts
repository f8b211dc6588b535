import type { Finding } from '../finding.js';
import { field, findingFor, responseJson } from './support.js';
import type { ExchangeCheck, ObservedExchange } from './types.js';

/** The key an input is known by in answers, per endpoint. */
function inputKeys(observed: ObservedExchange): string[] {
  const inputs = field(observed.sent, 'inputs');
  if (!Array.isArray(inputs)) return [];
  switch (observed.operation.endpoint) {
    case 'batch-read':
      return inputs.map((input) => String(field(input, 'id')));
    case 'batch-associate-default':
      return inputs.map((input) => `${String(field(field(input, 'from'), 'id'))}->${String(field(field(input, 'to'), 'id'))}`);
    case 'configurations-batch-create':
      return inputs.map((input) => String(field(input, 'typeId')));
    case 'associate-default':
      return [];
  }
}

/** The keys an answer accounts for in `results`. */
function resultKeys(observed: ObservedExchange, body: unknown): Set<string> {
  const results = field(body, 'results');
  const keys = new Set<string>();
  if (!Array.isArray(results)) return keys;
  for (const result of results) {
    switch (observed.operation.endpoint) {
      case 'batch-read':
        keys.add(String(field(field(result, 'from'), 'id')));
        break;
      case 'batch-associate-default':
        keys.add(`${String(field(field(result, 'from'), 'id'))}->${String(field(field(result, 'to'), 'id'))}`);
        break;
      case 'configurations-batch-create':
        keys.add(String(field(result, 'typeId')));
        break;
      case 'associate-default':
        break;
    }
  }
  return keys;
}

/**
 * Every token an error uses to say which input failed: its id, its context values, the words of
 * its message. Whole tokens, so input "1" is not "named" by an error about "10".
 */
function errorTokens(body: unknown): Set<string> {
  const errors = field(body, 'errors');
  if (!Array.isArray(errors)) return new Set();
  const text = errors.map((error) => [field(error, 'id'), JSON.stringify(field(error, 'context') ?? {}), field(error, 'message')].map(String).join(' ')).join(' ');
  return new Set(text.split(/[^A-Za-z0-9_-]+/).filter(Boolean));
}

/**
 * Every input of a batch is accounted for: it has a result or an error names it. A batch that
 * silently drops inputs is the worst kind of partial failure: the client believes the work done
 * (hubspot-api-php#619 lost the other half: results hidden behind errors). One input may yield
 * more than one result (FACTS.md §1: unverified), so only presence is required.
 */
export const inputsAccounted: ExchangeCheck = {
  id: 'inputs-accounted',
  scope: 'exchange',
  description: 'every batch input appears in results or is named by an error',
  caughtFaults: ['input-dropped', 'multi-status-without-errors'],
  check(observed) {
    const status = observed.exchange.response?.status;
    if (observed.intent !== 'conformance' || status === undefined || Math.floor(status / 100) !== 2) return [];
    const body = responseJson(observed);
    if (body === undefined) return [];
    const results = resultKeys(observed, body);
    const errors = errorTokens(body);
    const findings: Finding[] = [];
    const missing = [...new Set(inputKeys(observed))].filter((key) => !results.has(key) && !key.split('->').every((part) => errors.has(part)));
    if (missing.length > 0) {
      findings.push(
        findingFor(observed, {
          check: this.id,
          severity: 'error',
          instancePath: '/results',
          message: `${missing.length} input(s) neither in results nor named by an error: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`,
          expected: 'each input in results or errors',
          actual: missing.slice(0, 20),
        }),
      );
    }
    return findings;
  },
};
