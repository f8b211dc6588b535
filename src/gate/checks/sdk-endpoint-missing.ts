import { buildPath } from '../../catalogue/index.js';
import { locateUnwired, methodPaths } from '../../sdk/bindings.js';
import { responseCases } from '../cases.js';
import type { GateCheck } from './gate-check.js';

/**
 * The client has a method for the endpoint in the version. An endpoint it lacks is reported with
 * where the gate looked, and, for a generated class the package has but does not wire into its
 * Client, what that class would send (13.x: configurations create targets the 2024 path form).
 */
export const sdkEndpointMissing: GateCheck = {
  id: 'sdk-endpoint-missing',
  async located({ op, method, explicit, request, gate }, report) {
    report.ran(op.endpoint, op.apiVersion);
    if (method) return;
    const looked = methodPaths(gate.sdk, op.endpoint, op.apiVersion).join(', ');
    let note = '';
    const unwired = locateUnwired(gate.sdk, op.endpoint, { accessToken: gate.token, basePath: gate.basePath });
    if (unwired && request && op.apiVersion === 'v4') {
      const [answer] = responseCases(op, op.responses[0]?.status ?? 200, gate.seed, 0);
      const call = answer ? await gate.call(op, unwired, request, answer) : undefined;
      const sent = call?.captured[0];
      if (sent) {
        const contract = `${op.method} ${buildPath(op, request.params)}`;
        const wouldSend = `${sent.method} ${sent.path}`;
        note = `; the package's ${unwired.where} would send ${wouldSend}, where the contract says ${contract}`;
      }
    }
    const { name, version } = gate.sdk;
    report.observe({
      // Asked for explicitly, a version the SDK cannot call is an incompatibility; else it is reported, not failed.
      severity: explicit ? 'error' : 'warning',
      endpoint: op.endpoint,
      apiVersion: op.apiVersion,
      instancePath: '',
      pattern: '',
      message: `${name} ${version} has no method for ${op.endpoint} in ${op.apiVersion} (looked for ${looked})${note}`,
    });
  },
};
