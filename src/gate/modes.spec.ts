import { describe, expect, it } from 'vitest';
import type { Finding } from '../registry/finding.js';
import type { RunResult } from '../runner/result.js';
import type { GateCell, GateOutcome } from './cells.js';
import { compareModes, comparisonLines } from './modes.js';

/** Where the in-process gate and the gate over HTTP differ, from planted outcomes. */

type Judged = Readonly<Record<string, number>>;

function cell(judged: Judged): GateCell {
  return {
    endpoint: 'batch-read',
    apiVersion: 'v4',
    outcome: 'compatible',
    checks: Object.entries(judged).map(([check, evaluated]) => ({
      check,
      outcome: evaluated > 0 ? 'pass' : 'not-exercised',
      evaluated,
      errors: 0,
      warnings: 0,
    })),
  };
}

function finding(check: string, instancePath: string, severity: Finding['severity'] = 'error'): Finding {
  return { check, severity, endpoint: 'batch-read', apiVersion: 'v4', instancePath, message: 'm' } as Finding;
}

function outcome(judged: Judged, findings: Finding[]): GateOutcome {
  return { result: { findings } as unknown as RunResult, cells: [cell(judged)] };
}

const none = { disagreements: [], inProcessOnly: [], oneModeOnly: [] };

describe('compareModes', () => {
  it('agrees where both judged and found the same, places compared with indices generalised', () => {
    const inProcess = outcome({ 'sdk-field-lost': 40 }, [finding('sdk-field-lost', '/results/0/to/3/x', 'warning')]);
    const overHttp = outcome({ 'sdk-field-lost': 2 }, [finding('sdk-field-lost', '/results/1/to/0/x', 'warning')]);
    expect(compareModes(inProcess, overHttp)).toEqual({ agreed: 1, ...none });
  });

  it('calls it a disagreement only when over HTTP found what in-process did not, a severity included', () => {
    const inProcess = outcome({ 'sdk-field-lost': 4, 'sdk-decode-throws': 4 }, [finding('sdk-field-lost', '/a')]);
    const overHttp = outcome({ 'sdk-field-lost': 1, 'sdk-decode-throws': 1 }, [
      finding('sdk-field-lost', '/a', 'warning'),
      finding('sdk-decode-throws', ''),
    ]);
    const comparison = compareModes(inProcess, overHttp);
    expect(comparison.agreed).toBe(0);
    // In the registry's order: the decode check before the field check.
    expect(comparison.disagreements.map((d) => [d.check, d.inProcess, d.overHttp])).toEqual([
      ['sdk-decode-throws', [], ['error (body)']],
      ['sdk-field-lost', ['error /a'], ['warning /a']],
    ]);
    expect(comparisonLines(comparison)).toContain(
      '  DISAGREE sdk-field-lost batch-read v4: in-process [error /a], over HTTP [warning /a]',
    );
  });

  it('says what in-process found beyond the provider answers, as that and not as a disagreement', () => {
    const inProcess = outcome({ 'sdk-field-corrupted': 9 }, [finding('sdk-field-corrupted', '/errors/0/category')]);
    const overHttp = outcome({ 'sdk-field-corrupted': 2 }, []);
    const comparison = compareModes(inProcess, overHttp);
    expect(comparison).toMatchObject({ agreed: 0, disagreements: [], oneModeOnly: [] });
    expect(comparison.inProcessOnly).toEqual([
      {
        endpoint: 'batch-read',
        apiVersion: 'v4',
        check: 'sdk-field-corrupted',
        inProcess: ['error /errors/*/category'],
        overHttp: [],
      },
    ]);
  });

  it('never counts a check one mode alone judged as agreement, says what it found and why the other could not', () => {
    const inProcess = outcome({ 'sdk-status-tolerance': 3, 'sdk-request-path': 3, required: 5 }, [
      finding('sdk-status-tolerance', ''),
    ]);
    const answered = outcome({ 'sdk-status-tolerance': 0, 'sdk-request-path': 2, required: 5 }, [
      finding('required', '/completedAt'),
    ]);
    const comparison = compareModes(inProcess, answered);
    expect(comparison).toEqual({
      agreed: 1,
      disagreements: [],
      inProcessOnly: [],
      oneModeOnly: [
        {
          endpoint: 'batch-read',
          apiVersion: 'v4',
          check: 'sdk-status-tolerance',
          judgedBy: 'in-process',
          found: ['error (body)'],
          why: 'no-answer',
        },
      ],
    });
    expect(comparisonLines(comparison).at(-1)).toBe(
      '  only in-process: sdk-status-tolerance batch-read v4: found [error (body)] (no answer over HTTP met was one it judges)',
    );
    const unreached = compareModes(inProcess, outcome({}, []));
    expect(unreached.oneModeOnly.map((o) => `${o.check} ${o.why}`)).toEqual([
      'sdk-request-path not-reached',
      'sdk-status-tolerance not-reached',
    ]);
  });

  it('leaves out the checks of the SDK shape: they judge no answer', () => {
    const shape = { 'sdk-endpoint-missing': 1, 'sdk-enum-values': 1 };
    expect(compareModes(outcome(shape, [finding('sdk-enum-values', '/x', 'warning')]), outcome(shape, []))).toEqual({
      agreed: 0,
      ...none,
    });
  });
});
