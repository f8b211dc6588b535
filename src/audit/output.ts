/**
 * Writers for an {@link AuditResult}: a human table (grouped by operation), one JSON document, and
 * Markdown for a pull request. Writers only read the result; none re-runs a rule.
 */
import type { AuditResult, IgnoredChange } from './audit.js';
import type { Change } from './diff.js';

/** The verdict line's threshold. */
export type FailOn = 'breaking' | 'warning';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `3 breaking, 1 warning, 7 info, 0 ignored`. */
export function summaryLine(result: AuditResult): string {
  const { breaking, warning, info } = result.counts;
  return `${breaking} breaking, ${plural(warning, 'warning')}, ${info} info, ${result.ignored.length} ignored`;
}

/** `-` at operation and status level, `(body)` for the body itself, else the schema pointer. */
function where(change: Change): string {
  if (change.pointer === undefined) return '-';
  return change.pointer === '' ? '(body)' : change.pointer;
}

function transition(change: Change): string {
  if (change.old === undefined && change.new === undefined) return '';
  return `${change.old ?? '(none)'} → ${change.new ?? '(none)'}: `;
}

function groupByOperation(changes: readonly Change[]): Map<string, Change[]> {
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    const list = groups.get(change.operation) ?? [];
    list.push(change);
    groups.set(change.operation, list);
  }
  return groups;
}

/** The human table: per operation, one row per change, then `old → new: message` beneath it. */
export function renderHuman(result: AuditResult, failOn: FailOn, ok: boolean): string {
  const lines: string[] = [];
  lines.push(
    `hsac audit diff ${result.old} → ${result.new}: ${ok ? 'OK' : 'FAIL'} (${summaryLine(result)}; fail on ${failOn}; ${result.compared.old} → ${result.compared.new} ${result.compared.unit})`,
  );
  if (result.changes.length === 0) lines.push('  no changes');
  const ruleWidth = Math.max(4, ...result.changes.map((change) => change.rule.length));
  const statusWidth = Math.max(6, ...result.changes.map((change) => (change.status ?? '').length));
  for (const [operation, changes] of groupByOperation(result.changes)) {
    lines.push('', operation);
    lines.push(
      `  ${'SEVERITY'.padEnd(10)}${'RULE'.padEnd(ruleWidth + 2)}${'DIRECTION'.padEnd(11)}${'STATUS'.padEnd(statusWidth + 2)}AT`,
    );
    for (const change of changes) {
      lines.push(
        `  ${change.severity.padEnd(10)}${change.rule.padEnd(ruleWidth + 2)}${change.direction.padEnd(11)}${(change.status ?? '-').padEnd(statusWidth + 2)}${where(change)}`,
      );
      lines.push(`      ${transition(change)}${change.message}`);
    }
  }
  if (result.ignored.length > 0) {
    lines.push('', 'Ignored (audit.ignore in the config):');
    for (const { change, reason } of result.ignored)
      lines.push(
        `  ${change.severity} ${change.rule} ${change.operation} ${change.status ?? ''} ${where(change)}`.trimEnd(),
        `      because: ${reason}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

function findingSeverity(change: Change): 'error' | 'warning' {
  return change.severity === 'breaking' ? 'error' : 'warning';
}

/**
 * One JSON document. `changes` is the audit's own shape; `findings` repeats the breaking and
 * warning changes in DESIGN.md's shared `{ check, severity, instancePath, message }` shape so
 * tools reading every hsac command's `--json` find them (info changes are not findings).
 */
export function renderJson(result: AuditResult, failOn: FailOn, ok: boolean): string {
  const findings = result.changes
    .filter((change) => change.severity !== 'info')
    .map((change) => ({
      check: change.rule,
      severity: findingSeverity(change),
      instancePath: change.pointer ?? '',
      message: change.message,
      endpoint: change.operation,
      ...(change.status === undefined ? {} : { status: change.status }),
      ...(change.old === undefined ? {} : { expected: change.old }),
      ...(change.new === undefined ? {} : { actual: change.new }),
    }));
  const document = {
    ok,
    old: result.old,
    new: result.new,
    failOn,
    compared: result.compared,
    summary: { ...result.counts, ignored: result.ignored.length },
    changes: result.changes,
    ignored: result.ignored.map(({ change, reason }: IgnoredChange) => ({ ...change, reason })),
    findings,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function cell(text: string | undefined): string {
  return (text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Markdown: a verdict, counts, and one table row per change (ignored ones in their own table). */
export function renderMarkdown(result: AuditResult, failOn: FailOn, ok: boolean): string {
  const lines = [
    `## hsac audit diff \`${cell(result.old)}\` → \`${cell(result.new)}\`: ${ok ? '✅ OK' : '❌ FAIL'}`,
    '',
    `${summaryLine(result)} (fail on ${failOn}; ${result.compared.old} → ${result.compared.new} ${result.compared.unit}).`,
  ];
  if (result.changes.length > 0) {
    lines.push(
      '',
      '| severity | rule | direction | operation | status | at | old → new | message |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const change of result.changes) {
      lines.push(
        `| ${change.severity} | \`${change.rule}\` | ${change.direction} | \`${cell(change.operation)}\` | ${cell(change.status ?? '')} | \`${cell(where(change))}\` | ${cell(`${change.old ?? ''} → ${change.new ?? ''}`)} | ${cell(change.message)} |`,
      );
    }
  }
  if (result.ignored.length > 0) {
    lines.push('', '### Ignored', '', '| rule | operation | at | reason |', '|---|---|---|---|');
    for (const { change, reason } of result.ignored)
      lines.push(
        `| \`${change.rule}\` | \`${cell(change.operation)}\` | \`${cell(where(change))}\` | ${cell(reason)} |`,
      );
  }
  return `${lines.join('\n')}\n`;
}
