import { isSuccess } from '../../catalogue/index.js';
import { shown } from '../../json.js';
import type { GateCheck } from './gate-check.js';
import { errorText } from './support.js';

/** Every declared 2xx decodes without throwing; the contracts' 400 and 401 reject with their status. */
export const sdkDecodeThrows: GateCheck = {
  id: 'sdk-decode-throws',
  decoded({ op, status, served, call }, report) {
    const base = { endpoint: op.endpoint, apiVersion: op.apiVersion, status, caseName: served.name };
    const where = { severity: 'error' as const, instancePath: '', pattern: String(status) };
    if (isSuccess(status)) {
      // Another 2xx than the declared (a provider's answer over HTTP) is sdk-status-tolerance's to judge.
      if (!op.responses.some((declared) => declared.status === status)) return;
      report.ran(op.endpoint, op.apiVersion);
      if (!call.threw) return;
      report.observe({ ...base, ...where, message: `a valid ${status} body throws ${errorText(call.error)}` });
      return;
    }
    report.ran(op.endpoint, op.apiVersion);
    const code = (call.error as { code?: unknown } | undefined)?.code;
    if (call.threw && code === status) return;
    const message = call.threw
      ? `a ${status} rejects with code ${shown(code)} (${errorText(call.error)})`
      : `a ${status} resolves instead of rejecting`;
    report.observe({ ...base, ...where, message });
  },
};
