import { isServerError } from '../catalogue/index.js';
import { checkDeclaration } from '../registry/index.js';
import { findingFor, header } from './support.js';
import type { ExchangeCheck } from './types.js';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * A body must be labelled JSON. SDKs pick a decoder by content type, so a JSON body sent as
 * `text/html` or `text/plain` is lost to them even when it parses.
 */
export const contentType: ExchangeCheck = {
  ...checkDeclaration('content-type'),
  exercised(observed) {
    const response = observed.exchange.response;
    // An empty body has nothing to label.
    return response?.body && !isServerError(response.status) ? 1 : 0;
  },
  check(observed) {
    const response = observed.exchange.response;
    if (!response?.body || isServerError(response.status)) return [];
    const value = header(observed, 'content-type');
    // Stryker disable next-line StringLiteral: no header is no JSON media type, whatever text stands in for it
    if (JSON_MEDIA_TYPE.test(value ?? '')) return [];
    return [
      findingFor(observed, {
        check: this.id,
        instancePath: '',
        message:
          value === undefined
            ? 'the response has a body but no Content-Type'
            : `Content-Type is "${value}", not application/json`,
        expected: 'application/json',
        actual: value ?? 'absent',
      }),
    ];
  },
};
