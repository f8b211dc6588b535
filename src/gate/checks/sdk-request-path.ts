import { buildPath } from '../../catalogue/index.js';
import type { GateCheck } from './gate-check.js';
import { errorText } from './support.js';

/** One call sends exactly one request, with the contract's method and path for the version. */
export const sdkRequestPath: GateCheck = {
  id: 'sdk-request-path',
  request({ op, request, call }, report) {
    const base = { endpoint: op.endpoint, apiVersion: op.apiVersion, caseName: JSON.stringify(request.params) };
    const [sent, ...more] = call.captured;
    if (!sent || more.length > 0) {
      const threw = call.threw ? ` (${errorText(call.error)})` : '';
      const message = `sent ${call.captured.length} requests for one call${threw}`;
      report.observe({ ...base, severity: 'error', instancePath: '', pattern: 'count', message });
      return;
    }
    const expectedPath = buildPath(op, request.params);
    if (sent.method === op.method && sent.path === expectedPath) return;
    const contract = `${op.method} ${op.pathTemplate}`;
    report.observe({
      ...base,
      severity: 'error',
      instancePath: '',
      pattern: 'path',
      message: `sends ${sent.method} ${sent.path}; the contract for ${op.apiVersion} is ${contract}`,
      expected: `${op.method} ${expectedPath}`,
      actual: `${sent.method} ${sent.path}`,
    });
  },
};
