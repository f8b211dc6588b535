import { describe, expect, it } from 'vitest';
import { operation } from '../catalogue/index.js';
import type { Exchange, RecordedResponse } from '../exchange.js';
import { createValidator } from '../validate/index.js';
import { contentType } from './content-type.js';
import { observeExchange } from './observed.js';
import { responseBody } from './response-body.js';
import type { ObservedExchange } from './types.js';

/**
 * The checks of a response body as such: `response-body` (the reader's findings, then the schema of its status and
 * the body rules over the value read) and `content-type` (a body is labelled JSON). Neither judges a 5xx (the
 * transport check's: a proxy's page, not HubSpot's schema), nor an answer without a body.
 */
const context = { profile: 'strict' as const, validator: createValidator({ profile: 'strict' }) };
const STAMPS = { startedAt: '2026-11-20T09:15:02.204Z', completedAt: '2026-11-20T09:15:02.377Z' };
const JSON_TYPE = { 'content-type': 'application/json;charset=utf-8' };
const VALID = JSON.stringify({ status: 'COMPLETE', results: [], ...STAMPS });
const HTML_PAGE = '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>';

/** A batch read answered `status` with `body` (text as sent), or not answered at all (`response` undefined). */
function observed(response: Partial<RecordedResponse> | undefined): ObservedExchange {
  const op = operation('batch-read', '2026-03');
  const exchange: Exchange = {
    id: 3,
    request: { method: op.method, url: `http://127.0.0.1${op.pathTemplate}`, headers: {} },
    ...(response === undefined
      ? { failure: { kind: 'timeout', message: 'no answer' } }
      : { response: { status: 200, headers: JSON_TYPE, bytes: response.body?.length ?? 0, ...response } }),
    attempts: [{ startedAt: STAMPS.startedAt, durationMs: 3 }],
    startedAt: STAMPS.startedAt,
    durationMs: 3,
  };
  return observeExchange({ operation: op, intent: 'conformance', exchange, replay: 'hsac run --seed 42' });
}

const checksOf = (o: ObservedExchange): string[] => responseBody.check(o, context).map((finding) => finding.check);

describe('response-body', () => {
  it('is exercised by a body of a non-5xx answer read whole', () => {
    expect(responseBody.exercised(observed({ body: VALID }), context)).toBe(1);
    expect(responseBody.exercised(observed({ status: 404, body: '{}' }), context)).toBe(1);
    expect(responseBody.exercised(observed({}), context)).toBe(0);
    expect(responseBody.exercised(observed({ body: VALID.slice(0, 20), truncated: true }), context)).toBe(0);
    expect(responseBody.exercised(observed({ status: 502, body: HTML_PAGE }), context)).toBe(0);
    expect(responseBody.exercised(observed(undefined), context)).toBe(0);
  });

  it('is silent on a body its schema accepts', () => {
    expect(responseBody.check(observed({ body: VALID }), context)).toEqual([]);
  });

  it('judges no body, no answer, a body cut at the size cap, or a 5xx page', () => {
    expect(responseBody.check(observed({}), context)).toEqual([]);
    expect(responseBody.check(observed(undefined), context)).toEqual([]);
    expect(responseBody.check(observed({ body: VALID.slice(0, 20), truncated: true }), context)).toEqual([]);
    expect(responseBody.check(observed({ status: 502, body: HTML_PAGE }), context)).toEqual([]);
  });

  it("reports what the body reader found first, then the schema's findings over the value read", () => {
    // Duplicate keys are the reader's finding; the missing completedAt the schema's.
    const text = `{"status":"COMPLETE","status":"COMPLETE","results":[],"startedAt":"${STAMPS.startedAt}"}`;
    expect(checksOf(observed({ body: text }))).toEqual(['duplicate-key', 'required']);
  });

  it('validates a value it could not read against no schema: the reader says what is wrong', () => {
    expect(checksOf(observed({ body: '{"status":"COMPLETE",' }))).toEqual(['body-not-json']);
    expect(checksOf(observed({ status: 404, body: HTML_PAGE }))).toEqual(['body-not-json']);
  });

  it("validates the body against the schema of the answer's status", () => {
    // The batch answer is valid as a 200, and no Error for a 404.
    expect(checksOf(observed({ status: 404, body: VALID }))).toContain('error-shape');
  });

  it('tags every finding with the exchange, its endpoint and its replay command', () => {
    const findings = responseBody.check(observed({ body: '\uFEFF' + VALID }), context);
    expect(findings).toEqual([
      expect.objectContaining({
        check: 'body-encoding',
        endpoint: 'batch-read',
        apiVersion: '2026-03',
        replay: 'hsac run --seed 42',
        exchangeId: 3,
      }),
    ]);
  });
});

describe('content-type', () => {
  it('is exercised by a body of a non-5xx answer', () => {
    expect(contentType.exercised(observed({ body: VALID }), context)).toBe(1);
    expect(contentType.exercised(observed({ body: '' }), context)).toBe(0);
    expect(contentType.exercised(observed({}), context)).toBe(0);
    expect(contentType.exercised(observed({ status: 503, body: HTML_PAGE }), context)).toBe(0);
    expect(contentType.exercised(observed(undefined), context)).toBe(0);
  });

  it('accepts application/json and its structured-syntax suffixes, parameters and case', () => {
    for (const value of [
      'application/json',
      'application/json; charset=utf-8',
      'Application/JSON',
      'application/problem+json',
      'application/vnd.hubspot.v4+json;charset=utf-8',
      'application/json ;charset=utf-8',
    ])
      expect(contentType.check(observed({ body: VALID, headers: { 'content-type': value } }), context), value).toEqual(
        [],
      );
  });

  it('fires on a body labelled otherwise, quoting the label', () => {
    expect(contentType.check(observed({ body: VALID, headers: { 'content-type': 'text/plain' } }), context)).toEqual([
      {
        check: 'content-type',
        severity: 'error',
        instancePath: '',
        message: 'Content-Type is "text/plain", not application/json',
        expected: 'application/json',
        actual: 'text/plain',
        endpoint: 'batch-read',
        apiVersion: '2026-03',
        replay: 'hsac run --seed 42',
        exchangeId: 3,
      },
    ]);
    for (const value of ['application/jsonx', 'text/json', 'application/json-seq', 'xapplication/json'])
      expect(
        contentType.check(observed({ body: VALID, headers: { 'content-type': value } }), context),
        value,
      ).toMatchObject([{ actual: value }]);
  });

  it('fires on a body without a Content-Type', () => {
    expect(contentType.check(observed({ body: VALID, headers: {} }), context)).toMatchObject([
      {
        check: 'content-type',
        instancePath: '',
        message: 'the response has a body but no Content-Type',
        expected: 'application/json',
        actual: 'absent',
      },
    ]);
  });

  it('judges no empty body, no answer, and no 5xx page', () => {
    const unlabelled = { headers: { 'content-type': 'text/html' } };
    expect(contentType.check(observed({ ...unlabelled, body: '' }), context)).toEqual([]);
    expect(contentType.check(observed({ ...unlabelled }), context)).toEqual([]);
    expect(contentType.check(observed(undefined), context)).toEqual([]);
    expect(contentType.check(observed({ ...unlabelled, status: 503, body: HTML_PAGE }), context)).toEqual([]);
  });
});
