import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointerTokens } from '../../src/json-pointer.js';
import { packageRoot } from '../../src/paths.js';
import { mergeResults, REPORT_FILES, reportProblems, REPORT_SCHEMA_PATH } from '../../src/report/index.js';
import type { RunResult } from '../../src/runner/result.js';
import { harProblems } from '../support/har.js';
import { hsac, readResult } from './harness.js';

/**
 * report.json is described by schemas/report/report.schema.json (JSON Schema 2020-12): real run
 * output passes it (a run with findings, token echoes and retried transport failures, and a merge),
 * and a broken report fails it at the pointer that is wrong.
 */

/** Marks a property to delete in {@link edited}. */
const REMOVE = Symbol('remove');

/** A deep copy of `value` with the property at a JSON pointer set (or removed), to break a report on purpose. */
function edited(value: unknown, pointer: string, replacement: unknown): unknown {
  const copy: unknown = structuredClone(value);
  const tokens = pointerTokens(pointer);
  const last = tokens.pop() ?? '';
  let parent: unknown = copy;
  for (const token of tokens) parent = (parent as Record<string, unknown>)[token];
  const target = parent as Record<string, unknown>;
  if (replacement === REMOVE) delete target[last];
  else target[last] = replacement;
  return copy;
}

let dir: string;
const reports: Record<string, RunResult> = {};
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-report-schema-'));
  const plans: Record<string, string[]> = {
    // Body findings, a status-code warning and echoed tokens (response.echoedToken).
    faulty: ['--fault', 'missing-completedAt', '--fault', 'status-200-for-201', '--fault', 'token-echo-body'],
    // Resets: exchanges with `failure`, attempts with `retry`, an inconclusive verdict with a reason.
    transport: ['--fault', 'connection-reset', '--timeout-ms', '400'],
  };
  await Promise.all(
    Object.entries(plans).map(async ([name, flags]) => {
      await hsac(['run', '--seed', '5', '--runs', '1', '--report-dir', join(dir, name), ...flags]);
      reports[name] = readResult(join(dir, name));
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('schemas/report/report.schema.json', () => {
  it('is JSON Schema 2020-12 with the package id', () => {
    const schema = JSON.parse(readFileSync(join(packageRoot(), REPORT_SCHEMA_PATH), 'utf8')) as {
      $schema: string;
      $id: string;
    };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('https://hsac.dev/schemas/report/report.schema.json');
  });

  it('real run output conforms (findings, echoes, transport failures, retries)', () => {
    const faulty = reports.faulty!;
    const transport = reports.transport!;
    // The runs really hold what the schema's optional parts describe, so this is not vacuous.
    expect(faulty.findings.some((f) => f.check === 'required' && f.severity === 'error')).toBe(true);
    expect(faulty.exchanges.some((e) => (e.response?.echoedToken?.length ?? 0) > 0)).toBe(true);
    expect(transport.summary.verdict).toBe('inconclusive');
    expect(
      transport.exchanges.some((e) => e.failure !== undefined && e.attempts.some((a) => a.retry !== undefined)),
    ).toBe(true);
    // And the coverage fields: checks exercised and not, with why; requests per purpose.
    expect(faulty.checks.some((c) => c.outcome === 'pass' && c.exercised > 0)).toBe(true);
    expect(faulty.checks.some((c) => c.outcome === 'not-exercised' && c.why !== undefined)).toBe(true);
    expect(faulty.exchanges.every((e) => e.purpose !== undefined)).toBe(true);
    expect(Object.keys(faulty.summary.requests).length).toBeGreaterThan(1);
    expect(reportProblems(faulty)).toEqual([]);
    expect(reportProblems(transport)).toEqual([]);
    // Their HARs are HAR 1.2 too (resets: status 0 with _error; retries: a comment), by the HAR JSON Schema.
    for (const name of ['faulty', 'transport'])
      expect(harProblems(JSON.parse(readFileSync(join(dir, name, REPORT_FILES.har), 'utf8'))), name).toEqual([]);
  });

  it('a merged report conforms (run.shards)', () => {
    const faulty = reports.faulty!;
    const shard = (index: number): RunResult => ({
      ...faulty,
      run: { ...faulty.run, id: `${faulty.run.id}-${index}`, shard: { index, count: 2 } },
    });
    const merged = mergeResults([shard(1), shard(2)]);
    expect(merged.run.shards).toHaveLength(2);
    expect(reportProblems(merged)).toEqual([]);
  });

  it.each([
    [
      'a verdict outside the contract',
      '/summary/verdict',
      'passed',
      '/summary/verdict: must be one of "pass", "fail", "inconclusive"',
    ],
    [
      'a finding without a message',
      '/findings/0/message',
      REMOVE,
      "/findings/0: must have required property 'message'",
    ],
    [
      'a severity that is not error or warning',
      '/findings/0/severity',
      'fatal',
      '/findings/0/severity: must be one of "error", "warning"',
    ],
    [
      'an instancePath that is not a JSON pointer',
      '/findings/0/instancePath',
      'completedAt',
      '/findings/0/instancePath: must match pattern',
    ],
    ['a field the model does not have', '/summary/passed', 3, '/summary: unknown property "passed"'],
    ['a negative count', '/summary/exchanges', -1, '/summary/exchanges: must be >= 0'],
    [
      'a start time that is not a date-time',
      '/run/startedAt',
      'yesterday',
      '/run/startedAt: must match format "date-time"',
    ],
    ['no exchanges array', '/exchanges', REMOVE, "(root): must have required property 'exchanges'"],
    [
      'a check outcome without exercised',
      '/checks/0/exercised',
      REMOVE,
      "/checks/0: must have required property 'exercised'",
    ],
    [
      'the outcome the model no longer has',
      '/checks/0/outcome',
      'skip',
      '/checks/0/outcome: must be one of "pass", "fail", "warn", "not-exercised", "off"',
    ],
    [
      'no summary.notExercised',
      '/summary/notExercised',
      REMOVE,
      "/summary: must have required property 'notExercised'",
    ],
    ['no summary.requests', '/summary/requests', REMOVE, "/summary: must have required property 'requests'"],
    ['a negative request count', '/summary/requests/sequences', -1, '/summary/requests/sequences: must be >= 0'],
    [
      'a purpose that is not a phase name',
      '/exchanges/0/purpose',
      'Wide Record!',
      '/exchanges/0/purpose: must match pattern',
    ],
    [
      'a rate-limited answer without a status',
      '/exchanges/0/attempts/0/rateLimited',
      { headers: {}, bytes: 0 },
      "/exchanges/0/attempts/0/rateLimited: must have required property 'status'",
    ],
  ] as const)('a broken report fails it: %s', (_name, pointer, value, problem) => {
    const broken = edited(reports.faulty!, pointer, value);
    expect(reportProblems(broken).join('\n')).toContain(problem);
  });

  it('a pass with nothing exercised fails it; so does a not-exercised check that exercised something or gives no why', () => {
    const faulty = reports.faulty!;
    const pass = faulty.checks.findIndex((c) => c.outcome === 'pass');
    const idle = faulty.checks.findIndex((c) => c.outcome === 'not-exercised');
    expect(pass).toBeGreaterThanOrEqual(0);
    expect(idle).toBeGreaterThanOrEqual(0);
    expect(reportProblems(edited(faulty, `/checks/${pass}/exercised`, 0)).join('\n')).toContain(
      `/checks/${pass}/exercised: must be >= 1`,
    );
    expect(reportProblems(edited(faulty, `/checks/${idle}/outcome`, 'pass')).join('\n')).toContain(
      `/checks/${idle}/exercised: must be >= 1`,
    );
    expect(reportProblems(edited(faulty, `/checks/${idle}/exercised`, 3)).join('\n')).toContain(
      `/checks/${idle}/exercised: must be equal to constant`,
    );
    expect(reportProblems(edited(faulty, `/checks/${idle}/why`, REMOVE)).join('\n')).toContain(
      `/checks/${idle}: must have required property 'why'`,
    );
  });
});
