import { describe, expect, it } from 'vitest';
import { buildHar, renderHar } from './har.js';
import { sampleResult } from './sample.js';

describe('exchanges.har (HAR 1.2)', () => {
  const har = buildHar(sampleResult());

  it('has the fields HAR 1.2 requires on the log and on every entry', () => {
    expect(har.log).toMatchObject({ version: '1.2', creator: { name: 'hsac', version: '0.1.0' } });
    expect(har.log.entries).toHaveLength(2);
    for (const entry of har.log.entries) {
      expect(Object.keys(entry)).toEqual(
        expect.arrayContaining(['startedDateTime', 'time', 'request', 'response', 'cache', 'timings']),
      );
      expect(Object.keys(entry.request)).toEqual(
        expect.arrayContaining([
          'method',
          'url',
          'httpVersion',
          'cookies',
          'headers',
          'queryString',
          'headersSize',
          'bodySize',
        ]),
      );
      expect(Object.keys(entry.response)).toEqual(
        expect.arrayContaining([
          'status',
          'statusText',
          'httpVersion',
          'cookies',
          'headers',
          'content',
          'redirectURL',
          'headersSize',
          'bodySize',
        ]),
      );
      expect(Object.keys(entry.response.content)).toEqual(expect.arrayContaining(['size', 'mimeType']));
      expect(entry.timings.send).toBeGreaterThanOrEqual(0);
      expect(entry.timings.wait).toBeGreaterThanOrEqual(0);
      expect(entry.timings.receive).toBeGreaterThanOrEqual(0);
    }
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
    expect(reset?._hsac).toMatchObject({ exchange: 2, endpoint: 'associate-default', intent: 'conformance' });
  });

  it('renders as JSON that parses back to the same document', () => {
    expect(JSON.parse(renderHar(sampleResult()))).toEqual(har);
  });
});
