import { describe, expect, it } from 'vitest';
import type { Finding } from '../registry/finding.js';
import type { RunResult } from '../runner/result.js';
import type { CellOutcome, GateCell } from './cells.js';
import { buildMatrix, compareVersions, matrixColumns, orderByRelease, type MatrixEntry } from './matrix.js';

/** A finding of the gate as the collector reports it: one per check x endpoint x version x place. */
function finding(check: Finding['check'], instancePath = '', severity: Finding['severity'] = 'error'): Finding {
  return { check, severity, endpoint: 'batch-read', apiVersion: 'v4', instancePath, message: `${check} seen` };
}

const FIELD_LOST = finding('sdk-field-lost', '/results/0/to/0/toObjectId', 'warning');
const STATUS = finding('sdk-status-tolerance');
const CORRUPTED = finding('sdk-field-corrupted', '/results/3/to/1/toObjectId');

function cell(endpoint: GateCell['endpoint'], apiVersion: GateCell['apiVersion'], outcome: CellOutcome): GateCell {
  return { endpoint, apiVersion, outcome, checks: [] };
}

/** One SDK release as the gate left it: its findings (the verdict follows from them) and its cells. */
function gated(
  name: string,
  version: string,
  findings: readonly Finding[],
  cells: readonly GateCell[] = [],
  seed = 7,
): MatrixEntry {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const result: RunResult = {
    tool: { name: 'hsac', version: '0.1.0' },
    run: {
      id: `gate-${version}`,
      seed,
      apiVersion: 'v4',
      endpoints: ['batch-read'],
      runs: 3,
      profile: 'strict',
      target: `${name} ${version}`,
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:01.000Z',
      durationMs: 1000,
      replay: `hsac gate sdk --sdk ${name}@${version}`,
    },
    summary: {
      verdict: errors > 0 ? 'fail' : 'pass',
      exchanges: 0,
      unchecked: 0,
      errors,
      warnings: findings.length - errors,
      sequences: 0,
      seed,
      notExercised: [],
      requests: {},
    },
    findings,
    checks: [],
    exchanges: [],
  };
  return { spec: `${name}@${version}`, sdk: { name, version }, outcome: { result, cells }, reportDir: version };
}

describe('compareVersions', () => {
  it('orders by semver precedence: numbers as numbers, pre-releases before their release', () => {
    const versions = ['10.0.0', '9.10.0', '9.2.1', '10.0.0-beta.11', '10.0.0-beta.2', '10.0.0-alpha', '9.2.1+build.5'];
    expect([...versions].sort(compareVersions)).toEqual([
      '9.2.1',
      '9.2.1+build.5',
      '9.10.0',
      '10.0.0-alpha',
      '10.0.0-beta.2',
      '10.0.0-beta.11',
      '10.0.0',
    ]);
  });

  it('puts a version that is not semver after those that are', () => {
    expect(['latest', '1.0.0', 'next'].sort(compareVersions)).toEqual(['1.0.0', 'latest', 'next']);
  });
});

describe('orderByRelease', () => {
  it('sorts the releases of one package (9.x before 10.x), each package where it was first given', () => {
    const entries = [
      gated('@hubspot/api-client', '13.5.0', []),
      gated('other-client', '2.0.0', []),
      gated('@hubspot/api-client', '9.1.0', []),
      gated('@hubspot/api-client', '10.0.0', []),
      gated('other-client', '1.0.0', []),
    ];
    expect(orderByRelease(entries).map((e) => `${e.sdk.name} ${e.sdk.version}`)).toEqual([
      '@hubspot/api-client 9.1.0',
      '@hubspot/api-client 10.0.0',
      '@hubspot/api-client 13.5.0',
      'other-client 1.0.0',
      'other-client 2.0.0',
    ]);
  });
});

describe('buildMatrix', () => {
  const client = '@hubspot/api-client';

  it('rows in release order with verdict, counts, report dir and cells', () => {
    const cells = [cell('batch-read', 'v4', 'incompatible'), cell('batch-read', '2026-03', 'missing')];
    const matrix = buildMatrix([gated(client, '12.0.0', [STATUS, FIELD_LOST], cells), gated(client, '11.2.0', [])]);
    expect(matrix).toMatchObject({ tool: { name: 'hsac', version: '0.1.0' }, seed: 7, runs: 3, mode: 'in-process' });
    expect(matrix.sdks.map(({ cells: _, ...row }) => row)).toEqual([
      {
        spec: `${client}@11.2.0`,
        name: client,
        version: '11.2.0',
        verdict: 'compatible',
        errors: 0,
        warnings: 0,
        reportDir: '11.2.0',
      },
      {
        spec: `${client}@12.0.0`,
        name: client,
        version: '12.0.0',
        verdict: 'incompatible',
        errors: 1,
        warnings: 1,
        reportDir: '12.0.0',
      },
    ]);
    expect(matrix.sdks[1]?.cells).toEqual(cells);
    expect(matrixColumns(matrix)).toEqual([
      { endpoint: 'batch-read', apiVersion: 'v4' },
      { endpoint: 'batch-read', apiVersion: '2026-03' },
    ]);
  });

  it('says where each finding appeared and disappeared, and which are in every release', () => {
    const matrix = buildMatrix([
      gated(client, '13.5.0', [FIELD_LOST, STATUS]),
      gated(client, '11.2.0', [FIELD_LOST]),
      gated(client, '12.0.0', [FIELD_LOST, STATUS, CORRUPTED]),
      gated(client, '14.0.0', [FIELD_LOST]),
    ]);
    const at = (check: string) => matrix.changes.find((change) => change.check === check);
    expect(at('sdk-field-lost')).toMatchObject({
      appeared: null,
      disappeared: null,
      presentIn: [`${client}@11.2.0`, `${client}@12.0.0`, `${client}@13.5.0`, `${client}@14.0.0`],
    });
    expect(at('sdk-status-tolerance')).toMatchObject({
      appeared: `${client}@12.0.0`,
      disappeared: `${client}@14.0.0`,
      presentIn: [`${client}@12.0.0`, `${client}@13.5.0`],
    });
    expect(at('sdk-field-corrupted')).toMatchObject({
      severity: 'error',
      endpoint: 'batch-read',
      apiVersion: 'v4',
      instancePath: '/results/*/to/*/toObjectId',
      message: 'sdk-field-corrupted seen',
      appeared: `${client}@12.0.0`,
      disappeared: `${client}@13.5.0`,
    });
    // What changed first, in the order first met walking the rows; then what every release has.
    expect(matrix.changes.map((change) => change.check)).toEqual([
      'sdk-status-tolerance',
      'sdk-field-corrupted',
      'sdk-field-lost',
    ]);
  });

  it('a finding that comes and goes twice: its first appearance, its last disappearance, every row it is in', () => {
    const rows = ['1.0.0', '2.0.0', '3.0.0', '4.0.0', '5.0.0'];
    const present = [false, true, false, true, false];
    const matrix = buildMatrix(rows.map((version, index) => gated(client, version, present[index] ? [STATUS] : [])));
    expect(matrix.changes).toMatchObject([
      {
        appeared: `${client}@2.0.0`,
        disappeared: `${client}@5.0.0`,
        presentIn: [`${client}@2.0.0`, `${client}@4.0.0`],
      },
    ]);
    // Present in the first and last rows but not between: from the start, never gone for good.
    const returning = buildMatrix(rows.slice(0, 3).map((v, i) => gated(client, v, i === 1 ? [] : [STATUS])));
    expect(returning.changes).toMatchObject([
      { appeared: null, disappeared: null, presentIn: [`${client}@1.0.0`, `${client}@3.0.0`] },
    ]);
  });

  it('the same place under other array indices is the same finding', () => {
    const moved = { ...CORRUPTED, instancePath: '/results/0/to/0/toObjectId' };
    const matrix = buildMatrix([gated(client, '1.0.0', [CORRUPTED]), gated(client, '2.0.0', [moved])]);
    expect(matrix.changes).toHaveLength(1);
  });

  it('refuses what cannot be one matrix: nothing, a release twice, different seeds', () => {
    expect(() => buildMatrix([])).toThrow(/at least one SDK/);
    expect(() => buildMatrix([gated(client, '1.0.0', []), gated(client, '1.0.0', [])])).toThrow(
      `${client}@1.0.0 is given twice`,
    );
    expect(() => buildMatrix([gated(client, '1.0.0', []), gated(client, '2.0.0', [], [], 8)])).toThrow(/seed 8/);
  });

  it('carries the mode and the target of an HTTP gate', () => {
    const matrix = buildMatrix([gated(client, '1.0.0', [])], { mode: 'http', target: 'http://127.0.0.1:4000' });
    expect(matrix).toMatchObject({ mode: 'http', target: 'http://127.0.0.1:4000' });
  });
});

describe('buildMatrix: a release that could not judge a finding', () => {
  /** A batch-read v4 cell where sdk-status-tolerance judged `evaluated` answers (0: the release has no method). */
  const judging = (evaluated: number): GateCell => ({
    endpoint: 'batch-read',
    apiVersion: 'v4',
    outcome: evaluated > 0 ? 'incompatible' : 'missing',
    checks: [
      {
        check: 'sdk-status-tolerance',
        outcome: evaluated > 0 ? 'fail' : 'not-exercised',
        evaluated,
        errors: 0,
        warnings: 0,
      },
    ],
  });

  it('says nothing of it either way: never "first in" the release that gained the method', () => {
    const matrix = buildMatrix([
      gated('sdk', '8.0.0', [], [judging(0)]),
      gated('sdk', '9.0.0', [STATUS], [judging(2)]),
      gated('sdk', '10.0.0', [STATUS], [judging(2)]),
    ]);
    const [change] = matrix.changes;
    expect(change).toMatchObject({
      check: 'sdk-status-tolerance',
      appeared: null,
      disappeared: null,
      presentIn: ['sdk@9.0.0', 'sdk@10.0.0'],
      notJudgedIn: ['sdk@8.0.0'],
    });
  });

  it('still names a real appearance and disappearance around a release that could not judge it', () => {
    const matrix = buildMatrix([
      gated('sdk', '8.0.0', [], [judging(1)]),
      gated('sdk', '9.0.0', [], [judging(0)]),
      gated('sdk', '10.0.0', [STATUS], [judging(2)]),
      gated('sdk', '11.0.0', [], [judging(2)]),
    ]);
    expect(matrix.changes[0]).toMatchObject({
      appeared: 'sdk@10.0.0',
      disappeared: 'sdk@11.0.0',
      notJudgedIn: ['sdk@9.0.0'],
    });
  });
});
