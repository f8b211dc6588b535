import { isDeepStrictEqual } from 'node:util';
import { allOperations, API_VERSIONS, buildPath, ENDPOINT_IDS, resolveResponse, statusFamily, type ApiVersion, type Operation } from '../catalogue/index.js';
import { CONSUMER_READS, ERROR_READS } from '../pact/reliance.js';
import type { ReportedExchange, RunResult } from '../runner/result.js';
import { createRedactor } from '../transport/index.js';
import { createValidator } from '../validate/index.js';
import { locateMethod, locateUnwired, SDK_BINDINGS, sdkArguments, sdkModels, typedInput, versionNamespaces, type SdkMethod } from '../sdk/bindings.js';
import { requestCases, responseCases, statusesOf, type RequestCase, type ResponseCase } from './cases.js';
import { Collector, pointerPattern } from './collector.js';
import { compareDecoded, type Difference } from './compare.js';
import { enumGaps, locate, reachableDefinitions } from './enums.js';
import { GATE_BASE_URL, Interceptor, type CapturedRequest } from './intercept.js';
import { modelView } from './model-view.js';
import type { LoadedSdk, SdkClient } from '../sdk/sdk.js';

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
}

/** The token the SDK is given: not a credential (nothing leaves the process), and redacted all the same. */
const GATE_TOKEN = 'hsac-gate-token';

interface Call {
  readonly value?: unknown;
  readonly error?: unknown;
  readonly threw: boolean;
  readonly captured: readonly CapturedRequest[];
}

/** `/results/0/to/1/toObjectId` -> `results[].to[].toObjectId` (the reliance list's notation). */
function reliancePath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .reduce((path, token) => (/^\d+$/.test(token) ? `${path}[]` : path === '' ? token : `${path}.${token}`), '');
}

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.constructor.name : typeof error;
  return `${name}: ${message.split('\n').slice(0, 2).join(' ').slice(0, 200)}`;
}

/** The gate over one SDK. */
class Gate {
  private readonly collector: Collector;
  private readonly exchanges: ReportedExchange[] = [];
  private readonly validator = createValidator({ profile: 'strict' });
  private readonly redactor = createRedactor([GATE_TOKEN]);
  private readonly client: SdkClient;

  constructor(
    private readonly options: GateOptions,
    private readonly interceptor: Interceptor,
  ) {
    this.collector = new Collector(options.replay);
    this.client = options.sdk.createClient({ accessToken: GATE_TOKEN, basePath: GATE_BASE_URL });
  }

  private async call(op: Operation, method: SdkMethod, request: RequestCase, served: ResponseCase): Promise<Call> {
    this.interceptor.serve({ status: served.status, body: served.body });
    const startedAt = new Date();
    let value: unknown;
    let error: unknown;
    let threw = false;
    try {
      const input = typedInput(sdkModels(this.options.sdk, op.endpoint, op.apiVersion), op.requestDefinition, request.body);
      value = await method.invoke(sdkArguments(op.endpoint, request.params, input));
    } catch (caught) {
      error = caught;
      threw = true;
    }
    const captured = this.interceptor.take();
    const durationMs = Date.now() - startedAt.getTime();
    for (const sent of captured) {
      const body = JSON.stringify(served.body);
      this.exchanges.push({
        id: this.exchanges.length + 1,
        endpoint: op.endpoint,
        apiVersion: op.apiVersion,
        intent: 'conformance',
        request: { method: sent.method, url: `${GATE_BASE_URL}${sent.path}`, headers: this.redactor.headers(sent.headers), ...(sent.body === undefined ? {} : { body: this.redactor.text(sent.body) }) },
        response: { status: served.status, headers: { 'content-type': 'application/json;charset=utf-8' }, body, bytes: Buffer.byteLength(body) },
        attempts: [{ startedAt: startedAt.toISOString(), durationMs, status: served.status }],
        startedAt: startedAt.toISOString(),
        durationMs,
      });
    }
    return { value, error, threw, captured };
  }

  private differences(op: Operation, status: number, caseName: string, differences: readonly Difference[], checkFor: (d: Difference) => 'sdk-field-lost' | 'sdk-field-corrupted' | 'sdk-status-tolerance', prefix = ''): void {
    const reads = statusFamily(status) === 2 ? CONSUMER_READS[op.endpoint] : ERROR_READS;
    for (const difference of differences) {
      const relied = reads.some((read) => read.path === reliancePath(difference.pointer));
      const pattern = pointerPattern(difference.pointer);
      const what = difference.kind === 'lost' ? `${pattern} is in the ${status} body but not in the decoded model` : `${pattern} decodes to ${JSON.stringify(difference.actual)} where the ${status} body has ${JSON.stringify(difference.expected)}`;
      this.collector.observe({
        check: checkFor(difference),
        // A consumer can only be broken by a field it needs: required or read (reliance.ts).
        severity: difference.required || relied ? 'error' : 'warning',
        endpoint: op.endpoint,
        apiVersion: op.apiVersion,
        instancePath: difference.pointer,
        pattern,
        message: `${prefix}${what}${difference.required ? ' (required)' : relied ? ' (read by consumers)' : ' (optional, read by no consumer)'}`,
        ...(difference.expected === undefined ? {} : { expected: difference.expected }),
        ...(difference.actual === undefined ? {} : { actual: difference.actual }),
        status,
        caseName,
      });
    }
  }

  /** (a) The requests it sends. */
  private async requests(op: Operation, method: SdkMethod, cases: readonly RequestCase[], answer: ResponseCase): Promise<void> {
    for (const request of cases) {
      const call = await this.call(op, method, request, answer);
      const base = { endpoint: op.endpoint, apiVersion: op.apiVersion, caseName: JSON.stringify(request.params) };
      for (const check of ['sdk-request-path', 'sdk-request-headers', 'sdk-request-body'] as const) this.collector.ran(check, op.endpoint);
      const [sent, ...more] = call.captured;
      const expectedPath = buildPath(op, request.params);
      if (!sent || more.length > 0) {
        this.collector.observe({ ...base, check: 'sdk-request-path', severity: 'error', instancePath: '', pattern: 'count', message: `sent ${call.captured.length} requests for one call${call.threw ? ` (${errorText(call.error)})` : ''}` });
        continue;
      }
      if (sent.method !== op.method || sent.path !== expectedPath) {
        const template = op.pathTemplate;
        this.collector.observe({ ...base, check: 'sdk-request-path', severity: 'error', instancePath: '', pattern: 'path', message: `sends ${sent.method} ${sent.path}; the contract for ${op.apiVersion} is ${op.method} ${template}`, expected: `${op.method} ${expectedPath}`, actual: `${sent.method} ${sent.path}` });
      }
      const header = (name: string, ok: boolean, message: string): void => {
        if (!ok) this.collector.observe({ ...base, check: 'sdk-request-headers', severity: 'error', instancePath: '', pattern: name, message, actual: this.redactor.text(sent.headers[name] ?? '(absent)') });
      };
      header('authorization', sent.headers.authorization === `Bearer ${GATE_TOKEN}`, 'the bearer token is not sent as "Authorization: Bearer <token>"');
      header('accept', /application\/json|\*\/\*/.test(sent.headers.accept ?? ''), 'does not accept application/json');
      if (sent.body !== undefined) header('content-type', /^application\/json\b/.test(sent.headers['content-type'] ?? ''), 'a JSON body without Content-Type application/json');
      this.body(op, request, sent, base);
    }
  }

  private body(op: Operation, request: RequestCase, sent: CapturedRequest, base: { endpoint: string; apiVersion: string; caseName: string }): void {
    if (request.body === undefined) {
      if (sent.body !== undefined) this.collector.observe({ ...base, check: 'sdk-request-body', severity: 'error', instancePath: '', pattern: 'unexpected', message: `${op.method} ${op.endpoint} takes no body, the SDK sent one`, actual: sent.body.slice(0, 200) });
      return;
    }
    let parsed: unknown;
    try {
      parsed = sent.body === undefined ? undefined : JSON.parse(sent.body);
    } catch {
      this.collector.observe({ ...base, check: 'sdk-request-body', severity: 'error', instancePath: '', pattern: 'json', message: 'the body sent is not JSON' });
      return;
    }
    if (!isDeepStrictEqual(parsed, request.body)) {
      this.collector.observe({ ...base, check: 'sdk-request-body', severity: 'error', instancePath: '', pattern: 'equal', message: 'the body sent is not the input given', expected: request.body, actual: parsed });
    }
    for (const finding of this.validator.validateRequest({ endpoint: op.endpoint, apiVersion: op.apiVersion, body: parsed }).findings.filter((f) => f.severity === 'error')) {
      this.collector.observe({ ...base, check: 'sdk-request-body', severity: 'error', instancePath: finding.instancePath, pattern: pointerPattern(finding.instancePath), message: `${finding.check}: ${finding.message}` });
    }
  }

  /** (b) Every declared answer (2xx) and the contracts' error answers. */
  private async decoding(op: Operation, method: SdkMethod, request: RequestCase): Promise<void> {
    for (const status of statusesOf(op)) {
      const definition = resolveResponse(op, status).definition;
      for (const served of responseCases(op, status, this.options.seed, this.options.runs)) {
        const call = await this.call(op, method, request, served);
        for (const check of ['sdk-decode-throws', 'sdk-field-lost', 'sdk-field-corrupted'] as const) this.collector.ran(check, op.endpoint);
        const base = { endpoint: op.endpoint, apiVersion: op.apiVersion, status, caseName: served.name };
        if (statusFamily(status) === 2) {
          if (call.threw) {
            this.collector.observe({ ...base, check: 'sdk-decode-throws', severity: 'error', instancePath: '', pattern: String(status), message: `a valid ${status} body throws ${errorText(call.error)}` });
            continue;
          }
          if (definition) this.differences(op, status, served.name, compareDecoded(op.apiVersion, definition, served.body, modelView(call.value)), (d) => (d.kind === 'lost' ? 'sdk-field-lost' : 'sdk-field-corrupted'));
          continue;
        }
        const code = (call.error as { code?: unknown } | undefined)?.code;
        if (!call.threw || code !== status) {
          this.collector.observe({ ...base, check: 'sdk-decode-throws', severity: 'error', instancePath: '', pattern: String(status), message: call.threw ? `a ${status} rejects with code ${String(code)} (${errorText(call.error)})` : `a ${status} resolves instead of rejecting` });
          continue;
        }
        const body = (call.error as { body?: unknown }).body;
        if (definition) this.differences(op, status, served.name, compareDecoded(op.apiVersion, definition, served.body, modelView(body)), (d) => (d.kind === 'lost' ? 'sdk-field-lost' : 'sdk-field-corrupted'), `the rejection's body: `);
      }
    }
  }

  /** (c) 200 where 201 is declared and the reverse (FACTS §8: the 2025 change that broke every SDK). */
  private async tolerance(op: Operation, method: SdkMethod, request: RequestCase): Promise<void> {
    for (const declared of op.responses) {
      const other = declared.status === 200 ? 201 : declared.status === 201 ? 200 : undefined;
      if (other === undefined) continue;
      const [complete] = responseCases(op, declared.status, this.options.seed, 0);
      if (!complete) continue;
      const call = await this.call(op, method, request, { ...complete, status: other });
      this.collector.ran('sdk-status-tolerance', op.endpoint);
      const base = { endpoint: op.endpoint, apiVersion: op.apiVersion, status: other, caseName: complete.name };
      if (call.threw) {
        this.collector.observe({ ...base, check: 'sdk-status-tolerance', severity: 'error', instancePath: '', pattern: String(other), message: `answered ${other} where ${op.apiVersion} declares ${declared.status}, the SDK throws ${errorText(call.error)}` });
        continue;
      }
      // Only what the other code changes: a field the SDK loses whatever the code is, (b) reports.
      const asDeclared = await this.call(op, method, request, complete);
      const known = new Set(asDeclared.threw ? [] : compareDecoded(op.apiVersion, declared.definition, complete.body, modelView(asDeclared.value)).map((d) => `${d.kind} ${d.pointer}`));
      const changed = compareDecoded(op.apiVersion, declared.definition, complete.body, modelView(call.value)).filter((d) => !known.has(`${d.kind} ${d.pointer}`));
      this.differences(op, other, complete.name, changed, () => 'sdk-status-tolerance', `answered ${other} for ${declared.status}: `);
    }
  }

  /** An endpoint the client has no method for in a version. */
  private async missing(op: Operation, explicit: boolean, request: RequestCase | undefined): Promise<void> {
    this.collector.ran('sdk-endpoint-missing', op.endpoint);
    const looked = versionNamespaces(op.apiVersion).map((ns) => [...ns, ...SDK_BINDINGS[op.endpoint].member].join('.')).join(', ');
    let note = '';
    const unwired = locateUnwired(this.options.sdk, op.endpoint, { accessToken: GATE_TOKEN, basePath: GATE_BASE_URL });
    if (unwired && request && op.apiVersion === 'v4') {
      const [answer] = responseCases(op, op.responses[0]?.status ?? 200, this.options.seed, 0);
      const call = answer ? await this.call(op, unwired, request, answer) : undefined;
      const sent = call?.captured[0];
      if (sent) note = `; the package's ${unwired.where} would send ${sent.method} ${sent.path}, where the contract says ${op.method} ${buildPath(op, request.params)}`;
    }
    this.collector.observe({
      check: 'sdk-endpoint-missing',
      // Asked for explicitly, a version the SDK cannot call is an incompatibility; otherwise it is reported, not failed.
      severity: explicit ? 'error' : 'warning',
      endpoint: op.endpoint,
      apiVersion: op.apiVersion,
      instancePath: '',
      pattern: '',
      message: `${this.options.sdk.name} ${this.options.sdk.version} has no method for ${op.endpoint} in ${op.apiVersion} (looked for ${looked})${note}`,
    });
  }

  /** The SDK's enums against the schema, per version, attributed to the exposed endpoints that reach them. */
  private enums(exposed: readonly Operation[]): void {
    for (const op of exposed) {
      const models = sdkModels(this.options.sdk, op.endpoint, op.apiVersion);
      if (!models) continue;
      this.collector.ran('sdk-enum-values', op.endpoint);
      const reachable = reachableDefinitions(op);
      for (const gap of enumGaps(op.apiVersion, models).filter((g) => reachable.has(g.definition))) {
        this.collector.observe({
          check: 'sdk-enum-values',
          severity: 'warning',
          endpoint: op.endpoint,
          apiVersion: op.apiVersion,
          // Where the enum's first value sits in a body (the schema location is in the message).
          instancePath: locate(op, gap.definition, gap.property) ?? '',
          pattern: `${gap.definition}.${gap.property}`,
          message: `${gap.sdkEnum} lacks ${gap.missing.join(', ')}, which ${op.apiVersion} allows in ${gap.definition}.${gap.property} (#/$defs/${gap.definition}/properties/${gap.property}): typed code cannot name it (the decoder passes it through unchanged)`,
          expected: gap.missing,
        });
      }
    }
  }

  async run(): Promise<Pick<RunResult, 'findings' | 'checks' | 'exchanges'>> {
    const versions = this.options.apiVersions ?? API_VERSIONS;
    const explicit = this.options.apiVersions !== undefined;
    const exposed: Operation[] = [];
    for (const op of allOperations().filter((o) => versions.includes(o.apiVersion))) {
      const requests = requestCases(op, this.options.seed, this.options.runs);
      const method = locateMethod(this.client, op.endpoint, op.apiVersion);
      if (!method) {
        await this.missing(op, explicit, requests[0]);
        continue;
      }
      this.collector.ran('sdk-endpoint-missing', op.endpoint);
      exposed.push(op);
      const [first] = requests;
      const [answer] = responseCases(op, op.responses[0]?.status ?? 200, this.options.seed, 0);
      if (!first || !answer) continue;
      await this.requests(op, method, requests, answer);
      await this.decoding(op, method, first);
      await this.tolerance(op, method, first);
    }
    this.enums(exposed);
    return { findings: this.collector.findings(), checks: this.collector.outcomes(ENDPOINT_IDS), exchanges: this.exchanges };
  }
}

/** Runs the SDK gate; resolves to the run's result (findings as data: it never rejects for an incompatibility). */
export async function runGate(options: GateOptions): Promise<RunResult> {
  const started = new Date();
  const interceptor = await Interceptor.start();
  let body: Pick<RunResult, 'findings' | 'checks' | 'exchanges'>;
  try {
    body = await new Gate(options, interceptor).run();
  } finally {
    interceptor.stop();
  }
  const finished = new Date();
  const errors = body.findings.filter((f) => f.severity === 'error').length;
  const warnings = body.findings.length - errors;
  const versions = options.apiVersions ?? API_VERSIONS;
  return {
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
    ...body,
  };
}
