import { describe, expect, it } from 'vitest';
import { sampleResult } from './sample.js';
import { mdCell } from './escape.js';
import { renderMarkdown } from './summary-md.js';

describe('summary.md', () => {
  it('has the verdict, one row per endpoint, the top findings and the replay command', () => {
    const md = renderMarkdown(sampleResult());
    expect(md.split('\n')[0]).toBe('## ❌ hsac: FAIL (1 error finding(s))');
    // Columns: exchanges, errors, warnings, then checks failed, warned, passed, not exercised, off.
    expect(md).toContain('| `batch-read` | 1 | 1 | 1 | 1 | 0 | 1 | 2 | 0 |');
    expect(md).toContain('| `associate-default` | 1 | 0 | 0 | 0 | 1 | 0 | 2 | 1 |');
    expect(md).toContain('| error | `status-enum` | `batch-read` | `/status` |');
    // Each with its number in report.json and the exchange it judged.
    expect(md).toContain('| severity | check | endpoint | pointer | message | seen | finding, exchange |');
    expect(md).toMatch(/\| error \| `status-enum` \|.*\| 1 \| finding 1, exchange 1 \|\n/);
    expect(md).toMatch(/\| warning \| `unknown-field` \|.*\| 1 \| finding 2, exchange 1 \|\n/);
    expect(md).toContain(
      '```sh\nhsac run --seed 1 --config hsac.config.json --require-exercised paging-terminates\n```',
    );
  });

  it("the check table shows evaluated and exercised, and each endpoint's outcome with its word", () => {
    const md = renderMarkdown(sampleResult());
    expect(md).toContain('| check | evaluated | exercised | errors | warnings | outcome per endpoint |');
    // Evaluated twice, exercised never: the case issue 11 is about.
    expect(md).toContain(
      '| `rate-limit-contract` | 2 | 0 | 0 | 0 | ⚪ `batch-read` not exercised<br>⚪ `associate-default` not exercised |',
    );
    expect(md).toContain(
      '| `response-body` | 2 | 1 | 1 | 1 | ❌ `batch-read` fail<br>⚪ `associate-default` not exercised |',
    );
    expect(md).toContain('| `idempotent` | 0 | 0 | 0 | 0 | ⏸️ `associate-default` off |');
  });

  it('lists the checks not exercised (endpoints, where else exercised, required, why) and those switched off', () => {
    const md = renderMarkdown(sampleResult());
    expect(md).toContain(
      '⚪ **2** check(s) exercised on no endpoint, 1 more not on every endpoint (see "Not exercised") · ⏸️ **1** switched off (see "Switched off")',
    );
    const section = md.slice(md.indexOf('### Not exercised'), md.indexOf('### Checks'));
    expect(section).toContain(
      '- ⚪ `rate-limit-contract` on `batch-read`, `associate-default` (exercised on no endpoint): no answer was a 429',
    );
    expect(section).toContain(
      '- ⚪ `paging-terminates` on `batch-read` (exercised on no endpoint) **required by --require-exercised**: no read of a record came back with a next page',
    );
    expect(section).toContain(
      '- ⚪ `response-body` on `associate-default` (exercised on `batch-read`): no answer below 500 carried a complete body to validate',
    );
    expect(section).toContain('### Switched off');
    expect(section).toContain(
      '- ⏸️ `idempotent` on `associate-default`: switched off by the config (run.checks: "idempotent": "off" in hsac.config.json)',
    );
    // A body-level id the config switched off has no row of its own; it is listed all the same.
    const bodyLevel = renderMarkdown(sampleResult({ run: { checksOff: ['idempotent', 'unknown-field'] } }));
    expect(bodyLevel).toContain('- ⏸️ `unknown-field`: switched off by the config');
  });

  it('lists checks exercised on no endpoint before those missed on some, whatever the row order', () => {
    const rows = sampleResult().checks;
    const partialFirst = [
      ...rows.filter((c) => c.check === 'response-body'),
      ...rows.filter((c) => c.check !== 'response-body'),
    ];
    const md = renderMarkdown(sampleResult({ checks: partialFirst }));
    const order = ['`rate-limit-contract` on', '`paging-terminates` on', '`response-body` on `associate-default`'].map(
      (text) => md.indexOf(`- ⚪ ${text}`),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('says what coverage cost: requests per purpose in run order, with the total', () => {
    const md = renderMarkdown(
      sampleResult({ summary: { requests: { cleanup: 4, sequences: 40, 'wide-record': 12, safety: 1, probes: 3 } } }),
    );
    const section = md.slice(md.indexOf('### What coverage cost'), md.indexOf('<details>'));
    expect(section).toBe(
      [
        '### What coverage cost',
        '',
        '| purpose | requests |',
        '|---|---:|',
        '| `safety` | 1 |',
        '| `probes` | 3 |',
        '| `wide-record` | 12 |',
        '| `sequences` | 40 |',
        '| `cleanup` | 4 |',
        '| **total** | **60** |',
        '',
        '',
      ].join('\n'),
    );
  });

  it('with every check exercised there is no "Not exercised" section', () => {
    const checks = sampleResult().checks.filter((c) => c.outcome !== 'not-exercised' && c.outcome !== 'off');
    const md = renderMarkdown(sampleResult({ checks, run: { checksOff: [] }, summary: { notExercised: [] } }));
    expect(md).not.toContain('Not exercised');
    expect(md).not.toContain('Switched off');
    expect(md).not.toContain('⚪');
  });

  it('a message from the target cannot break the table or inject markup', () => {
    expect(mdCell('a | b\n<img src=x onerror=alert(1)> [link](http://x)')).toBe(
      'a \\| b &lt;img src=x onerror=alert(1)&gt; \\[link\\](http://x)',
    );
    const md = renderMarkdown(
      sampleResult({
        findings: [
          {
            check: 'required',
            severity: 'error',
            instancePath: '/a|b',
            message: 'x\n| y | <script>',
            endpoint: 'batch-read',
          },
        ],
      }),
    );
    const row = md.split('\n').find((line) => line.startsWith('| error'));
    // Eight cell borders, whatever the message held.
    expect(row?.replace(/\\\|/g, '').split('|')).toHaveLength(9);
    expect(md).not.toContain('<script>');
  });

  it('says so when there is nothing to report', () => {
    const md = renderMarkdown(sampleResult({ findings: [], summary: { verdict: 'pass', errors: 0, warnings: 0 } }));
    expect(md).toContain('## ✅ hsac: PASS');
    expect(md).toContain('No findings.');
  });
});
