import { pointerPattern } from '../json-pointer.js';
import type { Finding } from '../registry/finding.js';
import { checkIdsOf } from '../registry/index.js';
import type { GateCell, GateOutcome } from './cells.js';
import { SHAPE_CHECKS } from './collector.js';

/**
 * Where the in-process gate (answers served by nock) and the gate over HTTP (a live provider's
 * answers) differ about one SDK, check by check in every cell. Both judge with the same checks, but
 * not the same answers: in-process serves every generated body and both codes of the 200/201 pair
 * on demand; over HTTP the provider answers what it answers. So each check x cell is one of:
 * - agreed: both judged it and found the same (places compared with indices generalised);
 * - a disagreement: over HTTP found what in-process did not (or another severity at the same place):
 *   the provider's answers showed something nock's did not, which in-process never contradicts;
 * - found in-process only: both judged it, in-process found more (the provider's answers may not
 *   reach the place: a 207's errors, an ID above 2^31);
 * - judged by one mode only, with what that mode found.
 * The checks of the SDK's shape (its methods, its enums) judge no answer and are the same in both: left out.
 */

/** Most planned calls per endpoint over HTTP: each writes to (or reads from) a provider that may be a portal. */
export const MAX_CALLS_PER_ENDPOINT = 3;

/** A check in a cell, and what each mode found there (finding keys: severity and place). */
export interface ModeDifference {
  readonly endpoint: string;
  readonly apiVersion: string;
  readonly check: string;
  readonly inProcess: readonly string[];
  readonly overHttp: readonly string[];
}

/** A check in a cell that only one mode could judge, what it found, and why the other could not. */
export interface OneModeOnly {
  readonly endpoint: string;
  readonly apiVersion: string;
  readonly check: string;
  readonly judgedBy: 'in-process' | 'http';
  readonly found: readonly string[];
  /** `not-reached`: the other mode judged nothing at all in the cell; `no-answer`: none of its answers was one. */
  readonly why: 'not-reached' | 'no-answer';
}

/** The comparison of the two gates on one SDK. */
export interface ModeComparison {
  /** Check x cell pairs both modes judged and found the same in (checks of the SDK's shape left out). */
  readonly agreed: number;
  readonly disagreements: readonly ModeDifference[];
  readonly inProcessOnly: readonly ModeDifference[];
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

/** Whether any check judged anything in a cell. */
function reached(cell: GateCell | undefined): boolean {
  return cell?.checks.some((check) => check.evaluated > 0 && !SHAPE_CHECKS.has(check.check)) ?? false;
}

/** Compares the in-process gate's outcome with the HTTP gate's, for the same SDK, seed and versions. */
export function compareModes(inProcess: GateOutcome, overHttp: GateOutcome): ModeComparison {
  const compared = checkIdsOf('gate').filter((check) => !SHAPE_CHECKS.has(check));
  const httpCells = new Map(overHttp.cells.map((cell) => [`${cell.endpoint}|${cell.apiVersion}`, cell]));
  let agreed = 0;
  const disagreements: ModeDifference[] = [];
  const inProcessOnly: ModeDifference[] = [];
  const oneModeOnly: OneModeOnly[] = [];
  for (const cell of inProcess.cells) {
    const other = httpCells.get(`${cell.endpoint}|${cell.apiVersion}`);
    for (const check of compared) {
      const where = { endpoint: cell.endpoint, apiVersion: cell.apiVersion, check };
      const inHere = (cell.checks.find((c) => c.check === check)?.evaluated ?? 0) > 0;
      const inThere = (other?.checks.find((c) => c.check === check)?.evaluated ?? 0) > 0;
      if (!inHere && !inThere) continue;
      const a = keysIn(inProcess.result.findings, cell.endpoint, cell.apiVersion, check);
      const b = keysIn(overHttp.result.findings, cell.endpoint, cell.apiVersion, check);
      if (inHere !== inThere) {
        const [found, unjudged] = inHere ? [a, other] : [b, cell];
        const why = reached(unjudged) ? 'no-answer' : 'not-reached';
        oneModeOnly.push({ ...where, judgedBy: inHere ? 'in-process' : 'http', found, why });
      } else if (a.join('\n') === b.join('\n')) agreed++;
      else if (b.every((key) => a.includes(key))) inProcessOnly.push({ ...where, inProcess: a, overHttp: b });
      else disagreements.push({ ...where, inProcess: a, overHttp: b });
    }
  }
  return { agreed, disagreements, inProcessOnly, oneModeOnly };
}

const list = (keys: readonly string[]): string => (keys.length === 0 ? 'nothing' : keys.join('; '));

/** The comparison as lines for the terminal and Markdown: disagreements first, then what one mode alone found. */
export function comparisonLines(comparison: ModeComparison): string[] {
  const lines = [
    `in-process vs over HTTP (checks of the SDK's shape left out): ${comparison.agreed} check x cell pair(s) ` +
      `agree, ${comparison.disagreements.length} disagree, ${comparison.inProcessOnly.length} found more ` +
      `in-process, ${comparison.oneModeOnly.length} judged by one mode only`,
  ];
  for (const d of comparison.disagreements)
    lines.push(
      `  DISAGREE ${d.check} ${d.endpoint} ${d.apiVersion}: in-process [${list(d.inProcess)}], ` +
        `over HTTP [${list(d.overHttp)}]`,
    );
  for (const d of comparison.inProcessOnly)
    lines.push(
      `  found in-process only: ${d.check} ${d.endpoint} ${d.apiVersion}: [${list(d.inProcess)}], over HTTP ` +
        `[${list(d.overHttp)}] (the provider's answers may not reach it)`,
    );
  for (const o of comparison.oneModeOnly) {
    const other = o.judgedBy === 'http' ? 'in-process' : 'over HTTP';
    const why =
      o.why === 'not-reached' ? `${other} never reached this cell` : `no answer ${other} met was one it judges`;
    lines.push(
      `  only ${o.judgedBy === 'http' ? 'over HTTP' : 'in-process'}: ${o.check} ${o.endpoint} ${o.apiVersion}: ` +
        `found [${list(o.found)}] (${why})`,
    );
  }
  return lines;
}
