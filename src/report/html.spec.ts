import { describe, expect, it } from 'vitest';
import { htmlText } from './escape.js';
import { renderHtml, REPORT_CSP } from './html.js';
import { sampleResult } from './sample.js';

const HOSTILE = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';

describe('report.html', () => {
  const html = renderHtml(sampleResult());

  it('has the verdict banner, the matrix (one cell per endpoint x check) and both charts', () => {
    expect(html).toMatch(/<header class="banner verdict-fail" id="verdict"><h1>hsac: FAIL<\/h1>/);
    expect(html.match(/<td class="cell outcome-/g)).toHaveLength(4);
    expect(html).toContain('<svg id="latency-chart"');
    expect(html).toContain('<svg id="status-chart"');
    // 207 and "no answer" in the status chart; the 3 ms and 90 ms exchanges in the latency chart.
    expect(html).toContain('data-label="207" data-value="1"');
    expect(html).toContain('data-label="no answer" data-value="1"');
    expect(html).toContain('data-label="&lt;5ms" data-value="1"');
    expect(html).toContain('data-label="&lt;100ms" data-value="1"');
  });

  it('shows findings with their JSON pointer, an example exchange matched by pointer, and the replay command', () => {
    expect(html).toContain('<code class="pointer">/status</code>');
    expect(html).toContain('Reproduce with:</p><pre class="replay">hsac run --seed 1</pre>');
    // The status-enum finding reports "CANCELLED" at /status: the one exchange holding that value there.
    expect(html).toMatch(/<code class="pointer">\/status<\/code>.*<summary>example: <a href="#x-0">exchange #1<\/a> \(POST → 207\)<\/summary><p class="muted">request<\/p><pre class="request">POST http:\/\/127\.0\.0\.1:4000\/crm/s);
    // The unknown-field warning carries no actual value: nothing to match, so no example.
    expect(html.match(/example: /g)).toHaveLength(1);
    // A field reported absent matches any body without it (a 401 has no completedAt): no example, a link to the endpoint's exchanges.
    const absent = renderHtml(sampleResult({ findings: [{ check: 'required', severity: 'error', instancePath: '/completedAt', message: 'missing', endpoint: 'batch-read', expected: 'present', actual: 'absent' }] }));
    expect(absent).not.toContain('example: ');
    expect(absent).toContain('Exchanges of this endpoint: <a href="#exchanges-batch-read">batch-read</a>');
    expect(absent).toContain('<span id="exchanges-batch-read"></span>');
  });

  it('is self-contained: a CSP that forbids remote loads, no script, no external asset', () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    expect(REPORT_CSP).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed|@import|url\(|\ssrc=|href="(?!#)/i);
  });

  it('escapes everything that came from the target: bodies, headers, messages, names', () => {
    const base = sampleResult();
    const [exchange] = base.exchanges;
    const hostile = sampleResult({
      run: { target: HOSTILE, replay: `hsac run ${HOSTILE}` },
      findings: [{ check: HOSTILE, severity: 'error', instancePath: `/${HOSTILE}`, message: HOSTILE, endpoint: 'batch-read', expected: HOSTILE, actual: HOSTILE, replay: HOSTILE }],
      exchanges: [{ ...exchange!, request: { ...exchange!.request, url: `http://x/${HOSTILE}`, body: HOSTILE }, response: { status: 400, headers: { [HOSTILE]: HOSTILE }, body: HOSTILE, bytes: 1 } }],
      checks: [{ endpoint: HOSTILE, check: HOSTILE, description: HOSTILE, outcome: 'fail', evaluated: 1, errors: 1, warnings: 0 }],
    });
    const page = renderHtml(hostile);
    expect(page).not.toMatch(/<script|<img/i);
    expect(page).toContain(htmlText(HOSTILE));
  });

  it('htmlText escapes markup and quotes and replaces characters HTML cannot carry', () => {
    expect(htmlText(`<a href='x'>"&"</a>\u0000`)).toBe('&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;\uFFFD');
  });
});
