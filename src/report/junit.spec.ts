import { describe, expect, it } from 'vitest';
import { parseJunit, type JunitCase } from '../../suites/support/junit-xml.js';
import type { Finding } from '../registry/finding.js';
import type { CheckOutcome, ReportedExchange } from '../runner/result.js';
import { registryCheckOf, renderJunit } from './junit.js';
import { sampleResult } from './sample.js';

/** Every testcase of a junit.xml, parsed: its classname, name and the text a reader sees in it. */
function testcases(xml: string): (JunitCase & { text: string })[] {
  return parseJunit(xml).cases.map((testcase) => ({
    ...testcase,
    text: [testcase.failure?.attributes.message, testcase.failure?.text, testcase.systemOut].join('\n'),
  }));
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
    expect(parseJunit(warned).suites.find((s) => s.attributes.name === 'hsac 2026-03 run')?.attributes).toMatchObject({
      tests: '1',
      failures: '0',
      errors: '0',
      skipped: '0',
    });
    expect(cases).toHaveLength(sample.checks.length + 1);
    expect(parseJunit(warned).attributes).toMatchObject({ tests: `${sample.checks.length + 1}`, failures: '1' });

    // Raised to an error by the config (run.checks), it fails its testcase and the run-level count.
    const raised = renderJunit(sampleResult({ findings: [...sample.findings, { ...cleanupLeft, severity: 'error' }] }));
    expect(testcases(raised).find((c) => c.name === 'cleanup')?.failure?.attributes.message).toMatch(
      /^1 error\(s\), 1 distinct; first:/,
    );
    expect(parseJunit(raised).attributes).toMatchObject({ tests: `${sample.checks.length + 1}`, failures: '2' });
    // Without such findings there is no run testsuite: one testcase per endpoint x check, as before.
    expect(testcases(renderJunit(sample))).toHaveLength(sample.checks.length);
  });
});

describe('junit.xml times come from the exchanges, read from the RunResult alone', () => {
  // The sample's exchanges: batch-read 3 ms, associate-default 90 ms; the run took 2 s.
  const auxiliaryCalls: ReportedExchange[] = sample.exchanges.slice(0, 1).map((exchange) => ({
    ...exchange,
    id: 3,
    endpoint: 'objects-batch-create',
    intent: 'auxiliary',
    durationMs: 1234,
  }));
  const result = sampleResult({
    findings: [...sample.findings, auxiliary429],
    checks: [...sample.checks, auxiliaryRow],
    exchanges: [...sample.exchanges, ...auxiliaryCalls],
  });
  const report = parseJunit(renderJunit(result));
  const time = (classname: string, name: string): string | undefined =>
    report.cases.find((c) => c.classname === `hsac.2026-03.${classname}` && c.name === name)?.attributes.time;
  const suiteTime = (endpoint: string): string | undefined =>
    report.suites.find((s) => s.attributes.name === `hsac 2026-03 ${endpoint}`)?.attributes.time;

  it('a testcase: the summed exchanges its check judged, in seconds with 3 decimals; nothing judged, 0', () => {
    expect(time('batch-read', 'response-body')).toBe('0.003');
    expect(time('batch-read', 'paging-terminates')).toBe('0.003');
    expect(time('associate-default', 'transport')).toBe('0.090');
    expect(time('associate-default', 'idempotent')).toBe('0.000');
    // The auxiliary row is timed by the auxiliary calls, never by the endpoints under test.
    expect(time('auxiliary', 'rate-limit-contract')).toBe('1.234');
  });

  it('a testsuite: its exchanges, each once; the testsuites: the run duration', () => {
    expect(suiteTime('batch-read')).toBe('0.003');
    expect(suiteTime('associate-default')).toBe('0.090');
    expect(suiteTime('auxiliary')).toBe('1.234');
    expect(report.attributes.time).toBe('2.000');
  });

  it('the same RunResult writes the same file (no clock read)', () => {
    expect(renderJunit(result)).toBe(renderJunit(result));
  });
});

describe('junit.xml folds identical findings of a testcase into one entry with a count', () => {
  const other: Finding = { ...bodyLevel, instancePath: '/results/0', message: 'other' };
  const warned: Finding = { ...bodyLevel, check: 'unknown-field', severity: 'warning', message: 'unknown "x"' };
  // Each met on an exchange of its own (ids from 100): folded, they keep their numbers and exchanges.
  const repeated = (finding: Finding, times: number): Finding[] =>
    Array.from({ length: times }, (_, index) => ({ ...finding, replay: 'hsac run --seed 1', exchangeId: 100 + index }));
  const xml = renderJunit(
    sampleResult({ findings: [...repeated(bodyLevel, 60), ...repeated(other, 2), ...repeated(warned, 3)] }),
  );
  const folded = parseJunit(xml).cases.find(
    (c) => c.classname === 'hsac.2026-03.batch-read' && c.name === 'response-body',
  );

  it('the failure message counts the findings in all and the distinct ones', () => {
    expect(folded?.failure?.attributes.message).toBe(
      '62 error(s), 2 distinct; first: status-enum at (body): st (finding 1, exchange 100)',
    );
  });

  it('each distinct finding once, with (×N), its first numbers and exchanges, and its replay line once', () => {
    const text = folded?.failure?.text ?? '';
    expect(text.split('\n').filter((line) => line.startsWith('[error]'))).toEqual([
      '[error] status-enum at (body): st (×60; findings 1 (exchange 100), 2 (exchange 101), 3 (exchange 102), …)',
      '[error] status-enum at /results/0: other (×2; findings 61 (exchange 100), 62 (exchange 101))',
    ]);
    expect(text.split('Reproduce with: hsac run --seed 1')).toHaveLength(3);
  });

  it('warnings in system-out fold the same way; a finding seen once has no count', () => {
    expect(folded?.systemOut).toContain(
      '[warning] unknown-field at (body): unknown "x" ' +
        '(×3; findings 63 (exchange 100), 64 (exchange 101), 65 (exchange 102))',
    );
    expect(folded?.systemOut?.match(/unknown "x"/g)).toHaveLength(1);
    const once = parseJunit(renderJunit(sampleResult())).cases.find((c) => c.name === 'response-body');
    expect(once?.failure?.text).not.toContain('(×');
    expect(once?.failure?.text).toContain('[error] status-enum at /status: status "CANCELLED" is not one of');
    // Seen once: no count, its number and exchange right after the message.
    expect(once?.failure?.text).toContain('CANCELED, COMPLETE, PENDING, PROCESSING (finding 1, exchange 1)\n');
  });
});
