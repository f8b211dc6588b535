import { describe, expect, it } from 'vitest';
import { auxiliaryOperation, ERROR_STATUSES } from '../../src/catalogue/index.js';
import { BODY_LEVEL_KINDS, checkIdsOf, declarationsOf } from '../../src/registry/index.js';
import { createValidator } from '../../src/validate/index.js';
import { FAULTS, startSandbox } from '../../provider/index.js';
import { send } from './client.js';
import { compare, FAULT_CASES, SCENARIO_ENDPOINT, type Compared, type FaultCase } from './fault-cases.js';
import { auxiliaryCall, suiteOptions } from './scenarios.js';

const strict = createValidator({ profile: 'strict' });
/** The ids strict hsac reports on an answer's bytes (what `reported` below can see). */
const BODY_CHECKS: ReadonlySet<string> = new Set(checkIdsOf(...BODY_LEVEL_KINDS));

/** The check ids strict hsac reports on an exchange's bytes (none when no answer arrived). */
function reported(testCase: FaultCase, exchange: Compared['clean']): string[] {
  const endpoint = SCENARIO_ENDPOINT[testCase.scenario];
  if (exchange.error !== undefined || endpoint === 'auxiliary') return [];
  const result = strict.validateResponseText({
    endpoint,
    apiVersion: testCase.version ?? '2026-03',
    status: exchange.status,
    body: exchange.text,
  });
  return result.findings.map((finding) => finding.check);
}

describe('the fault registry', () => {
  it('has a case for every fault, and no case for a fault it lacks', () => {
    expect(Object.keys(FAULT_CASES).sort()).toEqual(FAULTS.map((fault) => fault.name).sort());
  });

  it('lists every fault with one line: a kebab-case name, a kind, a description and the checks that must catch it', () => {
    for (const fault of FAULTS) {
      expect(fault.name).toMatch(/^[a-z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*$/);
      expect(['schema', 'exchange', 'transport']).toContain(fault.kind);
      expect(fault.description).not.toMatch(/\n/);
      expect(fault.triggers.length).toBeGreaterThan(0);
    }
  });

  it('plants a fault for every check of hsac a fault can reach (DESIGN.md: each check has a fault it must catch)', () => {
    const triggered = new Set<string>(FAULTS.flatMap((fault) => fault.triggers));
    // The registry says which checks no fault can reach, and why (`faults: []` with `noFaultWhy`:
    // a schema check with no site in the four endpoints' bodies, the reader's limits, `response-body`
    // which reports the body-level ids; the request, runner and gate checks are proven elsewhere).
    const runChecks = declarationsOf('exchange', 'sequence', ...BODY_LEVEL_KINDS);
    for (const check of runChecks.filter((c) => c.faults.length > 0))
      expect([...triggered], check.id).toContain(check.id);
    // Of the exchange, sequence, schema and body-rule checks, a fault triggers exactly those the
    // registry says one must: none declared unreachable is reached after all.
    const considered = declarationsOf('exchange', 'sequence', 'schema', 'body-rule');
    const unreached = considered.filter((check) => !triggered.has(check.id)).map((check) => check.id);
    expect(unreached).toEqual(considered.filter((check) => check.faults.length === 0).map((check) => check.id));
  });
});

describe.each(FAULTS.map((fault) => [fault.name, fault] as const))('fault %s', (name, fault) => {
  const cases = FAULT_CASES[name] ?? [];
  const bodyTriggers = fault.triggers.filter((check) => BODY_CHECKS.has(check));

  it.each(
    cases.map(
      (testCase, index) => [index + 1, `${testCase.scenario} ${testCase.version ?? '2026-03'}`, testCase] as const,
    ),
  )('case %i (%s): changes the answer the way its name says, and only that', async (_index, _label, testCase) => {
    const compared = await compare([name], testCase);
    if (testCase.diff) expect(compared.diff).toEqual([...testCase.diff].sort());
    await testCase.check?.(compared, testCase.version ?? '2026-03');
    // The clean sandbox gives strict hsac nothing to report on the same exchange.
    expect(reported(testCase, compared.clean)).toEqual([]);
    if (compared.diff.length > 0 && bodyTriggers.length > 0) {
      const checks = reported(testCase, compared.faulted);
      for (const check of bodyTriggers) expect(checks, `strict hsac reports ${check}`).toContain(check);
    }
  });

  it('changes something in at least one case', async () => {
    let changed = false;
    for (const testCase of cases) if ((await compare([name], testCase)).diff.length > 0) changed = true;
    expect(changed).toBe(true);
  });
});

describe('faults compose and stay on the endpoints under test', () => {
  it('several faults at once each make their own change', async () => {
    const compared = await compare(['missing-completedAt', 'content-type-text', 'token-echo-header'], {
      scenario: 'read-one',
    });
    expect(compared.diff).toEqual(['body - /completedAt', 'header + x-echo-authorization', 'header ~ content-type']);
  });

  it('the order faults are named in does not matter (registry order applies)', async () => {
    const a = await compare(['status-500', 'token-echo-error-message'], { scenario: 'read-one' });
    const b = await compare(['token-echo-error-message', 'status-500'], { scenario: 'read-one' });
    expect(a.faulted.text).toBe(b.faulted.text);
  });

  it('only the faults that say so (auxiliaryPolicy, auxiliaryIntercept) reach the auxiliary operations', () => {
    expect(
      FAULTS.filter((fault) => fault.auxiliaryPolicy !== undefined || fault.auxiliaryIntercept !== undefined).map(
        (fault) => fault.name,
      ),
    ).toEqual(['configurations-read-empty', 'archive-keeps-association', 'rate-limit-unnamed-auxiliary']);
  });

  it("a fault's memory (firstTime) is its own sandbox's: a new sandbox misbehaves again", async () => {
    for (let round = 0; round < 2; round++) {
      const sandbox = await startSandbox(suiteOptions({ faults: ['rate-limit-unnamed-auxiliary'] }));
      try {
        const create = auxiliaryCall(
          'objects-batch-create',
          '2026-03',
          { objectType: 'contacts' },
          { inputs: [{ properties: {} }] },
        );
        expect((await send(sandbox, create)).status).toBe(ERROR_STATUSES.tooManyRequests);
        expect((await send(sandbox, create)).status).toBe(
          auxiliaryOperation('objects-batch-create', '2026-03').responses[0]?.status,
        );
      } finally {
        await sandbox.stop();
      }
    }
  });

  it('provisioning, cleanup and account details are not faulted by faults that do not ask, so a faulted run can still set up', async () => {
    const sandbox = await startSandbox(
      suiteOptions({ faults: ['status-500', 'auth-not-enforced', 'connection-reset'] }),
    );
    try {
      const created = await send(
        sandbox,
        auxiliaryCall(
          'objects-batch-create',
          '2026-03',
          { objectType: 'contacts' },
          { inputs: [{ properties: { email: 'a@example.com' } }] },
        ),
      );
      expect(created.status).toBe(auxiliaryOperation('objects-batch-create', '2026-03').responses[0]?.status);
      const details = await send(sandbox, { ...auxiliaryCall('account-details', '2026-03', {}), token: null });
      expect(details.status).toBe(ERROR_STATUSES.unauthorized);
    } finally {
      await sandbox.stop();
    }
  });

  it('an unknown fault name is refused, naming the known ones', async () => {
    await expect(startSandbox({ faults: ['missing-everything'] })).rejects.toThrow(
      /unknown fault "missing-everything" \(known: missing-status, /,
    );
  });
});
