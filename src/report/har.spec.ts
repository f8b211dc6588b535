import { describe, expect, it } from 'vitest';
import { harProblems, parseHar } from '../../suites/support/har.js';
import type { Finding } from '../registry/finding.js';
import { buildHar, renderHar } from './har.js';
import { sampleResult } from './sample.js';

describe('exchanges.har (HAR 1.2)', () => {
  const har = parseHar(renderHar(sampleResult()));

  it('is a HAR 1.2 document by its JSON Schema (har-schema, with ajv), with custom fields only under `_`', () => {
    expect(harProblems(har)).toEqual([]);
    expect(har.log).toMatchObject({ version: '1.2', creator: { name: 'hsac', version: '0.1.0' } });
    expect(har.log.entries).toHaveLength(2);
    // HAR 1.2 allows -1 (unknown) for the other phases but not these three; its schema says -1 for all.
    for (const { timings } of har.log.entries)
      for (const phase of [timings.send, timings.wait, timings.receive]) expect(phase).toBeGreaterThanOrEqual(0);
  });

  it('the schema check sees a broken HAR (so a clean check means something)', () => {
    const [entry] = har.log.entries;
    const broken = (change: (copy: Record<string, unknown>) => void): unknown => {
      const copy = structuredClone(entry) as unknown as Record<string, unknown>;
      change(copy);
      return { log: { ...har.log, entries: [copy] } };
    };
    expect(harProblems(broken((e) => delete e.request))).toEqual([
      "/log/entries/0: must have required property 'request'",
    ]);
    expect(harProblems(broken((e) => (e.hsac = {})))).toEqual([
      '/log/entries/0: must NOT have additional properties (hsac)',
    ]);
    expect(harProblems(broken((e) => (e.time = -5)))).toEqual(['/log/entries/0/time: must be >= 0']);
    expect(harProblems(broken((e) => (e.startedDateTime = 'yesterday')))).toContain(
      '/log/entries/0/startedDateTime: must match format "date-time"',
    );
  });

  it('keeps bodies, the query string and the redacted headers as recorded', () => {
    const [read] = har.log.entries;
    expect(read?.request.postData).toEqual({ mimeType: 'application/json', text: '{"inputs":[{"id":"1"}]}' });
    expect(read?.request.queryString).toEqual([{ name: 'archived', value: 'false' }]);
    expect(read?.request.headers).toContainEqual({ name: 'authorization', value: 'Bearer [REDACTED]' });
    expect(read?.response).toMatchObject({
      status: 207,
      statusText: 'Multi-Status',
      content: { mimeType: 'application/json;charset=utf-8' },
    });
    expect(read?.response.content.text).toContain('CANCELLED');
  });

  it('an exchange without an answer is status 0 with the reason, and its retries are noted', () => {
    const reset = har.log.entries[1];
    expect(reset?.response).toMatchObject({ status: 0, _error: 'reset: socket hang up' });
    expect(reset?.comment).toContain('2 attempts');
    expect(reset?._hsac).toMatchObject({ id: 2, endpoint: 'associate-default', intent: 'conformance', findings: [] });
  });

  it("each entry's _hsac names its exchange id, the findings naming it (number, check, severity), a curl line", () => {
    const [read, reset] = har.log.entries;
    expect(read?._hsac.id).toBe(1);
    // Both sample findings judged exchange 1: findings 1 and 2 of report.json.
    expect(read?._hsac.findings).toEqual([
      { number: 1, check: 'status-enum', severity: 'error' },
      { number: 2, check: 'unknown-field', severity: 'warning' },
    ]);
    expect(read?._hsac.curl).toMatch(/^curl --globoff -X 'POST' 'http:\/\/127\.0\.0\.1:4000\/crm\/associations\//);
    expect(read?._hsac.curl).toContain(`-H "Authorization: Bearer $HUBSPOT_ACCESS_TOKEN"`);
    expect(read?._hsac.curl).toContain(`--data-raw '{"inputs":[{"id":"1"}]}'`);
    expect(read?._hsac.curl).not.toContain('[REDACTED]');
    expect(reset?._hsac.curl).toBe(
      "curl --globoff -X 'PUT' 'http://127.0.0.1:4000/crm/objects/2026-03/contacts/1/associations/default/companies/2'",
    );
  });

  it("a sequence finding names every exchange of its sequence; an entry's id is the exchange's, not its place", () => {
    const sample = sampleResult();
    const [read, reset] = sample.exchanges;
    const sequence: Finding = {
      check: 'read-after-write',
      severity: 'error',
      instancePath: '/results',
      message: 'not read back',
      endpoint: 'batch-read',
      exchangeIds: [12, 7],
      exchangeId: 7,
    };
    const built = buildHar(
      sampleResult({
        exchanges: [
          { ...read!, id: 7 },
          { ...reset!, id: 12 },
        ],
        findings: [{ ...sample.findings[0]!, exchangeId: 12 }, sequence],
      }),
    );
    expect(built.log.entries.map((entry) => entry._hsac.id)).toEqual([7, 12]);
    expect(built.log.entries.map((entry) => entry._hsac.findings.map((f) => f.number))).toEqual([[2], [1, 2]]);
  });

  it('renders as JSON that parses back to the same document', () => {
    expect(JSON.parse(renderHar(sampleResult()))).toEqual(buildHar(sampleResult()));
  });
});
