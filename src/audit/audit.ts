/**
 * `hsac audit diff` without the CLI: load both sides, walk them, then apply the `audit` config
 * (per-rule severity overrides, switched-off rules, explained ignores) and decide the verdict.
 */
import type { AuditConfig, IgnoreEntry } from './config.js';
import { RULE_SETTINGS } from './config.js';
import { diffModels, type Change } from './diff.js';
import { loadSide } from './load.js';
import type { ApiModel } from './model.js';
import { normalisePath } from './normalise-path.js';
import { SEVERITIES, type Severity } from './rules/index.js';

/** A change the config ignored, with the reason it gave. */
export interface IgnoredChange {
  readonly change: Change;
  readonly reason: string;
}

/** The outcome of one comparison. */
export interface AuditResult {
  readonly old: string;
  readonly new: string;
  /** Operations (or definitions) on each side. */
  readonly compared: { readonly old: number; readonly new: number; readonly unit: 'operations' | 'definitions' };
  /** Changes that count, after overrides and ignores, in report order. */
  readonly changes: readonly Change[];
  readonly ignored: readonly IgnoredChange[];
  readonly counts: Readonly<Record<Severity, number>>;
}

/** `POST /crm/associations/{}/...`-style key of an operation label or ignore entry, whatever its version form. */
function matchKey(label: string): string {
  const space = label.indexOf(' ');
  if (space < 0 || label.startsWith('definition ')) return label;
  const method = label.slice(0, space).toUpperCase();
  const path = label.slice(space + 1).replace(/\/\{version\}(?=\/|$)/, '');
  return `${method} ${normalisePath(path).key}`;
}

function ignores(entry: IgnoreEntry, change: Change): boolean {
  if (entry.rule !== change.rule) return false;
  if (entry.operation !== undefined && matchKey(entry.operation) !== matchKey(change.operation)) return false;
  if (entry.path !== undefined && entry.path !== change.pointer && entry.path !== change.instancePath) return false;
  return true;
}

/** Applies overrides (`error`/`warn`/`info`/`off`) and ignores to raw changes. */
export function applyConfig(
  changes: readonly Change[],
  config: AuditConfig,
): { changes: Change[]; ignored: IgnoredChange[] } {
  const kept: Change[] = [];
  const ignored: IgnoredChange[] = [];
  for (const raw of changes) {
    const setting = config.rules[raw.rule];
    const effective = setting === undefined ? raw.severity : RULE_SETTINGS[setting];
    if (effective === 'off') continue;
    const change = effective === raw.severity ? raw : { ...raw, severity: effective };
    const entry = config.ignore.find((candidate) => ignores(candidate, change));
    if (entry) ignored.push({ change, reason: entry.reason });
    else kept.push(change);
  }
  return { changes: kept, ignored };
}

/** Counts per severity. */
export function countBySeverity(changes: readonly Change[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { breaking: 0, warning: 0, info: 0 };
  for (const change of changes) counts[change.severity]++;
  return counts;
}

/** True when a change reaches the `failOn` level (breaking, or breaking and warning). */
export function fails(result: Pick<AuditResult, 'counts'>, failOn: 'breaking' | 'warning'): boolean {
  const levels = SEVERITIES.slice(0, SEVERITIES.indexOf(failOn) + 1);
  return levels.some((level) => result.counts[level] > 0);
}

/** Compares two loaded models under a config. */
export function auditModels(oldModel: ApiModel, newModel: ApiModel, config: AuditConfig): AuditResult {
  const raw = diffModels(oldModel, newModel, { context: { enumAdditions: config.enumAdditions } });
  const { changes, ignored } = applyConfig(raw, config);
  const byOperations = oldModel.operations.size > 0 && newModel.operations.size > 0;
  return {
    old: oldModel.source,
    new: newModel.source,
    compared: byOperations
      ? { old: oldModel.operations.size, new: newModel.operations.size, unit: 'operations' }
      : { old: oldModel.schemas.size, new: newModel.schemas.size, unit: 'definitions' },
    changes,
    ignored,
    counts: countBySeverity(changes),
  };
}

/** Loads OLD and NEW (version names, files, directories or comma lists) and compares them. */
export async function auditDiff(oldSpec: string, newSpec: string, config: AuditConfig): Promise<AuditResult> {
  const [oldModel, newModel] = await Promise.all([loadSide(oldSpec), loadSide(newSpec)]);
  return auditModels(oldModel, newModel, config);
}
