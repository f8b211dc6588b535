import { SHARED_LAYOUT } from './base.js';
import type { SdkBinding } from './binding.js';

/**
 * `@hubspot/api-client` 8.x, verified in 8.9.0: `crm.associations.v4` holds only `batchApi` and `definitionsApi`.
 * It has no `basicApi` (and no generated `BasicApi`), so the single default association (PUT
 * `/crm/v4/objects/.../associations/default/...`) cannot be called; no `schema` namespace and no
 * `lib/codegen/crm/associations/v4/schema` code at all. Enums are type-only unions (`export type ...Enum = "A" | "B"`
 * in the models' declarations; nothing at run time).
 */
export const V8_BINDING: SdkBinding = {
  ...SHARED_LAYOUT,
  major: 8,
  verified: '8.9.0',
  endpoints: {
    ...SHARED_LAYOUT.endpoints,
    'associate-default': {
      ...SHARED_LAYOUT.endpoints['associate-default'],
      absent: 'crm.associations.v4 has no basicApi (the package generates no BasicApi)',
    },
    'configurations-batch-create': {
      ...SHARED_LAYOUT.endpoints['configurations-batch-create'],
      absent: 'crm.associations.v4 has no schema namespace (the package has no v4/schema code)',
    },
  },
};
