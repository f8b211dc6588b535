import { isDeepStrictEqual } from 'node:util';
import { pointerPattern } from '../collector.js';
import type { GateCheck } from './gate-check.js';
import { onlyRequest } from './support.js';

/**
 * The body sent is the input given (built as the typed model a TypeScript user builds) and valid
 * under strict; an endpoint without a body (PUT default) is sent none.
 */
export const sdkRequestBody: GateCheck = {
  id: 'sdk-request-body',
  request({ op, request, call, gate }, report) {
    const sent = onlyRequest(call);
    // More or fewer than one request is sdk-request-path's finding; there is no body to judge.
    if (!sent) return;
    const base = {
      endpoint: op.endpoint,
      apiVersion: op.apiVersion,
      caseName: JSON.stringify(request.params),
      severity: 'error' as const,
    };
    if (request.body === undefined) {
      if (sent.body === undefined) return;
      const message = `${op.method} ${op.endpoint} takes no body, the SDK sent one`;
      report.observe({ ...base, instancePath: '', pattern: 'unexpected', message, actual: sent.body.slice(0, 200) });
      return;
    }
    let parsed: unknown;
    try {
      parsed = sent.body === undefined ? undefined : JSON.parse(sent.body);
    } catch {
      report.observe({ ...base, instancePath: '', pattern: 'json', message: 'the body sent is not JSON' });
      return;
    }
    if (!isDeepStrictEqual(parsed, request.body)) {
      const message = 'the body sent is not the input given';
      report.observe({ ...base, instancePath: '', pattern: 'equal', message, expected: request.body, actual: parsed });
    }
    const checked = gate.validator.validateRequest({ endpoint: op.endpoint, apiVersion: op.apiVersion, body: parsed });
    for (const finding of checked.findings.filter((f) => f.severity === 'error')) {
      report.observe({
        ...base,
        instancePath: finding.instancePath,
        pattern: pointerPattern(finding.instancePath),
        message: `${finding.check}: ${finding.message}`,
      });
    }
  },
};
