import { describe, expect, it } from 'vitest';
import type { Finding, NumberedFinding } from '../../registry/finding.js';
import type { ReportedExchange } from '../result.js';
import { createValidator } from '../../validate/index.js';
import { unjudgeable } from './judgeable.js';
import {
  inconsistentFinding,
  indexReport,
  planFinding,
  policyFor,
  ReplaySelectionError,
  selectFindings,
  type PlannedFinding,
} from './plan.js';
import { replayedExchange, resendable } from './resend.js';

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

describe('a report whose findings do not name what they judged', () => {
  it('is refused: a finding on another endpoint than its exchange, or of a check that does not apply there', () => {
    expect(inconsistentFinding(REPORT)).toBeUndefined();
    const elsewhere = { ...REPORT, findings: [finding({ exchangeId: 2 })] };
    expect(inconsistentFinding(elsewhere)).toBe(
      'finding 1 names endpoint batch-read but exchange 2 is batch-associate-default',
    );
    const limit = finding({ check: 'input-limit-enforced', exchangeId: 2, endpoint: 'batch-associate-default' });
    const notThere = { ...REPORT, findings: [limit] };
    expect(inconsistentFinding(notThere)).toMatch(
      /check input-limit-enforced, which does not apply to batch-associate/,
    );
  });
});

describe("whether a new answer can judge a finding as the run's answer did", () => {
  const context = { profile: 'lenient' as const, validator: createValidator({ profile: 'lenient' }) };
  const BATCH = {
    status: 'COMPLETE',
    results: [],
    startedAt: '2026-12-01T00:00:00Z',
    completedAt: '2026-12-01T00:00:01Z',
  };
  /** Exchange 4 as the run got it (status `then`, a readable body) and as it is answered now ('': no body). */
  const replayed = (
    then: number,
    now: number,
    nowBody = JSON.stringify(BATCH),
    intent: ReportedExchange['intent'] = 'conformance',
  ) => {
    const recorded = { ...exchange(4, 'batch-read', {}, then, BATCH), intent };
    const resent = resendable(recorded);
    if (typeof resent === 'string') throw new Error(resent);
    const response = { status: now, headers: {}, bytes: nowBody.length, ...(nowBody ? { body: nowBody } : {}) };
    return [replayedExchange(resent, { ...recorded, response }, 'lenient')];
  };

  it("a body finding: only an answer of the run's status whose body can be read, as the run's could", () => {
    expect(unjudgeable('required', replayed(207, 207), context)).toBeUndefined();
    expect(unjudgeable('required', replayed(200, 200), context)).toBeUndefined();
    expect(unjudgeable('required', replayed(207, 500), context)).toMatch(
      /^the answer cannot be judged: 500, was 207 \(exchange 4, POST \/crm\/.*: not of the status family/,
    );
    expect(unjudgeable('required', replayed(207, 400), context)).toMatch(/cannot be judged: 400, was 207/);
    expect(unjudgeable('required', replayed(207, 207, '{"status":"COMP'), context)).toMatch(
      /cannot be judged: 207, was 207 .*its body cannot be read \(body-not-json: /,
    );
    expect(unjudgeable('required', replayed(207, 207, ''), context)).toMatch(/its body cannot be read/);
    // status-code judges the code within the family the run got: a 4xx is not a fix of a 200 for a 201.
    expect(unjudgeable('status-code', replayed(200, 404), context)).toMatch(/cannot be judged: 404, was 200/);
  });

  it("a body, schema or rule finding: an answer of another status than the run's is not its fix", () => {
    for (const check of ['required', 'multi-status-has-errors', 'num-errors-matches-errors', 'content-type'] as const)
      expect(unjudgeable(check, replayed(207, 200), context)).toMatch(
        new RegExp(
          `^the answer cannot be judged: 200, was 207 .*its status is 200, not the run's 207, under which ${check}`,
        ),
      );
    expect(unjudgeable('required', replayed(200, 207), context)).toMatch(
      /cannot be judged: 207, was 200 .*status is 207/,
    );
    expect(unjudgeable('required', replayed(200, 201), context)).toMatch(/cannot be judged: 201, was 200/);
    // status-code judges the code itself: another code of the family is what its fix looks like.
    expect(unjudgeable('status-code', replayed(200, 201), context)).toBeUndefined();
  });

  it("a body that is not a JSON object where the run's was judges nothing of its fields: never a fix", () => {
    for (const body of ['[]', 'null', '42', '"str"', 'true'])
      for (const status of [200, 207])
        for (const check of ['required', 'num-errors-matches-errors', 'multi-status-has-errors'] as const)
          expect(unjudgeable(check, replayed(status, status, body), context)).toBe(
            `the answer cannot be judged: ${status}, was ${status} (exchange 4, POST ${READ.slice(BASE.length)}: ` +
              `its body is ${body}, not a JSON object as the run's was)`,
          );
    expect(unjudgeable('required', replayed(207, 207, '{}'), context)).toBeUndefined();
  });

  it('a finding about the status itself: any answer its check judges, never a 5xx or a 429', () => {
    expect(unjudgeable('auth-enforced', replayed(200, 401, undefined, 'no-auth'), context)).toBeUndefined();
    expect(unjudgeable('auth-enforced', replayed(200, 503, undefined, 'no-auth'), context)).toMatch(
      /cannot be judged: 503, was 200 .*auth-enforced judges no such answer/,
    );
    expect(unjudgeable('auth-enforced', replayed(200, 429, undefined, 'no-auth'), context)).toMatch(/429, was 200/);
    expect(unjudgeable('status-family', replayed(400, 207), context)).toBeUndefined();
    expect(unjudgeable('status-family', replayed(400, 500), context)).toMatch(/cannot be judged: 500, was 400/);
    // transport judges whether a checkable answer came: whatever comes now is its judgement.
    expect(unjudgeable('transport', replayed(500, 200), context)).toBeUndefined();
    expect(unjudgeable('transport', replayed(500, 502), context)).toBeUndefined();
  });
});
