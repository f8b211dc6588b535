import type { ApiVersion } from '../../catalogue/index.js';
import { REQUEST_BODY, type SdkBinding } from './binding.js';

/**
 * The client layout every `@hubspot/api-client` release from 8.x to 14.x shares: the associations APIs under
 * `crm.associations.v4` (paths `/crm/v4/...`), batch methods on `batchApi` taking (fromObjectType, toObjectType,
 * body), the single default association on `basicApi`. No release up to 14.0.1 has a namespace for a date version;
 * the gate looks for one under the names a generator would give it (`v202603`, `v2026_03`, `2026-03`) and reports
 * honestly when there is none. Each major's module spreads this and states what differs.
 */

/** (fromObjectType, toObjectType, body): every batch method of every release. */
const pairArgs = ['fromObjectType', 'toObjectType', REQUEST_BODY];

const V4_MODELS = 'lib/codegen/crm/associations/v4/models/ObjectSerializer.js';
const V4_SCHEMA_MODELS = 'lib/codegen/crm/associations/v4/schema/models/ObjectSerializer.js';

/** The namespaces a version's methods may live in, relative to the client. */
function versionNamespaces(apiVersion: ApiVersion): string[][] {
  if (apiVersion === 'v4') return [['crm', 'associations', 'v4']];
  const [year, month] = apiVersion.split('-');
  return [`v${year}${month}`, `v${year}_${month}`, apiVersion].map((name) => ['crm', 'associations', name]);
}

/** Why no release wires configurations: a major that ships the generated class adds it as `unwired`. */
const CONFIGURATIONS_UNWIRED =
  'Client wires no configurations API (crm.associations.v4.schema has only definitionsApi)';

/** The layout shared by every major; `major` and `verified` are each module's own. */
export const SHARED_LAYOUT: Omit<SdkBinding, 'major' | 'verified'> = {
  namespaces: versionNamespaces,
  endpoints: {
    'batch-read': { member: ['batchApi', 'getPage'], args: pairArgs, models: V4_MODELS },
    'batch-associate-default': { member: ['batchApi', 'createDefault'], args: pairArgs, models: V4_MODELS },
    'configurations-batch-create': {
      // The name the SDK's discovery would give the generated DefinitionConfigurationsApi, were it wired.
      member: ['schema', 'definitionConfigurationsApi', 'batchCreate'],
      args: pairArgs,
      models: V4_SCHEMA_MODELS,
      absent: CONFIGURATIONS_UNWIRED,
    },
    'associate-default': {
      member: ['basicApi', 'createDefault'],
      args: ['fromObjectType', 'fromObjectId', 'toObjectType', 'toObjectId'],
      models: V4_MODELS,
    },
  },
};
