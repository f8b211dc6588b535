import { findingFor, header } from './support.js';
import type { ExchangeCheck } from './types.js';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * A body must be labelled JSON. SDKs pick a decoder by content type, so a JSON body sent as
 * `text/html` or `text/plain` is lost to them even when it parses.
 */
export const contentType: ExchangeCheck = {
  id: 'content-type',
  scope: 'exchange',
  description: 'a response with a body says Content-Type: application/json',
  caughtFaults: ['content-type-text'],
  notExercisedWhy: 'no answer carried a body to label (below 500)',
  exercised(observed) {
    const response = observed.exchange.response;
    return response && response.body !== undefined && response.body.length > 0 && response.status < 500 ? 1 : 0;
  },
  check(observed) {
    const response = observed.exchange.response;
    if (!response || response.body === undefined || response.body.length === 0 || response.status >= 500) return [];
    const value = header(observed, 'content-type');
    if (value !== undefined && JSON_MEDIA_TYPE.test(value)) return [];
    return [
      findingFor(observed, {
        check: this.id,
        severity: 'error',
        instancePath: '',
        message: value === undefined ? 'the response has a body but no Content-Type' : `Content-Type is "${value}", not application/json`,
        expected: 'application/json',
        actual: value ?? 'absent',
      }),
    ];
  },
};
