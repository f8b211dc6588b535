import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProperty } from '../../properties/run.js';
import { parseJunit, type JunitCase, type JunitReport } from '../../suites/support/junit-xml.js';
import type { CheckOutcome, CheckOutcomeKind, RunResult } from '../runner/result.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { escapeRegExp } from '../text.js';
import { checkOutcomeKind } from '../runner/result.js';
import { sampleResult } from './sample.js';
import { reportProblems } from './schema.js';
import { renderMarkdown } from './summary-md.js';

/**
 * A check that had nothing to judge is never reported as a pass, in any of the four formats a
 * person or a CI system reads (issue 11; DESIGN.md "Exercised, not evaluated"). Shown on the
 * sample, then as a property over generated check tables whose outcomes follow the runner's rules.
 */

const FILE = 'src/report/not-exercised.spec.ts';
const ENDPOINTS = [
  'batch-associate-default',
  'batch-read',
  'configurations-batch-create',
  'associate-default',
] as const;
const CHECK_IDS = [
  'transport',
  'response-body',
  'rate-limit-contract',
  'paging-terminates',
  'idempotent',
  'auth-enforced',
] as const;

/** The JUnit testcase of one endpoint x check, parsed. */
function testcase(junit: JunitReport, endpoint: string, check: string): JunitCase | undefined {
  return junit.cases.find((c) => c.name === check && c.classname === `hsac.2026-03.${endpoint}`);
}

/** The matrix cell of one endpoint x check. */
function cell(html: string, endpoint: string, check: string): string | undefined {
  return html.match(
    new RegExp(`<td class="cell outcome-[a-z-]+" data-endpoint="${endpoint}" data-check="${check}"[^>]*>`),
  )?.[0];
}

/** Every format, rendered once. */
function renderAll(result: RunResult): { json: unknown; junit: JunitReport; md: string; html: string } {
  return {
    json: JSON.parse(renderJson(result)) as unknown,
    junit: parseJunit(renderJunit(result)),
    md: renderMarkdown(result),
    html: renderHtml(result),
  };
}

/** What each format must say of one row; the assertions the sample and the property share. */
function expectRendered(rendered: ReturnType<typeof renderAll>, row: CheckOutcome): void {
  const where = `${row.check} on ${row.endpoint} (${row.outcome})`;
  const junitCase = testcase(rendered.junit, row.endpoint, row.check);
  const htmlCell = cell(rendered.html, row.endpoint, row.check) ?? '';
  const mdRow = rendered.md.split('\n').find((line) => line.startsWith(`| \`${row.check}\` |`)) ?? '';
  expect(junitCase, where).toBeDefined();
  expect(htmlCell, where).not.toBe('');
  expect(mdRow, where).not.toBe('');
  if (row.outcome === 'not-exercised' || row.outcome === 'off') {
    // JUnit: skipped, with the reason CI shows.
    const message = row.outcome === 'off' ? 'switched off by the config' : 'not exercised: ';
    expect(junitCase?.skipped?.message, where).toMatch(new RegExp(`^${escapeRegExp(message)}`));
    // HTML: its own class, never the pass class; the reason in the tooltip.
    expect(htmlCell, where).toContain(`class="cell outcome-${row.outcome}"`);
    expect(htmlCell, where).toContain(row.outcome === 'off' ? ': off;' : ': not exercised;');
    // Markdown: the neutral mark and the word, never the check mark, for this endpoint.
    expect(mdRow, where).toContain(
      row.outcome === 'off' ? `⏸️ \`${row.endpoint}\` off` : `⚪ \`${row.endpoint}\` not exercised`,
    );
    expect(mdRow, where).not.toContain(`✅ \`${row.endpoint}\``);
  } else {
    expect(junitCase?.skipped, where).toBeUndefined();
    expect(htmlCell, where).toContain(`class="cell outcome-${row.outcome}"`);
  }
}

describe('a check with nothing to judge is never rendered as passing', () => {
  const sample = sampleResult();
  const rendered = renderAll(sample);

  it('the sample has such checks to show (else the tests below prove nothing)', () => {
    const kinds = new Set(sample.checks.map((c) => c.outcome));
    expect([...kinds].sort()).toEqual(['fail', 'not-exercised', 'off', 'pass', 'warn']);
    expect(
      sample.checks.filter((c) => c.outcome === 'not-exercised').every((c) => c.evaluated > 0 && c.exercised === 0),
    ).toBe(true);
  });

  it.each(sampleResult().checks.map((row) => ({ name: `${row.check} on ${row.endpoint}: ${row.outcome}`, row })))(
    '$name, in report.json, junit.xml, summary.md and report.html',
    ({ row }) => {
      expect((rendered.json as RunResult).checks).toContainEqual(row);
      expectRendered(rendered, row);
    },
  );

  it('report.json: the schema refuses a pass with nothing exercised, and a not-exercised row without why', () => {
    expect(reportProblems(rendered.json)).toEqual([]);
    const index = sample.checks.findIndex((c) => c.outcome === 'not-exercised');
    const asPass = { ...sample, checks: sample.checks.map((c, i) => (i === index ? { ...c, outcome: 'pass' } : c)) };
    expect(reportProblems(asPass).join('\n')).toContain(`/checks/${index}/exercised: must be >= 1`);
    const noWhy = { ...sample, checks: sample.checks.map((c, i) => (i === index ? { ...c, why: undefined } : c)) };
    expect(reportProblems(JSON.parse(JSON.stringify(noWhy))).join('\n')).toContain(
      `/checks/${index}: must have required property 'why'`,
    );
  });

  it('junit.xml counts them as skipped, apart from the passes', () => {
    // 8 testcases: 1 failed; 4 not exercised and 1 off, skipped.
    expect(rendered.junit.attributes).toMatchObject({ tests: '8', failures: '1', errors: '0', skipped: '5' });
    const skips = rendered.junit.cases.map((c) => c.skipped?.message);
    expect(skips).toContain(
      'not exercised: no read of a record came back with a next page, so no cursor was followed ' +
        '(hsac builds a wide record to force one; see the wide-record requests)',
    );
    expect(skips).toContain('switched off by the config');
    expect(testcase(rendered.junit, 'batch-read', 'paging-terminates')?.systemOut).toBe('evaluated 1, exercised 0');
  });

  it('summary.md and report.html count them apart from the passes', () => {
    expect(rendered.md.match(/✅ `/g)).toHaveLength(sample.checks.filter((c) => c.outcome === 'pass').length);
    expect(rendered.html.match(/class="cell outcome-pass"/g)).toHaveLength(1);
    expect(rendered.html.match(/class="cell outcome-not-exercised"/g)).toHaveLength(4);
    expect(rendered.html.match(/class="cell outcome-off"/g)).toHaveLength(1);
  });
});

/** One generated endpoint x check: tallies, and whether the config switched it off. */
const rowArbitrary = fc.record({
  off: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  evaluated: fc.nat({ max: 50 }),
  exercised: fc.oneof(fc.constant(0), fc.nat({ max: 50 })),
  errors: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat({ max: 3 }) }),
  warnings: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat({ max: 3 }) }),
  // Reasons come from check modules and configs; markup and quotes in them must stay text.
  why: fc.string({ minLength: 1, maxLength: 60 }).filter((why) => why.trim() !== ''),
});

/** A check table: some endpoints x some checks, outcomes by the runner's rules. */
const tableArbitrary = fc
  .record({
    endpoints: fc.subarray([...ENDPOINTS], { minLength: 1 }),
    checks: fc.subarray([...CHECK_IDS], { minLength: 1 }),
  })
  .chain(({ endpoints, checks }) =>
    fc
      .array(rowArbitrary, { minLength: endpoints.length * checks.length, maxLength: endpoints.length * checks.length })
      .map((tallies) => {
        const rows: CheckOutcome[] = [];
        endpoints.forEach((endpoint, e) =>
          checks.forEach((check, c) => {
            const t = tallies[e * checks.length + c];
            if (!t) return;
            // Off judges nothing; the runner reports it with zero tallies.
            const tally = t.off
              ? { evaluated: 0, exercised: 0, errors: 0, warnings: 0 }
              : {
                  evaluated: Math.max(t.evaluated, t.exercised),
                  exercised: t.exercised,
                  errors: t.errors,
                  warnings: t.warnings,
                };
            const outcome: CheckOutcomeKind = checkOutcomeKind({ off: t.off, ...tally });
            rows.push({
              endpoint,
              check,
              description: `${check} holds`,
              outcome,
              ...tally,
              ...(outcome === 'not-exercised' || outcome === 'off' ? { why: t.why } : {}),
            });
          }),
        );
        return { endpoints, rows };
      }),
  );

describe('property: over any check table, nothing unexercised renders as a pass', () => {
  it('in junit.xml, summary.md and report.html, with report.json valid', () => {
    checkProperty(
      fc.property(tableArbitrary, ({ endpoints, rows }) => {
        const ids = [...new Set(rows.map((r) => r.check))];
        const notExercised = ids
          .filter((id) => rows.every((r) => r.check !== id || r.outcome === 'not-exercised'))
          .map((check) => ({ check, why: rows.find((r) => r.check === check)?.why ?? '' }));
        const result = sampleResult({
          run: { endpoints, checksOff: [...new Set(rows.filter((r) => r.outcome === 'off').map((r) => r.check))] },
          summary: { notExercised },
          checks: rows,
          findings: [],
        });
        const rendered = renderAll(result);
        expect(reportProblems(rendered.json)).toEqual([]);
        for (const row of rows) expectRendered(rendered, row);
        const count = (kind: CheckOutcomeKind): number => rows.filter((r) => r.outcome === kind).length;
        expect(rendered.html.match(/class="cell outcome-pass"/g)?.length ?? 0).toBe(count('pass'));
        expect(rendered.md.match(/✅ `/g)?.length ?? 0).toBe(count('pass'));
        expect(rendered.junit.attributes).toMatchObject({
          tests: `${rows.length}`,
          failures: `${count('fail')}`,
          errors: '0',
          skipped: `${count('not-exercised') + count('off')}`,
        });
      }),
      { name: 'in junit.xml, summary.md and report.html, with report.json valid', file: FILE },
    );
  });
});
