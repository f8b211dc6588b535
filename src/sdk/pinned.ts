import { DEFAULT_SDK } from './sdk.js';

/**
 * The `@hubspot/api-client` releases hsac installs as devDependencies (npm aliases, exact versions in package.json),
 * oldest first: what the release matrix gates and the binding specs load. Each costs ~30-50 MB of node_modules and a
 * gate run, so a release is pinned only for what no other pinned release shows.
 */

/** One pinned release: the name it is installed under (`--sdk <alias>`), its exact version, and why it is pinned. */
export interface PinnedSdk {
  readonly alias: string;
  readonly version: string;
  readonly why: string;
}

/** Every pinned release, oldest first; the default SDK (13.x) is among them under its own name. */
export const PINNED_SDKS: readonly PinnedSdk[] = [
  {
    alias: 'hubspot-api-client-v8',
    version: '8.9.0',
    why:
      'last 8.x: the only release without crm.associations.v4.basicApi (associate-default missing), and the only ' +
      'one whose batch associate-default decodes errors[].category to an empty ErrorCategory object',
  },
  {
    alias: 'hubspot-api-client-v10',
    version: '10.2.1',
    why:
      'last 10.x, standing for 9.x too (same layout and findings): the newest release that decodes batch-read ' +
      'errors[].category to an empty ErrorCategory object, and whose enums are type-only unions',
  },
  {
    alias: 'hubspot-api-client-v11',
    version: '11.2.0',
    why: 'last 11.x: the first with run-time enums and errors[].category kept as the string it is',
  },
  { alias: 'hubspot-api-client-v12', version: '12.1.0', why: 'last 12.x' },
  {
    alias: DEFAULT_SDK,
    version: '13.5.0',
    why: "hsac's default SDK: the first to generate DefinitionConfigurationsApi (unwired)",
  },
  {
    alias: 'hubspot-api-client-v14',
    version: '14.0.1',
    why: 'newest release; declares node >=22 but installs (EBADENGINE warning) and runs on Node 20',
  },
];
