import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeIdsOf, REPORT_FILES, type Har } from '../../src/report/index.js';
import type { RunResult } from '../../src/runner/result.js';
import { parseHar } from '../support/har.js';
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
} from '../support/html-page.js';
import { parseJunit } from '../support/junit-xml.js';
import { hsac, readResult } from './harness.js';

/**
 * Findings and the exchanges they judged, across the reports of a real run: a run against a sandbox with a body fault
 * and a paging fault (findings on single exchanges and on sequences) and a clean run. Each report is read by a real
 * parser: report.html by parse5, exchanges.har by the HAR 1.2 JSON Schema, junit.xml by fast-xml-parser.
 */

/** One run's reports, parsed. */
interface Reports {
  readonly result: RunResult;
  readonly page: HtmlPage;
  readonly har: Har;
}

let dir: string;
let fault: Reports;
let clean: Reports;

async function runAndRead(name: string, plan: readonly string[], exitCode: number): Promise<Reports> {
  const reportDir = join(dir, name);
  const ran = await hsac(['run', ...plan, '--report-dir', reportDir]);
  expect(ran.code, ran.err).toBe(exitCode);
  return {
    result: readResult(reportDir),
    page: parsePage(readFileSync(join(reportDir, REPORT_FILES.html), 'utf8')),
    har: parseHar(readFileSync(join(reportDir, REPORT_FILES.har), 'utf8')),
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-report-links-'));
  const faults = ['--fault', 'missing-completedAt', '--fault', 'paging-not-advancing', '--sandbox-page-size', '5'];
  [fault, clean] = await Promise.all([
    runAndRead(
      'fault',
      ['--seed', '3', '--runs', '3', '--endpoints', 'batch-read,batch-associate-default', ...faults],
      1,
    ),
    runAndRead('clean', ['--seed', '4', '--runs', '1', '--endpoints', 'batch-read'], 0),
  ]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a fault run: finding -> exchange -> finding, in every report', () => {
  it('the run has findings on single exchanges and on sequences (so the round trip is not vacuous)', () => {
    const { findings } = fault.result;
    expect(findings.filter((f) => f.check === 'required' && f.exchangeId !== undefined).length).toBeGreaterThan(10);
    expect(findings.some((f) => f.check === 'paging-terminates' && (f.exchangeIds?.length ?? 0) > 1)).toBe(true);
    expect(findings.every((f) => exchangeIdsOf(f).length > 0)).toBe(true);
  });

  it('report.html: every finding listed links to exactly its exchanges, and each of those lists it back', () => {
    const { result, page } = fault;
    expect(linkProblems(page)).toEqual([]);
    const listed = pageFindings(page);
    expect(listed.length).toBeGreaterThan(20);
    for (const { number, exchanges } of listed) {
      expect(exchanges, `finding ${number}`).toEqual(exchangeIdsOf(result.findings[number - 1]!));
      for (const id of exchanges) expect(exchangeFindingLinks(page, id), `exchange ${id}`).toContain(number);
    }
    // Each listed finding's replay names report.json where the run wrote it, and its number.
    const replays = page.elements.filter((element) => classes(element).includes('replay-finding')).map(textOf);
    expect(replays).toContain(`hsac replay ${join(dir, 'fault', REPORT_FILES.json)} --finding 1`);
  });

  it('report.html: an exchange an error names is marked failing, 2xx or not; a red badge, never a green one', () => {
    const { result, page } = fault;
    const failing = new Set(result.findings.filter((f) => f.severity === 'error').flatMap((f) => exchangeIdsOf(f)));
    let failing2xx = 0;
    for (const exchange of result.exchanges) {
      const section = page.byId.get(`exchange-${exchange.id}`);
      if (!section) continue;
      const mark = failing.has(exchange.id) ? 'failing' : 'ok';
      expect(attribute(section, 'data-mark'), `exchange ${exchange.id}`).toBe(mark);
      const badge = descendants(section).find((element) => classes(element).includes('status'));
      if (mark === 'failing') {
        expect(badge && classes(badge), `exchange ${exchange.id}`).toContain('tone-bad');
        if ((exchange.response?.status ?? 0) < 300) failing2xx++;
      }
    }
    expect(failing2xx).toBeGreaterThan(5);
  });

  it("exchanges.har: valid HAR 1.2; each entry's _hsac names its id, the findings naming it and its curl line", () => {
    const { result, har } = fault;
    expect(har.log.entries.map((entry) => entry._hsac.id)).toEqual(result.exchanges.map((exchange) => exchange.id));
    for (const entry of har.log.entries) {
      const naming = result.findings.flatMap((f, index) =>
        exchangeIdsOf(f).includes(entry._hsac.id) ? [{ number: index + 1, check: f.check, severity: f.severity }] : [],
      );
      expect(entry._hsac.findings, `entry ${entry._hsac.id}`).toEqual(naming);
      expect(entry._hsac.curl).toMatch(/^curl --globoff -X '[A-Z]+' 'http:\/\/127\.0\.0\.1:\d+\//);
      expect(entry._hsac.curl).not.toContain('[REDACTED]');
    }
    // Every finding's exchanges are HAR entries that name it back.
    for (const [index, finding] of result.findings.entries())
      for (const id of exchangeIdsOf(finding))
        expect(har.log.entries.find((e) => e._hsac.id === id)?._hsac.findings.map((f) => f.number)).toContain(
          index + 1,
        );
  });

  it('junit.xml and summary.md say each finding number and its exchange(s)', () => {
    const junit = parseJunit(readFileSync(join(dir, 'fault', REPORT_FILES.junit), 'utf8'));
    const lines = junit.cases.flatMap((c) =>
      (c.failure?.text ?? '').split('\n').filter((l) => l.startsWith('[error]')),
    );
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/\((?:×\d+; )?findings? \d+(?:,| \()/);
    expect(lines.some((line) => /paging-terminates .*\(finding \d+, exchanges \d+, \d+/.test(line))).toBe(true);
    const md = readFileSync(join(dir, 'fault', REPORT_FILES.markdown), 'utf8');
    expect(md).toMatch(/\| findings \d+ \(exchange \d+\), \d+ \(exchange \d+\), \d+ \(exchange \d+\), … \|/);
  });

  it('the round trip check fails on a page whose findings all point at one exchange', () => {
    const html = readFileSync(join(dir, 'fault', REPORT_FILES.html), 'utf8');
    const first = fault.result.exchanges[0]!.id;
    const planted = html.replace(
      /class="exchange-link" href="#exchange-\d+"/g,
      `class="exchange-link" href="#exchange-${first}"`,
    );
    expect(planted).not.toBe(html);
    expect(linkProblems(parsePage(planted)).some((problem) => problem.endsWith('which does not list it back'))).toBe(
      true,
    );
  });
});

describe('a clean run', () => {
  it('no failing or warning mark, no finding link; valid HAR with no finding on any entry; a curl line each', () => {
    const { result, page, har } = clean;
    expect(result.findings).toEqual([]);
    expect(linkProblems(page)).toEqual([]);
    const sections = page.elements.filter((element) => classes(element).includes('exchange'));
    expect(sections.length).toBeGreaterThan(0);
    for (const section of sections) {
      expect(attribute(section, 'data-mark')).toBe('ok');
      expect(classes(section)).not.toContain('exchange-failing');
    }
    expect(page.elements.filter((element) => classes(element).includes('mark-failing'))).toEqual([]);
    expect(pageFindings(page)).toEqual([]);
    expect(har.log.entries.every((entry) => entry._hsac.findings.length === 0)).toBe(true);
    const curls = page.elements.filter((element) => classes(element).includes('curl'));
    expect(curls).toHaveLength(sections.length);
  });
});
