import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULTS, type FaultKind } from '../../provider/index.js';
import { main } from '../../src/cli.js';
import { BODY_LEVEL_KINDS, checkIdsOf, type CheckId } from '../../src/registry/index.js';
import type { RunResult } from '../../src/runner/result.js';

/**
 * The self-test's shared harness: `hsac run` in-process (the CLI's own code path) with its report
 * read back, and the planted-fault proof. The proof is split by fault kind over several files so
 * vitest runs them on every core (each run is CPU work on its worker's one thread).
 */

/** The seed of every self-test run. */
export const SEED = '7';
// The coverage sequence exercises every check whatever the seed; two random sequences add variety.
const RUNS = '2';

/** What one run printed, returned and wrote. */
export interface Ran {
  readonly code: number;
  readonly result: RunResult;
  readonly out: string;
  readonly reportDir: string;
}

/** A temporary directory for this file's reports (made before its tests, removed after). */
export function useReportDir(prefix: string): () => string {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), `hsac-${prefix}-`));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}

/**
 * The per-request timeout of self-test runs: hsac's own default (30 s), because many runs share one
 * worker's event loop with their sandboxes and a healthy answer must never time out (a timeout makes a
 * run inconclusive): 10 s timed out on a machine whose two cores were taken by other work. A later
 * `--timeout-ms` in `args` wins (the slow-response fault uses a short one).
 */
const TIMEOUT_MS = '30000';

/**
 * Faults that need a short timeout to be seen in reasonable time: the sandbox holds each answer
 * for the timeout plus a second, and a run retries it.
 */
const SHORT_TIMEOUT: Readonly<Record<string, string>> = { 'slow-response': '400' };

/** The embedded sandbox's page size in the fault matrix (see `describeFaultsOfKind`). */
const FAULT_PAGE_SIZE = '50';

let counter = 0;
/** Runs `hsac run` with the self-test's seed, in a fresh report directory under `dir`. */
export async function hsacRun(dir: string, args: readonly string[]): Promise<Ran> {
  const reportDir = join(dir, `run-${++counter}`);
  let out = '';
  const code = await main(
    ['run', '--seed', SEED, '--runs', RUNS, '--timeout-ms', TIMEOUT_MS, '--report-dir', reportDir, ...args],
    {
      out: (text) => void (out += text),
      err: () => undefined,
      stdin: () => Buffer.alloc(0),
    },
  );
  const result = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunResult;
  return { code, result, out, reportDir };
}

/**
 * Faults whose check is a warning by design: DESIGN.md "Status-code families" makes an exact code
 * that differs within the right family a warning, and objects are open in both profiles.
 */
export const WARNING_BY_DESIGN: Readonly<Record<string, string>> = {
  'status-200-for-201':
    'a 200 where 201 is declared is the right family: a status-code warning, never an error (FACTS.md §8)',
  'status-201-for-200':
    'a 201 where 200 is declared is the right family: a status-code warning, never an error (FACTS.md §8)',
  'unknown-envelope-field':
    'objects are open in the spec as published: an undocumented field is an unknown-field warning under both profiles unless the config makes it an error (issue 11 §7; proven in faults-exchange.test.ts)',
};

/** Ids the `response-body` check reports findings under (for messages). */
const bodyLevel: ReadonlySet<string> = new Set(checkIdsOf(...BODY_LEVEL_KINDS));

/**
 * The faults of one kind, those whose proof waits first: a fault caught by the rate-limit contract answers 429s, and
 * its run waits them out (seconds of idle time, against a fraction of a second of CPU). Started first, those waits
 * overlap the other runs' work instead of trailing after it.
 */
function faultsOfKindWaitsFirst(kind: FaultKind): { name: string; triggers: readonly CheckId[] }[] {
  const waits = (fault: { triggers: readonly CheckId[] }): boolean => fault.triggers.includes('rate-limit-contract');
  const ofKind = FAULTS.filter((fault) => fault.kind === kind);
  return [...ofKind.filter(waits), ...ofKind.filter((fault) => !waits(fault))].map((fault) => ({
    name: fault.name,
    triggers: fault.triggers,
  }));
}

/** Every planted fault of one kind is caught by the checks it names, under the strict profile. */
export function describeFaultsOfKind(kind: FaultKind, dir: () => string): void {
  describe(`every planted ${kind} fault is caught by the check it names (strict profile)`, { concurrent: true }, () => {
    it.each(faultsOfKindWaitsFirst(kind))('$name -> $triggers', async ({ name, triggers }) => {
      // The coverage sequence, the wide record and the invalid requests exercise every check
      // whatever the seed, so no random sequence is needed here.
      const timeout = SHORT_TIMEOUT[name];
      // Pages of 50 here: the wide record still has to reach paging by what hsac sends (100
      // associations instead of 1001), at a tenth of the CPU per run over 60 fault runs. The
      // HubSpot-like 500 is proven in clean.test.ts: clean passes at 5, 50, 200 and 500, and the
      // paging faults caught at 500.
      const { code, result } = await hsacRun(dir(), [
        '--profile',
        'strict',
        '--fault',
        name,
        '--runs',
        '0',
        '--sandbox-page-size',
        FAULT_PAGE_SIZE,
        ...(timeout ? ['--timeout-ms', timeout] : []),
      ]);
      const seen = new Set(result.findings.map((finding) => finding.check));
      if (kind === 'transport' && triggers.includes('transport')) {
        // Retried, then unchecked: the verdict is inconclusive, never a pass hiding an unchecked exchange.
        expect(code, result.summary.reason).toBe(3);
        expect(result.summary.verdict).toBe('inconclusive');
        expect(result.summary.unchecked).toBeGreaterThan(0);
        expect(seen).toContain('transport');
        return;
      }
      if (Object.hasOwn(WARNING_BY_DESIGN, name)) {
        expect(code).toBe(0);
        expect(result.findings).toContainEqual(expect.objectContaining({ check: triggers[0], severity: 'warning' }));
        return;
      }
      expect(code, `${name}: ${result.summary.reason ?? ''}`).toBe(1);
      for (const check of triggers) {
        const errors = result.findings.filter((finding) => finding.check === check && finding.severity === 'error');
        expect(
          errors.length,
          `${name} caught by ${check}${bodyLevel.has(check) ? ' (body level)' : ''}`,
        ).toBeGreaterThan(0);
        for (const finding of errors) expect(finding.replay).toContain(`--fault ${name}`);
      }
    });
  });
}
