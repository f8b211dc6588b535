import { describe, expect, it } from 'vitest';
import { sampleResult } from './sample.js';
import { mdCell, renderMarkdown } from './summary-md.js';

describe('summary.md', () => {
  it('has the verdict, one row per endpoint, the top findings and the replay command', () => {
    const md = renderMarkdown(sampleResult());
    expect(md.split('\n')[0]).toBe('## ❌ hsac: FAIL (1 error finding(s))');
    expect(md).toContain('| `batch-read` | 1 | 1 | 1 | 1 | 0 | 1 | 0 |');
    expect(md).toContain('| `associate-default` | 1 | 0 | 0 | 0 | 1 | 0 | 1 |');
    expect(md).toContain('| error | `status-enum` | `batch-read` | `/status` |');
    expect(md).toContain('```sh\nhsac run --seed 1\n```');
  });

  it('a message from the target cannot break the table or inject markup', () => {
    expect(mdCell('a | b\n<img src=x onerror=alert(1)> [link](http://x)')).toBe('a \\| b &lt;img src=x onerror=alert(1)&gt; \\[link\\](http://x)');
    const md = renderMarkdown(sampleResult({ findings: [{ check: 'required', severity: 'error', instancePath: '/a|b', message: 'x\n| y | <script>', endpoint: 'batch-read' }] }));
    const row = md.split('\n').find((line) => line.startsWith('| error'));
    // Seven cell borders, whatever the message held.
    expect(row?.replace(/\\\|/g, '').split('|')).toHaveLength(8);
    expect(md).not.toContain('<script>');
  });

  it('says so when there is nothing to report', () => {
    const md = renderMarkdown(sampleResult({ findings: [], summary: { verdict: 'pass', errors: 0, warnings: 0 } }));
    expect(md).toContain('## ✅ hsac: PASS');
    expect(md).toContain('No findings.');
  });
});
