import { describe, expect, it } from 'vitest';
import { driftReport, parseDriftInput, schemaFieldPaths } from './drift.js';
import { emptySchema, type MutableSchemaNode } from './model.js';

describe('parseDriftInput', () => {
  it('accepts the report shape and ignores other keys', () => {
    const exchanges = parseDriftInput(
      {
        summary: {},
        exchanges: [
          {
            endpoint: 'batch-read',
            apiVersion: '2026-03',
            request: { method: 'POST', url: 'u' },
            response: { status: 200, body: {} },
            extra: 1,
          },
        ],
      },
      'r.json',
    );
    expect(exchanges).toEqual([
      {
        endpoint: 'batch-read',
        apiVersion: '2026-03',
        request: { method: 'POST', url: 'u', body: undefined },
        response: { status: 200, body: {} },
      },
    ]);
  });

  it.each([
    [null, 'r.json has no "exchanges" array'],
    [{ exchanges: [1] }, 'exchanges[0] is not an object'],
    [
      {
        exchanges: [
          { endpoint: 'batch-read', apiVersion: 3, request: { method: 'POST', url: 'u' }, response: { status: 200 } },
        ],
      },
      'exchanges[0].apiVersion must be a string',
    ],
    [
      {
        exchanges: [
          { endpoint: 'batch-read', apiVersion: 'v4', request: { method: 'POST' }, response: { status: 200 } },
        ],
      },
      'exchanges[0].request.url must be a string',
    ],
    [
      {
        exchanges: [
          {
            endpoint: 'batch-read',
            apiVersion: 'v4',
            request: { method: 'POST', url: 'u' },
            response: { status: 2000 },
          },
        ],
      },
      'exchanges[0].response.status must be an HTTP status code',
    ],
    [
      {
        exchanges: [
          {
            endpoint: 'batch-read',
            apiVersion: 'v4',
            request: { method: 'POST', url: 'u' },
            response: { status: 200, headers: [] },
          },
        ],
      },
      'exchanges[0].response.headers must be an object',
    ],
  ])('refuses %j', (value, message) => {
    expect(() => parseDriftInput(value, 'r.json')).toThrow(message);
  });
});

describe('schemaFieldPaths', () => {
  it('lists property paths with * for items and map values, and ends on recursion', () => {
    const node: MutableSchemaNode = emptySchema('Node');
    const list = emptySchema();
    list.types = ['array'];
    list.items = node;
    const map = emptySchema();
    map.additionalProperties = emptySchema();
    node.properties.set('children', list);
    node.properties.set('links', map);
    expect(schemaFieldPaths(node)).toEqual(['/children', '/links']);
  });
});

describe('driftReport', () => {
  it('checks 207 and error bodies against their own definitions', async () => {
    const report = await driftReport([
      {
        endpoint: 'batch-read',
        apiVersion: '2026-09',
        request: { method: 'POST', url: 'u' },
        response: { status: 207, body: { status: 'COMPLETE', results: [], numErrors: 1, errors: [] } },
      },
      {
        endpoint: 'batch-read',
        apiVersion: '2026-09',
        request: { method: 'POST', url: 'u' },
        response: {
          status: 429,
          body: { status: 'error', message: 'm', errorType: 'RATE_LIMIT', policyName: 'DAILY', surprise: 1 },
        },
      },
    ]);
    const bodies = report.endpoints[0]?.bodies ?? [];
    // 2026-09 declares no 207: the catalogue maps it to the 200 body, which has errors/numErrors there.
    expect(bodies.find((body) => body.body === 'response 207')).toMatchObject({
      definition: 'BatchResponsePublicAssociationMultiWithLabel',
      unknownFields: [],
    });
    expect(bodies.find((body) => body.body === 'response 429')).toMatchObject({
      definition: 'RateLimitError',
      unknownFields: [{ path: '/surprise', count: 1 }],
    });
    expect(report.ok).toBe(false);
  });
});
