import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../runner/result.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';

export { renderJson } from './json.js';
export { renderJunit, xmlText } from './junit.js';

/** The report files a run writes, by name. */
export const REPORT_FILES = { json: 'report.json', junit: 'junit.xml' } as const;

/** Writes every report format into `dir` (created if needed); returns the paths written. */
export function writeReports(result: RunResult, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const write = (name: string, content: string): void => {
    const path = join(dir, name);
    writeFileSync(path, content, 'utf8');
    written.push(path);
  };
  write(REPORT_FILES.json, renderJson(result));
  write(REPORT_FILES.junit, renderJunit(result));
  return written;
}
