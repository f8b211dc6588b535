import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { mergeResults, reportProblems, REPORT_SCHEMA_PATH } from '../../src/report/index.js';
import type { RunResult } from '../../src/runner/result.js';
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
  const tokens = pointer.slice(1).split('/');
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
    const schema = JSON.parse(readFileSync(join(packageRoot(), REPORT_SCHEMA_PATH), 'utf8')) as { $schema: string; $id: string };
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
    expect(transport.exchanges.some((e) => e.failure !== undefined && e.attempts.some((a) => a.retry !== undefined))).toBe(true);
    expect(reportProblems(faulty)).toEqual([]);
    expect(reportProblems(transport)).toEqual([]);
  });

  it('a merged report conforms (run.shards)', () => {
    const faulty = reports.faulty!;
    const shard = (index: number): RunResult => ({ ...faulty, run: { ...faulty.run, id: `${faulty.run.id}-${index}`, shard: { index, count: 2 } } });
    const merged = mergeResults([shard(1), shard(2)]);
    expect(merged.run.shards).toHaveLength(2);
    expect(reportProblems(merged)).toEqual([]);
  });

  it.each([
    ['a verdict outside the contract', '/summary/verdict', 'passed', '/summary/verdict: must be one of "pass", "fail", "inconclusive"'],
    ['a finding without a message', '/findings/0/message', REMOVE, "/findings/0: must have required property 'message'"],
    ['a severity that is not error or warning', '/findings/0/severity', 'fatal', '/findings/0/severity: must be one of "error", "warning"'],
    ['an instancePath that is not a JSON pointer', '/findings/0/instancePath', 'completedAt', '/findings/0/instancePath: must match pattern'],
    ['a field the model does not have', '/summary/passed', 3, '/summary: unknown property "passed"'],
    ['a negative count', '/summary/exchanges', -1, '/summary/exchanges: must be >= 0'],
    ['a start time that is not a date-time', '/run/startedAt', 'yesterday', '/run/startedAt: must match format "date-time"'],
    ['no exchanges array', '/exchanges', REMOVE, "(root): must have required property 'exchanges'"],
  ] as const)('a broken report fails it: %s', (_name, pointer, value, problem) => {
    const broken = edited(reports.faulty!, pointer, value);
    expect(reportProblems(broken).join('\n')).toContain(problem);
  });
});
