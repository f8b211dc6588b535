import { readFileSync } from 'node:fs';
import { reportProblems } from '../report/index.js';
import type { RunResult } from '../runner/result.js';
import { UsageError } from './common.js';

/**
 * Reads a report.json and checks it against the report schema (and its check and exchange ids against this hsac's,
 * `reportProblems`): anything else is a usage error naming the file and its first problems (`report merge`,
 * `replay`).
 */
export function readReportFile(path: string): RunResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not JSON: ${(error as Error).message}`);
  }
  const problems = reportProblems(value);
  if (problems.length > 0) {
    const more = problems.length > 3 ? ` (+${problems.length - 3} more)` : '';
    throw new UsageError(
      `${path} is not an hsac report (schemas/report/report.schema.json): ${problems.slice(0, 3).join('; ')}${more}`,
    );
  }
  return value as RunResult;
}
