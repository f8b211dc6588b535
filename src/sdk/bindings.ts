import type { ApiVersion, EndpointId } from '../catalogue/index.js';
import { walk, type LoadedSdk, type SdkClient } from './sdk.js';

/**
 * Where an SDK keeps the method of each endpoint, and how to call it. `@hubspot/api-client` 13
 * puts every associations API under `crm.associations.v4` (its paths are `/crm/v4/...`). No 13.x
 * release has a namespace for a date version; the gate looks for one under the names a generator
 * would give it (`v202603`, `v2026_03`, `2026-03`) and reports honestly when there is none.
 */

/** A located SDK method, and where it was found (for messages). */
export interface SdkMethod {
  readonly where: string;
  invoke(args: readonly unknown[]): Promise<unknown>;
}

/** One endpoint's method inside a version namespace, and its arguments in SDK order. */
interface Binding {
  readonly member: readonly string[];
  readonly args: (params: Readonly<Record<string, string>>, body: unknown) => unknown[];
  /** The generated models module of the v4 namespace (its ObjectSerializer and enums), 13.x layout. */
  readonly models: string;
}

const pairArgs = (params: Readonly<Record<string, string>>, body: unknown): unknown[] => [
  params.fromObjectType,
  params.toObjectType,
  body,
];

const V4_MODELS = 'lib/codegen/crm/associations/v4/models/ObjectSerializer.js';
const V4_SCHEMA_MODELS = 'lib/codegen/crm/associations/v4/schema/models/ObjectSerializer.js';

/** The method of every endpoint within a version namespace (the 13.x layout). */
export const SDK_BINDINGS: Readonly<Record<EndpointId, Binding>> = {
  'batch-read': { member: ['batchApi', 'getPage'], args: pairArgs, models: V4_MODELS },
  'batch-associate-default': { member: ['batchApi', 'createDefault'], args: pairArgs, models: V4_MODELS },
  'configurations-batch-create': {
    member: ['schema', 'definitionConfigurationsApi', 'batchCreate'],
    args: pairArgs,
    models: V4_SCHEMA_MODELS,
  },
  'associate-default': {
    member: ['basicApi', 'createDefault'],
    args: (params) => [params.fromObjectType, params.fromObjectId, params.toObjectType, params.toObjectId],
    models: V4_MODELS,
  },
};

/**
 * The SDK's generated models module for an endpoint in a version (its exports: the model classes,
 * the enums, `ObjectSerializer`), or undefined where the SDK has none (any date version in 13.x).
 */
export function sdkModels(
  sdk: LoadedSdk,
  endpoint: EndpointId,
  apiVersion: ApiVersion,
): Readonly<Record<string, unknown>> | undefined {
  if (apiVersion !== 'v4') return undefined;
  try {
    const loaded = sdk.load(SDK_BINDINGS[endpoint].models);
    return typeof loaded === 'object' && loaded !== null ? (loaded as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
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

/** The namespaces a version's methods may live in, relative to the client. */
export function versionNamespaces(apiVersion: ApiVersion): string[][] {
  if (apiVersion === 'v4') return [['crm', 'associations', 'v4']];
  const [year, month] = apiVersion.split('-');
  return [`v${year}${month}`, `v${year}_${month}`, apiVersion].map((name) => ['crm', 'associations', name]);
}

/** The SDK method for an endpoint in a version, or undefined when the client has none. */
export function locateMethod(client: SdkClient, endpoint: EndpointId, apiVersion: ApiVersion): SdkMethod | undefined {
  const binding = SDK_BINDINGS[endpoint];
  for (const namespace of versionNamespaces(apiVersion)) {
    const owner = walk(client, [...namespace, ...binding.member.slice(0, -1)]);
    const name = binding.member.at(-1) ?? '';
    const fn = walk(owner, [name]);
    if (typeof fn === 'function') {
      return {
        where: [...namespace, ...binding.member].join('.'),
        invoke: (args) => Promise.resolve((fn as (...values: unknown[]) => unknown).apply(owner, [...args])),
      };
    }
  }
  return undefined;
}

/** The SDK's arguments for a request: path parameters and body in the method's order. */
export function sdkArguments(endpoint: EndpointId, params: Readonly<Record<string, string>>, body: unknown): unknown[] {
  return SDK_BINDINGS[endpoint].args(params, body);
}

/**
 * Generated API classes a client may ship without wiring them into `Client` (13.x generates a
 * `DefinitionConfigurationsApi` but `crm.associations.v4.schema` exposes only `definitionsApi`).
 * The gate calls them only to say what they would send; they are not gated (users cannot reach
 * them through the client).
 */
export const UNWIRED_GENERATED: Partial<
  Record<EndpointId, { readonly module: string; readonly className: string; readonly method: string }>
> = {
  'configurations-batch-create': {
    module: 'lib/codegen/crm/associations/v4/schema/index.js',
    className: 'DefinitionConfigurationsApi',
    method: 'batchCreate',
  },
};

/**
 * The generated (unwired) method of an endpoint, built the way the SDK's discovery builds the wired ones; undefined
 * when absent.
 */
export function locateUnwired(
  sdk: LoadedSdk,
  endpoint: EndpointId,
  options: { readonly accessToken: string; readonly basePath: string },
): SdkMethod | undefined {
  const spec = UNWIRED_GENERATED[endpoint];
  if (!spec) return undefined;
  try {
    const generated = sdk.load(spec.module) as Record<string, unknown>;
    const configurator = walk(sdk.load('lib/src/configuration/ApiClientConfigurator.js'), ['ApiClientConfigurator']) as
      { getParams?: (...args: unknown[]) => unknown } | undefined;
    const rx = walk(sdk.load(spec.module.replace(/index\.js$/, 'rxjsStub.js')), ['Observable']);
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
