import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CellOutcome, GateCell } from '../gate/cells.js';
import { buildMatrix, type Matrix, type MatrixEntry } from '../gate/matrix.js';
import type { Finding } from '../registry/finding.js';
import { RedactionFailure } from '../transport/redact.js';
import { renderHtml } from './html.js';
import { REPORT_FILES, writeReports } from './index.js';
import { changeLine, MATRIX_FILES, matrixConsoleLines, matrixMarkdown, matrixSection, writeMatrix } from './matrix.js';
import { sampleResult } from './sample.js';
import { matrixProblems } from './schema.js';

const CLIENT = '@hubspot/api-client';

function cell(endpoint: GateCell['endpoint'], outcome: CellOutcome): GateCell {
  const errors = outcome === 'incompatible' ? 1 : 0;
  return {
    endpoint,
    apiVersion: 'v4',
    outcome,
    checks: [
      {
        check: 'sdk-status-tolerance',
        outcome: errors > 0 ? 'fail' : outcome === 'missing' ? 'not-exercised' : 'pass',
        evaluated: outcome === 'missing' ? 0 : 4,
        errors,
        warnings: 0,
      },
    ],
  };
}

const TOLERANCE: Finding = {
  check: 'sdk-status-tolerance',
  severity: 'error',
  endpoint: 'batch-read',
  apiVersion: 'v4',
  instancePath: '',
  message: '201 for a declared 200 throws',
};
const ENUM: Finding = { ...TOLERANCE, check: 'sdk-enum-values', severity: 'warning', instancePath: '/status' };

/** A release as the gate leaves it: findings (the verdict follows), batch-read's cell, its report directory. */
function release(name: string, version: string, findings: readonly Finding[], reportDir = version): MatrixEntry {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const result = sampleResult({
    findings,
    summary: { verdict: errors > 0 ? 'fail' : 'pass', errors, warnings: findings.length - errors },
  });
  const cells = [cell('batch-read', errors > 0 ? 'incompatible' : 'compatible'), cell('associate-default', 'missing')];
  return { spec: `${name}@${version}`, sdk: { name, version }, outcome: { result, cells }, reportDir };
}

/** Three releases of one package: the tolerance bug in 12 only, the enum warning in all. */
const MATRIX = buildMatrix([
  release(CLIENT, '13.0.0', [ENUM]),
  release(CLIENT, '11.2.0', [ENUM]),
  release(CLIENT, '12.0.0', [TOLERANCE, ENUM]),
]);

describe('matrix.md', () => {
  const markdown = matrixMarkdown(MATRIX);

  it('one row per release in release order, one column per version x endpoint, marks with their legend', () => {
    const table = markdown.split('\n').filter((line) => line.startsWith('|'));
    expect(table[0]).toBe('| SDK release | verdict | v4 batch-read | v4 associate-default | report |');
    expect(table.slice(2)).toEqual([
      `| ${CLIENT} 11.2.0 | COMPATIBLE (0 errors, 1 warning) | ✓ | – | [report.html](11.2.0/report.html) |`,
      `| ${CLIENT} 12.0.0 | **INCOMPATIBLE (1 error, 1 warning)** | ✗ | – | [report.html](12.0.0/report.html) |`,
      `| ${CLIENT} 13.0.0 | COMPATIBLE (0 errors, 1 warning) | ✓ | – | [report.html](13.0.0/report.html) |`,
    ]);
    expect(markdown).toContain('✓ compatible (warnings allowed) · ✗ incompatible (an error finding) · – missing (');
  });

  it('says the release where each finding appeared and disappeared (versions alone: one package)', () => {
    expect(markdown).toContain(
      '- `error sdk-status-tolerance batch-read v4 (body)`: first in 12.0.0 (absent in 11.2.0), last in 12.0.0, absent from 13.0.0 on',
    );
    expect(markdown).toContain('- `warning sdk-enum-values batch-read v4 /status`: in every release gated');
  });

  it('names the package too when the rows are of several, and follows a finding within its own package only', () => {
    const matrix = buildMatrix([
      release(CLIENT, '1.0.0', [TOLERANCE], 'a'),
      release('other-client', '1.0.0', [], 'b'),
      release('other-client', '2.0.0', [TOLERANCE], 'c'),
    ]);
    // Another package's release is no "before" of these: other-client 2.0.0's finding is new against 1.0.0 only.
    expect(matrix.changes.map((change) => changeLine(change, matrix))).toEqual([
      `error sdk-status-tolerance batch-read v4 (body): in every release gated (of ${CLIENT}'s releases)`,
      'error sdk-status-tolerance batch-read v4 (body): first in other-client 2.0.0 (absent in other-client 1.0.0)',
    ]);
  });

  it('escapes what came from a package.json: a pipe or markup cannot break the table', () => {
    const hostile = matrixMarkdown(buildMatrix([release('evil|<img src=x>', '1.0.0', [])]));
    expect(hostile).toContain('| evil\\|&lt;img src=x&gt; 1.0.0 |');
    expect(hostile).not.toContain('<img');
  });
});

describe('the matrix section of report.html', () => {
  const placement = { matrix: MATRIX, release: `${CLIENT}@12.0.0` };
  const section = matrixSection(placement);

  it('marks this report, links the others from its own directory, paints the cells', () => {
    expect(section).toContain(`${CLIENT} 12.0.0 <span class="muted">(this report)</span>`);
    expect(section).toContain(`<a href="../11.2.0/report.html">${CLIENT} 11.2.0</a>`);
    expect(section).toContain('<code>../matrix.json</code>');
    expect(section).toMatch(
      /<td class="cell outcome-fail" data-outcome="incompatible" title="[^"]*sdk-status-tolerance/,
    );
    expect(section).toContain('<td class="cell outcome-none" data-outcome="missing"');
    expect(section).toContain(
      '<li><code>error sdk-status-tolerance batch-read v4 (body)</code>: first in 12.0.0 (absent in 11.2.0), last in 12.0.0, absent from 13.0.0 on</li>',
    );
  });

  it('escapes what came from a package.json and has no script', () => {
    const hostile = matrixSection({ matrix: buildMatrix([release('<script>x</script>', '1.0.0', [])]), release: '' });
    expect(hostile).toContain('&lt;script&gt;x&lt;/script&gt; 1.0.0');
    expect(hostile).not.toMatch(/<script/i);
  });

  it('is on the page only when asked for: without it the page is as before', () => {
    const result = sampleResult();
    const without = renderHtml(result);
    expect(without).not.toContain('sdk-matrix');
    expect(renderHtml(result, { matrix: placement }).replace(`${section}\n`, '')).toBe(without);
  });

  it('writeReports puts it on report.html', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hsac-matrix-page-'));
    try {
      writeReports(sampleResult(), dir, { matrix: placement });
      expect(readFileSync(join(dir, REPORT_FILES.html), 'utf8')).toContain(section);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the console lines', () => {
  it('one line per release with its cell marks by version; the change lines when asked', () => {
    const lines = matrixConsoleLines(MATRIX, { changes: true });
    expect(lines).toContain(`    ${CLIENT} 12.0.0  INCOMPATIBLE (1 error, 1 warning)  v4 ✗–`);
    expect(lines).toContain(
      '    error sdk-status-tolerance batch-read v4 (body): first in 12.0.0 (absent in 11.2.0), last in 12.0.0, absent from 13.0.0 on',
    );
    expect(matrixConsoleLines(MATRIX, { changes: false }).join('\n')).not.toContain('first in');
  });
});

describe('matrix.json and its schema', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hsac-matrix-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a built matrix, parsed back from JSON too', () => {
    expect(matrixProblems(MATRIX)).toEqual([]);
    expect(matrixProblems(JSON.parse(JSON.stringify(MATRIX)))).toEqual([]);
  });

  it('refuses a broken one, each problem at its pointer', () => {
    const [row] = MATRIX.sdks;
    const [change] = MATRIX.changes;
    if (!row || !change) throw new Error('the sample matrix has rows and changes');
    const broken = (matrix: object): string[] => matrixProblems(matrix);
    const { seed: _, ...noSeed } = MATRIX;
    expect(broken(noSeed)).toEqual(["(root): must have required property 'seed'"]);
    expect(broken({ ...MATRIX, sdks: [{ ...row, errors: 2 }] }).join('\n')).toMatch(
      /^\/sdks\/0\/errors: must be equal/,
    );
    expect(broken({ ...MATRIX, sdks: [{ ...row, verdict: 'fine' }] })).toContain(
      '/sdks/0/verdict: must be one of "compatible", "incompatible", "inconclusive"',
    );
    expect(broken({ ...MATRIX, changes: [{ ...change, appeared: 'nobody@1.0.0' }] })).toEqual([
      '/changes/0/appeared: "nobody@1.0.0" is no row',
    ]);
    expect(broken({ ...MATRIX, changes: [{ ...change, check: 'no-such-check' }] })).toEqual([
      '/changes/0/check: "no-such-check" is not a check id of this hsac',
    ]);
    expect(broken({ ...MATRIX, sdks: [row, row] })).toContain(`/sdks/1: ${CLIENT}@11.2.0 is an earlier row too`);
  });

  it('writeMatrix writes matrix.json (valid) and matrix.md; it writes nothing for a matrix its schema refuses', () => {
    const written = writeMatrix(MATRIX, join(dir, 'ok'));
    expect(written).toEqual([join(dir, 'ok', MATRIX_FILES.json), join(dir, 'ok', MATRIX_FILES.markdown)]);
    expect(matrixProblems(JSON.parse(readFileSync(join(dir, 'ok', MATRIX_FILES.json), 'utf8')))).toEqual([]);
    expect(readFileSync(join(dir, 'ok', MATRIX_FILES.markdown), 'utf8')).toBe(matrixMarkdown(MATRIX));
    const broken = { ...MATRIX, runs: -1 } as Matrix;
    expect(() => writeMatrix(broken, join(dir, 'broken'))).toThrow(/does not match its schema: \/runs/);
    expect(existsSync(join(dir, 'broken'))).toBe(false);
  });

  it('passes the same final scan as the reports: a file holding the token is withheld', () => {
    const token = 'pat-na1-' + '11111111-2222-3333-4444-555555555555';
    const leaky = buildMatrix([release(CLIENT, '1.0.0', [{ ...ENUM, message: `saw ${token}` }])]);
    let failure: unknown;
    try {
      writeMatrix(leaky, join(dir, 'leak'), { secrets: [token] });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(RedactionFailure);
    expect((failure as RedactionFailure).artifacts).toEqual([MATRIX_FILES.json]);
    expect(existsSync(join(dir, 'leak', MATRIX_FILES.json))).toBe(false);
  });
});

describe('the comparison of the two gates (over HTTP)', () => {
  const comparison = {
    agreed: 4,
    disagreements: [
      { endpoint: 'batch-read', apiVersion: 'v4', check: 'sdk-field-lost', inProcess: [], overHttp: ['error /<b>'] },
    ],
    inProcessOnly: [],
    oneModeOnly: [
      {
        endpoint: 'batch-read',
        apiVersion: 'v4',
        check: 'sdk-status-tolerance',
        judgedBy: 'in-process' as const,
        found: ['error (body)'],
        why: 'no-answer' as const,
      },
    ],
  };
  const matrix = buildMatrix([{ ...release(CLIENT, '13.0.0', []), comparison }], { mode: 'http', target: 'x' });

  it('is in matrix.json (valid), matrix.md and the report section, escaped, and absent in-process', () => {
    expect(matrixProblems(matrix)).toEqual([]);
    expect(matrix.sdks[0]?.comparison).toEqual(comparison);
    const markdown = matrixMarkdown(matrix);
    expect(markdown).toContain('## In-process vs over HTTP');
    expect(markdown).toContain('1 planned call(s) per endpoint (--runs 1, at most 3)');
    expect(markdown).toContain(
      '- DISAGREE sdk-field-lost batch-read v4: in-process \\[nothing\\], over HTTP \\[error /&lt;b&gt;\\]',
    );
    const html = matrixSection({ matrix, release: `${CLIENT}@13.0.0` });
    expect(html).toContain('<h3 id="sdk-matrix-modes">In-process vs over HTTP</h3>');
    expect(html).toContain('over HTTP [error /&lt;b&gt;]');
    expect(html).not.toContain('/<b>');
    expect(html).toContain('only in-process: sdk-status-tolerance batch-read v4: found [error (body)]');
    expect(matrixSection({ matrix: MATRIX, release: `${CLIENT}@12.0.0` })).not.toContain('In-process vs over HTTP');
    expect(matrixMarkdown(MATRIX)).not.toContain('In-process vs over HTTP');
  });
});
