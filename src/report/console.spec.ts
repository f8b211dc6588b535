import { describe, expect, it } from 'vitest';
import type { Finding } from '../registry/finding.js';
import { renderConsoleSummary } from './console.js';
import { sampleResult } from './sample.js';

describe('the console summary of hsac run', () => {
  it('says the verdict, one line per endpoint, what failed, was not exercised or off, the cost and the replay', () => {
    const lines = renderConsoleSummary(sampleResult(), ['r/report.json']).split('\n');
    expect(lines[0]).toBe('hsac run: FAIL (1 error finding(s))');
    expect(lines).toContain('  batch-read                      1 exchanges  1 errors  1 warnings');
    expect(lines).toContain('  associate-default               1 exchanges  0 errors  0 warnings');
    expect(lines).toContain('  FAIL batch-read response-body (1 error)');
    expect(lines.some((line) => line.startsWith('  NOT EXERCISED paging-terminates: no read of a record'))).toBe(true);
    expect(lines).toContain('  OFF idempotent (switched off by the config)');
    expect(lines).toContain('  requests: sequences 2');
    expect(lines.slice(-3)).toEqual([
      '  reports: r/report.json',
      '  Reproduce with: hsac run --seed 1 --config hsac.config.json --require-exercised paging-terminates',
      '',
    ]);
  });

  it('lists distinct errors by place, most frequent first, however each is worded', () => {
    const error = (instancePath: string, message: string): Finding => ({
      check: 'required',
      severity: 'error',
      endpoint: 'batch-read',
      instancePath,
      message,
    });
    const findings = [error('/a', 'first'), error('/b', 'once'), error('/a', 'reworded'), error('/a', 'again')];
    const errors = renderConsoleSummary(sampleResult({ findings }), [])
      .split('\n')
      .filter((line) => line.startsWith('  error '));
    // With the first finding's number (report.json's, what `hsac replay --finding N` takes).
    expect(errors).toEqual([
      '  error required batch-read /a: first (x3, first finding 1)',
      '  error required batch-read /b: once (finding 2)',
    ]);
  });

  it("shows a provider's control bytes as escapes: a quoted body cannot clear the screen or retitle the window", () => {
    const hostile = 'not JSON: \u001b[2J\u001b]0;PWNED\u0007\u0000\u009b\r';
    const findings = [
      {
        check: 'body-not-json' as const,
        severity: 'error' as const,
        endpoint: 'batch-read',
        instancePath: '/\u001b',
        message: hostile,
      },
    ];
    const text = renderConsoleSummary(sampleResult({ findings }), []);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain('not JSON: \\x1b[2J\\x1b]0;PWNED\\x07\\x00\\x9b\\r');
    expect(text).toContain('batch-read /\\x1b:');
  });
});
