import type { RunResult } from '../runner/result.js';

/**
 * `report.json`: the RunResult as it is. DESIGN.md's fields (`summary.verdict`, `findings[]` with
 * check, severity, endpoint, instancePath, message) are the model's own, so scripts can rely on them.
 */
export function renderJson(result: RunResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
