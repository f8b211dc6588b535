#!/usr/bin/env node
// `npm run mutation:summary [-- report.json ...]`: the mutation score per area of issue 16 from Stryker's JSON
// report(s) (default reports/mutation/mutation.json), as Markdown tables, so a closing note or a pull request can
// state the score per area before and after; then the undetected mutants per mutator (which kinds of change the
// specs miss). Several reports (runs over parts of the tree) are summed.
import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';

/** The areas, first match wins: redaction is named before the transport folder that holds redact.ts. */
const AREAS = [
  ['redaction', (file) => file === 'src/transport/redact.ts' || file === 'src/report/guarded-write.ts'],
  ['checks', (file) => file.startsWith('src/checks/')],
  ['transport', (file) => file.startsWith('src/transport/')],
  ['validate', (file) => file.startsWith('src/validate/')],
  ['audit rules', (file) => file.startsWith('src/audit/rules/')],
];
const OTHER = 'other';

/** Stryker's statuses as counted here; the score is Stryker's: detected / (detected + undetected). */
const COLUMNS = ['Killed', 'Timeout', 'Survived', 'NoCoverage', 'Ignored', 'CompileError', 'RuntimeError'];

const reportPaths = process.argv.slice(2);
if (reportPaths.length === 0) reportPaths.push('reports/mutation/mutation.json');

const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const ROWS = [...AREAS.map(([name]) => name), OTHER, 'total'];

/** Mutants per status, per area. @type {Map<string, Record<string, number>>} */
const counts = new Map(ROWS.map((name) => [name, {}]));
/** Undetected mutants per mutator (`ConditionalExpression`, `Regex`, ...), per area. @type {typeof counts} */
const undetectedByMutator = new Map(ROWS.map((name) => [name, {}]));
const increment = (row, key) => (row[key] = (row[key] ?? 0) + 1);
for (const reportPath of reportPaths) {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  for (const [fileName, file] of Object.entries(report.files)) {
    const relativeName = (isAbsolute(fileName) ? relative(process.cwd(), fileName) : fileName).replaceAll('\\', '/');
    const area = AREAS.find(([, holds]) => holds(relativeName))?.[0] ?? OTHER;
    for (const mutant of file.mutants) {
      for (const name of [area, 'total']) {
        increment(counts.get(name), mutant.status);
        if (UNDETECTED.has(mutant.status)) increment(undetectedByMutator.get(name), mutant.mutatorName);
      }
    }
  }
}

const header = ['area', 'mutants', ...COLUMNS.map((column) => column.toLowerCase()), 'score %'];
const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
for (const [name, row] of counts) {
  const mutants = Object.values(row).reduce((sum, count) => sum + count, 0);
  if (mutants === 0) continue;
  const count = (status) => row[status] ?? 0;
  const detected = count('Killed') + count('Timeout');
  const undetected = count('Survived') + count('NoCoverage');
  const score = detected + undetected === 0 ? 'n/a' : ((100 * detected) / (detected + undetected)).toFixed(1);
  lines.push(`| ${[name, mutants, ...COLUMNS.map(count), score].join(' | ')} |`);
}

const undetectedInTotal = undetectedByMutator.get('total');
const mutators = Object.keys(undetectedInTotal).sort((a, b) => undetectedInTotal[b] - undetectedInTotal[a]);
const areasWithUndetected = ROWS.filter((name) => Object.keys(undetectedByMutator.get(name)).length > 0);
if (mutators.length > 0) {
  lines.push('', `| undetected by mutator | ${areasWithUndetected.join(' | ')} |`);
  lines.push(`|---|${areasWithUndetected.map(() => '---').join('|')}|`);
  for (const mutator of mutators)
    lines.push(
      `| ${[mutator, ...areasWithUndetected.map((name) => undetectedByMutator.get(name)[mutator] ?? 0)].join(' | ')} |`,
    );
}
process.stdout.write(`${lines.join('\n')}\n`);
