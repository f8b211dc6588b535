import { describe, expect, it } from 'vitest';
import type { Finding, NumberedFinding } from '../../registry/finding.js';
import type { ReportedExchange } from '../result.js';
import {
  indexReport,
  planFinding,
  policyFor,
  ReplaySelectionError,
  selectFindings,
  type PlannedFinding,
} from './plan.js';
import { resendable } from './resend.js';

const BASE = 'http://127.0.0.1:4010';
const READ = `${BASE}/crm/associations/2026-03/contacts/companies/batch/read`;
const AUTHORIZED = { accept: 'application/json', 'user-agent': 'hsac/1.0.0', authorization: 'Bearer [REDACTED]' };

function exchange(
  id: number,
  endpoint: string,
  request: Partial<ReportedExchange['request']> = {},
  status = 200,
  body?: unknown,
): ReportedExchange {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return {
    id,
    endpoint,
    apiVersion: '2026-03',
    intent: endpoint === 'batch-read' || endpoint === 'batch-associate-default' ? 'conformance' : 'auxiliary',
    request: { method: 'POST', url: READ, headers: AUTHORIZED, body: '{"inputs":[{"id":"1"}]}', ...request },
    response: { status, headers: {}, bytes: text?.length ?? 0, ...(text !== undefined ? { body: text } : {}) },
    attempts: [],
    startedAt: '2026-12-01T00:00:00.000Z',
    durationMs: 1,
  };
}

const EXCHANGES: readonly ReportedExchange[] = [
  exchange(
    1,
    'objects-batch-create',
    { url: `${BASE}/crm/objects/2026-03/contacts/batch/create`, body: '{"inputs":[]}' },
    201,
    { results: [{ id: '555' }] },
  ),
  exchange(2, 'batch-associate-default', {
    url: `${BASE}/crm/associations/2026-03/contacts/companies/batch/associate/default`,
    body: '{"inputs":[{"from":{"id":"555"},"to":{"id":"9"}}]}',
  }),
  exchange(3, 'batch-read', { body: '{"inputs":[{"id":"555"}]}' }),
  exchange(4, 'batch-read'),
  exchange(5, 'batch-read', {}, 429),
];

function finding(over: Partial<Finding>): Finding {
  return {
    check: 'required',
    severity: 'error',
    instancePath: '/completedAt',
    message: 'missing',
    endpoint: 'batch-read',
    ...over,
  };
}

const REPORT = {
  exchanges: EXCHANGES,
  run: {
    id: 'hsac-test',
    seed: 3,
    apiVersion: '2026-03',
    endpoints: ['batch-read'],
    runs: 1,
    profile: 'lenient',
    target: BASE,
    startedAt: '2026-12-01T00:00:00.000Z',
    finishedAt: '2026-12-01T00:00:01.000Z',
    durationMs: 1000,
    replay: 'hsac run --seed 3',
  },
  findings: [
    finding({ exchangeId: 4 }),
    finding({ check: 'paging-terminates', exchangeId: 3, exchangeIds: [2, 3] }),
    finding({ check: 'cleanup', severity: 'warning' }),
    finding({ check: 'token-redaction', exchangeId: 5 }),
    finding({ exchangeId: 3, severity: 'warning' }),
  ],
};

const plan = (number: number, policy: 'replay-run' | 'reads-only'): PlannedFinding => {
  const numbered: NumberedFinding = { number, finding: REPORT.findings[number - 1] ?? finding({}) };
  return planFinding(numbered, indexReport(REPORT), policy);
};

/** Why a finding is not replayed ('' when it is). */
const whyNot = (planned: PlannedFinding): string => (planned.kind === 'not-replayed' ? planned.why : '');

describe('which targets may be written to', () => {
  it.each([
    ['http://127.0.0.1:8080', 'replay-run'],
    ['http://127.3.2.1', 'replay-run'],
    ['http://localhost:3000/', 'replay-run'],
    ['http://[::1]:3000', 'replay-run'],
    ['https://api.hubapi.com', 'reads-only'],
    // This machine by another name is not trusted to stay so: only names that are loopback by definition are.
    ['http://0.0.0.0:8080', 'reads-only'],
    ['http://localhost.example.com', 'reads-only'],
    ['not a url', 'reads-only'],
  ])('%s: %s', (url, policy) => {
    expect(policyFor(url)).toBe(policy);
  });
});

describe('selecting findings', () => {
  it('by number (from 1), by an exchange they judged, or every error', () => {
    expect(selectFindings(REPORT, { finding: 2 }).map((f) => f.number)).toEqual([2]);
    expect(selectFindings(REPORT, { exchange: 3 }).map((f) => f.number)).toEqual([2, 5]);
    expect(selectFindings(REPORT, { errorsOnly: true }).map((f) => f.number)).toEqual([1, 2, 4]);
  });

  it('a number or id the report lacks, or an exchange no finding judged, is a selection error', () => {
    expect(() => selectFindings(REPORT, { finding: 6 })).toThrow(ReplaySelectionError);
    expect(() => selectFindings(REPORT, { finding: 0 })).toThrow(/no finding 0/);
    expect(() => selectFindings(REPORT, { exchange: 99 })).toThrow(/no exchange 99/);
    expect(() => selectFindings(REPORT, { exchange: 1 })).toThrow(/no finding of the report judged exchange 1/);
  });
});

describe('planning each finding', () => {
  it('an exchange finding is judged on its answer; a sequence finding on its exchanges', () => {
    expect(plan(1, 'replay-run')).toMatchObject({ kind: 'exchange', exchangeId: 4, exchangeIds: [4] });
    expect(plan(2, 'replay-run')).toMatchObject({
      kind: 'sequence',
      check: 'paging-terminates',
      exchangeIds: [2, 3],
    });
  });

  it("the runner's own judgements and 429s are not replayed, saying how to re-run the run", () => {
    expect(whyNot(plan(3, 'replay-run'))).toContain('hsac run --seed 3');
    expect(whyNot(plan(4, 'replay-run'))).toContain('429');
  });

  it('against a portal, no write is re-sent, nor a read of records the run created (its cleanup archived them)', () => {
    expect(whyNot(plan(2, 'reads-only'))).toMatch(/exchange 2 .* writes/);
    expect(whyNot(plan(5, 'reads-only'))).toContain('reads records the run created');
    expect(plan(1, 'reads-only')).toMatchObject({ kind: 'exchange', exchangeId: 4 });
  });
});

describe('a recorded request sent again exactly', () => {
  it('same method, path, query, headers and body; the token where the run sent one, none where it did not', () => {
    const resent = resendable(exchange(4, 'batch-read', { url: `${READ}?archived=false` }));
    if (typeof resent === 'string') throw new Error(resent);
    expect(resent.request).toEqual({
      method: 'POST',
      path: '/crm/associations/2026-03/contacts/companies/batch/read',
      query: { archived: 'false' },
      body: { inputs: [{ id: '1' }] },
      headers: { accept: 'application/json', 'user-agent': 'hsac/1.0.0' },
      auth: true,
    });
    expect(resent.params).toEqual({ fromObjectType: 'contacts', toObjectType: 'companies' });
    const noAuth = resendable(exchange(4, 'batch-read', { headers: { accept: 'application/json' } }));
    expect(typeof noAuth !== 'string' && noAuth.request.auth).toBe(false);
  });

  it('says why one cannot be: an unknown endpoint, another path, a body JSON would not give back as recorded', () => {
    expect(resendable(exchange(4, 'batch-frobnicate'))).toMatch(/no endpoint or auxiliary operation/);
    expect(resendable(exchange(4, 'batch-read', { url: `${BASE}/crm/other` }))).toMatch(/is not one of/);
    expect(resendable(exchange(4, 'batch-read', { body: '{ "inputs": [] }' }))).toMatch(/not JSON as hsac sends it/);
    expect(resendable(exchange(4, 'batch-read', { method: 'PUT' }))).toMatch(/method PUT is not POST/);
  });
});
