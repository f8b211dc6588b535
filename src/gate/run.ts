import {
  allOperations,
  API_VERSIONS,
  ENDPOINT_IDS,
  resolveResponse,
  type ApiVersion,
  type Operation,
} from '../catalogue/index.js';
import type { CheckIdOfKind } from '../registry/index.js';
import type { ReportedExchange, RunResult } from '../runner/result.js';
import { locateMethod, type SdkMethod } from '../sdk/bindings.js';
import type { LoadedSdk, SdkClient } from '../sdk/sdk.js';
import { GateInterrupted } from '../sdk/errors.js';
import { createRedactor } from '../transport/index.js';
import { createValidator } from '../validate/index.js';
import { requestCases, responseCases, statusesOf, type RequestCase, type ResponseCase } from './cases.js';
import { GATE_CHECK_MODULES, type GateCall, type GateDriver, type GateReport } from './checks/index.js';
import type { GateCell, GateOutcome } from './cells.js';
import { Collector } from './collector.js';
import { GateReports, invokeSdk } from './driving.js';
import { GATE_BASE_URL, GATE_TOKEN, Interceptor } from './intercept.js';

/**
 * `runGate`: for every endpoint x version, does the SDK have a method; (a) do the requests it
 * sends for generated inputs match the contract; (b) does it decode every generated valid answer
 * without throwing, losing or corrupting a field; (c) does it take 200 for 201 and the reverse.
 * Every answer comes from nock, in-process; the result is a `RunResult`, written with the same
 * report writers as `hsac run`.
 */

/** Options of {@link runGate}. */
export interface GateOptions {
  readonly sdk: LoadedSdk;
  /** The versions asked for; undefined means every version, with the ones the SDK lacks as warnings. */
  readonly apiVersions?: readonly ApiVersion[];
  readonly seed: number;
  /** Random cases per request and per status. */
  readonly runs: number;
  /** The command that reproduces this run (every finding carries it). */
  readonly replay: string;
  readonly toolVersion: string;
  /** Aborted: the gate stops before its next call ({@link GateInterrupted}). */
  readonly signal?: AbortSignal;
}

/**
 * The gate over one SDK: it drives the SDK through every stage and hands each stage to the checks
 * that judge it (src/gate/checks/, in the registry's order); the checks report, the collector
 * aggregates.
 */
class Gate implements GateDriver {
  private readonly collector: Collector;
  private readonly reports: GateReports;
  private readonly exchanges: ReportedExchange[] = [];
  private readonly client: SdkClient;
  readonly validator = createValidator({ profile: 'strict' });
  readonly redactor = createRedactor([GATE_TOKEN]);
  readonly token = GATE_TOKEN;
  readonly basePath = GATE_BASE_URL;
  readonly sdk: LoadedSdk;
  readonly seed: number;

  constructor(
    private readonly options: GateOptions,
    private readonly interceptor: Interceptor,
  ) {
    this.collector = new Collector(options.replay);
    this.reports = new GateReports(this.collector);
    this.sdk = options.sdk;
    this.seed = options.seed;
    this.client = options.sdk.createClient({ accessToken: GATE_TOKEN, basePath: GATE_BASE_URL });
  }

  /** Where one check reports: the collector, under the check's own id. */
  private report(id: CheckIdOfKind<'gate'>): GateReport {
    return this.reports.of(id);
  }

  /** Serves `served` to one call of `method` with `request`, and records every request it sent. */
  async call(op: Operation, method: SdkMethod, request: RequestCase, served: ResponseCase): Promise<GateCall> {
    if (this.options.signal?.aborted) throw new GateInterrupted('the gate was interrupted (SIGINT/SIGTERM)');
    this.interceptor.serve({ status: served.status, body: served.body });
    const startedAt = new Date();
    const outcome = await invokeSdk(this.sdk, op, method, request);
    const captured = this.interceptor.take();
    const durationMs = Date.now() - startedAt.getTime();
    for (const sent of captured) {
      const body = JSON.stringify(served.body);
      this.exchanges.push({
        id: this.exchanges.length + 1,
        endpoint: op.endpoint,
        apiVersion: op.apiVersion,
        intent: 'conformance',
        request: {
          method: sent.method,
          url: `${GATE_BASE_URL}${sent.path}`,
          headers: this.redactor.headers(sent.headers),
          ...(sent.body === undefined ? {} : { body: this.redactor.text(sent.body) }),
        },
        response: {
          status: served.status,
          headers: { 'content-type': 'application/json;charset=utf-8' },
          body,
          bytes: Buffer.byteLength(body),
        },
        attempts: [{ startedAt: startedAt.toISOString(), durationMs, status: served.status }],
        startedAt: startedAt.toISOString(),
        durationMs,
      });
    }
    return { ...outcome, captured };
  }

  /** (a) The requests it sends, one call per generated request. */
  private async requests(
    op: Operation,
    method: SdkMethod,
    cases: readonly RequestCase[],
    answer: ResponseCase,
  ): Promise<void> {
    for (const request of cases) {
      const sent = { op, request, call: await this.call(op, method, request, answer), gate: this };
      for (const check of GATE_CHECK_MODULES) {
        if (!check.request) continue;
        const report = this.report(check.id);
        report.ran(op.endpoint, op.apiVersion);
        check.request(sent, report);
      }
    }
  }

  /** (b) Every declared answer (2xx) and the contracts' error answers, served to the first request. */
  private async decoding(op: Operation, method: SdkMethod, request: RequestCase): Promise<void> {
    for (const status of statusesOf(op)) {
      const definition = resolveResponse(op, status).definition;
      for (const served of responseCases(op, status, this.seed, this.options.runs)) {
        // One answer object for every check: the decoded model is compared once (checks/support.ts).
        const answer = { op, status, served, definition, call: await this.call(op, method, request, served) };
        for (const check of GATE_CHECK_MODULES) {
          if (!check.decoded) continue;
          const report = this.report(check.id);
          check.decoded(answer, report);
        }
      }
    }
  }

  async run(): Promise<Pick<RunResult, 'findings' | 'checks' | 'exchanges'> & { cells: GateCell[] }> {
    const versions = this.options.apiVersions ?? API_VERSIONS;
    const explicit = this.options.apiVersions !== undefined;
    const exposed: Operation[] = [];
    const gated = allOperations().filter((o) => versions.includes(o.apiVersion));
    for (const op of gated) {
      const requests = requestCases(op, this.seed, this.options.runs);
      const method = locateMethod(this.sdk, this.client, op.endpoint, op.apiVersion);
      for (const check of GATE_CHECK_MODULES) {
        await check.located?.({ op, method, explicit, request: requests[0], gate: this }, this.report(check.id));
      }
      if (!method) continue;
      exposed.push(op);
      const [first] = requests;
      const [answer] = responseCases(op, op.responses[0]?.status ?? 200, this.seed, 0);
      if (!first || !answer) continue;
      await this.requests(op, method, requests, answer);
      await this.decoding(op, method, first);
      // (c) and the like: checks that drive calls of their own (200 for 201 and the reverse).
      for (const check of GATE_CHECK_MODULES) {
        await check.exposed?.({ op, method, request: first, gate: this }, this.report(check.id));
      }
    }
    for (const check of GATE_CHECK_MODULES) check.finished?.(exposed, this, this.report(check.id));
    const findings = this.collector.findings();
    return {
      findings,
      checks: this.collector.outcomes(ENDPOINT_IDS),
      exchanges: this.exchanges,
      cells: this.collector.cells(gated),
    };
  }
}

/**
 * Runs the SDK gate; resolves to the run's result and its matrix cells (findings as data: it never rejects for an
 * incompatibility).
 */
export async function runGate(options: GateOptions): Promise<GateOutcome> {
  const started = new Date();
  const interceptor = await Interceptor.start();
  let body: Pick<RunResult, 'findings' | 'checks' | 'exchanges'> & { cells: GateCell[] };
  try {
    body = await new Gate(options, interceptor).run();
  } finally {
    interceptor.stop();
  }
  const finished = new Date();
  const errors = body.findings.filter((f) => f.severity === 'error').length;
  const warnings = body.findings.length - errors;
  const versions = options.apiVersions ?? API_VERSIONS;
  const { cells, ...reported } = body;
  const result: RunResult = {
    tool: { name: 'hsac', version: options.toolVersion },
    run: {
      id: `gate-${options.seed}-${started.getTime().toString(36)}`,
      seed: options.seed,
      apiVersion: versions.join(','),
      endpoints: [...ENDPOINT_IDS],
      runs: options.runs,
      profile: 'strict',
      target: `${options.sdk.name} ${options.sdk.version} (${options.sdk.root}), answers served by nock`,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      replay: options.replay,
    },
    summary: {
      verdict: errors > 0 ? 'fail' : 'pass',
      ...(errors > 0 ? { reason: `${errors} incompatibilit${errors === 1 ? 'y' : 'ies'} with the contract` } : {}),
      exchanges: body.exchanges.length,
      unchecked: 0,
      errors,
      warnings,
      sequences: 0,
      seed: options.seed,
      notExercised: [...new Set(body.checks.map((c) => c.check))]
        .filter((check) => body.checks.every((c) => c.check !== check || c.outcome === 'not-exercised'))
        .map((check) => ({ check, why: 'no gate case drove the SDK through it' })),
      requests: { gate: body.exchanges.length },
    },
    ...reported,
  };
  return { result, cells };
}
