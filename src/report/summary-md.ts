import type { RunResult } from '../runner/result.js';
import type { CheckOutcomeKind } from '../runner/result.js';
import {
  checkRows,
  distinctFindings,
  endpointRows,
  judgedExchanges,
  offWithoutRow,
  OUTCOME_WORD,
  percentileMs,
  requestCosts,
  shardsOf,
  unjudgedChecks,
  verdictWord,
} from './digest.js';
import { mdCell, mdCode, mdFencedText } from './escape.js';
import { findingReference, numberedFindings } from './numbering.js';

/** Distinct findings listed under "Top findings"; the rest are counted. */
const TOP_FINDINGS = 10;

const MARK: Readonly<Record<RunResult['summary']['verdict'], string>> = { pass: '✅', fail: '❌', inconclusive: '⚠️' };

/**
 * Marks of check outcomes. Only `pass` has the check mark: a check with nothing to judge
 * (`not-exercised`) or switched off (`off`) gets a neutral mark of its own, so a reader skimming
 * for green never counts it (DESIGN.md "Exercised, not evaluated").
 */
export const OUTCOME_MARK: Readonly<Record<CheckOutcomeKind, string>> = {
  pass: '✅',
  fail: '❌',
  warn: '⚠️',
  'not-exercised': '⚪',
  off: '⏸️',
};

/** An endpoint's outcome in a table cell: the mark and the word, so no outcome relies on colour or emoji alone. */
function outcomeCell(endpoint: string, outcome: CheckOutcomeKind): string {
  return `${OUTCOME_MARK[outcome]} ${mdCode(endpoint)} ${OUTCOME_WORD[outcome]}`;
}

/**
 * One row per check: how often it was run (evaluated) and how often the condition it judges
 * arose (exercised), summed over endpoints, with each endpoint's outcome. Evaluated without
 * exercised is the case issue 11 is about (a paging check run on 45 reads, none of which paged).
 */
function checkSection(result: RunResult): string[] {
  const rows = checkRows(result);
  if (rows.length === 0) return [];
  const lines = [
    '',
    '### Checks',
    '',
    '| check | evaluated | exercised | errors | warnings | outcome per endpoint |',
    '|---|---:|---:|---:|---:|---|',
  ];
  for (const row of rows) {
    lines.push(
      `| ${mdCode(row.check)} | ${row.evaluated} | ${row.exercised} | ${row.errors} | ${row.warnings} | ${row.outcomes.map((o) => outcomeCell(o.endpoint, o.outcome)).join('<br>')} |`,
    );
  }
  return lines;
}

/** "Not exercised" and "Switched off": each check with the endpoints and why, never with a pass mark. */
function unjudgedSections(result: RunResult): string[] {
  const lines: string[] = [];
  const notExercised = unjudgedChecks(result, 'not-exercised');
  if (notExercised.length > 0) {
    lines.push(
      '',
      '### Not exercised',
      '',
      'The condition these checks judge never arose on the endpoints named, so they had nothing to pass; they are not counted as passes.',
      '',
    );
    for (const entry of notExercised) {
      const where = entry.endpoints.length > 0 ? ` on ${entry.endpoints.map(mdCode).join(', ')}` : '';
      const scope = entry.nowhere
        ? 'exercised on no endpoint'
        : `exercised on ${entry.exercisedOn.map(mdCode).join(', ')}`;
      lines.push(
        `- ${OUTCOME_MARK['not-exercised']} ${mdCode(entry.check)}${where} (${scope})${entry.required ? ' **required by --require-exercised**' : ''}: ${mdCell(entry.why, 400)}`,
      );
    }
  }
  const off = unjudgedChecks(result, 'off');
  const offElsewhere = offWithoutRow(result);
  if (off.length > 0 || offElsewhere.length > 0) {
    lines.push('', '### Switched off', '', 'The config switched these off: they judged nothing in this run.', '');
    for (const entry of off)
      lines.push(
        `- ${OUTCOME_MARK.off} ${mdCode(entry.check)} on ${entry.endpoints.map(mdCode).join(', ')}: ${mdCell(entry.why, 400)}`,
      );
    for (const id of offElsewhere) lines.push(`- ${OUTCOME_MARK.off} ${mdCode(id)}: switched off by the config`);
  }
  return lines;
}

/** "What coverage cost": requests sent per purpose (the wide record, invalid requests, probes, ...). */
function costSection(result: RunResult): string[] {
  const { rows, total } = requestCosts(result);
  if (rows.length === 0) return [];
  return [
    '',
    '### What coverage cost',
    '',
    '| purpose | requests |',
    '|---|---:|',
    ...rows.map((row) => `| ${mdCode(row.purpose)} | ${row.requests} |`),
    `| **total** | **${total}** |`,
  ];
}

/**
 * `summary.md`: fits a GitHub step summary (`cat summary.md >> "$GITHUB_STEP_SUMMARY"`) or a
 * merge-request note: the verdict, one table row per endpoint, the top distinct findings with
 * their pointers, the check table (evaluated and exercised), the checks not exercised and those
 * switched off with why, what coverage cost in requests, and the command that reproduces the run.
 */
export function renderMarkdown(result: RunResult): string {
  const s = result.summary;
  const run = result.run;
  const judged = judgedExchanges(result);
  const p50 = percentileMs(judged, 50);
  const p95 = percentileMs(judged, 95);
  const lines: string[] = [
    `## ${MARK[s.verdict]} hsac: ${verdictWord(result)}${s.reason ? ` (${mdCell(s.reason)})` : ''}`,
    '',
    `API ${mdCode(run.apiVersion)} · profile ${mdCode(run.profile)} · seed ${mdCode(String(run.seed))}${run.shard ? ` · shard ${run.shard.index}/${run.shard.count}` : ''} · target ${mdCell(run.target)}`,
    '',
    `**${s.exchanges}** exchanges (${s.unchecked} unchecked) · **${s.errors}** errors · **${s.warnings}** warnings · ${s.sequences} sequence checks${p50 !== undefined && p95 !== undefined ? ` · latency p50 ${p50} ms, p95 ${p95} ms` : ''}`,
  ];
  // Beside the verdict, not only further down: a PASS heading over unexercised checks must not read as full coverage.
  const notExercised = unjudgedChecks(result, 'not-exercised');
  const off = unjudgedChecks(result, 'off');
  const offCount = off.length + offWithoutRow(result).length;
  if (notExercised.length > 0 || offCount > 0) {
    const nowhere = notExercised.filter((entry) => entry.nowhere).length;
    const parts: string[] = [];
    if (notExercised.length > 0)
      parts.push(
        `${OUTCOME_MARK['not-exercised']} **${nowhere}** check(s) exercised on no endpoint${notExercised.length > nowhere ? `, ${notExercised.length - nowhere} more not on every endpoint` : ''} (see "Not exercised")`,
      );
    if (offCount > 0) parts.push(`${OUTCOME_MARK.off} **${offCount}** switched off (see "Switched off")`);
    lines.push('', parts.join(' · '));
  }
  const shards = shardsOf(result);
  if (shards) {
    lines.push(
      '',
      `Merged from ${shards.length} shard(s): ${shards.map((sh) => `${sh.index}/${sh.count} ${MARK[sh.verdict]} ${sh.verdict} (${sh.exchanges} exchanges)`).join(', ')}`,
    );
  }
  lines.push(
    '',
    '| endpoint | exchanges | errors | warnings | checks failed | warned | passed | not exercised | off |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const row of endpointRows(result)) {
    lines.push(
      `| ${mdCode(row.endpoint)} | ${row.exchanges} | ${row.errors} | ${row.warnings} | ${row.failed} | ${row.warned} | ${row.passed} | ${row.notExercised} | ${row.off} |`,
    );
  }
  const failing = result.checks.filter((c) => c.outcome === 'fail');
  if (failing.length > 0) {
    lines.push(
      '',
      `**Failing checks:** ${failing.map((c) => `${mdCode(c.check)} on ${mdCode(c.endpoint)}`).join(', ')}`,
    );
  }
  const groups = distinctFindings(numberedFindings(result.findings));
  lines.push('', '### Top findings', '');
  if (groups.length === 0) {
    lines.push('No findings.');
  } else {
    // The numbers are report.json's (`hsac replay report.json --finding N`), the exchanges those they judged.
    lines.push(
      '| severity | check | endpoint | pointer | message | seen | finding, exchange |',
      '|---|---|---|---|---|---:|---|',
    );
    for (const { finding, count, members } of groups.slice(0, TOP_FINDINGS)) {
      const cells = [
        finding.severity,
        mdCode(finding.check),
        finding.endpoint ? mdCode(finding.endpoint) : 'run',
        mdCode(finding.instancePath === '' ? '(body)' : finding.instancePath),
        mdCell(finding.message),
        String(count),
        mdCell(findingReference(members)),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
    if (groups.length > TOP_FINDINGS)
      lines.push(
        '',
        `…and ${groups.length - TOP_FINDINGS} more distinct finding(s) (${result.findings.length} in all) in \`report.json\` and \`report.html\`.`,
      );
  }
  lines.push(...unjudgedSections(result), ...checkSection(result), ...costSection(result));
  lines.push(
    '',
    '<details><summary>Reproduce</summary>',
    '',
    '```sh',
    mdFencedText(run.replay),
    '```',
    '',
    '</details>',
    '',
  );
  return lines.join('\n');
}
