/**
 * The rule catalogue: one module per rule, listed once here in report order (STYLE.md, after ajv's
 * keyword list). The walker runs the rules of each site kind in this order, so a report reads
 * top-down: does the operation exist, what happened to its statuses and bodies, then its request,
 * then its response fields. A duplicate id throws when this module loads.
 */
import { definitionAdded } from './definition-added.js';
import { definitionRemoved } from './definition-removed.js';
import { deprecatedOperationRemoved } from './deprecated-operation-removed.js';
import { newOptionalParameter } from './new-optional-parameter.js';
import { newOptionalRequestProperty } from './new-optional-request-property.js';
import { newRequiredParameter } from './new-required-parameter.js';
import { newRequiredRequestProperty } from './new-required-request-property.js';
import { operationAdded } from './operation-added.js';
import { operationDeprecated } from './operation-deprecated.js';
import { operationRemoved } from './operation-removed.js';
import { parameterBecameOptional } from './parameter-became-optional.js';
import { parameterBecameRequired } from './parameter-became-required.js';
import { parameterDeprecated } from './parameter-deprecated.js';
import { parameterRemoved } from './parameter-removed.js';
import { propertyDeprecated } from './property-deprecated.js';
import { requestAdditionalPropertiesClosed } from './request-additional-properties-closed.js';
import { requestBodyBecameRequired } from './request-body-became-required.js';
import { requestBodyRemoved } from './request-body-removed.js';
import { requestEnumValueAdded } from './request-enum-value-added.js';
import { requestEnumValueRemoved } from './request-enum-value-removed.js';
import { requestFormatChanged } from './request-format-changed.js';
import { requestLimitsLoosened } from './request-limits-loosened.js';
import { requestLimitsTightened } from './request-limits-tightened.js';
import { requestMediaTypeRemoved } from './request-media-type-removed.js';
import { requestNullableAdded } from './request-nullable-added.js';
import { requestNullableRemoved } from './request-nullable-removed.js';
import { requestPropertyBecameOptional } from './request-property-became-optional.js';
import { requestPropertyBecameRequired } from './request-property-became-required.js';
import { requestPropertyRemoved } from './request-property-removed.js';
import { requestTypeChanged } from './request-type-changed.js';
import { requestTypeWidened } from './request-type-widened.js';
import { requestVariantRemoved } from './request-variant-removed.js';
import { responseBodyAdded } from './response-body-added.js';
import { responseBodyRemoved } from './response-body-removed.js';
import { responseEnumValueAdded } from './response-enum-value-added.js';
import { responseEnumValueRemoved } from './response-enum-value-removed.js';
import { responseErrorsMerged } from './response-errors-merged.js';
import { responseErrorsSplit } from './response-errors-split.js';
import { responseFormatChanged } from './response-format-changed.js';
import { responseLimitsLoosened } from './response-limits-loosened.js';
import { responseLimitsTightened } from './response-limits-tightened.js';
import { responseMediaTypeRemoved } from './response-media-type-removed.js';
import { responseNonSuccessStatusAdded } from './response-non-success-status-added.js';
import { responseNonSuccessStatusRemoved } from './response-non-success-status-removed.js';
import { responseNullableAdded } from './response-nullable-added.js';
import { responseNullableRemoved } from './response-nullable-removed.js';
import { responseOptionalHeaderRemoved } from './response-optional-header-removed.js';
import { responseOptionalPropertyRemoved } from './response-optional-property-removed.js';
import { responsePropertyAdded } from './response-property-added.js';
import { responsePropertyBecameOptional } from './response-property-became-optional.js';
import { responsePropertyBecameRequired } from './response-property-became-required.js';
import { responseRequiredHeaderRemoved } from './response-required-header-removed.js';
import { responseRequiredPropertyRemoved } from './response-required-property-removed.js';
import { responseSuccessStatusAdded } from './response-success-status-added.js';
import { responseSuccessStatusChanged } from './response-success-status-changed.js';
import { responseSuccessStatusRemoved } from './response-success-status-removed.js';
import { responseTypeChanged } from './response-type-changed.js';
import { responseTypeNarrowed } from './response-type-narrowed.js';
import { responseVariantAdded } from './response-variant-added.js';
import type { AnyRule } from './rule.js';

export type {
  AnyRule,
  Detection,
  Direction,
  Rule,
  RuleContext,
  RuleDirection,
  Severity,
  SiteKind,
  SiteMap,
  StatusPairing,
} from './rule.js';
export { SEVERITIES } from './rule.js';

const CATALOGUE: readonly AnyRule[] = [
  // Operations: existence and lifecycle (site `operation`).
  operationRemoved,
  deprecatedOperationRemoved,
  operationAdded,
  operationDeprecated,
  // Bare schema documents: definitions by name (site `definition`).
  definitionRemoved,
  definitionAdded,
  // Statuses of an operation (site `responses`); the *WithErrors split and merge are HubSpot's
  // 2026 churn (FACTS.md §5) and sit beside the raw status facts they explain.
  responseSuccessStatusRemoved,
  responseSuccessStatusChanged,
  responseSuccessStatusAdded,
  responseErrorsSplit,
  responseErrorsMerged,
  responseNonSuccessStatusRemoved,
  responseNonSuccessStatusAdded,
  // One response on both sides (site `response`): its body, media types, headers.
  responseBodyRemoved,
  responseBodyAdded,
  responseMediaTypeRemoved,
  responseRequiredHeaderRemoved,
  responseOptionalHeaderRemoved,
  // The request body as a whole (site `request-body`).
  requestBodyBecameRequired,
  requestBodyRemoved,
  requestMediaTypeRemoved,
  // Parameters (site `parameter`); their schemas go through the request schema rules below.
  newRequiredParameter,
  newOptionalParameter,
  parameterRemoved,
  parameterBecameRequired,
  parameterBecameOptional,
  parameterDeprecated,
  // Request schemas (site `schema`, direction request): narrowing breaks, widening is info.
  newRequiredRequestProperty,
  newOptionalRequestProperty,
  requestPropertyBecameRequired,
  requestPropertyBecameOptional,
  requestPropertyRemoved,
  requestTypeChanged,
  requestTypeWidened,
  requestFormatChanged,
  requestEnumValueRemoved,
  requestEnumValueAdded,
  requestLimitsTightened,
  requestLimitsLoosened,
  requestNullableRemoved,
  requestNullableAdded,
  requestAdditionalPropertiesClosed,
  requestVariantRemoved,
  // Response schemas (site `schema`, direction response): widening breaks, narrowing is info.
  responseRequiredPropertyRemoved,
  responseOptionalPropertyRemoved,
  responsePropertyBecameOptional,
  responsePropertyBecameRequired,
  responsePropertyAdded,
  responseTypeChanged,
  responseTypeNarrowed,
  responseFormatChanged,
  responseEnumValueAdded,
  responseEnumValueRemoved,
  responseNullableAdded,
  responseNullableRemoved,
  responseLimitsLoosened,
  responseLimitsTightened,
  responseVariantAdded,
  // Either direction.
  propertyDeprecated,
];

/** Throws on a duplicate or malformed id, so a bad catalogue never runs. */
export function checkCatalogue(rules: readonly AnyRule[]): readonly AnyRule[] {
  const seen = new Set<string>();
  for (const rule of rules) {
    if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(rule.id))
      throw new Error(`audit rule id "${rule.id}" is not kebab-case`);
    if (seen.has(rule.id)) throw new Error(`audit rule id "${rule.id}" is registered twice`);
    seen.add(rule.id);
  }
  return rules;
}

/** Every rule, in report order. */
export const AUDIT_RULES: readonly AnyRule[] = checkCatalogue(CATALOGUE);

/** Rule ids, for config validation. */
export const AUDIT_RULE_IDS: ReadonlySet<string> = new Set(AUDIT_RULES.map((rule) => rule.id));
