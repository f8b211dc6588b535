import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFaultsOfKind, hsacRun, useReportDir } from './harness.js';

// Planted faults in batch semantics, sequences, rate limits and requests: each caught by the check it names.
const dir = useReportDir('faults-exchange');
describeFaultsOfKind('exchange', dir);

// Concurrent like the fault matrix above, so this run joins it instead of running after it, alone.
describe('an unknown field is an error only where the config says so', { concurrent: true }, () => {
  it('unknown-envelope-field with run.checks["unknown-field"] = "error" fails a strict run (exit 1)', async () => {
    const config = join(dir(), 'closed-objects.json');
    writeFileSync(config, JSON.stringify({ run: { checks: { 'unknown-field': 'error' } } }));
    const { code, result } = await hsacRun(dir(), [
      '--profile',
      'strict',
      '--fault',
      'unknown-envelope-field',
      '--runs',
      '0',
      '--config',
      config,
    ]);
    expect(code).toBe(1);
    expect(result.findings.filter((f) => f.check === 'unknown-field' && f.severity === 'error').length).toBeGreaterThan(
      0,
    );
  });
});
