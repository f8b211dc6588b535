import type { SdkBinding } from './binding.js';
import { V11_BINDING } from './v11.js';

/**
 * `@hubspot/api-client` 12.x, verified in 12.1.0: the 11.x layout for every endpoint the gate drives. What 12.x adds
 * (`crm.associations.v4.reportApi`) is outside the catalogue; the v4 `schema` code still has no
 * `DefinitionConfigurationsApi` (no file, no export), so configurations stay missing without an unwired note.
 */
export const V12_BINDING: SdkBinding = { ...V11_BINDING, major: 12, verified: '12.1.0' };
