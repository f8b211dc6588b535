import type { RunResult } from '../runner/result.js';
import { distinctFindings, endpointRows, judgedExchanges, percentileMs, shardsOf, verdictWord } from './digest.js';

/** Distinct findings listed under "Top findings"; the rest are counted. */
const TOP_FINDINGS = 10;
/** Characters of a message kept in a table cell (step summaries are read at a glance). */
const MAX_CELL = 240;

const MARK: Readonly<Record<RunResult['summary']['verdict'], string>> = { pass: '✅', fail: '❌', inconclusive: '⚠️' };

/**
 * Text safe inside a GitHub-flavoured Markdown table cell: no line breaks, pipes escaped, and
 * markup characters as entities so a target's message cannot inject HTML or links into the page.
 */
export function mdCell(value: string, max = MAX_CELL): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  const cut = flat.length > max ? `${flat.slice(0, max)}…` : flat;
  return cut
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[`*_[\]]/g, (c) => `\\${c}`);
}

/** Inline code that survives backticks in the value (a longer fence than any run inside). */
function mdCode(value: string): string {
  const flat = value.replace(/\s+/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${flat.startsWith('`') || flat.endsWith('`') ? ` ${flat} ` : flat}${fence}`.replace(/\|/g, '\\|');
}

/**
 * `summary.md`: fits a GitHub step summary (`cat summary.md >> "$GITHUB_STEP_SUMMARY"`) or a
 * merge-request note: the verdict, one table row per endpoint, the top distinct findings with
 * their pointers and the command that reproduces the run.
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
  const shards = shardsOf(result);
  if (shards) {
    lines.push('', `Merged from ${shards.length} shard(s): ${shards.map((sh) => `${sh.index}/${sh.count} ${MARK[sh.verdict]} ${sh.verdict} (${sh.exchanges} exchanges)`).join(', ')}`);
  }
  lines.push('', '| endpoint | exchanges | errors | warnings | checks failed | warned | passed | skipped |', '|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of endpointRows(result)) {
    lines.push(`| ${mdCode(row.endpoint)} | ${row.exchanges} | ${row.errors} | ${row.warnings} | ${row.failed} | ${row.warned} | ${row.passed} | ${row.skipped} |`);
  }
  const failing = result.checks.filter((c) => c.outcome === 'fail');
  if (failing.length > 0) {
    lines.push('', `**Failing checks:** ${failing.map((c) => `${mdCode(c.check)} on ${mdCode(c.endpoint)}`).join(', ')}`);
  }
  const groups = distinctFindings(result.findings);
  lines.push('', '### Top findings', '');
  if (groups.length === 0) {
    lines.push('No findings.');
  } else {
    lines.push('| severity | check | endpoint | pointer | message | seen |', '|---|---|---|---|---|---:|');
    for (const { finding, count } of groups.slice(0, TOP_FINDINGS)) {
      lines.push(
        `| ${finding.severity} | ${mdCode(finding.check)} | ${finding.endpoint ? mdCode(finding.endpoint) : 'run'} | ${mdCode(finding.instancePath === '' ? '(body)' : finding.instancePath)} | ${mdCell(finding.message)} | ${count} |`,
      );
    }
    if (groups.length > TOP_FINDINGS) lines.push('', `…and ${groups.length - TOP_FINDINGS} more distinct finding(s) (${result.findings.length} in all) in \`report.json\` and \`report.html\`.`);
  }
  lines.push('', '<details><summary>Reproduce</summary>', '', '```sh', run.replay.replace(/`/g, "'"), '```', '', '</details>', '');
  return lines.join('\n');
}
