import { describe, expect, it } from 'vitest';
import { API_VERSIONS, ENDPOINT_IDS, type EndpointId } from '../../catalogue/index.js';
import { packageRoot } from '../../paths.js';
import { locateMethod, locateUnwired, methodPaths, sdkEnums, sdkModels } from '../bindings.js';
import { PINNED_SDKS } from '../pinned.js';
import { loadSdk, walk, type LoadedSdk } from '../sdk.js';
import { REQUEST_BODY, type EndpointBinding } from './index.js';
import { V13_BINDING } from './v13.js';

/**
 * Every pinned `@hubspot/api-client` release (installed as an npm alias) against its binding: it loads under its
 * major's own binding, each method is where the binding says and takes its arguments in the binding's order, or is
 * absent where the binding says why; its models and enums are read. Nothing is sent: clients point at a closed port.
 */

const CLIENT_OPTIONS = { accessToken: 'spec-token', basePath: 'http://127.0.0.1:9' };

/** Generated models modules a release lacks (every other one must load), and why. */
const MODELS_ABSENT: Readonly<Record<string, readonly EndpointId[]>> = {
  // 8.x has no lib/codegen/crm/associations/v4/schema at all.
  '8.9.0': ['configurations-batch-create'],
};

/** A generated method's parameter names from its source, without the trailing `_options` every one takes. */
function declaredParameters(fn: unknown): string[] {
  const list = typeof fn === 'function' ? /^[^(]*\(([^)]*)\)/.exec(String(fn))?.[1] : undefined;
  return (list ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '' && name !== '_options');
}

/** The binding's argument list as the release declares it: a parameter that is no path parameter is the body. */
function asBound(declared: readonly string[], binding: EndpointBinding): string[] {
  return declared.map((name) => (binding.args.includes(name) ? name : REQUEST_BODY));
}

function loadedExport(sdk: LoadedSdk, module: string, name: string): unknown {
  try {
    return walk(sdk.load(module), [name]);
  } catch {
    return undefined; // no such module in this release
  }
}

describe.each(PINNED_SDKS)('$alias ($version)', ({ alias, version }) => {
  const sdk = loadSdk(alias, packageRoot());
  const client = sdk.createClient(CLIENT_OPTIONS);

  it("loads as the pinned version, under its major's own binding, verified in this very release", () => {
    expect(sdk.version).toBe(version);
    expect(sdk.bindingFallback).toBeUndefined();
    expect(sdk.major).toBe(sdk.binding.major);
    expect(sdk.binding.verified).toBe(version);
  });

  it.each(ENDPOINT_IDS)('%s in v4: the method is where the binding says, or absent where it says why', (endpoint) => {
    const binding = sdk.binding.endpoints[endpoint];
    const method = locateMethod(sdk, client, endpoint, 'v4');
    if (binding.absent === undefined) expect(method?.where).toBe(methodPaths(sdk, endpoint, 'v4')[0]);
    else expect(method).toBeUndefined();
  });

  it.each(ENDPOINT_IDS)('%s in v4: the arguments are in the order the release declares them', (endpoint) => {
    const binding = sdk.binding.endpoints[endpoint];
    const [namespace = []] = sdk.binding.namespaces('v4');
    const wired = walk(client, [...namespace, ...binding.member]);
    const unwired = binding.unwired;
    const generated =
      unwired && walk(loadedExport(sdk, unwired.module, unwired.className), ['prototype', unwired.method]);
    for (const fn of [wired, generated].filter((found) => typeof found === 'function'))
      expect(asBound(declaredParameters(fn), binding)).toEqual(binding.args);
    // Something was checked wherever the binding says a method exists.
    if (binding.absent === undefined || unwired)
      expect([wired, generated].some((f) => typeof f === 'function')).toBe(true);
  });

  it('has no method for any date version (no release up to 14.x has a date namespace)', () => {
    for (const apiVersion of API_VERSIONS.filter((v) => v !== 'v4'))
      for (const endpoint of ENDPOINT_IDS) expect(locateMethod(sdk, client, endpoint, apiVersion)).toBeUndefined();
  });

  it('builds the generated class the binding names as unwired, and only that', () => {
    const { unwired } = sdk.binding.endpoints['configurations-batch-create'];
    const built = locateUnwired(sdk, 'configurations-batch-create', CLIENT_OPTIONS);
    if (unwired)
      expect(built?.where).toBe(`${unwired.module} ${unwired.className}.${unwired.method} (not reachable from Client)`);
    else {
      // Why such a release reports configurations missing without a note: it has no such class at all.
      const since = V13_BINDING.endpoints['configurations-batch-create'].unwired;
      expect(since && loadedExport(sdk, since.module, since.className)).toBeUndefined();
      expect(built).toBeUndefined();
    }
  });

  it("loads each endpoint's models module (ObjectSerializer) where the release has one", () => {
    const absent = MODELS_ABSENT[version] ?? [];
    for (const endpoint of ENDPOINT_IDS)
      expect(typeof sdkModels(sdk, endpoint, 'v4')?.ObjectSerializer, endpoint).toBe(
        absent.includes(endpoint) ? 'undefined' : 'function',
      );
  });

  it('reads the category enums, whether generated as run-time enums or as type-only unions', () => {
    const values = (name: string): unknown[] => Object.values(sdkEnums(sdk, 'batch-read', 'v4')?.[name] ?? {});
    const categories = ['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED'];
    expect(values('AssociationSpecWithLabelCategoryEnum')).toEqual(categories);
    expect(values('AssociationSpecAssociationCategoryEnum')).toEqual(categories);
  });
});
