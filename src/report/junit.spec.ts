import { describe, expect, it } from 'vitest';
import type { Finding } from '../registry/finding.js';
import type { CheckOutcome } from '../runner/result.js';
import { registryCheckOf, renderJunit } from './junit.js';
import { sampleResult } from './sample.js';

/** Every testcase of a junit.xml: its classname, name and whole element text. */
function testcases(xml: string): { classname: string; name: string; text: string }[] {
  return [...xml.matchAll(/<testcase name="([^"]*)" classname="([^"]*)"[^>]*>[\s\S]*?<\/testcase>/g)].map(
    ([text, name = '', classname = '']) => ({ classname, name, text }),
  );
}

const sample = sampleResult();
const auxiliaryRow: CheckOutcome = {
  endpoint: 'auxiliary',
  check: 'rate-limit-contract',
  description: 'the 429 contract',
  outcome: 'fail',
  evaluated: 4,
  exercised: 1,
  errors: 1,
  warnings: 0,
};
const base = { instancePath: '', apiVersion: '2026-03' } as const;
const cleanupLeft: Finding = {
  check: 'cleanup',
  severity: 'warning',
  instancePath: '',
  message: 'cleanup left work: x',
};
const auxiliary429: Finding = {
  ...base,
  check: 'rate-limit-contract',
  severity: 'error',
  endpoint: 'objects-batch-create',
  message: 'a 429 without policyName on a provisioning call',
};
const bodyLevel: Finding = { ...base, check: 'status-enum', severity: 'error', endpoint: 'batch-read', message: 'st' };

describe('junit.xml lists every finding in a testcase', () => {
  it('a finding counts under its registry check by its kind: body-level kinds under response-body, others their own', () => {
    expect(registryCheckOf('status-enum')).toBe('response-body');
    expect(registryCheckOf('body-not-json')).toBe('response-body');
    expect(registryCheckOf('num-errors-matches-errors')).toBe('response-body');
    expect(registryCheckOf('status-code')).toBe('response-body');
    expect(registryCheckOf('transport')).toBe('transport');
    expect(registryCheckOf('idempotent')).toBe('idempotent');
    expect(registryCheckOf('cleanup')).toBe('cleanup');
  });

  it('body-level findings in their endpoint x response-body testcase, an auxiliary call in the auxiliary row', () => {
    const result = sampleResult({
      findings: [bodyLevel, auxiliary429],
      checks: [...sample.checks, auxiliaryRow],
    });
    const cases = testcases(renderJunit(result));
    const holding = (message: string): string[] =>
      cases.filter((c) => c.text.includes(message)).map((c) => `${c.classname} ${c.name}`);
    expect(holding('a 429 without policyName')).toEqual(['hsac.2026-03.auxiliary rate-limit-contract']);
    expect(holding('] status-enum at (body): st')).toEqual(['hsac.2026-03.batch-read response-body']);
  });

  it("the run's own findings (cleanup) get a run testcase of their check, counted, and failed on an error", () => {
    const warned = renderJunit(sampleResult({ findings: [...sample.findings, cleanupLeft] }));
    const cases = testcases(warned);
    expect(cases.filter((c) => c.text.includes('cleanup left work: x')).map((c) => `${c.classname} ${c.name}`)).toEqual(
      ['hsac.2026-03.run cleanup'],
    );
    expect(warned).toContain('<testsuite name="hsac 2026-03 run" tests="1" failures="0" errors="0" skipped="0"');
    expect(cases).toHaveLength(sample.checks.length + 1);
    expect(warned).toMatch(new RegExp(`<testsuites [^>]*tests="${sample.checks.length + 1}" failures="1" `));

    // Raised to an error by the config (run.checks), it fails its testcase and the run-level count.
    const raised = renderJunit(sampleResult({ findings: [...sample.findings, { ...cleanupLeft, severity: 'error' }] }));
    expect(testcases(raised).find((c) => c.name === 'cleanup')?.text).toContain('<failure message="1 error(s); first:');
    expect(raised).toMatch(new RegExp(`<testsuites [^>]*tests="${sample.checks.length + 1}" failures="2" `));
    // Without such findings there is no run testsuite: one testcase per endpoint x check, as before.
    expect(testcases(renderJunit(sample))).toHaveLength(sample.checks.length);
  });
});
