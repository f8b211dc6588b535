import { describe, expect, it } from 'vitest';
import type { Finding } from '../registry/finding.js';
import type { RunResult } from '../runner/result.js';
import type { GateCell, GateOutcome } from './cells.js';
import { compareModes, comparisonLines } from './modes.js';

/** Where the in-process gate and the gate over HTTP disagree, from planted outcomes. */

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

describe('compareModes', () => {
  it('agrees where both judged and found the same, places compared with indices generalised', () => {
    const inProcess = outcome({ 'sdk-field-lost': 40 }, [finding('sdk-field-lost', '/results/0/to/3/x', 'warning')]);
    const overHttp = outcome({ 'sdk-field-lost': 2 }, [finding('sdk-field-lost', '/results/1/to/0/x', 'warning')]);
    expect(compareModes(inProcess, overHttp)).toEqual({ agreed: 1, disagreements: [], oneModeOnly: [] });
  });

  it('names a disagreement with what each mode found, a severity difference included', () => {
    const inProcess = outcome({ 'sdk-field-lost': 4, 'sdk-decode-throws': 4 }, [finding('sdk-field-lost', '/a')]);
    const overHttp = outcome({ 'sdk-field-lost': 1, 'sdk-decode-throws': 1 }, [
      finding('sdk-field-lost', '/a', 'warning'),
      finding('sdk-decode-throws', ''),
    ]);
    const comparison = compareModes(inProcess, overHttp);
    expect(comparison.agreed).toBe(0);
    expect(comparison.disagreements).toEqual([
      {
        endpoint: 'batch-read',
        apiVersion: 'v4',
        check: 'sdk-field-lost',
        inProcess: ['error /a'],
        overHttp: ['warning /a'],
      },
      {
        endpoint: 'batch-read',
        apiVersion: 'v4',
        check: 'sdk-decode-throws',
        inProcess: [],
        overHttp: ['error (body)'],
      },
    ]);
    expect(comparisonLines(comparison)[1]).toBe(
      '  DISAGREE sdk-field-lost batch-read v4: in-process [error /a], over HTTP [warning /a]',
    );
  });

  it('never counts a check only one mode judged as agreement, and leaves out run checks and unjudged pairs', () => {
    const inProcess = outcome({ 'sdk-status-tolerance': 3, 'sdk-request-path': 0, required: 5 }, [
      finding('sdk-status-tolerance', ''),
    ]);
    const overHttp = outcome({ 'sdk-status-tolerance': 0, 'sdk-request-path': 0, required: 5 }, [
      finding('required', '/completedAt'),
    ]);
    const comparison = compareModes(inProcess, overHttp);
    expect(comparison).toEqual({
      agreed: 0,
      disagreements: [],
      oneModeOnly: [
        { endpoint: 'batch-read', apiVersion: 'v4', check: 'sdk-status-tolerance', judgedBy: 'in-process' },
      ],
    });
    expect(comparisonLines(comparison)).toEqual([
      'in-process vs over HTTP: 0 check x cell pair(s) agree, 0 disagree, 1 judged by one mode only',
      "  only in-process: sdk-status-tolerance batch-read v4 (none of the provider's answers was one it judges)",
    ]);
  });
});
