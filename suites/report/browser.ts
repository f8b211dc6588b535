import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * The browser side of the report suites: Debian's Chromium driven by playwright-core (never a
 * browser downloaded by Playwright), and the one inspection the browser check applies to a page.
 */

/** Debian's `chromium` package; `.ci/run` installs it when apt is available. */
export const CHROMIUM = '/usr/bin/chromium';

/** Whether this machine has it (the browser check skips with a message where it has not). */
export const chromiumAvailable = existsSync(CHROMIUM);

/**
 * Flags that make Chromium start headless as root on a machine with a closed network: without the
 * background-networking ones it keeps trying Google's hosts. playwright-core gives every launch a
 * fresh, empty profile directory of its own.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** Launches Debian's Chromium once for a suite. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
}

/** What the browser check reads off a rendered report.html. */
export interface ReportInspection {
  readonly verdict: string;
  /** Matrix cells with an endpoint x check row behind them (one per `checks[]` entry). */
  readonly matrixCells: number;
  /** Sum of the bars' values: exchanges counted by each chart. */
  readonly latencyTotal: number;
  readonly statusTotal: number;
  /** Matrix cells of checks that judged nothing (`not-exercised` or `off`). */
  readonly unjudgedCells: number;
  /** Everything missing or invisible; empty for a good page. */
  readonly problems: readonly string[];
}

/** What {@link chart} reads of a bar, typed by hand: the tsconfig has no DOM types (lib ES2022 only). */
interface ChartBar {
  getAttribute(name: string): string | null;
}

async function chart(page: Page, figure: string, name: string, problems: string[]): Promise<number> {
  const svg = page.locator(`${figure} svg.chart`);
  if ((await svg.count()) !== 1) {
    problems.push(`no ${name}`);
    return 0;
  }
  const box = await svg.boundingBox();
  if (!box || box.width < 50 || box.height < 50) problems.push(`${name} is not visible`);
  const values = await page
    .locator(`${figure} svg.chart rect.bar`)
    .evaluateAll((bars: ChartBar[]) => bars.map((bar) => Number(bar.getAttribute('data-value'))));
  const total = values.reduce((sum, value) => sum + value, 0);
  if (values.length === 0 || total === 0) problems.push(`${name} has no bars`);
  return total;
}

/** One matrix cell as the browser paints it. */
interface PaintedCell {
  readonly className: string;
  readonly paint: string;
  readonly text: string;
}

/** Whether a CSS colour (`rgb(r, g, b)` / `rgba(...)`) is clearly green: the colour of a pass. */
function greenish(colour: string): boolean {
  const [r, g, b] = (colour.match(/\d+(?:\.\d+)?/g) ?? []).map(Number);
  return r !== undefined && g !== undefined && b !== undefined && g > r + 30 && g > b + 30;
}

/**
 * The matrix cells of checks that judged nothing, as painted: none may look like a pass (the
 * pass cells' paint, a green background, or PASS as its text). Read with a string expression so
 * this file needs no DOM types.
 */
async function unjudgedCells(page: Page, problems: string[]): Promise<number> {
  const cells = await page.evaluate<PaintedCell[]>(
    `[...document.querySelectorAll('table#matrix td.cell')].map((c) => { const s = getComputedStyle(c); return { className: c.className, paint: s.backgroundColor + ' ' + s.backgroundImage, text: c.textContent ?? '' }; })`,
  );
  const passPaint = new Set(cells.filter((c) => c.className.includes('outcome-pass')).map((c) => c.paint));
  const unjudged = cells.filter((c) => /outcome-(not-exercised|off)\b/.test(c.className));
  for (const cell of unjudged) {
    const kind = cell.className.includes('outcome-off') ? 'an off cell' : 'a not-exercised cell';
    if (passPaint.has(cell.paint) || greenish(cell.paint) || cell.text.startsWith('PASS')) {
      problems.push(`${kind} looks like a pass`);
      break;
    }
  }
  return unjudged.length;
}

/** Finds the verdict banner, the endpoint x check matrix and both charts, as a person would see them. */
export async function inspectReport(page: Page): Promise<ReportInspection> {
  const problems: string[] = [];
  const banner = page.locator('#verdict h1');
  const verdict = (await banner.count()) === 1 ? ((await banner.textContent()) ?? '') : '';
  if (!/^hsac: (PASS|FAIL|INCONCLUSIVE)$/.test(verdict)) problems.push('no verdict banner');
  const matrix = page.locator('table#matrix');
  // Cells with a row behind them; `n/a` cells (a check that does not apply to an endpoint) carry no data-check.
  const matrixCells = (await matrix.count()) === 1 ? await matrix.locator('td.cell[data-check]').count() : 0;
  if (matrixCells === 0) problems.push('no endpoint x check matrix');
  else if (!(await matrix.isVisible())) problems.push('the matrix is not visible');
  const latencyTotal = await chart(page, '#latency-histogram', 'latency histogram', problems);
  const statusTotal = await chart(page, '#status-codes', 'status-code chart', problems);
  const unjudged = await unjudgedCells(page, problems);
  return { verdict, matrixCells, latencyTotal, statusTotal, unjudgedCells: unjudged, problems };
}

/** A page that records console errors, page errors, dialogs and every request it makes. */
export interface WatchedPage {
  readonly page: Page;
  readonly errors: string[];
  readonly requests: string[];
  readonly dialogs: string[];
}

/** Opens a page in its own context and watches it. */
export async function watchedPage(browser: Browser): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const watched: WatchedPage = { page, errors: [], requests: [], dialogs: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') watched.errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => watched.errors.push(`pageerror: ${error.message}`));
  page.on('request', (request) => watched.requests.push(request.url()));
  page.on('dialog', (dialog) => {
    watched.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return watched;
}
