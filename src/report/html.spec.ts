import { describe, expect, it } from 'vitest';
import type { CheckId } from '../registry/index.js';
import {
  attribute,
  classes,
  descendants,
  exchangeFindingLinks,
  linkProblems,
  pageFindings,
  parsePage,
  textOf,
  type HtmlPage,
} from '../../suites/support/html-page.js';
import type { Finding } from '../registry/finding.js';
import type { ReportedExchange } from '../runner/result.js';
import { curlCommand } from './curl.js';
import { htmlText } from './escape.js';
import { exchangeIdsOf } from './numbering.js';
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

  it('shows findings with their JSON pointer, the exchange each judged as its example, and the replay commands', () => {
    expect(html).toContain('<code class="pointer">/status</code>');
    expect(html).toContain(
      'Reproduce with:</p><pre class="replay">hsac run --seed 1 --config hsac.config.json --require-exercised paging-terminates</pre>',
    );
    // The status-enum finding judged exchange 1: its excerpt is the example, linked to the exchange's section.
    expect(html).toMatch(
      new RegExp(
        '<code class="pointer">/status</code>.*<summary>example: ' +
          '<a href="#exchange-1">exchange #1</a> \\(POST → 207\\)' +
          '</summary><p class="muted">request</p><pre class="request">POST http://127\\.0\\.0\\.1:4000/crm',
        's',
      ),
    );
    // Both sample findings judged exchange 1 (the warning too, now that findings name their exchange).
    expect(html.match(/example: /g)).toHaveLength(2);
    // Each finding's own replay, by its number in report.json (`report.json` beside the page unless told otherwise).
    expect(html).toContain('<pre class="replay-finding">hsac replay report.json --finding 1</pre>');
    expect(html).toContain('<pre class="replay-finding">hsac replay report.json --finding 2</pre>');
    const named = renderHtml(sampleResult(), { reportPath: 'reports/my run/report.json' });
    expect(named).toContain(
      `<pre class="replay-finding">hsac replay &#39;reports/my run/report.json&#39; --finding 1</pre>`,
    );
    // A finding that names no exchange (an older report, the run's own) gets no example: a link to the endpoint's
    // exchanges instead.
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

  it('names every finding somewhere: the members past those listed by number, and an exchange names them all', () => {
    const base = sampleResult();
    const [read] = base.exchanges;
    const [finding] = base.findings;
    const exchanges = Array.from({ length: 25 }, (_, index) => ({ ...read!, id: index + 1 }));
    const findings = exchanges.map((exchange) => ({ ...finding!, exchangeId: exchange.id }));
    // Exchange 25 is also named by a sequence finding of another check, listed one by one.
    const page = renderHtml(sampleResult({ exchanges, findings }));
    expect(page).toContain('… 5 more, alike but for their exchanges: findings 21–25 (report.json, exchanges.har)');
    const exchange25 = page.slice(page.indexOf('id="exchange-25"'));
    expect(exchange25.slice(0, exchange25.indexOf('<details'))).toContain(
      'finding 25 (not listed on this page: report.json)',
    );
    expect(page).not.toContain('more in report.json');
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
          exchangeId: 1,
        },
      ],
      exchanges: [
        {
          ...exchange!,
          endpoint: HOSTILE,
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
    // As a browser parses it: no element the provider's text could have made, links and anchors intact, and the
    // hostile text is text, in the finding, the exchange's excerpt and its curl line.
    const parsed = parsePage(page);
    expect(parsed.elements.filter((element) => ['script', 'img', 'iframe'].includes(element.tagName))).toEqual([]);
    expect(linkProblems(parsed)).toEqual([]);
    const curl = descendants(parsed.byId.get('exchange-1')!).find((element) => classes(element).includes('curl'));
    expect(curl && textOf(curl)).toBe(curlCommand(hostile.exchanges[0]!.request));
    expect(textOf(parsed.byId.get('finding-1')!)).toContain(HOSTILE);
  });

  it('htmlText escapes markup and quotes and replaces characters HTML cannot carry', () => {
    expect(htmlText(`<a href='x'>"&"</a>\u0000`)).toBe('&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;\uFFFD');
  });
});

/** An exchange like the sample's batch read, with its own id and status. */
function readExchange(id: number, status: number): ReportedExchange {
  const [read] = sampleResult().exchanges;
  return { ...read!, id, response: { ...read!.response!, status } };
}

const bodyFinding = (exchangeId: number): Finding => ({
  check: 'status-enum',
  severity: 'error',
  instancePath: '/status',
  message: 'status "CANCELLED" is not one of CANCELED, COMPLETE, PENDING, PROCESSING',
  endpoint: 'batch-read',
  apiVersion: '2026-03',
  exchangeId,
});

/** The status badge of an exchange's section, parsed. */
function statusBadge(page: HtmlPage, id: number): { text: string; classes: string[] } {
  const badge = descendants(page.byId.get(`exchange-${id}`)!).find((element) => classes(element).includes('status'));
  return { text: badge ? textOf(badge) : '', classes: badge ? classes(badge) : [] };
}

describe('report.html links each finding to the exchange(s) it judged, and back (parsed with parse5)', () => {
  // 1: a 207 with an error (findings 1, 4, 5 are one folded group, on exchanges 1, 6, 7); 2: a clean 200; 3: a 200
  // with a warning only (finding 2); 4 and 5: one sequence a read-after-write error judged (finding 3).
  const findings: Finding[] = [
    bodyFinding(1),
    { ...bodyFinding(3), check: 'unknown-field', severity: 'warning', instancePath: '/extra', message: 'unknown' },
    {
      check: 'read-after-write',
      severity: 'error',
      instancePath: '/results',
      message: 'written but not read back',
      endpoint: 'batch-read',
      exchangeIds: [4, 5],
      exchangeId: 5,
    },
    bodyFinding(6),
    bodyFinding(7),
  ];
  const result = sampleResult({
    findings,
    exchanges: [
      readExchange(1, 207),
      readExchange(2, 200),
      readExchange(3, 200),
      readExchange(4, 200),
      readExchange(5, 200),
      readExchange(6, 207),
      readExchange(7, 207),
    ],
  });
  const page = parsePage(renderHtml(result));

  it('parses without an error; every #link leads to an element on the page; findings and exchanges link back', () => {
    expect(page.parseErrors).toEqual([]);
    expect(page.duplicateIds).toEqual([]);
    expect(linkProblems(page)).toEqual([]);
  });

  it('every finding is on the page by its number and links to exactly the exchanges it names', () => {
    const listed = pageFindings(page);
    expect(listed.map((f) => f.number).sort()).toEqual([1, 2, 3, 4, 5]);
    for (const { number, exchanges } of listed)
      expect(exchanges, `finding ${number}`).toEqual(exchangeIdsOf(findings[number - 1]!));
    // The folded group is one article (finding 1's anchor) that lists 4 and 5 with anchors of their own.
    expect(attribute(page.byId.get('finding-1')!, 'class')).toBe('finding error');
    expect(page.byId.get('finding-4')?.tagName).toBe('li');
    expect(exchangeFindingLinks(page, 6)).toEqual([4]);
    // The sequence's exchanges both list the sequence finding.
    expect(exchangeFindingLinks(page, 4)).toEqual([3]);
    expect(exchangeFindingLinks(page, 5)).toEqual([3]);
  });

  it('an exchange an error names is marked failing, whatever its status; a warning only, warning; else ok', () => {
    const mark = (id: number): string | undefined => attribute(page.byId.get(`exchange-${id}`)!, 'data-mark');
    expect([1, 2, 3, 4, 5, 6, 7].map(mark)).toEqual([
      'failing',
      'ok',
      'warning',
      'failing',
      'failing',
      'failing',
      'failing',
    ]);
    // The 207 a check failed: a red badge and the word, never the green of a 2xx.
    expect(classes(page.byId.get('exchange-1')!)).toContain('exchange-failing');
    expect(statusBadge(page, 1)).toEqual({ text: '207', classes: ['status', 'tone-bad'] });
    expect(statusBadge(page, 4)).toEqual({ text: '200', classes: ['status', 'tone-bad'] });
    expect(textOf(page.byId.get('exchange-1')!)).toMatch(/^FAILING 207 #1 POST/);
    // The clean 200: green, and nothing failing about it.
    expect(classes(page.byId.get('exchange-2')!)).toEqual(['exchange', 'exchange-ok']);
    expect(statusBadge(page, 2)).toEqual({ text: '200', classes: ['status', 'tone-ok'] });
    expect(exchangeFindingLinks(page, 2)).toEqual([]);
    expect(statusBadge(page, 3).classes).toContain('tone-warn');
  });

  it('every exchange has one curl line: the recorded request, the token as $HUBSPOT_ACCESS_TOKEN', () => {
    const secret = 'pat-na1-' + '11111111-2222-3333-4444-555555555555';
    // Even a record that kept a token (a library caller's, unredacted) gives a line that names the variable.
    const leaky = sampleResult({
      exchanges: [
        {
          ...readExchange(1, 207),
          request: { ...readExchange(1, 207).request, headers: { authorization: `Bearer ${secret}` } },
        },
      ],
    });
    for (const [name, run] of Object.entries({ linked: result, leaky })) {
      const parsed = parsePage(renderHtml(run));
      for (const exchange of run.exchanges) {
        const lines = descendants(parsed.byId.get(`exchange-${exchange.id}`)!).filter((element) =>
          classes(element).includes('curl'),
        );
        expect(lines.map(textOf), `${name} exchange ${exchange.id}`).toEqual([curlCommand(exchange.request)]);
        expect(textOf(lines[0]!)).toContain('-H "Authorization: Bearer $HUBSPOT_ACCESS_TOKEN"');
        expect(textOf(lines[0]!)).not.toContain(secret);
      }
    }
  });

  it('the link check sees wrong links: all findings pointed at exchange 1, or an anchor gone', () => {
    const html = renderHtml(result);
    const allAtOne = html.replace(
      /class="exchange-link" href="#exchange-\d+"/g,
      'class="exchange-link" href="#exchange-1"',
    );
    expect(allAtOne).not.toBe(html);
    expect(linkProblems(parsePage(allAtOne))).toEqual(
      expect.arrayContaining([
        'finding 3 links to exchange 1, which does not list it back',
        'exchange 4 links to finding 3, which does not link to it',
      ]),
    );
    const anchorGone = html.replace('id="exchange-6"', 'id="exchange-six"');
    expect(linkProblems(parsePage(anchorGone))).toContain('"exchange 6" links to #exchange-6, which the page lacks');
  });

  it('thousands of exchanges: bounded, the failing ones its findings name shown, no link to what is not', () => {
    const many = Array.from({ length: 3000 }, (_, index) => readExchange(index + 1, 207));
    // 600 identical findings on the last 600 exchanges, and one on exchange 2000.
    const folded = many.slice(2400).map((exchange) => bodyFinding(exchange.id));
    const big = sampleResult({ exchanges: many, findings: [...folded, { ...bodyFinding(2000), message: 'other' }] });
    const html = renderHtml(big);
    const parsed = parsePage(html);
    expect(linkProblems(parsed)).toEqual([]);
    const sections = parsed.elements.filter((element) => /^exchange-\d+$/.test(attribute(element, 'id') ?? ''));
    // The first 150, and the 21 exchanges the listed findings name (20 members of the fold, and exchange 2000).
    expect(sections).toHaveLength(150 + 21);
    expect(parsed.byId.has('exchange-2000')).toBe(true);
    expect(parsed.byId.has('exchange-2401')).toBe(true);
    expect(parsed.byId.has('exchange-2999')).toBe(false);
    expect(pageFindings(parsed)).toHaveLength(21);
    expect(html).toContain('… 580 more, alike but for their exchanges: findings 21–600 (report.json, exchanges.har)');
    expect(html).toContain(`${3000 - 171} more exchange(s) in exchanges.har`);
    expect(html.length).toBeLessThan(2_000_000);
  });
});
