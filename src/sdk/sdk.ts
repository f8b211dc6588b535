import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { chooseBinding, type SdkBinding } from './bindings/index.js';
import { GateUsageError } from './errors.js';

/**
 * Loading an SDK under test, by package name (resolved from the working directory, so any
 * installed version works: `npm i -D sdk-next@npm:@hubspot/api-client@14.0.0-beta.1` then
 * `--sdk sdk-next`) or by path (a checkout or an unpacked tarball). Nothing is imported
 * statically: the gate must load whatever version it is pointed at, so its shape is checked at
 * run time and described here only as far as the gate touches it.
 */

/** The SDK the gate pins by default (a devDependency of hsac, 13.x). */
export const DEFAULT_SDK = '@hubspot/api-client';

/** An SDK client: an object tree of API namespaces (`crm.associations.v4.batchApi`). */
export type SdkClient = object;

/** What the gate knows of a loaded SDK. */
export interface LoadedSdk {
  /** What was asked for (`--sdk`). */
  readonly spec: string;
  /** The package name and version from its package.json. */
  readonly name: string;
  readonly version: string;
  /** The major of `version`; undefined when the version names none. */
  readonly major: number | undefined;
  /** Where this release keeps each endpoint's method (its major's binding, else the newest: see `bindingFallback`). */
  readonly binding: SdkBinding;
  /** Set when `binding` is not the major's own: which binding stands in, and why (for the gate to report). */
  readonly bindingFallback: string | undefined;
  /** The package directory. */
  readonly root: string;
  /** A client talking to `basePath` with `accessToken`, with the SDK's own retries off. */
  createClient(options: { readonly accessToken: string; readonly basePath: string }): SdkClient;
  /** Loads a module of the package by a path relative to its root (for generated code the client does not wire). */
  load(relative: string): unknown;
}

type ClientConstructor = new (config: Record<string, unknown>) => object;

function isPathSpec(spec: string): boolean {
  return (
    spec.startsWith('.') || isAbsolute(spec) || spec.includes('\\') || (spec.includes('/') && !spec.startsWith('@'))
  );
}

function readPackage(root: string): { name: string; version: string } {
  const file = join(root, 'package.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new GateUsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const record = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  return {
    name: typeof record.name === 'string' ? record.name : '(unnamed)',
    version: typeof record.version === 'string' ? record.version : '(no version)',
  };
}

/** The package directory of a spec: a path as given, or the package as resolved from `cwd`. */
function packageRoot(spec: string, cwd: string): string {
  if (isPathSpec(spec)) {
    const root = resolve(cwd, spec);
    if (!existsSync(root) || !statSync(root).isDirectory() || !existsSync(join(root, 'package.json')))
      throw new GateUsageError(`--sdk ${spec}: no package directory (with a package.json) at ${root}`);
    return root;
  }
  const requireFromCwd = createRequire(join(cwd, 'package.json'));
  // `<spec>/package.json` finds the installed directory under the name it was installed as (an npm
  // alias such as `sdk-next@npm:@hubspot/api-client@14` keeps the aliased package's own name inside).
  try {
    return dirname(requireFromCwd.resolve(`${spec}/package.json`));
  } catch {
    // A package whose `exports` hides package.json: walk up from its entry point instead.
  }
  let entry: string;
  try {
    entry = requireFromCwd.resolve(spec);
  } catch {
    throw new GateUsageError(`--sdk ${spec}: package not found from ${cwd} (install it, or pass a path)`);
  }
  for (let dir = dirname(entry); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && readPackage(dir).name === spec) return dir;
    if (dirname(dir) === dir)
      throw new GateUsageError(`--sdk ${spec}: resolved to ${entry}, but no package.json names "${spec}" above it`);
  }
}

/**
 * Loads an SDK and checks it is a HubSpot client: it exports a `Client` whose instances have
 * `crm.associations`. Anything else is a {@link GateUsageError} (exit 2), not an incompatibility.
 */
export function loadSdk(spec: string = DEFAULT_SDK, cwd: string = process.cwd()): LoadedSdk {
  const root = packageRoot(spec, cwd);
  const { name, version } = readPackage(root);
  const requireFromRoot = createRequire(join(root, 'package.json'));
  let exported: unknown;
  try {
    exported = requireFromRoot(root);
  } catch (error) {
    throw new GateUsageError(
      `--sdk ${spec}: ${name} ${version} does not load: ${(error as Error).message.split('\n')[0] ?? ''}`,
    );
  }
  const Client = (exported as { Client?: unknown } | null)?.Client;
  if (typeof Client !== 'function')
    throw new GateUsageError(`--sdk ${spec}: ${name} ${version} is not a HubSpot client (it exports no Client)`);
  const ClientClass = Client as ClientConstructor;
  const createClient = (options: { readonly accessToken: string; readonly basePath: string }): SdkClient =>
    new ClientClass({ accessToken: options.accessToken, basePath: options.basePath, numberOfApiCallRetries: 0 });
  const probe = createClient({ accessToken: 'probe', basePath: 'http://127.0.0.1:9' });
  if (walk(probe, ['crm', 'associations']) === undefined)
    throw new GateUsageError(
      `--sdk ${spec}: ${name} ${version} is not a HubSpot client (Client has no crm.associations)`,
    );
  const { binding, major, fallback } = chooseBinding(version);
  return {
    spec,
    name,
    version,
    major,
    binding,
    bindingFallback: fallback,
    root,
    createClient,
    load: (relative): unknown => requireFromRoot(join(root, relative)),
  };
}

/**
 * Follows property names from an object; undefined where one is missing. Getters run (the SDK builds namespaces
 * lazily).
 */
export function walk(from: unknown, names: readonly string[]): unknown {
  let current: unknown = from;
  for (const name of names) {
    if ((typeof current !== 'object' && typeof current !== 'function') || current === null) return undefined;
    current = (current as Record<string, unknown>)[name];
  }
  return current;
}
