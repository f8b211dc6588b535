import { SHARED_LAYOUT } from './base.js';
import type { SdkBinding } from './binding.js';

const SCHEMA_CODE = 'lib/codegen/crm/associations/v4/schema';

/**
 * `@hubspot/api-client` 13.x, verified in 13.5.0 (hsac's default SDK): the shared layout, and the first major that
 * generates `DefinitionConfigurationsApi` (`batchCreate(fromObjectType, toObjectType, body)`, exported by the v4
 * `schema` index) without wiring it: the discovery (`lib/src/discovery/crm/associations/v4/schema`) builds only
 * `definitionsApi`. The gate builds the class as that discovery builds the wired ones, to say what it would send.
 */
export const V13_BINDING: SdkBinding = {
  ...SHARED_LAYOUT,
  major: 13,
  verified: '13.5.0',
  endpoints: {
    ...SHARED_LAYOUT.endpoints,
    'configurations-batch-create': {
      ...SHARED_LAYOUT.endpoints['configurations-batch-create'],
      unwired: {
        module: `${SCHEMA_CODE}/index.js`,
        className: 'DefinitionConfigurationsApi',
        method: 'batchCreate',
        configurator: 'lib/src/configuration/ApiClientConfigurator.js',
        observable: `${SCHEMA_CODE}/rxjsStub.js`,
      },
    },
  },
};
