import { isServerError } from '../catalogue/index.js';
import type { Finding } from '../registry/finding.js';
import { checkDeclaration } from '../registry/index.js';
import { findingFor } from './support.js';
import type { ExchangeCheck } from './types.js';

/**
 * Every response body against the schema of its status under the run's profile, plus the body
 * rules (numErrors, timestamps, 207 carries errors). Findings keep the validate layer's check ids
 * (`required`, `status-enum`, `error-shape`, ...), so a report says exactly what broke.
 */
export const responseBody: ExchangeCheck = {
  ...checkDeclaration('response-body'),
  exercised(observed) {
    const response = observed.exchange.response;
    if (response?.body === undefined || response.truncated) return 0;
    return isServerError(response.status) ? 0 : 1;
  },
  check(observed, { validator }) {
    const response = observed.exchange.response;
    if (response === undefined || response.truncated) return [];
    // 5xx after retries is the transport check's to report; its body is a proxy's, not HubSpot's schema.
    if (isServerError(response.status)) return [];
    // The body as read once for every check (its own findings first: BOM, duplicate keys), then
    // the schema and the body rules over the value read, never over the text again. None: no body came back.
    const read = observed.body;
    if (read === undefined) return [];
    const findings: Finding[] = [...read.findings];
    if (read.ok) {
      const { endpoint, apiVersion } = observed.operation;
      const checked = validator.validateResponse({ endpoint, apiVersion, status: response.status, body: read.value });
      for (const finding of checked.findings) findings.push(finding);
    }
    return findings.map((finding) => findingFor(observed, finding));
  },
};
