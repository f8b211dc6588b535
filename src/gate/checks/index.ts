import { checkIdsOf, type CheckIdOfKind } from '../../registry/index.js';
import type { GateCheck } from './gate-check.js';
import { sdkDecodeThrows } from './sdk-decode-throws.js';
import { sdkEndpointMissing } from './sdk-endpoint-missing.js';
import { sdkEnumValues } from './sdk-enum-values.js';
import { sdkFieldCorrupted } from './sdk-field-corrupted.js';
import { sdkFieldLost } from './sdk-field-lost.js';
import { sdkRequestBody } from './sdk-request-body.js';
import { sdkRequestHeaders } from './sdk-request-headers.js';
import { sdkRequestPath } from './sdk-request-path.js';
import { sdkStatusTolerance } from './sdk-status-tolerance.js';

export type { GateCheck, GateDriver, GateReport, GateCall } from './gate-check.js';

/**
 * The module of every gate check, by its registry id (STYLE.md: one check per module): a
 * declaration without a module, or a module of an id the registry lacks, does not compile;
 * registry.spec.ts proves each carries the id it is filed under.
 */
const GATE_CHECK_IMPLEMENTATIONS: Readonly<Record<CheckIdOfKind<'gate'>, GateCheck>> = {
  'sdk-endpoint-missing': sdkEndpointMissing,
  'sdk-request-path': sdkRequestPath,
  'sdk-request-headers': sdkRequestHeaders,
  'sdk-request-body': sdkRequestBody,
  'sdk-decode-throws': sdkDecodeThrows,
  'sdk-field-lost': sdkFieldLost,
  'sdk-field-corrupted': sdkFieldCorrupted,
  'sdk-status-tolerance': sdkStatusTolerance,
  'sdk-enum-values': sdkEnumValues,
};

/** The gate's checks, in the order each stage runs them: the registry's (src/registry/gate.ts). */
export const GATE_CHECK_MODULES: readonly GateCheck[] = checkIdsOf('gate').map((id) => GATE_CHECK_IMPLEMENTATIONS[id]);
