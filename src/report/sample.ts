import type { Finding } from '../registry/finding.js';
import type { CheckOutcome, ReportedExchange, RunResult } from '../runner/result.js';

/**
 * A small, hand-made RunResult: the writers' unit specs use it (and can plant hostile text in
 * it), so they need no sandbox. Real runs are snapshot-tested in `suites/report`.
 */
export function sampleResult(
  overrides: {
    readonly run?: Partial<RunResult['run']>;
    readonly summary?: Partial<RunResult['summary']>;
    readonly findings?: readonly Finding[];
    readonly checks?: readonly CheckOutcome[];
    readonly exchanges?: readonly ReportedExchange[];
  } = {},
): RunResult {
  const exchanges: ReportedExchange[] = [
    {
      id: 1,
      endpoint: 'batch-read',
      apiVersion: '2026-03',
      intent: 'conformance',
      request: {
        method: 'POST',
        url: 'http://127.0.0.1:4000/crm/associations/2026-03/contacts/companies/batch/read?archived=false',
        headers: { authorization: 'Bearer [REDACTED]', 'content-type': 'application/json' },
        body: '{"inputs":[{"id":"1"}]}',
      },
      response: {
        status: 207,
        headers: { 'content-type': 'application/json;charset=utf-8' },
        body: '{"status":"CANCELLED","results":[],"numErrors":1,"errors":[]}',
        bytes: 61,
      },
      attempts: [{ startedAt: '2026-01-01T00:00:00.000Z', durationMs: 3, status: 207 }],
      startedAt: '2026-01-01T00:00:00.000Z',
      durationMs: 3,
      purpose: 'sequences',
    },
    {
      id: 2,
      endpoint: 'associate-default',
      apiVersion: '2026-03',
      intent: 'conformance',
      request: {
        method: 'PUT',
        url: 'http://127.0.0.1:4000/crm/objects/2026-03/contacts/1/associations/default/companies/2',
        headers: {},
      },
      failure: { kind: 'reset', message: 'socket hang up' },
      attempts: [
        {
          startedAt: '2026-01-01T00:00:01.000Z',
          durationMs: 40,
          failure: { kind: 'reset', message: 'socket hang up' },
          retry: { reason: 'reset', waitMs: 20 },
        },
        {
          startedAt: '2026-01-01T00:00:01.060Z',
          durationMs: 30,
          failure: { kind: 'reset', message: 'socket hang up' },
        },
      ],
      startedAt: '2026-01-01T00:00:01.000Z',
      durationMs: 90,
      purpose: 'sequences',
    },
  ];
  const findings: Finding[] = [
    {
      check: 'status-enum',
      severity: 'error',
      instancePath: '/status',
      message: 'status "CANCELLED" is not one of CANCELED, COMPLETE, PENDING, PROCESSING',
      endpoint: 'batch-read',
      apiVersion: '2026-03',
      expected: ['CANCELED', 'COMPLETE', 'PENDING', 'PROCESSING'],
      actual: 'CANCELLED',
      replay: 'hsac run --seed 1',
      exchangeId: 1,
    },
    {
      check: 'unknown-field',
      severity: 'warning',
      instancePath: '/extra',
      message: 'unknown field "extra"',
      endpoint: 'batch-read',
      apiVersion: '2026-03',
      replay: 'hsac run --seed 1',
      exchangeId: 1,
    },
  ];
  // As a run against a provider that sent no 429 and never paged would have them: checks run on
  // every exchange yet exercised by none (`evaluated` > 0, `exercised` 0), a body check exercised
  // on one endpoint but not the other (its only exchange got no answer), and one check the config
  // switched off.
  const rateLimitWhy =
    'no answer was a 429, so the 429 contract had nothing to judge (a provider that throttles, or a lower --rate-limit, would exercise it)';
  const checks: CheckOutcome[] = [
    {
      endpoint: 'batch-read',
      check: 'transport',
      description: 'an answer came',
      outcome: 'pass',
      evaluated: 1,
      exercised: 1,
      errors: 0,
      warnings: 0,
    },
    {
      endpoint: 'batch-read',
      check: 'response-body',
      description: 'the body conforms',
      outcome: 'fail',
      evaluated: 1,
      exercised: 1,
      errors: 1,
      warnings: 1,
    },
    {
      endpoint: 'batch-read',
      check: 'rate-limit-contract',
      description: 'a 429 says when to retry, and rate-limit headers are consistent whole numbers',
      outcome: 'not-exercised',
      evaluated: 1,
      exercised: 0,
      why: rateLimitWhy,
      errors: 0,
      warnings: 0,
    },
    {
      endpoint: 'batch-read',
      check: 'paging-terminates',
      description: 'paging with after advances and ends',
      outcome: 'not-exercised',
      evaluated: 1,
      exercised: 0,
      why: 'no read of a record came back with a next page, so no cursor was followed (hsac builds a wide record to force one; see the wide-record requests)',
      errors: 0,
      warnings: 0,
    },
    {
      endpoint: 'associate-default',
      check: 'transport',
      description: 'an answer came',
      outcome: 'warn',
      evaluated: 1,
      exercised: 1,
      errors: 0,
      warnings: 1,
    },
    {
      endpoint: 'associate-default',
      check: 'response-body',
      description: 'the body conforms',
      outcome: 'not-exercised',
      evaluated: 1,
      exercised: 0,
      why: 'no answer below 500 carried a complete body to validate',
      errors: 0,
      warnings: 0,
    },
    {
      endpoint: 'associate-default',
      check: 'rate-limit-contract',
      description: 'a 429 says when to retry, and rate-limit headers are consistent whole numbers',
      outcome: 'not-exercised',
      evaluated: 1,
      exercised: 0,
      why: rateLimitWhy,
      errors: 0,
      warnings: 0,
    },
    {
      endpoint: 'associate-default',
      check: 'idempotent',
      description: 'associate default twice answers the same and creates no duplicate',
      outcome: 'off',
      evaluated: 0,
      exercised: 0,
      why: 'switched off by the config (run.checks: "idempotent": "off" in hsac.config.json)',
      errors: 0,
      warnings: 0,
    },
  ];
  return {
    tool: { name: 'hsac', version: '0.1.0' },
    run: {
      id: 'hsac-20260101-00000001',
      seed: 1,
      apiVersion: '2026-03',
      endpoints: ['batch-read', 'associate-default'],
      runs: 1,
      profile: 'lenient',
      target: 'http://127.0.0.1:4000',
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:02.000Z',
      durationMs: 2000,
      // The replay carries the config (which switched idempotent off) and the coverage requirement.
      replay: 'hsac run --seed 1 --config hsac.config.json --require-exercised paging-terminates',
      requireExercised: ['paging-terminates'],
      checksOff: ['idempotent'],
      ...overrides.run,
    },
    summary: {
      // Fail beats inconclusive: the error finding decides, though required paging-terminates was not exercised.
      verdict: 'fail',
      reason: '1 error finding(s)',
      exchanges: 2,
      unchecked: 1,
      errors: 1,
      warnings: 1,
      sequences: 1,
      seed: 1,
      notExercised: [
        { check: 'rate-limit-contract', why: rateLimitWhy },
        {
          check: 'paging-terminates',
          why: 'no read of a record came back with a next page, so no cursor was followed (hsac builds a wide record to force one; see the wide-record requests)',
        },
      ],
      // Exchanges per run phase, as the runner counts them (a retried exchange counts once).
      requests: { sequences: 2 },
      ...overrides.summary,
    },
    findings: overrides.findings ?? findings,
    checks: overrides.checks ?? checks,
    exchanges: overrides.exchanges ?? exchanges,
  };
}
