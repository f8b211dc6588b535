import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { pointerTokens } from '../json-pointer.js';
import { packageRoot } from '../paths.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module.
const addFormats = addFormatsModule.default;

/** The file name hsac looks for in the current directory. */
export const CONFIG_FILE_NAME = 'hsac.config.json';
/** The JSON Schema of the config file, relative to the package root. */
export const CONFIG_SCHEMA_PATH = 'schemas/config/hsac.config.schema.json';

/** The `run` section of `hsac.config.json`. */
export interface RunConfig {
  readonly target?: string;
  readonly apiVersion?: string;
  readonly endpoints?: readonly string[];
  readonly runs?: number;
  readonly seed?: number;
  readonly profile?: 'strict' | 'lenient';
  readonly reportDir?: string;
  readonly journal?: string;
  readonly rateLimit?: string;
  readonly timeoutMs?: number;
  readonly records?: string;
  readonly allowProductionPortal?: boolean;
  readonly requireExercised?: 'all' | readonly string[];
  readonly pagingBudget?: number;
  readonly maxWait?: number;
  readonly invalidRequests?: number;
  readonly probeRateLimit?: boolean;
  readonly sandboxPageSize?: number;
  readonly checks?: Readonly<Record<string, 'error' | 'warn' | 'off'>>;
}

/** A config file that cannot be used: the message names the file and the bad key. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type SchemaValidator = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** The config schema's own ajv, built at first use: the whole file's validator and the sections'. */
interface ConfigSchema {
  readonly ajv: Ajv2020;
  readonly id: string;
  readonly document: {
    readonly properties: Readonly<Record<string, { readonly properties?: Readonly<Record<string, unknown>> }>>;
  };
  readonly whole: SchemaValidator;
}

let configSchema: ConfigSchema | undefined;

function loadConfigSchema(): ConfigSchema {
  if (!configSchema) {
    // A small ajv of its own: the config schema is JSON Schema, not one of the body schemas.
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const document = JSON.parse(
      readFileSync(join(packageRoot(), CONFIG_SCHEMA_PATH), 'utf8'),
    ) as ConfigSchema['document'] & { $id: string };
    ajv.addSchema(document);
    const whole = ajv.getSchema(document.$id);
    if (!whole) throw new Error(`the config schema ${CONFIG_SCHEMA_PATH} did not compile`);
    configSchema = { ajv, id: document.$id, document, whole };
  }
  return configSchema;
}

function schemaValidator(): SchemaValidator {
  return loadConfigSchema().whole;
}

const sectionValidators = new Map<string, SchemaValidator>();

/** The validator of one top-level section of the config schema (`run`), compiled once. */
function sectionValidator(section: ConfigSection): SchemaValidator {
  let validate = sectionValidators.get(section);
  if (!validate) {
    const schema = loadConfigSchema();
    // A reference into the one schema document: the bounds have one source, the file users read.
    validate = schema.ajv.compile({ $ref: `${schema.id}#/properties/${section}` });
    sectionValidators.set(section, validate);
  }
  return validate;
}

/** The sections of the config schema whose keys command-line flags share. */
export type ConfigSection = 'run';

/** A setting that breaks the config schema: its key (a section key, camelCase) and what is wrong. */
export interface SettingProblem {
  /** The key of the section, e.g. `seed`, `timeoutMs`. */
  readonly key: string;
  /** What the schema says, e.g. `must be <= 4294967295`. */
  readonly message: string;
}

/**
 * Checks settings given outside the config file (command-line flags, camelCase keys as in the
 * file) against the same section of `schemas/config/hsac.config.schema.json`, so a flag is bounded
 * exactly like the key it shares with the config (issue 12: `--seed 4294967297` is no longer
 * seed 1). Keys the section does not declare (flags with no config key) and undefined values are
 * left out. Returns one problem per key, in the section's key order.
 */
export function settingProblems(section: ConfigSection, settings: Readonly<Record<string, unknown>>): SettingProblem[] {
  const declared = Object.keys(loadConfigSchema().document.properties[section]?.properties ?? {});
  const given = Object.fromEntries(
    declared.filter((key) => settings[key] !== undefined).map((key) => [key, settings[key]]),
  );
  const validate = sectionValidator(section);
  if (validate(given)) return [];
  const problems = new Map<string, string>();
  for (const error of validate.errors ?? []) {
    const key = pointerTokens(error.instancePath)[0] ?? '';
    // `oneOf` repeats what its branches said; the branch errors are the useful ones.
    if (key === '' || problems.has(key) || error.keyword === 'oneOf') continue;
    problems.set(key, settingMessage(error));
  }
  return declared.filter((key) => problems.has(key)).map((key) => ({ key, message: problems.get(key) ?? '' }));
}

/** What one schema error says about a setting, with the allowed values spelled out. */
function settingMessage(error: ErrorObject): string {
  const params = error.params as { allowedValues?: unknown[] };
  if (error.keyword === 'enum')
    return `must be one of ${(params.allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
  return error.message ?? 'is invalid';
}

/** One line per problem, naming the key as a dotted path (`run.runs`, `run.checks.status-code`). */
function describe(error: ErrorObject): string {
  const path = pointerTokens(error.instancePath);
  const params = error.params as { additionalProperty?: string; allowedValues?: unknown[] };
  if (error.keyword === 'additionalProperties')
    return `unknown key "${[...path, params.additionalProperty].join('.')}"`;
  const key = path.join('.') || '(root)';
  if (error.keyword === 'enum')
    return `"${key}" must be one of ${(params.allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
  return `"${key}" ${error.message ?? 'is invalid'}`;
}

/**
 * Loads the `run` section: `--config FILE` when given (it must exist), else `hsac.config.json` in
 * `cwd` when present, else nothing. The whole file is validated against its JSON Schema first.
 */
export function loadRunConfig(configPath: string | undefined, cwd: string): { config: RunConfig; source?: string } {
  const path = configPath ? resolve(cwd, configPath) : join(cwd, CONFIG_FILE_NAME);
  if (!configPath && !existsSync(path)) return { config: {} };
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code ? `cannot read config ${path}: ${code}` : `config ${path} is not JSON: ${(error as Error).message}`,
    );
  }
  const validate = schemaValidator();
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map(describe);
    throw new ConfigError(`config ${path}: ${[...new Set(problems)].join('; ')}`);
  }
  const run = (value as { run?: RunConfig }).run ?? {};
  return { config: run, source: path };
}
