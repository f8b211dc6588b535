import type { SdkBinding } from './binding.js';
import { V13_BINDING } from './v13.js';

/**
 * `@hubspot/api-client` 14.x, verified in 14.0.1: the 13.x layout, `DefinitionConfigurationsApi` still generated and
 * unwired. It declares engines node >=22 (npm warns EBADENGINE on Node 20) but loads and runs on Node 20; it calls
 * HubSpot with the platform's fetch instead of node-fetch. Its v4 `schema/apis` directory also holds `LabelsApi.js`
 * and `LimitsApi.js` (paths `/crm/associations/v4/...`), which the `schema` index does not export: leftovers no user
 * can import through the package's modules, so the binding ignores them.
 */
export const V14_BINDING: SdkBinding = { ...V13_BINDING, major: 14, verified: '14.0.1' };
