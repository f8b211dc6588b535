import { isDeepStrictEqual } from 'node:util';
import {
  allOperations,
  API_VERSIONS,
  buildPath,
  ENDPOINT_IDS,
  resolveResponse,
  SUCCESS_STATUSES,
  type EndpointId,
  type Operation,
} from '../catalogue/index.js';
import type { ObservedExchange } from '../checks/index.js';
import type { CheckIdOfKind } from '../registry/index.js';
import type { RunResult } from '../runner/result.js';
import { runDriven, type DrivenRun, type RunOptions } from '../runner/run.js';
import { guardConfiguration } from '../runner/configurations.js';
import { locateMethod, type SdkMethod } from '../sdk/bindings.js';
import type { LoadedSdk } from '../sdk/sdk.js';
import { createRedactor } from '../transport/index.js';
import { createValidator } from '../validate/index.js';
import { statusesOf, type RequestCase, type ResponseCase } from './cases.js';
import type { GateCell, GateOutcome } from './cells.js';
import type { GateOptions } from './run.js';
import { GATE_CHECK_MODULES, type GateCall, type GateDriver, type GateReport } from './checks/index.js';
import { Collector } from './collector.js';
import { GateReports, invokeSdk } from './driving.js';
import { MAX_CALLS_PER_ENDPOINT } from './modes.js';
import { answerHeaders, Relay, relayAnswer, type RelayAnswer } from './relay.js';

/**
 * The SDK gate over HTTP (`hsac gate sdk --target`): the SDK is pointed at a loopback relay
 * (src/gate/relay.ts) and sends over its own HTTP stack; the relay forwards each request the gate
 * planned through hsac's transport to a live provider (the embedded sandbox, or a portal), and hands
 * the provider's answer back for the SDK to decode. Around it is a run like `hsac run`'s
 * (`runDriven`): the safety checks, records provisioned and journaled, every exchange judged by the
 * run's checks, cleanup also after Ctrl-C. The gate's checks judge what the SDK sent and what it made
 * of the provider's answers, as in-process; what only nock can serve (the other 200/201 code on
 * demand, every generated body) is judged only when the provider happens to answer it.
 *
 * What reaches the provider is only what the gate planned and journaled: the relay forwards a
 * request only when its method, path and body are the planned ones; anything else the SDK sends (an
 * unwired class's old path, a body it changed) is answered by the relay and goes no further.
 */

/**
 * Options of {@link runHttpGate}: the in-process gate's (`runs` here: planned calls per endpoint, each a real
 * request to the provider, at most {@link MAX_CALLS_PER_ENDPOINT}), and the run around it.
 */
export interface HttpGateOptions extends Omit<GateOptions, 'signal'> {
  /** The run around the gate: the target, its token, the journal, waits and the stop signal. */
  readonly run: Omit<RunOptions, 'apiVersion' | 'endpoints' | 'runs' | 'seed' | 'replay' | 'toolVersion'>;
}

/** A record ID no provider holds (batch read then answers 207 with an error for it). */
const UNKNOWN_ID = '999999999999999';

/** HubSpot's contact -> company default association type (the configurations the gate sets are on it). */
const DEFAULT_TYPE_ID = 279;

/** The order calls are planned in: writes first, so the reads find what they made. */
const DRIVE_ORDER: readonly EndpointId[] = [
  'associate-default',
  'batch-associate-default',
  'batch-read',
  'configurations-batch-create',
];

/** The requests planned for an endpoint, from the run's records (each differs, so each is a case of its own). */
export function plannedRequests(op: Operation, pool: DrivenRun['pool'], calls: number): RequestCase[] {
  const types = { fromObjectType: pool.fromObjectType, toObjectType: pool.toObjectType };
  const from = (i: number): string => pool.fromIds[i % pool.fromIds.length] ?? '';
  const to = (i: number): string => pool.toIds[i % pool.toIds.length] ?? '';
  const count = Math.max(1, Math.min(calls, MAX_CALLS_PER_ENDPOINT));
  return Array.from({ length: count }, (_, i): RequestCase => {
    switch (op.endpoint) {
      case 'associate-default':
        return { params: { ...types, fromObjectId: from(i), toObjectId: to(i) }, body: undefined };
      case 'batch-associate-default':
        return {
          params: types,
          body: { inputs: [0, 1].map((k) => ({ from: { id: from(i) }, to: { id: to(i * 2 + k + 1) } })) },
        };
      case 'batch-read':
        // The records the planned writes associated (a 200), then every other read also names a record no
        // provider holds (a 207 with its error): both answers are decoded.
        return {
          params: types,
          body: {
            inputs:
              i % 2 === 0
                ? [...new Set(Array.from({ length: count }, (_, k) => from(k)))].map((id) => ({ id }))
                : [{ id: from(0) }, { id: UNKNOWN_ID }],
          },
        };
      case 'configurations-batch-create':
        return {
          params: types,
          body: { inputs: [{ category: 'HUBSPOT_DEFINED', typeId: DEFAULT_TYPE_ID, maxToObjectIds: 5 + i }] },
        };
    }
  });
}

/** What one planned call gave: the SDK's outcome, and the provider's answer when the relay forwarded it. */
interface ForwardedCall {
  readonly call: GateCall;
  readonly answer: ObservedExchange | undefined;
  /** An error that ends the run (a daily limit, a wait over the bound, Ctrl-C), met while forwarding. */
  readonly ended: Error | undefined;
}

class HttpGate implements GateDriver {
  private readonly collector: Collector;
  private readonly reports: GateReports;
  readonly validator = createValidator({ profile: 'strict' });
  readonly redactor;
  readonly sdk: LoadedSdk;
  readonly seed: number;
  readonly token: string;
  readonly basePath: string;

  constructor(
    private readonly options: HttpGateOptions,
    private readonly relay: Relay,
    private readonly driven: DrivenRun,
  ) {
    this.collector = new Collector(options.replay);
    this.reports = new GateReports(this.collector);
    this.sdk = options.sdk;
    this.seed = options.seed;
    this.token = options.run.token ?? '';
    this.redactor = createRedactor(this.token === '' ? [] : [this.token]);
    this.basePath = relay.url;
  }

  /** Where one check reports: the collector, under the check's own id. */
  private report(id: CheckIdOfKind<'gate'>): GateReport {
    return this.reports.of(id);
  }

  /** Calls the SDK method with a request case (the typed input a TypeScript user builds); never rejects. */
  private async invoke(op: Operation, method: SdkMethod, request: RequestCase): Promise<GateCall> {
    return { ...(await invokeSdk(this.sdk, op, method, request)), captured: this.relay.take() };
  }

  /**
   * A check's own call (an unwired class's, to say what it would send): over HTTP nothing unplanned reaches the
   * provider, so the relay answers it itself. `served` is nock's answer in-process; a provider cannot be told it.
   */
  async call(op: Operation, method: SdkMethod, request: RequestCase, _served: ResponseCase): Promise<GateCall> {
    this.relay.handle(() =>
      Promise.resolve(relayAnswer(501, 'hsac gate relay: a call the gate did not plan; not forwarded to the provider')),
    );
    return this.invoke(op, method, request);
  }

  /** A planned call: the relay forwards the one request it expects, exactly as planned, and nothing else. */
  private async forwarded(op: Operation, method: SdkMethod, request: RequestCase): Promise<ForwardedCall> {
    const { session } = this.driven;
    const planned = buildPath(op, request.params);
    let answer: ObservedExchange | undefined;
    let ended: Error | undefined;
    this.relay.handle(async (captured): Promise<RelayAnswer> => {
      if (ended || session.isStopped()) return relayAnswer(503, 'hsac gate relay: the run is stopping; not forwarded');
      if (answer) return relayAnswer(409, 'hsac gate relay: a second request for one call; not forwarded');
      const path = captured.path.split('?')[0] ?? '';
      if (captured.method !== op.method || path !== planned)
        return relayAnswer(
          404,
          `hsac gate relay: ${captured.method} ${path} is not the planned ${op.method} ${planned}; not forwarded`,
        );
      let body: unknown;
      try {
        body = captured.body === undefined ? undefined : JSON.parse(captured.body);
      } catch {
        return relayAnswer(400, 'hsac gate relay: the request body is not JSON; not forwarded');
      }
      // Only the planned (journaled) input goes on: an SDK that changed an ID would write what nobody journaled.
      if (!isDeepStrictEqual(body, request.body))
        return relayAnswer(400, 'hsac gate relay: the body is not the planned input; not forwarded');
      try {
        answer = await session.call(op, request.params, body, 'conformance');
      } catch (error) {
        ended = error as Error;
        return relayAnswer(503, `hsac gate relay: ${ended.message}; not answered`);
      }
      const response = answer.exchange.response;
      if (!response) {
        const failure = answer.exchange.failure;
        return relayAnswer(502, `hsac gate relay: the provider gave no answer (${failure?.kind ?? 'none'})`);
      }
      return { status: response.status, headers: answerHeaders(response.headers), body: response.body ?? '' };
    });
    const call = await this.invoke(op, method, request);
    return { call, answer, ended };
  }

  /** Journals what a planned write is about to change (cleanup undoes it); false when it must not be sent. */
  private async journalBefore(op: Operation, request: RequestCase): Promise<boolean> {
    const { journal, pool, session } = this.driven;
    const types = { fromObjectType: pool.fromObjectType, toObjectType: pool.toObjectType };
    if (op.endpoint === 'associate-default') {
      const { fromObjectId = '', toObjectId = '' } = request.params;
      journal.append({ kind: 'associate', ...types, pairs: [[fromObjectId, toObjectId]] });
    } else if (op.endpoint === 'batch-associate-default') {
      const inputs = (request.body as { inputs: { from: { id: string }; to: { id: string } }[] }).inputs;
      journal.append({ kind: 'associate', ...types, pairs: inputs.map((input) => [input.from.id, input.to.id]) });
    } else if (op.endpoint === 'configurations-batch-create') {
      // The limit may be the portal's own: read and journaled before it is overwritten, left alone when unreadable.
      const guard = await guardConfiguration(
        session,
        journal,
        op.apiVersion,
        pool.fromObjectType,
        pool.toObjectType,
        DEFAULT_TYPE_ID,
      );
      if (!guard.ok) {
        session.leftUntouched(op.endpoint, guard.why);
        return false;
      }
    }
    return true;
  }

  /** Drives every endpoint x version: the lookup, the planned calls, the checks of each stage. */
  async drive(): Promise<GateCell[]> {
    const versions = this.options.apiVersions ?? API_VERSIONS;
    const explicit = this.options.apiVersions !== undefined;
    const client = this.sdk.createClient({ accessToken: this.token, basePath: this.relay.url });
    const gated = allOperations().filter((o) => versions.includes(o.apiVersion));
    const ordered = [...gated].sort(
      (a, b) =>
        versions.indexOf(a.apiVersion) - versions.indexOf(b.apiVersion) ||
        DRIVE_ORDER.indexOf(a.endpoint) - DRIVE_ORDER.indexOf(b.endpoint),
    );
    // Every lookup first (no request reaches the provider): a run that ends early still says which methods exist.
    const exposed: { readonly op: Operation; readonly method: SdkMethod; readonly requests: RequestCase[] }[] = [];
    for (const op of ordered) {
      const requests = plannedRequests(op, this.driven.pool, this.options.runs);
      const method = locateMethod(this.sdk, client, op.endpoint, op.apiVersion);
      for (const check of GATE_CHECK_MODULES)
        await check.located?.({ op, method, explicit, request: requests[0], gate: this }, this.report(check.id));
      if (method) exposed.push({ op, method, requests });
    }
    try {
      for (const { op, method, requests } of exposed) {
        for (const request of requests) {
          if (this.driven.session.isStopped() || !(await this.journalBefore(op, request))) break;
          const { call, answer, ended } = await this.forwarded(op, method, request);
          this.judge(op, request, call, answer);
          if (ended) throw ended;
        }
      }
    } finally {
      // The SDK's shape is judged, and what was judged said, also when the run ended early: cells not reached are
      // not-exercised.
      const ops = exposed.map(({ op }) => op);
      for (const check of GATE_CHECK_MODULES) check.finished?.(ops, this, this.report(check.id));
      this.cells = this.collector.cells(gated);
    }
    return this.cells;
  }

  /** The cells judged so far (kept when the drive ends early). */
  cells: GateCell[] = [];

  /** Hands one planned call to the checks: what the SDK sent, and what it made of the provider's answer. */
  private judge(op: Operation, request: RequestCase, call: GateCall, answer: ObservedExchange | undefined): void {
    for (const check of GATE_CHECK_MODULES) {
      if (!check.request) continue;
      this.report(check.id).ran(op.endpoint, op.apiVersion);
      check.request({ op, request, call, gate: this }, this.report(check.id));
    }
    const response = answer?.exchange.response;
    // An answer the SDK cannot be judged on: none, cut short, or no JSON (the run's checks report the provider).
    if (!answer || !response || response.truncated || answer.body?.ok !== true) return;
    // Nor one of a status the gate does not judge decoding on: a 5xx, 404 or 429 the SDK rejects is no decoding (the
    // gate judges the declared codes, the contracts' 400 and 401, and the other code of the 200/201 pair).
    const status = response.status;
    if (!statusesOf(op).includes(status) && status !== SUCCESS_STATUSES.ok && status !== SUCCESS_STATUSES.created)
      return;
    // One the run's checks found broken under the lenient profile is judged only field by field: an SDK is judged
    // on what a client must survive (nulls, numeric IDs, unknown enum values, as in-process), never blamed for
    // throwing on a provider's broken answer.
    const id = answer.exchange.id;
    const brokenAt = this.driven.session.findings
      .filter((f) => f.exchangeId === id && f.severity === 'error')
      .map((f) => f.instancePath);
    const broken = brokenAt.length > 0;
    // Broken as a whole (the body is not the object it should be): no field of it can be judged.
    if (brokenAt.includes('')) return;
    const served: ResponseCase = {
      status: response.status,
      name: `the provider's answer (exchange ${answer.exchange.id})`,
      body: answer.body.value,
    };
    const definition = resolveResponse(op, response.status).definition;
    const decoded = { op, status: response.status, served, definition, call, ...(broken ? { brokenAt } : {}) };
    for (const check of GATE_CHECK_MODULES) {
      if (!check.decoded || (broken && !check.judgesBrokenAnswers)) continue;
      check.decoded(decoded, this.report(check.id));
    }
  }

  /** The gate's findings and one outcome per endpoint x gate check, for the run's result. */
  verdicts(): Pick<RunResult, 'findings' | 'checks'> {
    return { findings: this.collector.findings(), checks: this.collector.outcomes(ENDPOINT_IDS) };
  }
}

/**
 * Runs the SDK gate over HTTP against the options' target; resolves to the run's result (the run's
 * checks and the gate's together) and the matrix cells (a cell is incompatible when a finding of
 * either is an error in it: over HTTP the provider's answers are part of what is judged).
 */
export async function runHttpGate(options: HttpGateOptions): Promise<GateOutcome> {
  const versions = options.apiVersions ?? API_VERSIONS;
  // Records are made through one version's objects endpoints: v4 when gated (every SDK speaks it), else the first.
  const provisionVersion = versions.includes('v4') ? 'v4' : (versions[0] ?? 'v4');
  const relay = await Relay.start();
  let gate: HttpGate | undefined;
  let result: RunResult;
  try {
    result = await runDriven(
      {
        ...options.run,
        apiVersion: provisionVersion,
        endpoints: [...ENDPOINT_IDS],
        runs: options.runs,
        seed: options.seed,
        replay: options.replay,
        toolVersion: options.toolVersion,
      },
      async (driven) => {
        driven.session.purpose = 'sdk-gate';
        gate = new HttpGate(options, relay, driven);
        try {
          await gate.drive();
        } finally {
          // The gate's findings join the run's before its result is built (verdict, tallies, the config's grades).
          for (const finding of gate.verdicts().findings) driven.session.note(finding);
        }
      },
    );
  } finally {
    await relay.close();
  }
  const gateChecks = gate?.verdicts().checks ?? [];
  const sdk = `${options.sdk.name} ${options.sdk.version}`;
  const cells = withRunFindings(gate?.cells ?? [], result);
  // A pass needs the SDK judged at work wherever it has a method: a provider whose answers judged nothing (a 204
  // to everything) leaves the SDK unjudged there, which is no verdict.
  const unjudged = cells.filter((cell) => cell.outcome === 'not-exercised');
  const summary: RunResult['summary'] =
    result.summary.verdict === 'pass' && unjudged.length > 0
      ? {
          ...result.summary,
          verdict: 'inconclusive',
          reason:
            `the SDK was not judged at work in ${unjudged.map((c) => `${c.endpoint} ${c.apiVersion}`).join(', ')}: ` +
            "no request it sent was answered with one of the provider's answers it can be judged on",
        }
      : result.summary;
  return {
    result: {
      ...result,
      summary,
      run: {
        ...result.run,
        apiVersion: versions.join(','),
        target: `${sdk} over HTTP (a loopback relay) to ${result.run.target}`,
      },
      checks: [...result.checks, ...gateChecks],
    },
    cells,
  };
}

/**
 * The cells with the run's own findings in them: over HTTP a cell is incompatible when the provider's
 * answer broke the contract too (a missing completedAt is as breaking for the SDK's user as a lost field).
 */
function withRunFindings(cells: readonly GateCell[], result: RunResult): GateCell[] {
  const gateIds = new Set<string>(GATE_CHECK_MODULES.map((check) => check.id));
  return cells.map((cell): GateCell => {
    const mine = result.findings.filter(
      (f) => f.endpoint === cell.endpoint && f.apiVersion === cell.apiVersion && !gateIds.has(f.check),
    );
    if (mine.length === 0) return cell;
    const byCheck = new Map<string, { errors: number; warnings: number }>();
    for (const finding of mine) {
      const tally = byCheck.get(finding.check) ?? { errors: 0, warnings: 0 };
      if (finding.severity === 'error') tally.errors++;
      else tally.warnings++;
      byCheck.set(finding.check, tally);
    }
    const runChecks = [...byCheck].map(([check, { errors, warnings }]) => ({
      check,
      outcome: errors > 0 ? ('fail' as const) : ('warn' as const),
      evaluated: errors + warnings,
      errors,
      warnings,
    }));
    const broken = runChecks.some((check) => check.errors > 0);
    return {
      ...cell,
      outcome: cell.outcome === 'missing' ? 'missing' : broken ? 'incompatible' : cell.outcome,
      checks: [...cell.checks, ...runChecks],
    };
  });
}
