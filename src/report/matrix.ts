import { comparisonLines, MAX_CALLS_PER_ENDPOINT } from '../gate/modes.js';
import { posix } from 'node:path';
import type { CellOutcome, GateCell } from '../gate/cells.js';
import {
  cellAt,
  matrixColumns,
  releaseId,
  type Matrix,
  type MatrixChange,
  type MatrixColumn,
  type MatrixRow,
  type MatrixVerdict,
} from '../gate/matrix.js';
import type { GuardOptions } from '../transport/redact.js';
import { htmlText, mdCell, mdCode, terminalText } from './escape.js';
import { writeGuarded } from './guarded-write.js';
import { matrixProblems } from './schema.js';

/**
 * The SDK matrix as people read it: `matrix.md`, the matrix section of each SDK's report.html, and the words and
 * marks the console summary shares with both (`hsac gate sdk`). Pure functions of the {@link Matrix} but
 * {@link writeMatrix}.
 */

/** The files {@link writeMatrix} writes, by name. */
export const MATRIX_FILES = { json: 'matrix.json', markdown: 'matrix.md' } as const;

/** One mark per cell outcome, the same in the terminal, matrix.md and report.html. */
export const CELL_MARK: Readonly<Record<CellOutcome, string>> = {
  compatible: '✓',
  incompatible: '✗',
  missing: '–',
  'not-exercised': '?',
};

const CELL_MEANING: Readonly<Record<CellOutcome, string>> = {
  compatible: 'compatible (warnings allowed)',
  incompatible: 'incompatible (an error finding)',
  missing: 'missing (the SDK has no method for it)',
  'not-exercised': 'not exercised (no request it sent and answer it decoded were both judged there)',
};

/** The legend of the cell marks, one line. */
export function cellLegend(): string {
  return (Object.keys(CELL_MARK) as CellOutcome[]).map((o) => `${CELL_MARK[o]} ${CELL_MEANING[o]}`).join(' · ');
}

/**
 * How the matrix's releases are said: the version alone when every row is one package (`11.2.0`), else name and
 * version; keyed by {@link releaseId}.
 */
export function releaseNames(matrix: Matrix): ReadonlyMap<string, string> {
  const onePackage = new Set(matrix.sdks.map((row) => row.name)).size === 1;
  return new Map(matrix.sdks.map((row) => [releaseId(row), onePackage ? row.version : `${row.name} ${row.version}`]));
}

/** A finding of the matrix in one line: severity, check, endpoint, version, place. */
function findingLabel(change: MatrixChange): string {
  const place = change.instancePath === '' ? '(body)' : change.instancePath;
  return [change.severity, change.check, change.endpoint, change.apiVersion, place].filter((p) => p !== '').join(' ');
}

/**
 * When a finding came and went, in words: `first in 11.2.0, gone from 13.5.0`, `in every release gated`; the rows it
 * is in are listed too when they are not one run (it came back).
 */
function changeHistory(change: MatrixChange, matrix: Matrix, names: ReadonlyMap<string, string>): string {
  const name = (release: string): string => names.get(release) ?? release;
  // Within the change's own package: another package's releases are no before or after of these.
  const rows = matrix.sdks.filter((row) => row.name === change.package).map(releaseId);
  const others = matrix.sdks.length > rows.length ? ` (of ${change.package}'s releases)` : '';
  const notJudged =
    change.notJudgedIn.length === 0
      ? ''
      : `; not judged in ${change.notJudgedIn.map(name).join(', ')} (no method for it there, or nothing reached it)`;
  if (change.presentIn.length + change.notJudgedIn.length === rows.length)
    return `in every release gated${others}${change.notJudgedIn.length === 0 ? '' : ' that could judge it'}${notJudged}`;
  const judged = rows.filter((release) => !change.notJudgedIn.includes(release));
  const before = (release: string): string | undefined => judged[judged.indexOf(release) - 1];
  const lastIn = change.presentIn.at(-1) ?? '';
  // Only releases gated are known: a finding "first in 11.2.0 (absent in 10.2.1)" came somewhere between the two.
  const parts = [
    change.appeared === null
      ? `from the first release gated${others} (${name(judged[0] ?? '')})`
      : `first in ${name(change.appeared)} (absent in ${name(before(change.appeared) ?? '')})`,
    ...(change.disappeared === null ? [] : [`last in ${name(lastIn)}, absent from ${name(change.disappeared)} on`]),
  ];
  const first = rows.indexOf(change.presentIn[0] ?? '');
  const oneRun = change.presentIn.every((release, index) => rows[first + index] === release);
  return `${parts.join(', ')}${oneRun ? '' : `; present in ${change.presentIn.map(name).join(', ')}`}${notJudged}`;
}

/** One finding across the releases as text: `error sdk-status-tolerance batch-read v4 (body): first in 12.0.0`. */
export function changeLine(change: MatrixChange, matrix: Matrix, names = releaseNames(matrix)): string {
  return `${findingLabel(change)}: ${changeHistory(change, matrix, names)}`;
}

/** A verdict as printed: `COMPATIBLE`, `INCOMPATIBLE`, `INCONCLUSIVE`. */
export const VERDICT_WORD: Readonly<Record<MatrixVerdict, string>> = {
  compatible: 'COMPATIBLE',
  incompatible: 'INCOMPATIBLE',
  inconclusive: 'INCONCLUSIVE',
};

/** A release's verdict and counts: `INCOMPATIBLE (3 errors, 18 warnings)`. */
export function verdictLine(row: MatrixRow): string {
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${VERDICT_WORD[row.verdict]} (${plural(row.errors, 'error')}, ${plural(row.warnings, 'warning')})`;
}

function columnName(column: MatrixColumn): string {
  return `${column.apiVersion} ${column.endpoint}`;
}

/** Where a row's report.html is, from the directory of the matrix file or of another row's reports. */
function reportLink(row: MatrixRow, from = '.'): string {
  return posix.join(posix.relative(from, row.reportDir), 'report.html');
}

function describeRun(matrix: Matrix): string {
  const how =
    matrix.mode === 'http'
      ? `over HTTP against ${matrix.target ?? 'a provider'}`
      : 'in-process (answers served by nock)';
  const cases =
    matrix.mode === 'http'
      ? `${Math.min(matrix.runs, MAX_CALLS_PER_ENDPOINT)} planned call(s) per endpoint (--runs ${matrix.runs}, at most ${MAX_CALLS_PER_ENDPOINT})`
      : `${matrix.runs} generated cases per request and status`;
  const cut = matrix.notGated ? ` · interrupted, not gated: ${matrix.notGated.join(', ')}` : '';
  return `hsac ${matrix.tool.version} · ${how} · seed ${matrix.seed} · ${cases}${cut}`;
}

/**
 * `matrix.md`: one row per SDK release, one column per API version x endpoint, each cell a mark (with a legend), then
 * one line per finding saying in which release it appeared or disappeared.
 */
export function matrixMarkdown(matrix: Matrix): string {
  const columns = matrixColumns(matrix);
  const names = releaseNames(matrix);
  const head = ['SDK release', 'verdict', ...columns.map((column) => mdCell(columnName(column))), 'report'];
  const rows = matrix.sdks.map((row) => [
    mdCell(`${row.name} ${row.version}`),
    row.verdict === 'compatible' ? mdCell(verdictLine(row)) : `**${mdCell(verdictLine(row))}**`,
    ...columns.map((column) => {
      const cell = cellAt(row, column);
      return cell ? CELL_MARK[cell.outcome] : ' ';
    }),
    `[report.html](${encodeURI(reportLink(row))})`,
  ]);
  const table = [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  const changes = matrix.changes.map((change) => {
    const label = mdCode(findingLabel(change));
    return `- ${label}: ${mdCell(changeHistory(change, matrix, names), 1000)}`;
  });
  return [
    '# SDK compatibility matrix',
    '',
    mdCell(describeRun(matrix)),
    '',
    ...table,
    '',
    mdCell(cellLegend()),
    '',
    '## Findings across releases',
    '',
    ...(changes.length > 0 ? changes : ['No finding in any release.']),
    '',
    ...comparisonSection(matrix),
  ].join('\n');
}

/**
 * The matrix for a terminal: a legend, then one line per release (name, version, verdict and counts, then its cell
 * marks grouped by API version, endpoints in the catalogue's order); with `changes`, one line per finding saying
 * when it came and went (left out for a single release, where each only repeats a finding printed above).
 */
export function matrixConsoleLines(matrix: Matrix, options: { readonly changes: boolean }): string[] {
  const columns = matrixColumns(matrix);
  const versions = [...new Set(columns.map((column) => column.apiVersion))];
  const endpoints = [...new Set(columns.map((column) => column.endpoint))];
  const labels = matrix.sdks.map((row) => terminalText(`${row.name} ${row.version}`));
  const width = Math.max(...labels.map((label) => label.length));
  const lines = [
    `  matrix: ${cellLegend()}`,
    `  cells per API version, endpoints in this order: ${endpoints.join(', ')}`,
    ...matrix.sdks.map((row, index) => {
      const marks = versions.map((apiVersion) => {
        const cells = endpoints.map((endpoint) => cellAt(row, { endpoint, apiVersion }));
        return `${apiVersion} ${cells.map((cell) => (cell ? CELL_MARK[cell.outcome] : ' ')).join('')}`;
      });
      return `    ${(labels[index] ?? '').padEnd(width)}  ${verdictLine(row)}  ${marks.join('  ')}`;
    }),
  ];
  if (options.changes && matrix.changes.length > 0) {
    const names = releaseNames(matrix);
    lines.push('  findings across releases:');
    lines.push(...matrix.changes.map((change) => `    ${terminalText(changeLine(change, matrix, names))}`));
  }
  return lines;
}

/** What the checks said in a cell, for its tooltip and its small print: the checks that found something. */
function cellDetail(cell: GateCell): string {
  const found = cell.checks.filter((check) => check.errors + check.warnings > 0);
  if (found.length === 0) return cell.outcome === 'missing' ? 'no SDK method' : 'no finding';
  return found.map((check) => `${check.check} (${check.errors} error(s), ${check.warnings} warning(s))`).join('; ');
}

const CELL_CLASS: Readonly<Record<CellOutcome, string>> = {
  compatible: 'outcome-pass',
  incompatible: 'outcome-fail',
  missing: 'outcome-none',
  'not-exercised': 'outcome-none',
};

const VERDICT_CLASS: Readonly<Record<MatrixVerdict, string>> = {
  compatible: 'outcome-pass',
  incompatible: 'outcome-fail',
  inconclusive: 'outcome-warn',
};

/** Where report.html shows the matrix: the matrix, and which of its rows the page is about. */
export interface MatrixPlacement {
  readonly matrix: Matrix;
  /** This report's row ({@link releaseId}): its reportDir is where the links to the other rows start. */
  readonly release: string;
}

/**
 * The matrix section of an SDK's report.html: the same table as matrix.md (each release links to its own page), the
 * legend, and the findings across releases. Classes are the page's own (no style of its own, no script).
 */
export function matrixSection({ matrix, release }: MatrixPlacement): string {
  const columns = matrixColumns(matrix);
  const names = releaseNames(matrix);
  const self = matrix.sdks.find((row) => releaseId(row) === release);
  const here = self?.reportDir ?? '.';
  const head = ['SDK release', 'verdict', ...columns.map(columnName)].map((h) => `<th scope="col">${htmlText(h)}</th>`);
  const body = matrix.sdks.map((row) => {
    const name = htmlText(`${row.name} ${row.version}`);
    const title =
      row === self
        ? `${name} <span class="muted">(this report)</span>`
        : `<a href="${htmlText(encodeURI(reportLink(row, here)))}">${name}</a>`;
    const cells = columns.map((column) => {
      const cell = cellAt(row, column);
      if (!cell) return '<td class="cell outcome-none" title="not gated">n/a</td>';
      const tip = `${row.name} ${row.version}, ${columnName(column)}: ${cell.outcome}; ${cellDetail(cell)}`;
      const attributes = `class="cell ${CELL_CLASS[cell.outcome]}" data-outcome="${htmlText(cell.outcome)}"`;
      const small = cell.outcome === 'compatible' ? '' : `<small>${htmlText(cellDetail(cell))}</small>`;
      const mark = htmlText(`${CELL_MARK[cell.outcome]} ${cell.outcome}`);
      return `<td ${attributes} title="${htmlText(tip)}">${mark}${small}</td>`;
    });
    const verdict = `<td class="cell ${VERDICT_CLASS[row.verdict]}">${htmlText(verdictLine(row))}</td>`;
    const attributes = `data-release="${htmlText(releaseId(row))}"`;
    const heading = `<th scope="row">${title}<span class="desc">${htmlText(row.spec)}</span></th>`;
    return `<tr ${attributes}>${heading}${verdict}${cells.join('')}</tr>`;
  });
  const changes = matrix.changes.map(
    (change) =>
      `<li><code>${htmlText(findingLabel(change))}</code>: ${htmlText(changeHistory(change, matrix, names))}</li>`,
  );
  const files = [MATRIX_FILES.json, MATRIX_FILES.markdown]
    .map((file) => `<code>${htmlText(posix.join(posix.relative(here, '.'), file))}</code>`)
    .join(', ');
  return `<section id="sdk-matrix"><h2>SDK releases × API version and endpoint</h2>
<p class="muted">${htmlText(describeRun(matrix))}. The same matrix: ${files}.</p>
<div class="matrix-scroll"><table id="sdk-matrix-table"><thead><tr>${head.join('')}</tr></thead><tbody>
${body.join('\n')}
</tbody></table></div>
<p class="muted">${htmlText(cellLegend())}</p>
<h3>Findings across releases</h3>
${changes.length > 0 ? `<ul class="matrix-changes">${changes.join('')}</ul>` : '<p>No finding in any release.</p>'}
${comparisonHtml(matrix)}</section>`;
}

/**
 * Writes matrix.json and matrix.md into `dir` through the same final scan as the reports; returns the paths written.
 * A matrix its schema refuses is a bug in hsac: it throws before writing anything.
 */
export function writeMatrix(matrix: Matrix, dir: string, options: GuardOptions = {}): string[] {
  const problems = matrixProblems(matrix);
  if (problems.length > 0) throw new Error(`the matrix does not match its schema: ${problems.slice(0, 3).join('; ')}`);
  return writeGuarded(
    dir,
    [
      [MATRIX_FILES.json, () => `${JSON.stringify(matrix, null, 2)}\n`],
      [MATRIX_FILES.markdown, () => matrixMarkdown(matrix)],
    ],
    options,
  );
}

/** Over HTTP: per release, where the in-process gate on the same release found otherwise (none in-process). */
function comparisonSection(matrix: Matrix): string[] {
  const compared = matrix.sdks.filter((row) => row.comparison !== undefined);
  if (compared.length === 0) return [];
  return [
    '## In-process vs over HTTP',
    '',
    ...compared.flatMap((row) => [
      `### ${mdCell(`${row.name} ${row.version}`)}`,
      '',
      ...(row.comparison ? comparisonLines(row.comparison).map((line) => `- ${mdCell(line.trim(), 1000)}`) : []),
      '',
    ]),
  ];
}

/** Over HTTP: per release, the comparison with the in-process gate, as in matrix.md (empty in-process). */
function comparisonHtml(matrix: Matrix): string {
  const compared = matrix.sdks.filter((row) => row.comparison !== undefined);
  if (compared.length === 0) return '';
  const blocks = compared.map((row) => {
    const lines = row.comparison ? comparisonLines(row.comparison) : [];
    const [head = '', ...rest] = lines;
    const items = rest.map((line) => `<li>${htmlText(line.trim())}</li>`).join('');
    return `<h4>${htmlText(`${row.name} ${row.version}`)}</h4><p>${htmlText(head)}</p>${items ? `<ul>${items}</ul>` : ''}`;
  });
  return `<h3 id="sdk-matrix-modes">In-process vs over HTTP</h3>\n${blocks.join('\n')}\n`;
}
