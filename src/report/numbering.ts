import { exchangeIdsOf, type Finding, type NumberedFinding } from '../registry/finding.js';
import { shellWord } from '../text.js';

export { exchangeIdsOf, numberedFindings, type NumberedFinding } from '../registry/finding.js';

/**
 * How the reports name findings and exchanges, in one place. Finding N is the N-th entry of report.json
 * `findings[]` (1-based), the number `hsac replay REPORT.json --finding N` takes; an exchange is named by its id
 * (`exchanges[].id`, the HAR entry's `_hsac.id`), unique in a run. Every report that shows a finding shows its number
 * and the exchange(s) it judged, so a reader can go from one report to another and to the replay.
 */

/** Every finding that names each exchange, by exchange id, in finding order. */
export function findingsByExchange(findings: readonly NumberedFinding[]): Map<number, NumberedFinding[]> {
  const byExchange = new Map<number, NumberedFinding[]>();
  for (const numbered of findings) {
    for (const id of exchangeIdsOf(numbered.finding)) {
      const named = byExchange.get(id);
      if (named) named.push(numbered);
      else byExchange.set(id, [numbered]);
    }
  }
  return byExchange;
}

/** `exchange 17`, `exchanges 61, 62`, or '' for a finding that names none. */
export function exchangesText(finding: Finding): string {
  const ids = exchangeIdsOf(finding);
  if (ids.length === 0) return '';
  return `${ids.length === 1 ? 'exchange' : 'exchanges'} ${ids.join(', ')}`;
}

/** Findings of a folded group named one by one in a line of text before the rest are left to "…". */
const FINDINGS_NAMED_IN_A_LINE = 3;

/**
 * The numbers and exchanges of a finding, or of a folded group of identical ones, for a line of text:
 * `finding 3, exchange 17`; `findings 8 (exchange 8), 12 (exchange 12), 15 (exchange 15), …` (the first few).
 */
export function findingReference(members: readonly NumberedFinding[], named = FINDINGS_NAMED_IN_A_LINE): string {
  const [only] = members;
  if (members.length === 1 && only) {
    const exchanges = exchangesText(only.finding);
    return `finding ${only.number}${exchanges ? `, ${exchanges}` : ''}`;
  }
  const listed = members.slice(0, named).map(({ number, finding }) => {
    const exchanges = exchangesText(finding);
    return exchanges ? `${number} (${exchanges})` : String(number);
  });
  return `findings ${listed.join(', ')}${members.length > named ? ', …' : ''}`;
}

/** The command that re-sends the requests behind finding `number` of the report at `reportPath` and re-checks them. */
export function findingReplayCommand(reportPath: string, number: number): string {
  return `hsac replay ${shellWord(reportPath)} --finding ${number}`;
}

/** Runs of numbers shown before the rest are left to "…": a page stays small however scattered they are. */
const RANGES_SHOWN = 30;

/**
 * Finding numbers as compact ranges, in order: `21–40, 45, 47–60`; past {@link RANGES_SHOWN} runs, `…` and how many
 * numbers are left unsaid. How a page names the findings it does not list one by one.
 */
export function numberRanges(numbers: readonly number[], shown = RANGES_SHOWN): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const n of sorted) {
    const last = runs.at(-1);
    if (last && n === last[1] + 1) last[1] = n;
    else runs.push([n, n]);
  }
  const said = runs.slice(0, shown).map(([from, to]) => (from === to ? String(from) : `${from}–${to}`));
  const unsaid = runs.slice(shown).reduce((count, [from, to]) => count + to - from + 1, 0);
  return unsaid > 0 ? `${said.join(', ')}, … (${unsaid} more)` : said.join(', ');
}
