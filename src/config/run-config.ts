import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
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

let validator: ((value: unknown) => boolean) & { errors?: ErrorObject[] | null } | undefined;

function schemaValidator(): ((value: unknown) => boolean) & { errors?: ErrorObject[] | null } {
  if (!validator) {
    // A small ajv of its own: the config schema is JSON Schema, not one of the body schemas.
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(join(packageRoot(), CONFIG_SCHEMA_PATH), 'utf8')) as object);
  }
  return validator;
}

/** One line per problem, naming the key as a dotted path (`run.runs`, `run.checks.status-code`). */
function describe(error: ErrorObject): string {
  const path = error.instancePath.split('/').slice(1).map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as { additionalProperty?: string; allowedValues?: unknown[] };
  if (error.keyword === 'additionalProperties') return `unknown key "${[...path, params.additionalProperty].join('.')}"`;
  const key = path.join('.') || '(root)';
  if (error.keyword === 'enum') return `"${key}" must be one of ${(params.allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
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
    throw new ConfigError(code ? `cannot read config ${path}: ${code}` : `config ${path} is not JSON: ${(error as Error).message}`);
  }
  const validate = schemaValidator();
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map(describe);
    throw new ConfigError(`config ${path}: ${[...new Set(problems)].join('; ')}`);
  }
  const run = (value as { run?: RunConfig }).run ?? {};
  return { config: run, source: path };
}
