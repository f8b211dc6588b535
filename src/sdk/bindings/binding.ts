import type { ApiVersion, EndpointId } from '../../catalogue/index.js';

/**
 * What the gate and the SDK consumer need to know of one major release of `@hubspot/api-client`: where its Client
 * keeps each endpoint's method and how to call it, and where the generated code it ships lives. One module per major
 * (`v<major>.ts`) holds one object of this interface; `index.ts` chooses by the SDK's version. Paths are relative to
 * the package root, as `LoadedSdk.load` takes them.
 */
export interface SdkBinding {
  /** The major release the binding is for. */
  readonly major: number;
  /** The release the binding was verified in (installed and walked), e.g. `13.5.0`. */
  readonly verified: string;
  /**
   * The namespaces, relative to the client, that a version's methods may live in, in the order the gate looks
   * (`crm.associations.v4` for `v4`).
   */
  readonly namespaces: (apiVersion: ApiVersion) => readonly (readonly string[])[];
  /** Every endpoint the catalogue knows: where its method lives, or would live, in a version namespace. */
  readonly endpoints: Readonly<Record<EndpointId, EndpointBinding>>;
}

/** Path parameters of a request by name (`fromObjectType`, `toObjectId`, ...). */
export type PathParams = Readonly<Record<string, string>>;

/** The request body's place among a method's arguments (no path parameter has this name). */
export const REQUEST_BODY = '(body)';

/** One endpoint's method within a version namespace. */
export interface EndpointBinding {
  /** Member path under a version namespace: API object(s), then the method (`['batchApi', 'getPage']`). */
  readonly member: readonly string[];
  /**
   * The method's arguments in the SDK's order: path parameters by their catalogue names (which the generated
   * parameters share), and {@link REQUEST_BODY} where the body goes. Data, so the specs can hold it to the release.
   */
  readonly args: readonly string[];
  /** The generated models module of the namespace (exports `ObjectSerializer`, the model classes and enums). */
  readonly models: string;
  /**
   * Why the verified release's Client has no method at `member` (what was found instead); undefined where it has one.
   * Documentation the binding specs hold the release to: the gate still looks, since a later patch may add it.
   */
  readonly absent?: string;
  /** A generated class the package ships for the endpoint without wiring it into its Client. */
  readonly unwired?: UnwiredClass;
}

/**
 * A generated API class the package has but its Client does not expose, and the modules the SDK's own discovery
 * builds such classes from (`createConfiguration(ApiClientConfigurator.getParams(config, ServerConfiguration,
 * Observable, Observable))`), so the gate can build it the same way and say what it would send.
 */
export interface UnwiredClass {
  /** The generated index exporting the class, `createConfiguration` and `ServerConfiguration`. */
  readonly module: string;
  readonly className: string;
  readonly method: string;
  /** The module exporting `ApiClientConfigurator` (its `getParams` turns a client config into generated params). */
  readonly configurator: string;
  /** The generated module exporting the `Observable` the configurator wraps middleware in. */
  readonly observable: string;
}
