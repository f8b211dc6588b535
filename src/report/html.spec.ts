import { describe, expect, it } from 'vitest';
import type { CheckId } from '../registry/index.js';
import { htmlText } from './escape.js';
import { renderHtml, REPORT_CSP } from './html.js';
import { sampleResult } from './sample.js';

const HOSTILE = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';

describe('report.html', () => {
  const html = renderHtml(sampleResult());

  it('has the verdict banner, the matrix (one cell per endpoint x check) and both charts', () => {
    expect(html).toMatch(/<header class="banner verdict-fail" id="verdict"><h1>hsac: FAIL<\/h1>/);
    // 5 checks x 2 endpoints: 8 rows, and 2 n/a cells where a check does not apply.
    expect(html.match(/<td class="cell outcome-/g)).toHaveLength(10);
    expect(html.match(/<td class="cell outcome-none"/g)).toHaveLength(2);
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
    expect(html).toContain(
      'Reproduce with:</p><pre class="replay">hsac run --seed 1 --config hsac.config.json --require-exercised paging-terminates</pre>',
    );
    // The status-enum finding reports "CANCELLED" at /status: the one exchange holding that value there.
    expect(html).toMatch(
      /<code class="pointer">\/status<\/code>.*<summary>example: <a href="#x-0">exchange #1<\/a> \(POST → 207\)<\/summary><p class="muted">request<\/p><pre class="request">POST http:\/\/127\.0\.0\.1:4000\/crm/s,
    );
    // The unknown-field warning carries no actual value: nothing to match, so no example.
    expect(html.match(/example: /g)).toHaveLength(1);
    // A field reported absent matches any body without it (a 401 has no completedAt): no example, a link to the
    // endpoint's exchanges.
    const absent = renderHtml(
      sampleResult({
        findings: [
          {
            check: 'required',
            severity: 'error',
            instancePath: '/completedAt',
            message: 'missing',
            endpoint: 'batch-read',
            expected: 'present',
            actual: 'absent',
          },
        ],
      }),
    );
    expect(absent).not.toContain('example: ');
    expect(absent).toContain('Exchanges of this endpoint: <a href="#exchanges-batch-read">batch-read</a>');
    expect(absent).toContain('<span id="exchanges-batch-read"></span>');
  });

  it('a not-exercised cell has its own neutral style and says why; an off cell likewise; neither is a pass', () => {
    const paging = html.match(
      /<td class="cell outcome-not-exercised" data-endpoint="batch-read" data-check="paging-terminates"[^>]*>.*?<\/td>/,
    )?.[0];
    expect(paging).toBeDefined();
    expect(paging).toContain('data-exercised="0"');
    expect(paging).toMatch(
      /title="paging-terminates on batch-read: not exercised; 1 evaluated, 0 exercised\. Why: no read of a record came back with a next page/,
    );
    expect(paging).toContain(
      '>NOT EXERCISED<small>1 evaluated, 0 exercised</small><small class="why">no read of a record came back with a next page',
    );
    const off = html.match(
      /<td class="cell outcome-off" data-endpoint="associate-default" data-check="idempotent"[^>]*>.*?<\/td>/,
    )?.[0];
    expect(off).toContain('>OFF<small>0 evaluated, 0 exercised</small><small class="why">switched off by the config');
    // The styles: neither carries the pass colours.
    const rule = (name: string): string => html.match(new RegExp(`\\.outcome-${name} \\{[^}]*\\}`))?.[0] ?? '';
    for (const name of ['not-exercised', 'off']) {
      expect(rule(name)).not.toBe('');
      expect(rule(name)).not.toContain('#e8f5e9');
      expect(rule(name)).not.toContain('#1b5e20');
    }
  });

  it('lists the checks not exercised and those switched off, with why, and what coverage cost', () => {
    const list = html.match(/<ul class="unjudged" id="not-exercised-list">.*?<\/ul>/s)?.[0] ?? '';
    expect(list.match(/<li /g)).toHaveLength(3);
    expect(list).toContain(
      '<li data-check="paging-terminates"><span class="mark-not-exercised">not exercised</span> <code>paging-terminates</code> on <code>batch-read</code> (exercised on no endpoint) <b>required by --require-exercised</b>: no read of a record',
    );
    expect(list).toContain(
      '<code>response-body</code> on <code>associate-default</code> (exercised on <code>batch-read</code>)',
    );
    expect(html).toContain(
      '<ul class="unjudged" id="off-list"><li data-check="idempotent"><span class="mark-off">off</span> <code>idempotent</code> on <code>associate-default</code>: switched off by the config',
    );
    expect(html).toContain(
      '<tr data-purpose="sequences"><td><code>sequences</code></td><td>2</td></tr><tr><th>total</th><td>2</td></tr>',
    );
    expect(html).toContain('<div class="count"><b>2</b>checks exercised nowhere</div>');
    expect(html).toContain(
      '<dt>required exercised</dt><dd>paging-terminates</dd><dt>switched off</dt><dd>idempotent</dd>',
    );
  });

  it('shows every 429 an exchange met on the way, and the purpose of each exchange', () => {
    const [read, reset] = sampleResult().exchanges;
    const limited = {
      status: 429,
      headers: { 'retry-after': '1' },
      body: '{"status":"error","policyName":"TEN_SECONDLY_ROLLING"}',
      bytes: 55,
    };
    const page = renderHtml(
      sampleResult({
        exchanges: [
          {
            ...read!,
            attempts: [
              {
                startedAt: '2026-01-01T00:00:00.000Z',
                durationMs: 1,
                status: 429,
                rateLimited: limited,
                retry: { reason: 'status 429', waitMs: 1000 },
              },
              ...read!.attempts,
            ],
          },
          reset!,
        ],
      }),
    );
    expect(page).toContain(
      '<p class="muted">429 on attempt 1</p><pre class="rate-limited">429\nretry-after: 1\n\n{\n  &quot;status&quot;: &quot;error&quot;,\n  &quot;policyName&quot;: &quot;TEN_SECONDLY_ROLLING&quot;\n}</pre>',
    );
    expect(page).toContain('batch-read · conformance · sequences · 3 ms');
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
      // A RunResult built by a library caller may carry any id, whatever the type says hsac writes
      // (`report merge` refuses a report naming an id the registry lacks; the reporters escape it anyway).
      findings: [
        {
          check: HOSTILE as CheckId,
          severity: 'error',
          instancePath: `/${HOSTILE}`,
          message: HOSTILE,
          endpoint: 'batch-read',
          expected: HOSTILE,
          actual: HOSTILE,
          replay: HOSTILE,
        },
      ],
      exchanges: [
        {
          ...exchange!,
          request: { ...exchange!.request, url: `http://x/${HOSTILE}`, body: HOSTILE },
          response: { status: 400, headers: { [HOSTILE]: HOSTILE }, body: HOSTILE, bytes: 1 },
        },
      ],
      checks: [
        {
          endpoint: HOSTILE,
          check: HOSTILE as CheckId,
          description: HOSTILE,
          outcome: 'fail',
          evaluated: 1,
          exercised: 1,
          errors: 1,
          warnings: 0,
        },
        {
          endpoint: HOSTILE,
          check: `${HOSTILE}2` as CheckId,
          description: HOSTILE,
          outcome: 'not-exercised',
          evaluated: 1,
          exercised: 0,
          why: HOSTILE,
          errors: 0,
          warnings: 0,
        },
      ],
      summary: { notExercised: [{ check: `${HOSTILE}2` as CheckId, why: HOSTILE }], requests: { [HOSTILE]: 1 } },
    });
    const page = renderHtml(hostile);
    expect(page).not.toMatch(/<script|<img/i);
    expect(page).toContain(htmlText(HOSTILE));
  });

  it('htmlText escapes markup and quotes and replaces characters HTML cannot carry', () => {
    expect(htmlText(`<a href='x'>"&"</a>\u0000`)).toBe('&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;\uFFFD');
  });
});
