import type { Severity } from '../../src/registry/finding.js';
import type { CheckIdOfKind } from '../../src/registry/index.js';

/**
 * What `hsac gate sdk` finds in the pinned `@hubspot/api-client`: the exact verdict and findings,
 * each with why it happens. `gate.test.ts` fails when one of these no longer occurs (stale: the
 * SDK or hsac changed, revisit the list and README "What hsac found") or a finding appears that
 * is not here (new). Keyed by check, severity, endpoint, version and place, never by message text
 * (messages carry counts that depend on the seed).
 */

/** One expected finding. */
export interface KnownSdkFinding {
  readonly check: CheckIdOfKind<'gate'>;
  readonly severity: Severity;
  readonly endpoint: string;
  readonly apiVersion: string;
  readonly instancePath: string;
  readonly reason: string;
}

const DATE_VERSIONS = ['2025-09', '2026-03', '2026-09'] as const;
const ENDPOINTS = [
  'associate-default',
  'batch-associate-default',
  'batch-read',
  'configurations-batch-create',
] as const;

/** The verdict and findings for the pinned SDK. */
export const KNOWN_SDK_FINDINGS = {
  sdk: '@hubspot/api-client',
  version: '13.5.0',
  verdict: 'fail',
  findings: [
    // Errors: the 2025 incident (FACTS §8.1, hubspot-api-nodejs#656), still there. The generated
    // response processors test `isCodeInRange("0", code)` (the spec's `default`, true for every
    // code) before their 2xx fallback, so any success code but the declared one throws
    // `ApiException: HTTP-Code: 201 Message: An error occurred.` on a valid body.
    ...(['associate-default', 'batch-associate-default', 'batch-read'] as const).map((endpoint): KnownSdkFinding => ({
      check: 'sdk-status-tolerance',
      severity: 'error',
      endpoint,
      apiVersion: 'v4',
      instancePath: '',
      reason: '201 for a declared 200 throws: the `default` branch is tested before the 2xx fallback',
    })),
    // Warnings: fields the spec added on 2026-08-17; the SDK's AssociationSpecWithLabel model
    // (typeId, label, category) drops them. Optional, and no consumer reads them.
    {
      check: 'sdk-field-lost',
      severity: 'warning',
      endpoint: 'batch-read',
      apiVersion: 'v4',
      instancePath: '/results/0/to/0/associationTypes/0/fromObjectTypeId',
      reason: 'AssociationSpecWithLabel has no fromObjectTypeId attribute; the deserializer drops unknown ones',
    },
    {
      check: 'sdk-field-lost',
      severity: 'warning',
      endpoint: 'batch-read',
      apiVersion: 'v4',
      instancePath: '/results/0/to/0/associationTypes/0/toObjectTypeId',
      reason: 'AssociationSpecWithLabel has no toObjectTypeId attribute',
    },
    // The WORK category (added 2026-02-10, FACTS §5, §7.7) is missing from the TypeScript enums;
    // at run time the deserializer passes it through (the decode checks find no loss).
    {
      check: 'sdk-enum-values',
      severity: 'warning',
      endpoint: 'associate-default',
      apiVersion: 'v4',
      instancePath: '/results/0/associationSpec/associationCategory',
      reason: 'AssociationSpecAssociationCategoryEnum has 3 of the 4 categories (no WORK)',
    },
    {
      check: 'sdk-enum-values',
      severity: 'warning',
      endpoint: 'batch-associate-default',
      apiVersion: 'v4',
      instancePath: '/results/0/associationSpec/associationCategory',
      reason: 'AssociationSpecAssociationCategoryEnum has no WORK',
    },
    {
      check: 'sdk-enum-values',
      severity: 'warning',
      endpoint: 'batch-read',
      apiVersion: 'v4',
      instancePath: '/results/0/to/0/associationTypes/0/category',
      reason: 'AssociationSpecWithLabelCategoryEnum has no WORK',
    },
    // Configurations create is generated (DefinitionConfigurationsApi.batchCreate) but not wired into
    // Client (crm.associations.v4.schema has only definitionsApi), and the generated class targets
    // /crm/v4/associations/definitions/configurations/..., the 2024 path form (FACTS §7.8).
    {
      check: 'sdk-endpoint-missing',
      severity: 'warning',
      endpoint: 'configurations-batch-create',
      apiVersion: 'v4',
      instancePath: '',
      reason: 'no method on Client; the unwired generated class uses the old path',
    },
    // No 13.x release has a namespace for a date-based version: every call goes to /crm/v4/...
    ...DATE_VERSIONS.flatMap((apiVersion) =>
      ENDPOINTS.map((endpoint): KnownSdkFinding => ({
        check: 'sdk-endpoint-missing',
        severity: 'warning',
        endpoint,
        apiVersion,
        instancePath: '',
        reason: 'the SDK speaks only v4 paths',
      })),
    ),
  ] satisfies KnownSdkFinding[],
} as const;

/** The key a finding is matched by. */
export function findingKey(finding: {
  readonly check: string;
  readonly severity: string;
  readonly endpoint?: string;
  readonly apiVersion?: string;
  readonly instancePath: string;
}): string {
  return [finding.check, finding.severity, finding.endpoint ?? '', finding.apiVersion ?? '', finding.instancePath].join(
    ' | ',
  );
}
