import type { SdkBinding } from './binding.js';
import { V9_BINDING } from './v9.js';

/**
 * `@hubspot/api-client` 10.x, verified in 10.2.1: the 9.x layout unchanged (same APIs, methods and argument order
 * under `crm.associations.v4`, same generated modules, no configurations API, enums still type-only unions).
 */
export const V10_BINDING: SdkBinding = { ...V9_BINDING, major: 10, verified: '10.2.1' };
