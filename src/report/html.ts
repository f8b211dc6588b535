import { statusFamily } from '../catalogue/index.js';
import type { Finding } from '../registry/finding.js';
import type { CheckOutcome, ReportedExchange, RunResult } from '../runner/result.js';
import { jsonText } from '../json.js';
import { curlCommand, TOKEN_VARIABLE } from './curl.js';
import {
  distinctFindings,
  endpointRows,
  judgedExchanges,
  latencyBuckets,
  offWithoutRow,
  OUTCOME_WORD,
  percentileMs,
  requestCosts,
  shardsOf,
  statusDistribution,
  unjudgedChecks,
  verdictWord,
  type FindingGroup,
} from './digest.js';
import { excerpt, htmlText, readableBody } from './escape.js';
import { matrixSection, type MatrixPlacement } from './matrix.js';
import {
  exchangeIdsOf,
  findingReplayCommand,
  findingsByExchange,
  numberedFindings,
  numberRanges,
  type NumberedFinding,
} from './numbering.js';
import { barChart, type Tone } from './svg.js';

/**
 * `report.html`: one self-contained page (no script, no external font, image or stylesheet; a
 * Content-Security-Policy that forbids every remote load) written from the RunResult alone.
 * Everything from the target is escaped; request and response excerpts come from the recorded
 * exchanges, which the transport redacted before they were kept. Each finding (`#finding-N`, N its
 * place in report.json) links to the exchange(s) it judged (`#exchange-ID`) and each exchange back,
 * only ever to an anchor the page has ({@link pagePlan} decides what is shown, once).
 */

/** Exchanges shown with excerpts in run order; beyond them only those a finding on the page names, the rest counted. */
const MAX_EXCHANGES_SHOWN = 150;
/** Exchanges beyond the first {@link MAX_EXCHANGES_SHOWN} shown because a finding on the page names them. */
const MAX_LINKED_EXCHANGES = 300;
/** Characters of a body shown in an excerpt. */
const MAX_BODY_CHARS = 1500;
/** Distinct findings shown in full. */
const MAX_FINDING_GROUPS = 100;
/** Findings of a folded group listed one by one, each with its number and exchange(s). */
const MAX_GROUP_MEMBERS_LISTED = 20;

/**
 * No script may run and nothing may load from anywhere: styles are inline, charts are inline SVG.
 * `img-src data:` is the only allowance, for nothing today but a future inline icon.
 */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; background: #fafafa; }
main { max-width: 1180px; margin: 0 auto; padding: 0 20px 40px; }
h2 { margin: 28px 0 10px; font-size: 18px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
code, pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #f3f3f3; border: 1px solid #e2e2e2; padding: 8px; overflow: auto; white-space: pre-wrap; word-break: break-all; max-height: 360px; margin: 6px 0; }
.banner { padding: 18px 20px; color: #fff; }
.banner h1 { margin: 0; font-size: 24px; }
.banner p { margin: 4px 0 0; }
.banner .subtitle { opacity: 0.9; font-size: 13px; word-break: break-all; }
.verdict-pass { background: #2e7d32; } .verdict-fail { background: #c62828; } .verdict-inconclusive { background: #ef6c00; }
dl.run { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 12px 0; }
dl.run dt { color: #555; } dl.run dd { margin: 0; word-break: break-all; }
.counts { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }
.count { background: #fff; border: 1px solid #ddd; padding: 8px 14px; min-width: 110px; }
.count b { display: block; font-size: 20px; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure { margin: 0; background: #fff; border: 1px solid #ddd; padding: 8px; }
figcaption { font-size: 12px; color: #555; max-width: 520px; }
svg.chart { max-width: 100%; height: auto; }
table { border-collapse: collapse; background: #fff; width: 100%; }
th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.cell { text-align: center; white-space: nowrap; }
table#matrix th[scope="row"] { width: 34%; }
.desc { display: block; font-weight: normal; font-size: 12px; color: #666; }
td.cell small { display: block; color: inherit; opacity: 0.85; white-space: normal; }
/* A wide matrix (four endpoints and the auxiliary calls) scrolls inside the page rather than past it. */
.matrix-scroll { overflow-x: auto; }
.outcome-pass { background: #e8f5e9; color: #1b5e20; } .outcome-fail { background: #ffebee; color: #b71c1c; font-weight: 600; }
.outcome-warn { background: #fff3e0; color: #e65100; } .outcome-none { background: #f5f5f5; color: #757575; }
/* Nothing judged: neutral grey-blue with a dashed border (not exercised) or grey stripes (off), never a pass's green. */
.outcome-not-exercised { background: #eceff1; color: #37474f; outline: 1px dashed #78909c; outline-offset: -3px; font-style: italic; }
.outcome-off { background: repeating-linear-gradient(135deg, #f5f5f5 0 6px, #e0e0e0 6px 12px); color: #424242; }
td.cell small.why { font-style: normal; min-width: 14em; }
ul.unjudged li { margin: 4px 0; }
.mark-not-exercised, .mark-off { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; }
.mark-not-exercised { background: #eceff1; color: #37474f; border: 1px dashed #78909c; } .mark-off { background: #e0e0e0; color: #616161; }
table#costs { width: auto; } table#costs td:last-child { text-align: right; }
.finding { background: #fff; border: 1px solid #ddd; border-left: 5px solid #c62828; padding: 8px 12px; margin: 10px 0; }
.finding.warning { border-left-color: #ef6c00; }
.finding h3 { margin: 0 0 4px; font-size: 14px; }
.sev { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff; font-size: 12px; }
.sev-error { background: #c62828; } .sev-warning { background: #ef6c00; }
div.exchange { background: #fff; border: 1px solid #ddd; border-left: 5px solid #bdbdbd; }
div.exchange { margin: 4px 0; padding: 4px 10px; }
div.exchange.exchange-failing { border-left-color: #c62828; background: #fff8f8; }
div.exchange.exchange-warning { border-left-color: #ef6c00; }
div.exchange p { margin: 2px 0; }
div.exchange details summary { cursor: pointer; color: #555; font-size: 12px; }
.mark { display: inline-block; padding: 0 6px; border-radius: 3px; border: 1px solid; font-size: 11px; }
.mark { font-weight: 600; }
.mark-failing { color: #b71c1c; border-color: #c62828; background: #ffebee; }
.mark-warning { color: #e65100; border-color: #ef6c00; background: #fff3e0; }
.mark-ok { color: #616161; border-color: #bdbdbd; background: #fafafa; }
ul.members { margin: 4px 0; padding-left: 20px; }
/* A link to a finding of a folded group lands on its line with the group's heading still in view. */
ul.members li { scroll-margin-top: 30vh; }
:target { outline: 3px solid #1565c0; outline-offset: 2px; }
pre.curl { background: #f7f7ff; }
.status { display: inline-block; min-width: 3em; text-align: center; border-radius: 3px; color: #fff; padding: 0 4px; }
.tone-ok { background: #2e7d32; } .tone-info { background: #1565c0; } .tone-warn { background: #ef6c00; } .tone-bad { background: #c62828; } .tone-muted { background: #757575; }
.muted { color: #666; }
footer { color: #666; font-size: 12px; margin-top: 30px; }
`;

// A code outside every family (a hostile server may send 999) is as bad as a 5xx.
const TONE_BY_FAMILY: Readonly<Record<number, Tone>> = { 1: 'ok', 2: 'ok', 3: 'info', 4: 'warn' };

function statusTone(status: number | undefined): Tone {
  return status === undefined ? 'muted' : (TONE_BY_FAMILY[statusFamily(status)] ?? 'bad');
}

function runBlock(result: RunResult): string {
  const run = result.run;
  const rows: [string, string][] = [
    ['target', run.target],
    ['API version', run.apiVersion],
    ['profile', run.profile],
    ['seed', String(run.seed)],
    ['endpoints', run.endpoints.join(', ')],
    ['sequences planned', String(run.runs)],
  ];
  if (run.shard) rows.push(['shard', `${run.shard.index}/${run.shard.count}`]);
  if (run.requireExercised && run.requireExercised.length > 0)
    rows.push(['required exercised', run.requireExercised.join(', ')]);
  if (run.checksOff && run.checksOff.length > 0) rows.push(['switched off', run.checksOff.join(', ')]);
  const shards = shardsOf(result);
  if (shards)
    rows.push([
      'merged from',
      shards.map((s) => `${s.index}/${s.count} ${s.id} (${s.verdict}, ${s.exchanges} exchanges)`).join('; '),
    ]);
  rows.push(
    ['started', run.startedAt],
    ['finished', run.finishedAt],
    ['duration', `${(run.durationMs / 1000).toFixed(1)} s`],
    ['run id', run.id],
    ['hsac', result.tool.version],
  );
  return `<dl class="run">${rows.map(([k, v]) => `<dt>${htmlText(k)}</dt><dd>${htmlText(v)}</dd>`).join('')}</dl>
<p>Reproduce with:</p><pre class="replay">${htmlText(run.replay)}</pre>`;
}

function subtitle(result: RunResult): string {
  const run = result.run;
  return `API ${run.apiVersion} · profile ${run.profile} · seed ${run.seed}${run.shard ? ` · shard ${run.shard.index}/${run.shard.count}` : ''} · ${run.target}`;
}

function countsBlock(result: RunResult): string {
  const s = result.summary;
  const judged = judgedExchanges(result);
  const p50 = percentileMs(judged, 50);
  const p95 = percentileMs(judged, 95);
  const items: [string, string][] = [
    ['exchanges', String(s.exchanges)],
    ['unchecked', String(s.unchecked)],
    ['errors', String(s.errors)],
    ['warnings', String(s.warnings)],
    ['sequence checks', String(s.sequences)],
    // Beside the error count: a clean page over checks that judged nothing is not full coverage.
    ['checks exercised nowhere', String(s.notExercised.length)],
    ['checks off', String(unjudgedChecks(result, 'off').length + offWithoutRow(result).length)],
    ['requests sent', String(requestCosts(result).total)],
    ['latency p50 / p95', p50 === undefined || p95 === undefined ? 'n/a' : `${p50} / ${p95} ms`],
  ];
  return `<div class="counts" id="counts">${items.map(([k, v]) => `<div class="count"><b>${htmlText(v)}</b>${htmlText(k)}</div>`).join('')}</div>`;
}

function chartsBlock(result: RunResult): string {
  const judged = judgedExchanges(result);
  const latency = barChart({
    id: 'latency-chart',
    title: 'Latency histogram: exchanges per duration bucket',
    bars: latencyBuckets(judged).map((b) => ({
      label: b.label,
      value: b.count,
      tone: 'info',
      title: `${b.count} exchange(s) took ${b.toMs === undefined ? `${b.fromMs} ms or more` : `${b.fromMs}-${b.toMs} ms`}`,
    })),
    xLabel: 'duration (retries and waits included)',
    yLabel: 'exchanges',
  });
  const statuses = barChart({
    id: 'status-chart',
    title: 'Status-code distribution: exchanges per final status',
    bars: statusDistribution(judged).map((s) => ({ label: s.label, value: s.count, tone: statusTone(s.status) })),
    xLabel: 'final status code',
    yLabel: 'exchanges',
  });
  const note = `${judged.length} exchange(s) with the endpoints under test; provisioning, cleanup and account details are left out.`;
  return `<div class="charts">
<figure id="latency-histogram">${latency}<figcaption>Latency histogram. ${htmlText(note)}</figcaption></figure>
<figure id="status-codes">${statuses}<figcaption>Status-code distribution. ${htmlText(note)}</figcaption></figure>
</div>`;
}

function matrixBlock(result: RunResult): string {
  const endpoints = [...new Set(result.checks.map((c) => c.endpoint))];
  const checks = [...new Set(result.checks.map((c) => c.check))];
  const cell = new Map(result.checks.map((c) => [`${c.endpoint}|${c.check}`, c] as const));
  const describe = new Map(result.checks.map((c) => [c.check, c.description] as const));
  const td = (row: CheckOutcome | undefined): string => {
    // No row: the check does not apply to that endpoint (not the same as not exercised).
    if (!row) return '<td class="cell outcome-none" title="does not apply to this endpoint">n/a</td>';
    const detail = `${row.evaluated} evaluated, ${row.exercised} exercised${row.errors > 0 ? `, ${row.errors} error(s)` : ''}${row.warnings > 0 ? `, ${row.warnings} warning(s)` : ''}`;
    const unjudged = row.outcome === 'not-exercised' || row.outcome === 'off';
    const why = unjudged
      ? (row.why ??
        (row.outcome === 'off' ? 'switched off by the config' : 'the condition it judges never arose in this run'))
      : undefined;
    const tip = `${row.check} on ${row.endpoint}: ${OUTCOME_WORD[row.outcome]}; ${detail}${why ? `. Why: ${why}` : ''}`;
    // The reason is text in the cell as well as a tooltip: tooltips do not print and are not read by every screen
    // reader.
    return `<td class="cell outcome-${htmlText(row.outcome)}" data-endpoint="${htmlText(row.endpoint)}" data-check="${htmlText(row.check)}" data-exercised="${row.exercised}" title="${htmlText(tip)}">${htmlText(OUTCOME_WORD[row.outcome].toUpperCase())}<small>${htmlText(detail)}</small>${why ? `<small class="why">${htmlText(why)}</small>` : ''}</td>`;
  };
  const head = `<tr><th scope="col">check</th>${endpoints.map((e) => `<th scope="col">${htmlText(e)}</th>`).join('')}</tr>`;
  const body = checks
    .map(
      (check) =>
        `<tr><th scope="row">${htmlText(check)}<span class="desc">${htmlText(describe.get(check) ?? '')}</span></th>${endpoints.map((e) => td(cell.get(`${e}|${check}`))).join('')}</tr>`,
    )
    .join('\n');
  return `<div class="matrix-scroll"><table id="matrix"><thead>${head}</thead><tbody>\n${body}\n</tbody></table></div>`;
}

function endpointTable(result: RunResult, plan: PagePlan): string {
  // A link only where the page has the endpoint's anchor (an exchange of it shown).
  const name = (endpoint: string): string =>
    plan.anchoredEndpoints.has(endpoint)
      ? `<a href="#exchanges-${htmlText(endpoint)}">${htmlText(endpoint)}</a>`
      : htmlText(endpoint);
  const rows = endpointRows(result)
    .map((r) => {
      const cells = [name(r.endpoint), r.exchanges, r.errors, r.warnings, r.failed, r.warned, r.passed];
      return `<tr>${[...cells, r.notExercised, r.off].map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
    })
    .join('');
  return `<table id="endpoints"><thead><tr><th>endpoint</th><th>exchanges</th><th>errors</th><th>warnings</th><th>checks failed</th><th>warned</th><th>passed</th><th>not exercised</th><th>off</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** "Not exercised" and "Switched off": each check with the endpoints and why (the lists summary.md has too). */
function unjudgedBlock(result: RunResult): string {
  const notExercised = unjudgedChecks(result, 'not-exercised');
  const code = (values: readonly string[]): string => values.map((v) => `<code>${htmlText(v)}</code>`).join(', ');
  const items = notExercised.map((entry) => {
    const where = entry.endpoints.length > 0 ? ` on ${code(entry.endpoints)}` : '';
    const scope = entry.nowhere ? 'exercised on no endpoint' : `exercised on ${code(entry.exercisedOn)}`;
    return `<li data-check="${htmlText(entry.check)}"><span class="mark-not-exercised">not exercised</span> <code>${htmlText(entry.check)}</code>${where} (${scope})${entry.required ? ' <b>required by --require-exercised</b>' : ''}: ${htmlText(entry.why)}</li>`;
  });
  const notExercisedList =
    items.length === 0
      ? '<p id="all-exercised">Every check was exercised on every endpoint it applies to.</p>'
      : `<p class="muted">The condition these checks judge never arose on the endpoints named, so they had nothing to pass; they are not counted as passes.</p><ul class="unjudged" id="not-exercised-list">${items.join('')}</ul>`;
  const off = unjudgedChecks(result, 'off').map(
    (entry) =>
      `<li data-check="${htmlText(entry.check)}"><span class="mark-off">off</span> <code>${htmlText(entry.check)}</code> on ${code(entry.endpoints)}: ${htmlText(entry.why)}</li>`,
  );
  const offIds = offWithoutRow(result).map(
    (id) =>
      `<li data-check="${htmlText(id)}"><span class="mark-off">off</span> <code>${htmlText(id)}</code>: switched off by the config</li>`,
  );
  const offList =
    off.length + offIds.length === 0
      ? ''
      : `<section id="switched-off"><h2>Switched off</h2><p class="muted">The config switched these off: they judged nothing in this run.</p><ul class="unjudged" id="off-list">${[...off, ...offIds].join('')}</ul></section>`;
  return `<section id="not-exercised"><h2>Not exercised</h2>${notExercisedList}</section>\n${offList}`;
}

/** "What coverage cost": requests sent per purpose, in run order. */
function costBlock(result: RunResult): string {
  const { rows, total } = requestCosts(result);
  if (rows.length === 0) return '';
  const body = rows
    .map(
      (row) =>
        `<tr data-purpose="${htmlText(row.purpose)}"><td><code>${htmlText(row.purpose)}</code></td><td>${row.requests}</td></tr>`,
    )
    .join('');
  return `<section id="coverage-cost"><h2>What coverage cost</h2><table id="costs"><thead><tr><th>purpose</th><th>requests</th></tr></thead><tbody>${body}<tr><th>total</th><td>${total}</td></tr></tbody></table></section>`;
}

/** What the page shows, decided once, so that every link on it points at an anchor it has. */
interface PagePlan {
  /** The distinct findings shown, each with the members listed one by one. */
  readonly groups: readonly { readonly group: FindingGroup; readonly listed: readonly NumberedFinding[] }[];
  /** How many distinct findings there are in all. */
  readonly distinct: number;
  /** Findings (by number) with an anchor on the page (`#finding-N`): the listed members of the shown groups. */
  readonly anchoredFindings: ReadonlySet<number>;
  /** Every finding that names an exchange, by exchange id (for its mark, whether listed on the page or not). */
  readonly findingsOf: ReadonlyMap<number, readonly NumberedFinding[]>;
  /** The exchanges shown, in run order. */
  readonly exchanges: readonly ReportedExchange[];
  /** Exchange ids with an anchor on the page (`#exchange-ID`). */
  readonly anchoredExchanges: ReadonlySet<number>;
  readonly exchangeById: ReadonlyMap<number, ReportedExchange>;
  /** Endpoints with an anchor on the page (`#exchanges-ENDPOINT`): those with an exchange shown. */
  readonly anchoredEndpoints: ReadonlySet<string>;
  /** report.json as the reader names it, for the replay commands. */
  readonly reportPath: string;
}

/**
 * The findings and exchanges the page shows: the first {@link MAX_FINDING_GROUPS} distinct findings, each listing
 * its first {@link MAX_GROUP_MEMBERS_LISTED} members; the first {@link MAX_EXCHANGES_SHOWN} exchanges and, beyond
 * them, those the listed findings name (errors first, up to {@link MAX_LINKED_EXCHANGES}). A page of a run with
 * thousands of exchanges stays readable, and the failing exchanges a reader follows a finding to are on it.
 */
function pagePlan(result: RunResult, reportPath: string): PagePlan {
  const numbered = numberedFindings(result.findings);
  const distinct = distinctFindings(numbered);
  const groups = distinct
    .slice(0, MAX_FINDING_GROUPS)
    .map((group) => ({ group, listed: group.members.slice(0, MAX_GROUP_MEMBERS_LISTED) }));
  const anchoredFindings = new Set(groups.flatMap(({ listed }) => listed.map((member) => member.number)));
  const first = new Set(result.exchanges.slice(0, MAX_EXCHANGES_SHOWN).map((exchange) => exchange.id));
  const linked = new Set<number>();
  for (const { listed } of groups)
    for (const { finding } of listed)
      for (const id of exchangeIdsOf(finding)) if (!first.has(id) && linked.size < MAX_LINKED_EXCHANGES) linked.add(id);
  const exchanges = result.exchanges.filter((exchange) => first.has(exchange.id) || linked.has(exchange.id));
  return {
    groups,
    distinct: distinct.length,
    anchoredFindings,
    findingsOf: findingsByExchange(numbered),
    exchanges,
    anchoredExchanges: new Set(exchanges.map((exchange) => exchange.id)),
    exchangeById: new Map(result.exchanges.map((exchange) => [exchange.id, exchange] as const)),
    anchoredEndpoints: new Set(exchanges.map((exchange) => exchange.endpoint)),
    reportPath,
  };
}

/** The anchor of an exchange's section. */
function exchangeAnchor(id: number): string {
  return `exchange-${htmlText(String(id))}`;
}

/** The anchor of a finding: its article (the first of a group) or its line in the group's list. */
function findingAnchor(number: number): string {
  return `finding-${number}`;
}

/** The exchanges a finding names, each a link where the page shows it, else said to be in exchanges.har. */
function exchangeLinks(finding: Finding, plan: PagePlan): string {
  const ids = exchangeIdsOf(finding);
  if (ids.length === 0) return '<span class="muted">no exchange (a finding about the run)</span>';
  return ids
    .map((id) =>
      plan.anchoredExchanges.has(id)
        ? `<a class="exchange-link" href="#${exchangeAnchor(id)}">exchange ${htmlText(String(id))}</a>`
        : `exchange ${htmlText(String(id))} <span class="muted">(not on this page: exchanges.har)</span>`,
    )
    .join(', ');
}

/** An exchange's answer in a few words: `POST → 207`. */
function exchangeGist(exchange: ReportedExchange): string {
  return `${htmlText(exchange.request.method)} → ${exchange.response?.status ?? 'no answer'}`;
}

function findingBlock(group: FindingGroup, listed: readonly NumberedFinding[], plan: PagePlan): string {
  const f = group.finding;
  const [first] = group.members;
  const number = first?.number ?? 0; // a group always has a first member
  const where = f.instancePath === '' ? '(whole body or exchange)' : f.instancePath;
  const rows: string[] = [
    `<p>at <code class="pointer">${htmlText(where)}</code>${group.count > 1 ? ` · seen ${group.count} times` : ''}</p>`,
    `<p>${htmlText(f.message)}</p>`,
  ];
  if (f.expected !== undefined)
    rows.push(`<p>expected <code>${htmlText(excerpt(jsonText(f.expected) ?? '', 300))}</code></p>`);
  if (f.actual !== undefined)
    rows.push(`<p>actual <code>${htmlText(excerpt(jsonText(f.actual) ?? '', 300))}</code></p>`);
  // Each member with its number and the exchange(s) it judged; `data-finding` holds the number for readers and tests.
  if (group.count === 1) {
    rows.push(
      `<p class="finding-exchanges" data-finding="${number}">finding ${number} · ${exchangeLinks(f, plan)}</p>`,
    );
  } else {
    const items = listed.map((member, index) => {
      // The first member's anchor is the article's own.
      const id = index === 0 ? '' : ` id="${findingAnchor(member.number)}"`;
      const links = exchangeLinks(member.finding, plan);
      return `<li${id} data-finding="${member.number}">finding ${member.number} · ${links}</li>`;
    });
    const rest = group.members.slice(listed.length).map((member) => member.number);
    if (rest.length > 0)
      items.push(
        `<li class="muted">… ${rest.length} more, alike but for their exchanges: findings ${numberRanges(rest)} (report.json, exchanges.har)</li>`,
      );
    rows.push(`<ul class="members">${items.join('')}</ul>`);
  }
  // The finding's own exchange, the answer its pointer points into (a sequence's last, when it names no other).
  const ownId = f.exchangeId ?? f.exchangeIds?.at(-1);
  const exchange = ownId === undefined ? undefined : plan.exchangeById.get(ownId);
  if (exchange) {
    const label = plan.anchoredExchanges.has(exchange.id)
      ? `<a href="#${exchangeAnchor(exchange.id)}">exchange #${htmlText(String(exchange.id))}</a>`
      : `exchange #${htmlText(String(exchange.id))}`;
    const summary = `<summary>example: ${label} (${exchangeGist(exchange)})</summary>`;
    rows.push(`<details>${summary}${exchangeExcerpts(exchange)}</details>`);
  } else if (f.endpoint && plan.anchoredEndpoints.has(f.endpoint)) {
    rows.push(
      `<p class="muted">Exchanges of this endpoint: <a href="#exchanges-${htmlText(f.endpoint)}">${htmlText(f.endpoint)}</a></p>`,
    );
  }
  const others = group.count > 1 ? ' (any finding listed above, with its own number)' : '';
  const replay = htmlText(findingReplayCommand(plan.reportPath, number));
  rows.push(`<p>Replay this finding${others}:</p><pre class="replay-finding">${replay}</pre>`);
  if (f.replay) rows.push(`<p>Reproduce with:</p><pre class="replay">${htmlText(f.replay)}</pre>`);
  const severity = htmlText(f.severity);
  const version = f.apiVersion ? ` · ${htmlText(f.apiVersion)}` : '';
  const heading = `${htmlText(f.check)} · ${htmlText(f.endpoint ?? 'run')}${version}`;
  const badge = `<span class="sev sev-${severity}">${severity}</span>`;
  const attributes = `class="finding ${severity}" id="${findingAnchor(number)}"`;
  return `<article ${attributes}><h3>${badge} ${heading}</h3>${rows.join('')}</article>`;
}

function findingsBlock(result: RunResult, plan: PagePlan): string {
  if (plan.distinct === 0) return '<p id="no-findings">No findings: every judged exchange and sequence conformed.</p>';
  const shown = plan.groups.map(({ group, listed }) => findingBlock(group, listed, plan));
  const more =
    plan.distinct > plan.groups.length
      ? `<p class="muted">${plan.distinct - plan.groups.length} more distinct finding(s) in report.json.</p>`
      : '';
  const intro =
    `${result.findings.length} finding(s), ${plan.distinct} distinct. Finding N is the N-th of report.json's ` +
    '<code>findings</code>, the number <code>hsac replay</code> takes; each links to the exchange(s) it judged.';
  return `<p class="muted">${intro}</p>${shown.join('\n')}${more}`;
}

function headerLines(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

function exchangeExcerpts(exchange: ReportedExchange): string {
  const request = `${exchange.request.method} ${exchange.request.url}\n${headerLines(exchange.request.headers)}${exchange.request.body === undefined ? '' : `\n\n${excerpt(readableBody(exchange.request.body), MAX_BODY_CHARS)}`}`;
  const response = exchange.response
    ? `${exchange.response.status}${exchange.response.truncated ? ' (body truncated at the size limit)' : ''}\n${headerLines(exchange.response.headers)}${exchange.response.body === undefined ? '' : `\n\n${excerpt(readableBody(exchange.response.body), MAX_BODY_CHARS)}`}`
    : `no answer: ${exchange.failure?.kind ?? 'unknown'}: ${exchange.failure?.message ?? ''}`;
  const retries = exchange.attempts
    .filter((a) => a.retry)
    .map((a) => `${a.retry?.reason} (waited ${a.retry?.waitMs} ms)`);
  // Every 429 met on the way, waited out or final: the rate-limit contract judged each, so the page shows each.
  const limited = exchange.attempts
    .map((attempt, index) => ({ index, answer: attempt.rateLimited }))
    .filter((a): a is { index: number; answer: NonNullable<typeof a.answer> } => a.answer !== undefined)
    .map(
      ({ index, answer }) =>
        `<p class="muted">429 on attempt ${index + 1}</p><pre class="rate-limited">${htmlText(`${answer.status}\n${headerLines(answer.headers)}${answer.body === undefined ? '' : `\n\n${excerpt(readableBody(answer.body), MAX_BODY_CHARS)}`}`)}</pre>`,
    );
  // The whole request (never an excerpt: a cut body would send something else), the token as the variable.
  const curl =
    `<p class="muted">send it again (the token from <code>$${TOKEN_VARIABLE}</code>)</p>` +
    `<pre class="curl">${htmlText(curlCommand(exchange.request))}</pre>`;
  return `<p class="muted">request</p><pre class="request">${htmlText(request)}</pre><p class="muted">response</p><pre class="response">${htmlText(response)}</pre>${retries.length > 0 ? `<p class="muted">retried: ${htmlText(retries.join('; '))}</p>` : ''}${limited.join('')}${curl}`;
}

/** How an exchange came out by the findings that name it. */
type ExchangeMark = 'failing' | 'warning' | 'ok';

const MARK_WORD: Readonly<Record<ExchangeMark, string>> = { failing: 'FAILING', warning: 'WARNING', ok: 'OK' };

/**
 * Failing when an error finding names it (judged it, or judged a sequence it is part of), whatever its status: a 207
 * or a 200 a check failed is failing; a warning when only warnings name it; else ok.
 */
function exchangeMark(findings: readonly NumberedFinding[]): ExchangeMark {
  if (findings.some(({ finding }) => finding.severity === 'error')) return 'failing';
  return findings.length > 0 ? 'warning' : 'ok';
}

/**
 * The findings that name an exchange, as links back: every one listed on the page (so each link from a finding has
 * its link back; the page lists a bounded number of findings), the rest counted.
 */
function findingLinks(findings: readonly NumberedFinding[], plan: PagePlan): string {
  if (findings.length === 0) return '';
  const links = findings
    .filter(({ number }) => plan.anchoredFindings.has(number))
    .map(({ number, finding }) => {
      const link = `<a class="finding-link" href="#${findingAnchor(number)}">finding ${number}</a>`;
      return `${link} (${htmlText(finding.severity)} ${htmlText(finding.check)})`;
    });
  const unlisted = findings.filter(({ number }) => !plan.anchoredFindings.has(number)).map(({ number }) => number);
  if (unlisted.length > 0)
    links.push(
      `${links.length > 0 ? 'and ' : ''}${unlisted.length === 1 ? 'finding' : 'findings'} ${numberRanges(unlisted)} (not listed on this page: report.json)`,
    );
  return `<p class="exchange-findings">${findings.length === 1 ? 'finding' : 'findings'}: ${links.join(', ')}</p>`;
}

function exchangeBlock(exchange: ReportedExchange, plan: PagePlan): string {
  const named = plan.findingsOf.get(exchange.id) ?? [];
  const mark = exchangeMark(named);
  const status = exchange.response?.status;
  // The badge says what the checks said: a 207 a check failed is not painted green for being a 2xx.
  const tone: Tone = mark === 'failing' ? 'bad' : mark === 'warning' ? 'warn' : statusTone(status);
  let path = exchange.request.url;
  try {
    const url = new URL(exchange.request.url);
    path = `${url.pathname}${url.search}`;
  } catch {
    // A URL that does not parse is shown as recorded.
  }
  const about = [
    htmlText(exchange.endpoint),
    htmlText(exchange.intent),
    ...(exchange.purpose ? [htmlText(exchange.purpose)] : []),
    `${exchange.durationMs} ms`,
    ...(exchange.attempts.length > 1 ? [`${exchange.attempts.length} attempts`] : []),
  ].join(' · ');
  const head = [
    `<span class="mark mark-${mark}">${MARK_WORD[mark]}</span>`,
    `<span class="status tone-${tone}">${status ?? '—'}</span>`,
    `#${htmlText(String(exchange.id))} ${htmlText(exchange.request.method)} ${htmlText(path)}`,
    `<span class="muted">${about}</span>`,
  ].join(' ');
  const details = `<details><summary>request, response and curl</summary>${exchangeExcerpts(exchange)}</details>`;
  const attributes = `class="exchange exchange-${mark}" id="${exchangeAnchor(exchange.id)}" data-mark="${mark}"`;
  return `<div ${attributes}><p class="exchange-head">${head}</p>${findingLinks(named, plan)}${details}</div>`;
}

function exchangesBlock(result: RunResult, plan: PagePlan): string {
  const parts: string[] = [];
  const anchored = new Set<string>();
  for (const exchange of plan.exchanges) {
    // The first exchange of each endpoint carries the endpoint's anchor (the endpoint table links to it).
    const anchor = anchored.has(exchange.endpoint) ? '' : `<span id="exchanges-${htmlText(exchange.endpoint)}"></span>`;
    anchored.add(exchange.endpoint);
    parts.push(`${anchor}${exchangeBlock(exchange, plan)}`);
  }
  const hidden = result.exchanges.length - plan.exchanges.length;
  if (hidden > 0)
    parts.push(
      `<p class="muted">${hidden} more exchange(s) in exchanges.har (open it in a browser's network panel or any HAR ` +
        `viewer). Shown here: the first ${MAX_EXCHANGES_SHOWN} and those the findings above name.</p>`,
    );
  return parts.join('\n');
}

/** Options of {@link renderHtml}. */
export interface HtmlOptions {
  /**
   * report.json as the reader names it (`--report-dir` joined with `report.json`), for each finding's
   * `hsac replay REPORT --finding N`; default `report.json` (beside the page).
   */
  readonly reportPath?: string;
  /** The SDK matrix of the gate run the page is part of (`hsac gate sdk`): shown after the counts. */
  readonly matrix?: MatrixPlacement;
}

/** Renders `report.html` from the RunResult alone: a pure function, the same model gives the same page. */
export function renderHtml(result: RunResult, options: HtmlOptions = {}): string {
  const verdict = result.summary.verdict;
  const plan = pagePlan(result, options.reportPath ?? 'report.json');
  const title = `hsac ${verdictWord(result)}: ${result.run.apiVersion}, seed ${result.run.seed}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="banner verdict-${htmlText(verdict)}" id="verdict"><h1>hsac: ${htmlText(verdictWord(result))}</h1><p>${htmlText(result.summary.reason ?? 'no error finding, every exchange checked')}</p><p class="subtitle">${htmlText(subtitle(result))}</p></header>
<main>
${countsBlock(result)}
${options.matrix ? `${matrixSection(options.matrix)}\n` : ''}<section id="charts"><h2>Traffic</h2>${chartsBlock(result)}</section>
<section id="matrix-section"><h2>Endpoint × check</h2>${matrixBlock(result)}</section>
${unjudgedBlock(result)}
${costBlock(result)}
<section id="endpoint-table"><h2>Endpoints</h2>${endpointTable(result, plan)}</section>
<section id="findings"><h2>Findings</h2>${findingsBlock(result, plan)}</section>
<section id="exchanges"><h2>Exchanges</h2><p class="muted">Recorded with the access token removed by value (raw, base64, base64url, percent-encoded) wherever it appeared.</p>${exchangesBlock(result, plan)}</section>
<section id="run"><h2>Run</h2>${runBlock(result)}</section>
<footer>Written by hsac ${htmlText(result.tool.version)} from report.json's model; self-contained: no script, no remote asset.</footer>
</main>
</body>
</html>
`;
}
