import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ApiVersion, EndpointId } from '../catalogue/index.js';
import { isObject } from '../json.js';
import { REQUEST_BODY, type EndpointBinding, type PathParams } from './bindings/index.js';
import { walk, type LoadedSdk, type SdkClient } from './sdk.js';

/**
 * What the gate and the SDK consumer do with an SDK's binding (`LoadedSdk.binding`, one per major release in
 * `bindings/`): find an endpoint's method in a client, build its arguments, read the generated models and enums, and
 * build a generated class the client does not wire.
 */

/** A located SDK method, and where it was found (for messages). */
export interface SdkMethod {
  readonly where: string;
  invoke(args: readonly unknown[]): Promise<unknown>;
}

function endpointBinding(sdk: LoadedSdk, endpoint: EndpointId): EndpointBinding {
  return sdk.binding.endpoints[endpoint];
}

/** Where the gate looks for an endpoint's method in a version, as dotted member paths from the client, in order. */
export function methodPaths(sdk: LoadedSdk, endpoint: EndpointId, apiVersion: ApiVersion): string[] {
  const { member } = endpointBinding(sdk, endpoint);
  return sdk.binding.namespaces(apiVersion).map((namespace) => [...namespace, ...member].join('.'));
}

/**
 * The SDK's generated models module for an endpoint in a version (its exports: the model classes,
 * the enums, `ObjectSerializer`), or undefined where the SDK has none (any date version up to 14.x).
 */
export function sdkModels(
  sdk: LoadedSdk,
  endpoint: EndpointId,
  apiVersion: ApiVersion,
): Readonly<Record<string, unknown>> | undefined {
  if (apiVersion !== 'v4') return undefined;
  try {
    const loaded = sdk.load(endpointBinding(sdk, endpoint).models);
    return typeof loaded === 'object' && loaded !== null ? (loaded as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `export type XEnum = "A" | "B";`: an enum generated as a type-only union of string literals. */
const DECLARED_UNION = /^export type (\w+Enum) = ("[^"]*"(?: \| "[^"]*")*);$/gm;

/**
 * The enums generated as type-only unions in the declarations beside a models module: typed code is held to them as
 * to a run-time enum, but they leave nothing at run time (every enum up to 10.x, a few after). Each comes back shaped
 * as a run-time string enum (value -> value).
 */
function declaredUnions(root: string, modelsModule: string): Record<string, Readonly<Record<string, string>>> {
  const directory = join(root, dirname(modelsModule));
  const unions: Record<string, Readonly<Record<string, string>>> = {};
  let files: string[];
  try {
    files = readdirSync(directory).filter((file) => file.endsWith('.d.ts'));
  } catch {
    return unions;
  }
  for (const file of files) {
    for (const [, name, literals] of readFileSync(join(directory, file), 'utf8').matchAll(DECLARED_UNION)) {
      if (name === undefined || literals === undefined) continue;
      const values = [...literals.matchAll(/"([^"]*)"/g)].map(([, value]) => value ?? '');
      unions[name] = Object.fromEntries(values.map((value) => [value, value]));
    }
  }
  return unions;
}

/**
 * The SDK's enums for an endpoint in a version, by generated name (`<Definition><Property>Enum`), each as an object
 * whose values are the enum's: the run-time enums the models module exports, and the type-only unions its
 * declarations hold (a run-time one wins a name both have). Undefined where the SDK has no models module.
 */
export function sdkEnums(
  sdk: LoadedSdk,
  endpoint: EndpointId,
  apiVersion: ApiVersion,
): Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined {
  const models = sdkModels(sdk, endpoint, apiVersion);
  if (!models) return undefined;
  const runtime = Object.entries(models).filter(
    (entry): entry is [string, Readonly<Record<string, unknown>>] => entry[0].endsWith('Enum') && isObject(entry[1]),
  );
  return { ...declaredUnions(sdk.root, endpointBinding(sdk, endpoint).models), ...Object.fromEntries(runtime) };
}

/**
 * The request body as a TypeScript user of the SDK builds it: the SDK's own deserializer maps wire
 * names to its property names (`from` -> `_from`). Without a serializer the JSON goes as it is.
 */
export function typedInput(
  models: Readonly<Record<string, unknown>> | undefined,
  definition: string | undefined,
  body: unknown,
): unknown {
  const serializer = models?.ObjectSerializer as
    { deserialize?: (data: unknown, type: string, format: string) => unknown } | undefined;
  if (body === undefined || definition === undefined || typeof serializer?.deserialize !== 'function') return body;
  return serializer.deserialize(body, definition, '');
}

/** The SDK method for an endpoint in a version, or undefined when the client has none. */
export function locateMethod(
  sdk: LoadedSdk,
  client: SdkClient,
  endpoint: EndpointId,
  apiVersion: ApiVersion,
): SdkMethod | undefined {
  const { member } = endpointBinding(sdk, endpoint);
  for (const namespace of sdk.binding.namespaces(apiVersion)) {
    const owner = walk(client, [...namespace, ...member.slice(0, -1)]);
    const fn = walk(owner, [member.at(-1) ?? '']);
    if (typeof fn === 'function') {
      return {
        where: [...namespace, ...member].join('.'),
        invoke: (args) => Promise.resolve((fn as (...values: unknown[]) => unknown).apply(owner, [...args])),
      };
    }
  }
  return undefined;
}

/** The SDK's arguments for a request: path parameters and body in the method's order. */
export function sdkArguments(sdk: LoadedSdk, endpoint: EndpointId, params: PathParams, body: unknown): unknown[] {
  return endpointBinding(sdk, endpoint).args.map((name) => (name === REQUEST_BODY ? body : params[name]));
}

/**
 * The generated method of an endpoint the client does not wire (13.x and 14.x generate a `DefinitionConfigurationsApi`
 * but `crm.associations.v4.schema` exposes only `definitionsApi`), built the way the SDK's discovery builds the wired
 * ones; undefined where the release has none. The gate calls it only to say what it would send; it is not gated
 * (users cannot reach it through the client).
 */
export function locateUnwired(
  sdk: LoadedSdk,
  endpoint: EndpointId,
  options: { readonly accessToken: string; readonly basePath: string },
): SdkMethod | undefined {
  const spec = endpointBinding(sdk, endpoint).unwired;
  if (!spec) return undefined;
  try {
    const generated = sdk.load(spec.module) as Record<string, unknown>;
    const configurator = walk(sdk.load(spec.configurator), ['ApiClientConfigurator']) as
      { getParams?: (...args: unknown[]) => unknown } | undefined;
    const rx = walk(sdk.load(spec.observable), ['Observable']);
    const createConfiguration = generated.createConfiguration;
    const Api = generated[spec.className];
    if (
      typeof createConfiguration !== 'function' ||
      typeof Api !== 'function' ||
      typeof configurator?.getParams !== 'function'
    )
      return undefined;
    const params = configurator.getParams(
      { accessToken: options.accessToken, basePath: options.basePath, numberOfApiCallRetries: 0 },
      generated.ServerConfiguration,
      rx,
      rx,
    );
    const api = new (Api as new (configuration: unknown) => Record<string, unknown>)(
      (createConfiguration as (p: unknown) => unknown)(params),
    );
    const fn = api[spec.method];
    if (typeof fn !== 'function') return undefined;
    return {
      where: `${spec.module} ${spec.className}.${spec.method} (not reachable from Client)`,
      invoke: (args) => Promise.resolve((fn as (...values: unknown[]) => unknown).apply(api, [...args])),
    };
  } catch {
    return undefined;
  }
}
