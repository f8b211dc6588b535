import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_FILES, renderHtml } from '../../src/report/index.js';
import { sampleResult } from '../../src/report/sample.js';
import type { RunResult } from '../../src/runner/result.js';
import { CHROMIUM, chromiumAvailable, inspectReport, launchChromium, watchedPage } from './browser.js';
import { hsac, keptReportsDir, readResult } from './harness.js';

/**
 * report.html in a real browser: headless Debian Chromium opens the report of a run against a
 * faulty sandbox from file://, finds the verdict, the matrix and both charts, logs no error and
 * loads nothing but the file; a screenshot is kept under reports/screenshots/. The same check
 * fails on a page missing a chart or the matrix, a hostile body stays text, and Playwright's HAR
 * replay opens exchanges.har. A click on a finding's exchange link lands on that exchange and its
 * link back returns (screenshots of both kept). Chromium is launched once.
 */

const TITLE = chromiumAvailable
  ? 'report.html in headless Chromium'
  : `[SKIPPED: chromium not found at ${CHROMIUM}; .ci/run installs Debian's chromium (apt-get install chromium)] report.html in headless Chromium`;

/** The screenshot the closing note points at. */
const SCREENSHOT_NAME = 'report-html.png';

describe.skipIf(!chromiumAvailable)(TITLE, () => {
  let dir: string;
  let reportDir: string;
  let result: RunResult;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hsac-report-browser-'));
    reportDir = join(dir, 'faulty');
    const [ran, launched] = await Promise.all([
      hsac([
        'run',
        '--seed',
        '7',
        '--runs',
        '2',
        '--fault',
        'missing-completedAt',
        '--fault',
        'status-200-for-201',
        '--fault',
        'unknown-envelope-field',
        '--fault',
        'token-echo-header',
        '--report-dir',
        reportDir,
      ]),
      launchChromium(),
    ]);
    browser = launched;
    expect(ran.code, ran.err).toBe(1);
    result = readResult(reportDir);
  });
  afterAll(async () => {
    // afterAll runs after a failed launch too, when `browser` was never assigned; its type cannot say so, since the
    // tests read it as launched (the launch runs beside the hsac run, so no teardown of its own can hold it).
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unassigned after a failed launch
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the verdict, the matrix and both charts; no console error; nothing loaded but the file; screenshot kept', async () => {
    const watched = await watchedPage(browser);
    const url = pathToFileURL(join(reportDir, REPORT_FILES.html)).href;
    await watched.page.goto(url);
    const seen = await inspectReport(watched.page);
    expect(seen.problems).toEqual([]);
    expect(seen.verdict).toBe('hsac: FAIL');
    expect(seen.matrixCells).toBe(result.checks.length);
    // Both charts count every exchange with the endpoints under test, once.
    const judged = result.exchanges.filter((e) => e.intent !== 'auxiliary').length;
    expect(seen.latencyTotal).toBe(judged);
    expect(seen.statusTotal).toBe(judged);
    expect(watched.errors).toEqual([]);
    expect(watched.dialogs).toEqual([]);
    expect(watched.requests).toEqual([url]);
    // The first screen (banner, counts, both charts, the matrix) for people, and the whole page.
    const kept = keptReportsDir('screenshots');
    await watched.page.setViewportSize({ width: 1280, height: 1700 });
    await watched.page.screenshot({ path: join(kept, SCREENSHOT_NAME) });
    await watched.page.screenshot({ path: join(kept, SCREENSHOT_NAME.replace('.png', '-full.png')), fullPage: true });
    expect(statSync(join(kept, SCREENSHOT_NAME)).size).toBeGreaterThan(10_000);
    await watched.page.close();
  });

  it('a finding links to its exchange and back: a click lands on it (:target, in view); screenshots kept', async () => {
    const watched = await watchedPage(browser);
    const page = watched.page;
    await page.goto(pathToFileURL(join(reportDir, REPORT_FILES.html)).href);
    // A missing completedAt on a 2xx: the case of a 207 that used to wear a green badge.
    const finding = page.locator('article.finding', { hasText: 'missing required field "completedAt"' }).first();
    const link = finding.locator('[data-finding] a.exchange-link').first();
    const number = await finding.locator('[data-finding]').first().getAttribute('data-finding');
    const target = (await link.getAttribute('href')) ?? '';
    expect(target).toMatch(/^#exchange-\d+$/);
    await finding.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(keptReportsDir('screenshots'), 'report-finding.png') });
    await link.click();
    // The exchange the finding judged is the page's :target, in view (to a subpixel), marked failing, and lists the
    // finding back.
    const landed =
      "(() => { const t = document.querySelector(':target'); if (!t) return null; " +
      'const r = t.getBoundingClientRect(); ' +
      "return { id: t.id, mark: t.getAttribute('data-mark'), inView: r.top > -1 && r.top < innerHeight, " +
      'hash: location.hash }; })()';
    expect(await page.evaluate(landed)).toEqual({ id: target.slice(1), mark: 'failing', inView: true, hash: target });
    const section = page.locator(target);
    const back = section.locator(`a.finding-link[href="#finding-${number}"]`);
    expect(await back.count()).toBe(1);
    // The exchange's details open (request, response, the curl line) for the picture the closing note shows.
    await section.locator('summary').click();
    expect(await section.locator('pre.curl').textContent()).toContain('"Authorization: Bearer $HUBSPOT_ACCESS_TOKEN"');
    await page.screenshot({ path: join(keptReportsDir('screenshots'), 'report-finding-linked.png') });
    await back.click();
    const returned = await page.evaluate<{ id: string; inView: boolean } | null>(landed);
    expect(returned).toMatchObject({ id: `finding-${number}`, inView: true });
    expect(await page.evaluate('location.hash')).toBe(`#finding-${number}`);
    expect(watched.errors).toEqual([]);
    await page.close();
  });

  // Planted faults in the page: the check must see each part go missing, or it proves nothing.
  it.each([
    ['the latency histogram', /(<figure id="latency-histogram">)<svg[\s\S]*?<\/svg>/, ['no latency histogram']],
    ['the status-code chart', /(<figure id="status-codes">)<svg[\s\S]*?<\/svg>/, ['no status-code chart']],
    ['the matrix', /<table id="matrix">[\s\S]*?<\/table>/, ['no endpoint x check matrix']],
    ['every SVG', /<svg[\s\S]*?<\/svg>/g, ['no latency histogram', 'no status-code chart']],
  ] as const)('the check fails on a page rendered without %s', async (_part, cut, problems) => {
    const html = readFileSync(join(reportDir, REPORT_FILES.html), 'utf8');
    const planted = html.replace(cut, (_match, keep: unknown) => (typeof keep === 'string' ? keep : ''));
    expect(planted).not.toBe(html);
    const path = join(dir, `planted-${problems.join('-').replace(/\W+/g, '-')}.html`);
    writeFileSync(path, planted);
    const watched = await watchedPage(browser);
    await watched.page.goto(pathToFileURL(path).href);
    expect((await inspectReport(watched.page)).problems).toEqual(problems);
    await watched.page.close();
  });

  it('cells of checks not exercised or switched off never look like a pass; the check sees it when they do', async () => {
    const html = renderHtml(sampleResult());
    const pages = {
      sample: html,
      // Planted: the not-exercised style painted as a pass.
      planted: html.replace(
        /\.outcome-not-exercised \{[^}]*\}/,
        '.outcome-not-exercised { background: #e8f5e9; color: #1b5e20; }',
      ),
    };
    expect(pages.planted).not.toBe(html);
    const seen: Record<string, { unjudgedCells: number; problems: readonly string[] }> = {};
    for (const [name, page] of Object.entries(pages)) {
      const path = join(dir, `unjudged-${name}.html`);
      writeFileSync(path, page);
      const watched = await watchedPage(browser);
      await watched.page.goto(pathToFileURL(path).href);
      seen[name] = await inspectReport(watched.page);
      await watched.page.close();
    }
    // The sample has 4 not-exercised cells and 1 off cell.
    expect(seen.sample).toMatchObject({ unjudgedCells: 5, problems: [] });
    expect(seen.planted?.problems).toEqual(['a not-exercised cell looks like a pass']);
  });

  it('a body, header or message holding </script><script> stays text: nothing runs, with or without the CSP', async () => {
    const payload = '</script><script>window.__pwned=1;alert(1)</script><img src=x onerror="window.__pwned=2">';
    const base = sampleResult();
    const [exchange] = base.exchanges;
    const hostile = sampleResult({
      findings: [
        {
          check: 'required',
          severity: 'error',
          instancePath: '/x',
          message: payload,
          endpoint: 'batch-read',
          actual: payload,
          replay: payload,
        },
      ],
      exchanges: [
        {
          ...exchange!,
          request: { ...exchange!.request, body: payload },
          response: { status: 400, headers: { 'x-echo': payload }, body: payload, bytes: payload.length },
        },
      ],
    });
    const html = renderHtml(hostile);
    // Without the CSP the escaping alone must hold; with it, a slip would also show as a console error.
    const variants = { csp: html, 'no-csp': html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '') };
    expect(variants['no-csp']).not.toBe(html);
    for (const [name, page] of Object.entries(variants)) {
      const path = join(dir, `hostile-${name}.html`);
      writeFileSync(path, page);
      const watched = await watchedPage(browser);
      await watched.page.goto(pathToFileURL(path).href);
      expect(await watched.page.evaluate('typeof window.__pwned'), name).toBe('undefined');
      expect(await watched.page.evaluate('document.querySelectorAll("script, img").length'), name).toBe(0);
      expect(await watched.page.getByText('window.__pwned=1;alert(1)').count(), name).toBeGreaterThan(0);
      expect(watched.dialogs, name).toEqual([]);
      expect(watched.errors, name).toEqual([]);
      expect(watched.requests, name).toEqual([pathToFileURL(path).href]);
      await watched.page.close();
    }
  });

  it("Playwright's HAR replay opens exchanges.har: the recorded account details come back with the sandbox gone", async () => {
    const details = result.exchanges.find((e) => e.endpoint === 'account-details' && e.response?.status === 200);
    expect(details).toBeDefined();
    const context = await browser.newContext();
    try {
      await context.routeFromHAR(join(reportDir, REPORT_FILES.har), { notFound: 'abort' });
      const page = await context.newPage();
      const response = await page.goto(details!.request.url);
      expect(response?.status()).toBe(200);
      expect(JSON.parse((await response?.text()) ?? 'null')).toEqual(JSON.parse(details!.response!.body!));
    } finally {
      await context.close();
    }
  });
});
