/**
 * The JSON Structure conformance corpus as a list of cases, one per file (or file pair), each
 * with the outcome SOURCES.md says the official SDK tests expect. Loading is pure file reading;
 * running a case compiles with our compiler and validates with ajv 2020 in strict mode.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { RegExpEngine, RegExpLike } from 'ajv/dist/types/index.js';
import {
  StructureCompileError,
  addStructureVocabulary,
  compileStructure,
  lintStructure,
} from '../../src/structure/index.js';
import { loadWithImports } from './resolve-imports.js';

type JsonObject = Record<string, unknown>;

/** What running a case found. */
export interface Outcome {
  readonly pass: boolean;
  /** Why it passed or failed, in one line: shown on failure and in the tally. */
  readonly detail: string;
}

/** One corpus case. */
export interface CorpusCase {
  /** Path relative to the corpus root; the id used by known-deviations.ts. */
  readonly id: string;
  /** Tally group, e.g. `schemas/invalid`. */
  readonly category: string;
  readonly run: () => Outcome;
}

/**
 * The official SDK test's adversarial instance -> schema table (json-structure/sdk,
 * typescript/tests/test-assets.test.ts).
 */
export const ADVERSARIAL_INSTANCE_SCHEMAS: Readonly<Record<string, string>> = {
  'deep-nesting.json': 'deep-nesting-100.struct.json',
  'recursive-tree.json': 'recursive-array-items.struct.json',
  'property-name-edge-cases.json': 'property-name-edge-cases.struct.json',
  'unicode-edge-cases.json': 'unicode-edge-cases.struct.json',
  'string-length-surrogate.json': 'string-length-surrogate.struct.json',
  'int64-precision.json': 'int64-precision-loss.struct.json',
  'floating-point.json': 'floating-point-precision.struct.json',
  'null-edge-cases.json': 'null-edge-cases.struct.json',
  'empty-collections-invalid.json': 'empty-arrays-objects.struct.json',
  'redos-attack.json': 'redos-pattern.struct.json',
  'allof-conflict.json': 'allof-conflicting-types.struct.json',
  'oneof-all-match.json': 'oneof-all-match.struct.json',
  'type-union-int.json': 'type-union-ambiguous.struct.json',
  'type-union-number.json': 'type-union-ambiguous.struct.json',
  'conflicting-constraints.json': 'conflicting-constraints.struct.json',
  'format-invalid.json': 'format-edge-cases.struct.json',
  'format-valid.json': 'format-edge-cases.struct.json',
  'pattern-flags.json': 'pattern-with-flags.struct.json',
  'additionalProperties-combined.json': 'additionalProperties-combined.struct.json',
  'extends-override.json': 'extends-with-overrides.struct.json',
  'quadratic-blowup.json': 'quadratic-blowup.struct.json',
  'anyof-none-match.json': 'anyof-none-match.struct.json',
};

/** Adversarial schemas the SDK tests require to be rejected; the rest only must not crash. */
export const INVALID_ADVERSARIAL_SCHEMAS: ReadonlySet<string> = new Set([
  'ref-to-nowhere.struct.json',
  'malformed-json-pointer.struct.json',
  'self-referencing-extends.struct.json',
  'extends-circular-chain.struct.json',
]);

/*
 * SOURCES.md asks that adversarial cases "finish within 5 s". A clock reading fails on a busy
 * machine and passes on a fast one for the wrong reason, so the cases prove their bounds by size:
 * - regular expressions, the one step of validation that can take exponential time, are bounded
 *   by the length of what they are given ({@link BACKTRACKING_INPUT_BOUND});
 * - compiling is bounded by what it emits ({@link COMPILED_SIZE_BOUND}: no expansion);
 * - everything else ajv runs is linear in instance and schema size.
 * What remains is the hang guard every test has: vitest's per-test timeout (60 s in the
 * conformance project), generous, and never a speed check.
 */

/**
 * The most characters a pattern the linter flags as a backtracking risk
 * (`SCHEMA_PATTERN_BACKTRACKING_RISK`: nested quantifiers) is ever given. Such a pattern takes up
 * to ~2^n steps on n characters: 2^20 is about a million (milliseconds), while `^(a+)+$` on 28
 * characters takes ~14 s. A longer input is refused before the pattern runs, so the case fails at
 * once, naming the pattern, instead of hanging.
 */
export const BACKTRACKING_INPUT_BOUND = 20;

/** A compiled adversarial schema is at most this many times the size of its source text (today: at most 1x). */
export const COMPILED_SIZE_BOUND = 2;

const INSTANCE_METADATA = ['_description', '_expectedError', '_expectedValid', '_schema', '_note'];
/** Root types whose instances are JSON objects themselves, so `{value: X}` is never a wrapper. */
const OBJECT_ROOT_TYPES = new Set(['object', 'map', 'tuple', 'choice', 'any']);

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function files(dir: string, suffix: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith(suffix))
        .sort()
        .map((name) => join(dir, name))
    : [];
}

function subdirs(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .sort()
        .map((name) => join(dir, name))
        .filter((path) => statSync(path).isDirectory())
    : [];
}

/** Removes the corpus's `_`-prefixed metadata keys (never part of the instance). */
export function stripMetadata(instance: unknown): unknown {
  if (!isObject(instance)) return instance;
  const copy = { ...instance };
  for (const key of INSTANCE_METADATA) delete copy[key];
  return copy;
}

/** `{ "value": X }` stands for X when the schema's root type is a primitive, array or set (SOURCES.md). */
export function unwrapValue(schema: JsonObject, instance: unknown): unknown {
  const type = schema.type;
  const unwraps = typeof type === 'string' && !OBJECT_ROOT_TYPES.has(type);
  if (unwraps && isObject(instance) && Object.keys(instance).length === 1 && Object.hasOwn(instance, 'value'))
    return instance.value;
  return instance;
}

function errorSummary(issues: ReturnType<typeof lintStructure>): string {
  return issues
    .filter((issue) => issue.severity === 'error')
    .slice(0, 4)
    .map((issue) => `${issue.code} at "${issue.path}"`)
    .join('; ');
}

/** A risky pattern was handed more than {@link BACKTRACKING_INPUT_BOUND} characters (thrown before it runs). */
class BacktrackingBoundExceeded extends Error {
  override readonly name = 'BacktrackingBoundExceeded';
}

/** Whether the linter flags a pattern as a backtracking risk (the linter is the one judge of that). */
function isBacktrackingRisk(pattern: string): boolean {
  const probe = {
    $schema: 'https://json-structure.org/meta/core/v0/#',
    $id: 'https://hsac.test/pattern',
    name: 'Pattern',
    $uses: ['JSONStructureValidation'],
    type: 'string',
    pattern,
  };
  return lintStructure(probe).some((issue) => issue.code === 'SCHEMA_PATTERN_BACKTRACKING_RISK');
}

/** ajv's regular expressions, with the risky ones refusing inputs over {@link BACKTRACKING_INPUT_BOUND} characters. */
const boundedRegExp: RegExpEngine = Object.assign(
  (pattern: string, flags: string): RegExpLike => {
    const regex = new RegExp(pattern, flags);
    if (!isBacktrackingRisk(pattern)) return regex;
    const bounded = {
      test(text: string): boolean {
        if (text.length > BACKTRACKING_INPUT_BOUND) {
          const given = `${text.length} characters (bound ${BACKTRACKING_INPUT_BOUND})`;
          throw new BacktrackingBoundExceeded(`backtracking-risk pattern ${pattern} given ${given}`);
        }
        return regex.test(text);
      },
      // ajv keys the patterns it holds by their text.
      toString: () => regex.toString(),
    };
    return bounded;
  },
  { code: 'new RegExp' },
);

/** An ajv 2020 validator in strict mode; one fresh ajv per document keeps `$id`s apart. */
function ajvValidator(schema: JsonObject): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true, code: { regExp: boundedRegExp } });
  addStructureVocabulary(ajv);
  return ajv.compile(schema);
}

/** Validators cached per schema: several instances share one schema. A failure is cached as the error. */
class Validators {
  private readonly cache = new Map<string, ValidateFunction | Error>();

  get(key: string, make: () => ValidateFunction): ValidateFunction | Error {
    let entry = this.cache.get(key);
    if (entry === undefined) {
      try {
        entry = make();
      } catch (error) {
        entry = error instanceof Error ? error : new Error(String(error));
      }
      this.cache.set(key, entry);
    }
    return entry;
  }

  /** The validator of a structure document (read from `file` unless `load` says otherwise). */
  structure(file: string, load: () => unknown = () => readJson(file)): ValidateFunction | Error {
    return this.get(file, () => ajvValidator(compileStructure(load()).schema));
  }
}

function describeError(error: Error): string {
  return error instanceof StructureCompileError
    ? `schema rejected: ${errorSummary(error.issues)}`
    : `${error.name}: ${error.message}`;
}

function validate(validator: ValidateFunction | Error, instance: unknown, expectValid: boolean): Outcome {
  if (validator instanceof Error) return { pass: false, detail: describeError(validator) };
  const valid = validator(instance);
  const errors = (validator.errors ?? [])
    .slice(0, 3)
    .map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
  if (valid === expectValid) return { pass: true, detail: valid ? 'valid' : `invalid: ${errors.join('; ')}` };
  return {
    pass: false,
    detail: valid ? 'accepted, but the corpus says it is invalid' : `rejected: ${errors.join('; ')}`,
  };
}

/** A schema that must lint without errors and compile under ajv strict mode. */
function compilesCleanly(validators: Validators, file: string, load?: () => unknown): Outcome {
  const doc = load ? load() : readJson(file);
  const errors = lintStructure(doc).filter((issue) => issue.severity === 'error');
  if (errors.length > 0) return { pass: false, detail: `lint errors: ${errorSummary(errors)}` };
  const validator = validators.structure(file, () => doc);
  return validator instanceof Error
    ? { pass: false, detail: describeError(validator) }
    : { pass: true, detail: 'lints clean and compiles' };
}

/** Enumerates every case under the corpus root (`../shared/reference/json-structure`). */
export function corpusCases(root: string): CorpusCase[] {
  const validators = new Validators();
  const cases: CorpusCase[] = [];
  const id = (file: string): string => relative(root, file).split('\\').join('/');
  const assets = join(root, 'sdk-test-assets');
  const samples = join(root, 'samples');

  // schemas/invalid: every one MUST fail schema validation.
  for (const file of files(join(assets, 'schemas', 'invalid'), '.struct.json')) {
    cases.push({
      id: id(file),
      category: 'schemas/invalid',
      run: () => {
        const errors = lintStructure(readJson(file)).filter((issue) => issue.severity === 'error');
        return errors.length > 0
          ? { pass: true, detail: `rejected: ${errorSummary(errors)}` }
          : { pass: false, detail: 'accepted, but it is invalid' };
      },
    });
  }

  // schemas/warnings: valid; `without-uses` ones warn SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED, `with-uses` ones do not.
  for (const file of files(join(assets, 'schemas', 'warnings'), '.struct.json')) {
    cases.push({
      id: id(file),
      category: 'schemas/warnings',
      run: () => {
        const clean = compilesCleanly(validators, file);
        if (!clean.pass) return clean;
        const warned = lintStructure(readJson(file)).some(
          (issue) => issue.code === 'SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED',
        );
        const name = basename(file);
        if (name.includes('without-uses') && !warned)
          return { pass: false, detail: 'no SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED warning' };
        if (name.includes('with-uses') && !name.includes('without-uses') && warned)
          return { pass: false, detail: 'unexpected SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED warning' };
        return { pass: true, detail: warned ? 'valid, warns' : 'valid, no warning' };
      },
    });
  }

  // schemas/validation + instances/validation/<name>/*: the schema compiles; every instance is invalid.
  for (const file of files(join(assets, 'schemas', 'validation'), '.struct.json')) {
    cases.push({ id: id(file), category: 'schemas/validation', run: () => compilesCleanly(validators, file) });
    const name = basename(file, '.struct.json');
    for (const instanceFile of files(join(assets, 'instances', 'validation', name), '.json')) {
      cases.push({
        id: id(instanceFile),
        category: 'instances/validation',
        run: () => {
          const schema = readJson(file) as JsonObject;
          return validate(
            validators.structure(file),
            unwrapValue(schema, stripMetadata(readJson(instanceFile))),
            false,
          );
        },
      });
    }
  }

  // instances/invalid/<sample>/*: invalid against samples/core/<sample>/schema.struct.json.
  for (const dir of subdirs(join(assets, 'instances', 'invalid'))) {
    const schemaFile = join(samples, 'core', basename(dir), 'schema.struct.json');
    for (const instanceFile of files(dir, '.json')) {
      cases.push({
        id: id(instanceFile),
        category: 'instances/invalid',
        run: () => validate(validators.structure(schemaFile), stripMetadata(readJson(instanceFile)), false),
      });
    }
  }

  // samples/core: every schema lints clean and compiles; every example is valid (keeping "$schema").
  for (const dir of subdirs(join(samples, 'core'))) {
    const schemaFile = join(dir, 'schema.struct.json');
    cases.push({
      id: id(schemaFile),
      category: 'samples/core schemas',
      run: () => compilesCleanly(validators, schemaFile),
    });
    for (const example of files(dir, '.json').filter((file) => basename(file).startsWith('example'))) {
      cases.push({
        id: id(example),
        category: 'samples/core examples',
        run: () => validate(validators.structure(schemaFile), readJson(example), true),
      });
    }
  }

  // samples/import: with imports inlined by the suite (the compiler does not import), the same expectations.
  const importRoot = join(samples, 'import');
  for (const dir of subdirs(importRoot)) {
    const schemaFiles = [
      join(dir, 'schema.struct.json'),
      ...subdirs(dir).map((sub) => join(sub, 'schema.struct.json')),
    ].filter((file) => existsSync(file));
    for (const schemaFile of schemaFiles) {
      cases.push({
        id: id(schemaFile),
        category: 'samples/import',
        run: () => compilesCleanly(validators, schemaFile, () => loadWithImports(schemaFile)),
      });
    }
    const schemaFile = join(dir, 'schema.struct.json');
    for (const example of files(dir, '.json').filter((file) => basename(file).startsWith('example'))) {
      cases.push({
        id: id(example),
        category: 'samples/import',
        run: () =>
          validate(
            validators.structure(schemaFile, () => loadWithImports(schemaFile)),
            readJson(example),
            true,
          ),
      });
    }
  }

  // schemas/adversarial: the four named ones are rejected; the others lint and compile (or are rejected)
  // without expanding.
  const adversarialSchemas = join(assets, 'schemas', 'adversarial');
  for (const file of files(adversarialSchemas, '.struct.json')) {
    const mustFail = INVALID_ADVERSARIAL_SCHEMAS.has(basename(file));
    cases.push({
      id: id(file),
      category: 'schemas/adversarial',
      run: () =>
        guarded(() => {
          const errors = lintStructure(readJson(file)).filter((issue) => issue.severity === 'error');
          if (mustFail)
            return errors.length > 0
              ? { pass: true, detail: `rejected: ${errorSummary(errors)}` }
              : { pass: false, detail: 'accepted, but it must be rejected' };
          const validator = validators.structure(file);
          if (validator instanceof StructureCompileError) return { pass: true, detail: describeError(validator) };
          if (validator instanceof Error) return { pass: false, detail: `crashed: ${describeError(validator)}` };
          const sourceLength = readFileSync(file, 'utf8').length;
          const compiledLength = JSON.stringify(compileStructure(readJson(file)).schema).length;
          if (compiledLength > COMPILED_SIZE_BOUND * sourceLength) {
            const sizes = `${compiledLength} characters from ${sourceLength} (bound ${COMPILED_SIZE_BOUND}x)`;
            return { pass: false, detail: `compiles to ${sizes}` };
          }
          return { pass: true, detail: `compiles (${compiledLength} characters from ${sourceLength})` };
        }),
    });
  }

  // instances/adversarial: validate against the mapped schema; "no crash", and every risky pattern within its
  // input bound.
  for (const instanceFile of files(join(assets, 'instances', 'adversarial'), '.json')) {
    const schemaName = ADVERSARIAL_INSTANCE_SCHEMAS[basename(instanceFile)];
    cases.push({
      id: id(instanceFile),
      category: 'instances/adversarial',
      run: () =>
        guarded(() => {
          if (schemaName === undefined) return { pass: false, detail: 'no schema mapping for this instance' };
          const schemaFile = join(adversarialSchemas, schemaName);
          const instance = readJson(instanceFile);
          const schema = readJson(schemaFile) as JsonObject;
          // The instances name their schema by $id; a mismatch means the mapping table is wrong.
          if (isObject(instance) && instance.$schema !== schema.$id)
            return { pass: false, detail: `instance $schema ${String(instance.$schema)} is not ${String(schema.$id)}` };
          const validator = validators.structure(schemaFile);
          if (validator instanceof StructureCompileError)
            return { pass: true, detail: `schema rejected, nothing to validate (${errorSummary(validator.issues)})` };
          if (validator instanceof Error) return { pass: false, detail: `crashed: ${describeError(validator)}` };
          const valid = validator(instance);
          return {
            pass: true,
            detail: valid ? 'validated: valid' : `validated: invalid (${validator.errors?.length ?? 0} errors)`,
          };
        }),
    });
  }

  // hubspot-probe: the seed lints to exactly its 11 known errors; repaired, it validates the probe instances.
  const probe = join(root, 'hubspot-probe');
  const seedFile = join(probe, 'crm-associations-api-batch-association-response-structure.json');
  const repairedFile = join(probe, 'batch-association-response.repaired.struct.json');
  if (existsSync(seedFile) && existsSync(repairedFile)) {
    cases.push({ id: id(seedFile), category: 'hubspot-probe', run: () => seedLint(seedFile) });
    // Repair resolves the four dangling #/components/schemas/X to the repaired variant's definitions.
    const repairedSeed = (): ValidateFunction => {
      const definitions = (readJson(repairedFile) as JsonObject).definitions as Record<string, unknown>;
      const refMap = Object.fromEntries(Object.keys(definitions).map((name) => [`#/components/schemas/${name}`, name]));
      return ajvValidator(compileStructure(readJson(seedFile), { repair: { refMap, definitions } }).schema);
    };
    for (const instanceFile of files(join(probe, 'instances'), '.json')) {
      cases.push({
        id: id(instanceFile),
        category: 'hubspot-probe',
        run: () => {
          const probeCase = readJson(instanceFile) as JsonObject;
          return validate(
            validators.get(`${seedFile}#repaired`, repairedSeed),
            probeCase.instance,
            basename(instanceFile).startsWith('valid'),
          );
        },
      });
    }
  }
  return cases;
}

/** The seed's expected lint result (NOTES.md §3): 4 bare $ref, 4 dangling targets, 3 property-less objects. */
function seedLint(seedFile: string): Outcome {
  const errors = lintStructure(readJson(seedFile)).filter((issue) => issue.severity === 'error');
  const count = (code: string): number => errors.filter((issue) => issue.code === code).length;
  const expected = { SCHEMA_REF_NOT_IN_TYPE: 4, SCHEMA_REF_NOT_FOUND: 4, SCHEMA_OBJECT_MISSING_PROPERTIES: 3 };
  const matches = Object.entries(expected).every(([code, n]) => count(code) === n) && errors.length === 11;
  return matches
    ? { pass: true, detail: '11 errors as expected' }
    : { pass: false, detail: `${errors.length} errors: ${errorSummary(errors)}` };
}

/** Runs an adversarial case: a throw (a crash, or a risky pattern over its input bound) is a failing outcome. */
function guarded(run: () => Outcome): Outcome {
  try {
    return run();
  } catch (error) {
    return {
      pass: false,
      detail: `crashed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
    };
  }
}
