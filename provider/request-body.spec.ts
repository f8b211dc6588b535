import { describe, expect, it } from 'vitest';
import { HttpError } from './http-types.js';
import { DEFAULT_REQUEST_LIMITS, parseJsonBody } from './request-body.js';

const parse = (text: string, contentType = 'application/json') =>
  parseJsonBody(Buffer.from(text), contentType, DEFAULT_REQUEST_LIMITS);

describe('parseJsonBody', () => {
  it('parses JSON sent as application/json (with parameters) or a +json type; empty is undefined', () => {
    expect(parse('{"inputs":[]}', 'application/json; charset=utf-8')).toEqual({ inputs: [] });
    expect(parse('[1]', 'application/vnd.hubspot+json')).toEqual([1]);
    expect(parse('')).toBeUndefined();
  });

  it('refuses with a 400 VALIDATION_ERROR: other media types, malformed JSON, over-deep nesting, __proto__ in any spelling', () => {
    for (const [text, type] of [
      ['{}', 'text/plain'],
      ['{', 'application/json'],
      [`${'['.repeat(65)}${']'.repeat(65)}`, 'application/json'],
      ['{"a": {"__proto__": {}}}', 'application/json'],
      ['{"\\u005f\\u005fproto\\u005f\\u005f": 1}', 'application/json'],
    ] as const) {
      let thrown: unknown;
      try {
        parse(text, type);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, text).toBeInstanceOf(HttpError);
      expect((thrown as HttpError).category).toBe('VALIDATION_ERROR');
    }
  });

  it('accepts a key that merely mentions __proto__ inside a string value', () => {
    expect(parse('{"note": "__proto__ is refused as a key"}')).toEqual({ note: '__proto__ is refused as a key' });
  });
});
