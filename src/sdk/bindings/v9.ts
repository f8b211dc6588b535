import { SHARED_LAYOUT } from './base.js';
import type { SdkBinding } from './binding.js';

/**
 * `@hubspot/api-client` 9.x, verified in 9.1.1: the shared layout, first with `crm.associations.v4.basicApi`
 * (`createDefault(fromObjectType, fromObjectId, toObjectType, toObjectId)`) and a `schema` namespace holding
 * `definitionsApi` only: the package generates no configurations API (nothing under
 * `lib/codegen/crm/associations/v4/schema` names `definitions/configurations`). Enums are type-only unions, as in 8.x.
 */
export const V9_BINDING: SdkBinding = { ...SHARED_LAYOUT, major: 9, verified: '9.1.1' };
