import { join } from 'node:path';
import type { RunResult } from '../runner/result.js';
import { writeGuarded } from './guarded-write.js';
import { renderHar } from './har.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import type { MatrixPlacement } from './matrix.js';
import { renderMarkdown } from './summary-md.js';

export { renderJson } from './json.js';
export { renderJunit } from './junit.js';
export { terminalText, xmlText } from './escape.js';
export { renderMarkdown } from './summary-md.js';
export { renderHtml, REPORT_CSP, type HtmlOptions } from './html.js';
export { curlCommand, TOKEN_VARIABLE } from './curl.js';
export { exchangeIdsOf, findingReplayCommand, numberedFindings, type NumberedFinding } from './numbering.js';
export { buildHar, renderHar, type Har, type HarEntry } from './har.js';
export { mergeResults, MergeError, type MergedRunResult } from './merge.js';
export { matrixProblems, MATRIX_SCHEMA_PATH, reportProblems, REPORT_SCHEMA_PATH } from './schema.js';
export {
  changeLine,
  CELL_MARK,
  MATRIX_FILES,
  matrixConsoleLines,
  matrixMarkdown,
  matrixSection,
  releaseNames,
  VERDICT_WORD,
  writeMatrix,
  type MatrixPlacement,
} from './matrix.js';
export { shardsOf, type ShardRef } from './digest.js';
export { paintVerdict, renderConsoleSummary, type ConsoleOptions } from './console.js';
// What writeReports throws when the final scan withholds a report (exit 3 in `hsac`).
export { RedactionFailure } from '../transport/redact.js';

/** The report files a run writes, by name. */
export const REPORT_FILES = {
  json: 'report.json',
  junit: 'junit.xml',
  markdown: 'summary.md',
  html: 'report.html',
  har: 'exchanges.har',
} as const;

/** Where the reports are written, as the commands they print name it. */
interface WriteContext {
  /** report.json as the user would name it (`--report-dir`'s value joined with `report.json`). */
  readonly reportPath: string;
  /** The SDK matrix this report's page shows a section of (`hsac gate sdk`). */
  readonly matrix?: MatrixPlacement;
}

/** One writer per format, each a pure function of the RunResult (reporters never re-run checks). */
const WRITERS: readonly (readonly [name: string, render: (result: RunResult, context: WriteContext) => string])[] = [
  [REPORT_FILES.json, renderJson],
  [REPORT_FILES.junit, renderJunit],
  [REPORT_FILES.markdown, renderMarkdown],
  [REPORT_FILES.html, (result, { reportPath, matrix }) => renderHtml(result, { reportPath, matrix })],
  [REPORT_FILES.har, renderHar],
];

/** Options of {@link writeReports}. */
export interface WriteReportsOptions {
  /**
   * Secrets the final scan looks for besides those of the current scope (`hsac` opens one per
   * invocation, holding `--token`, `HUBSPOT_ACCESS_TOKEN` and every client's token). A library
   * caller outside `hsac` passes its token here, or runs inside `withSecretScope`.
   */
  readonly secrets?: readonly (string | undefined)[];
  /**
   * The report directory as the user named it (`--report-dir reports/x`), for the commands the reports print
   * (`hsac replay reports/x/report.json --finding N` in report.html); default: `dir` as given to writeReports.
   */
  readonly reportDir?: string;
  /** The SDK matrix of the gate run this report is part of: report.html then carries its section. */
  readonly matrix?: MatrixPlacement;
}

/**
 * Writes every report format into `dir` (created if needed); returns the paths written.
 *
 * Every file first passes the final scan (`guardOutput`): a report that would hold the access
 * token in any form, after decoding, is not written (a file of that name left by an earlier run is
 * removed, so nobody reads a stale report as this run's), the clean ones are, and it then throws
 * {@link RedactionFailure} naming the reports withheld, with `written` listing the others. `hsac`
 * turns that into exit 3.
 */
export function writeReports(result: RunResult, dir: string, options: WriteReportsOptions = {}): string[] {
  const context: WriteContext = {
    reportPath: join(options.reportDir ?? dir, REPORT_FILES.json),
    matrix: options.matrix,
  };
  return writeGuarded(
    dir,
    WRITERS.map(([name, render]) => [name, () => render(result, context)] as const),
    options,
  );
}
