import { pointerPattern } from '../json-pointer.js';
import type { Finding } from '../registry/finding.js';
import type { GateOutcome } from './cells.js';
import { checkIdsOf } from '../registry/index.js';

/**
 * Where the in-process gate (answers served by nock) and the gate over HTTP (a live provider's
 * answers) disagree about one SDK, check by check in every cell. Both judge with the same checks,
 * but not the same answers: in-process serves every generated body and both codes of the 200/201
 * pair on demand; over HTTP the provider answers what it answers. So a check is compared only in a
 * cell where both judged something; where only one did, that is said, not counted as agreement.
 */

/** One gate check in one cell, and what each mode found there (finding keys: severity and place). */
export interface ModeDisagreement {
  readonly endpoint: string;
  readonly apiVersion: string;
  readonly check: string;
  readonly inProcess: readonly string[];
  readonly overHttp: readonly string[];
}

/** A gate check in a cell that only one mode could judge. */
export interface OneModeOnly {
  readonly endpoint: string;
  readonly apiVersion: string;
  readonly check: string;
  readonly judgedBy: 'in-process' | 'http';
}

/** The comparison of the two gates on one SDK. */
export interface ModeComparison {
  /** Check x cell pairs both modes judged and found the same in. */
  readonly agreed: number;
  readonly disagreements: readonly ModeDisagreement[];
  readonly oneModeOnly: readonly OneModeOnly[];
}

/** A finding as compared across modes: its severity and place with indices generalised (the first case differs). */
function keyOf(finding: Finding): string {
  return `${finding.severity} ${pointerPattern(finding.instancePath) || '(body)'}`;
}

function keysIn(findings: readonly Finding[], endpoint: string, apiVersion: string, check: string): string[] {
  const keys = findings
    .filter((f) => f.check === check && f.endpoint === endpoint && f.apiVersion === apiVersion)
    .map(keyOf);
  return [...new Set(keys)].sort();
}

/** Compares the in-process gate's outcome with the HTTP gate's, for the same SDK, seed and versions. */
export function compareModes(inProcess: GateOutcome, overHttp: GateOutcome): ModeComparison {
  const gateChecks = new Set<string>(checkIdsOf('gate'));
  const httpCells = new Map(overHttp.cells.map((cell) => [`${cell.endpoint}|${cell.apiVersion}`, cell]));
  let agreed = 0;
  const disagreements: ModeDisagreement[] = [];
  const oneModeOnly: OneModeOnly[] = [];
  for (const cell of inProcess.cells) {
    const other = httpCells.get(`${cell.endpoint}|${cell.apiVersion}`);
    if (!other) continue;
    for (const judged of cell.checks.filter((c) => gateChecks.has(c.check))) {
      const there = other.checks.find((c) => c.check === judged.check);
      const inHere = judged.evaluated > 0;
      const inThere = (there?.evaluated ?? 0) > 0;
      const where = { endpoint: cell.endpoint, apiVersion: cell.apiVersion, check: judged.check };
      if (!inHere && !inThere) continue;
      if (inHere !== inThere) {
        oneModeOnly.push({ ...where, judgedBy: inHere ? 'in-process' : 'http' });
        continue;
      }
      const a = keysIn(inProcess.result.findings, cell.endpoint, cell.apiVersion, judged.check);
      const b = keysIn(overHttp.result.findings, cell.endpoint, cell.apiVersion, judged.check);
      if (a.join('\n') === b.join('\n')) agreed++;
      else disagreements.push({ ...where, inProcess: a, overHttp: b });
    }
  }
  return { agreed, disagreements, oneModeOnly };
}

/** The comparison as lines for the terminal and Markdown: disagreements first, then what one mode alone judged. */
export function comparisonLines(comparison: ModeComparison): string[] {
  const lines = [
    `in-process vs over HTTP: ${comparison.agreed} check x cell pair(s) agree, ` +
      `${comparison.disagreements.length} disagree, ${comparison.oneModeOnly.length} judged by one mode only`,
  ];
  for (const d of comparison.disagreements)
    lines.push(
      `  DISAGREE ${d.check} ${d.endpoint} ${d.apiVersion}: in-process [${d.inProcess.join('; ') || 'nothing'}], ` +
        `over HTTP [${d.overHttp.join('; ') || 'nothing'}]`,
    );
  for (const o of comparison.oneModeOnly)
    lines.push(
      `  only ${o.judgedBy === 'http' ? 'over HTTP' : 'in-process'}: ${o.check} ${o.endpoint} ${o.apiVersion}` +
        (o.judgedBy === 'in-process' ? " (none of the provider's answers was one it judges)" : ''),
    );
  return lines;
}
