import type { Operation } from '../catalogue/index.js';
import type { CheckIdOfKind } from '../registry/index.js';
import { sdkArguments, sdkModels, typedInput, type SdkMethod } from '../sdk/bindings.js';
import type { LoadedSdk } from '../sdk/sdk.js';
import type { RequestCase } from './cases.js';
import type { GateCall, GateReport } from './checks/index.js';
import type { Collector } from './collector.js';

/** What both gates (in-process, src/gate/run.ts; over HTTP, src/gate/http.ts) drive an SDK and report with. */

/** Where each check reports: the collector, under the check's own id (one report object per check). */
export class GateReports {
  private readonly reports = new Map<CheckIdOfKind<'gate'>, GateReport>();

  constructor(private readonly collector: Collector) {}

  of(id: CheckIdOfKind<'gate'>): GateReport {
    let report = this.reports.get(id);
    if (!report) {
      report = {
        ran: (endpoint, apiVersion) => this.collector.ran(id, endpoint, apiVersion),
        observe: (observation) => this.collector.observe({ ...observation, check: id }),
      };
      this.reports.set(id, report);
    }
    return report;
  }
}

/**
 * Calls an SDK method with a request case, the body built as the typed model a TypeScript user builds; never
 * rejects: what the SDK resolved or threw is the result (the requests it sent are the caller's to collect).
 */
export async function invokeSdk(
  sdk: LoadedSdk,
  op: Operation,
  method: SdkMethod,
  request: RequestCase,
): Promise<Omit<GateCall, 'captured'>> {
  try {
    const input = typedInput(sdkModels(sdk, op.endpoint, op.apiVersion), op.requestDefinition, request.body);
    return { value: await method.invoke(sdkArguments(sdk, op.endpoint, request.params, input)), threw: false };
  } catch (error) {
    return { error, threw: true };
  }
}
