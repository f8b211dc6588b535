import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../runner/result.js';
import { renderHar } from './har.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './summary-md.js';

export { renderJson } from './json.js';
export { renderJunit, xmlText } from './junit.js';
export { renderMarkdown } from './summary-md.js';
export { renderHtml, REPORT_CSP } from './html.js';
export { buildHar, renderHar, type Har, type HarEntry } from './har.js';
export { mergeResults, MergeError, type MergedRunResult } from './merge.js';
export { reportProblems, REPORT_SCHEMA_PATH } from './schema.js';
export { shardsOf, type ShardRef } from './digest.js';

/** The report files a run writes, by name. */
export const REPORT_FILES = {
  json: 'report.json',
  junit: 'junit.xml',
  markdown: 'summary.md',
  html: 'report.html',
  har: 'exchanges.har',
} as const;

/** One writer per format, each a pure function of the RunResult (reporters never re-run checks). */
const WRITERS: readonly (readonly [name: string, render: (result: RunResult) => string])[] = [
  [REPORT_FILES.json, renderJson],
  [REPORT_FILES.junit, renderJunit],
  [REPORT_FILES.markdown, renderMarkdown],
  [REPORT_FILES.html, renderHtml],
  [REPORT_FILES.har, renderHar],
];

/** Writes every report format into `dir` (created if needed); returns the paths written. */
export function writeReports(result: RunResult, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return WRITERS.map(([name, render]) => {
    const path = join(dir, name);
    writeFileSync(path, render(result), 'utf8');
    return path;
  });
}
