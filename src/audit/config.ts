/**
 * The `audit` section of `hsac.config.json` (in the current directory, or `--config FILE`):
 *
 * ```json
 * { "audit": {
 *     "rules": { "response-enum-value-added": "error", "parameter-removed": "off" },
 *     "enumAdditions": "breaking",
 *     "ignore": [ { "rule": "response-success-status-changed",
 *                   "operation": "POST /crm/associations/2026-03/{fromObjectType}/{toObjectType}/batch/archive",
 *                   "reason": "our client accepts any 2xx (HSAC-12)" } ] } }
 * ```
 *
 * `rules` maps a rule id to `error` (breaking), `warn` (warning), `info` or `off`. `enumAdditions`
 * sets the severity of a response enum value added to a closed enum. An ignore entry drops matching
 * changes from the verdict but they stay listed with their reason: silence must be explained, so an
 * entry without a non-empty `reason` is refused. Unknown keys, rule ids and values are usage errors
 * that name the offender. Self-contained on purpose: the run config of another issue will merge
 * with it later.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditInputError } from './errors.js';
import { isObject, own, type JsonObject } from './json.js';
import { AUDIT_RULE_IDS, type Severity } from './rules/index.js';

/** What a config may set a rule to. */
export type RuleSetting = 'error' | 'warn' | 'info' | 'off';

/** A severity, or the rule switched off. */
export const RULE_SETTINGS: Readonly<Record<RuleSetting, Severity | 'off'>> = {
  error: 'breaking',
  warn: 'warning',
  info: 'info',
  off: 'off',
};

/** One accepted, explained exception. */
export interface IgnoreEntry {
  readonly rule: string;
  /** `METHOD path` in any version's form (`/crm/v4/...`, `/crm/associations/2026-03/...`, `{version}`). */
  readonly operation?: string;
  /** A change's `pointer` or `instancePath`, exactly. */
  readonly path?: string;
  readonly reason: string;
}

/** The audit settings. */
export interface AuditConfig {
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly enumAdditions: 'warning' | 'breaking';
  readonly ignore: readonly IgnoreEntry[];
}

/** No overrides, response enum additions are warnings, nothing ignored. */
export const DEFAULT_AUDIT_CONFIG: AuditConfig = { rules: {}, enumAdditions: 'warning', ignore: [] };

/** The file looked for in the current directory. */
export const CONFIG_FILE_NAME = 'hsac.config.json';

/** Top-level sections other commands own; this loader leaves them to their owners. */
const OTHER_SECTIONS: ReadonlySet<string> = new Set([
  '$schema',
  'run',
  'validate',
  'report',
  'sandbox',
  'gate',
  'pact',
]);
const AUDIT_KEYS: ReadonlySet<string> = new Set(['rules', 'enumAdditions', 'ignore']);
const IGNORE_KEYS: ReadonlySet<string> = new Set(['rule', 'operation', 'path', 'reason']);

function isRuleSetting(value: unknown): value is RuleSetting {
  return typeof value === 'string' && Object.hasOwn(RULE_SETTINGS, value);
}

function unknownKeys(node: JsonObject, allowed: ReadonlySet<string>): string[] {
  return Object.keys(node).filter((key) => !allowed.has(key));
}

function parseRules(value: unknown, source: string): Record<string, RuleSetting> {
  if (!isObject(value))
    throw new AuditInputError(
      `${source}: audit.rules must be an object of rule id -> "error" | "warn" | "info" | "off"`,
    );
  const out: Record<string, RuleSetting> = {};
  for (const id of Object.keys(value)) {
    if (!AUDIT_RULE_IDS.has(id))
      throw new AuditInputError(
        `${source}: audit.rules names unknown rule "${id}" (see \`hsac audit diff --help\` or suites/audit/README.md)`,
      );
    const setting = value[id];
    if (!isRuleSetting(setting))
      throw new AuditInputError(
        `${source}: audit.rules["${id}"] is ${JSON.stringify(setting)}; use "error", "warn", "info" or "off"`,
      );
    out[id] = setting;
  }
  return out;
}

function parseIgnore(value: unknown, source: string): IgnoreEntry[] {
  if (!Array.isArray(value))
    throw new AuditInputError(`${source}: audit.ignore must be an array of { rule, operation?, path?, reason }`);
  return value.map((entry, i) => {
    const where = `${source}: audit.ignore[${i}]`;
    if (!isObject(entry)) throw new AuditInputError(`${where} must be an object { rule, operation?, path?, reason }`);
    const extra = unknownKeys(entry, IGNORE_KEYS);
    if (extra.length > 0)
      throw new AuditInputError(`${where} has unknown key "${extra[0]}" (known: rule, operation, path, reason)`);
    const rule = own(entry, 'rule');
    if (typeof rule !== 'string' || !AUDIT_RULE_IDS.has(rule))
      throw new AuditInputError(`${where}.rule ${JSON.stringify(rule)} is not a rule id`);
    const reason = own(entry, 'reason');
    if (typeof reason !== 'string' || reason.trim() === '')
      throw new AuditInputError(`${where} (${rule}) has no reason: every ignored change must say why`);
    const operation = own(entry, 'operation');
    const path = own(entry, 'path');
    if (
      operation !== undefined &&
      (typeof operation !== 'string' || !/^[A-Za-z]+ \S+$|^definition \S+$/.test(operation))
    ) {
      throw new AuditInputError(`${where}.operation must be "METHOD /path" (or "definition Name")`);
    }
    if (path !== undefined && typeof path !== 'string')
      throw new AuditInputError(`${where}.path must be a string (a change's pointer or instance path)`);
    return { rule, reason, ...(operation === undefined ? {} : { operation }), ...(path === undefined ? {} : { path }) };
  });
}

/** Validates a parsed config document; `source` names it in messages. */
export function parseAuditConfig(value: unknown, source: string): AuditConfig {
  if (!isObject(value)) throw new AuditInputError(`${source}: the config must be a JSON object`);
  const extra = Object.keys(value).filter((key) => key !== 'audit' && !OTHER_SECTIONS.has(key));
  if (extra.length > 0) throw new AuditInputError(`${source}: unknown key "${extra[0]}" (the audit reads "audit")`);
  const audit = own(value, 'audit');
  if (audit === undefined) return DEFAULT_AUDIT_CONFIG;
  if (!isObject(audit)) throw new AuditInputError(`${source}: "audit" must be an object`);
  const unknown = unknownKeys(audit, AUDIT_KEYS);
  if (unknown.length > 0)
    throw new AuditInputError(`${source}: unknown key "audit.${unknown[0]}" (known: rules, enumAdditions, ignore)`);
  const enumAdditions = own(audit, 'enumAdditions') ?? DEFAULT_AUDIT_CONFIG.enumAdditions;
  if (enumAdditions !== 'warning' && enumAdditions !== 'breaking') {
    throw new AuditInputError(
      `${source}: audit.enumAdditions is ${JSON.stringify(enumAdditions)}; use "warning" or "breaking"`,
    );
  }
  return {
    rules: own(audit, 'rules') === undefined ? {} : parseRules(own(audit, 'rules'), source),
    enumAdditions,
    ignore: own(audit, 'ignore') === undefined ? [] : parseIgnore(own(audit, 'ignore'), source),
  };
}

/**
 * `--config FILE` when given (it must exist), else `hsac.config.json` in `cwd` when present, else
 * the defaults. Unreadable or invalid JSON is a usage error.
 */
export function loadAuditConfig(configPath: string | undefined, cwd: string): { config: AuditConfig; source?: string } {
  const path = configPath ?? join(cwd, CONFIG_FILE_NAME);
  if (configPath === undefined && !existsSync(path)) return { config: DEFAULT_AUDIT_CONFIG };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AuditInputError(
      `cannot read config ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (error) {
    throw new AuditInputError(`config ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return { config: parseAuditConfig(parsed, path), source: path };
}
