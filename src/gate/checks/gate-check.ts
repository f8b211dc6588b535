import type { Operation } from '../../catalogue/index.js';
import type { CheckIdOfKind } from '../../registry/index.js';
import type { LoadedSdk } from '../../sdk/sdk.js';
import type { SdkMethod } from '../../sdk/bindings.js';
import type { Redactor } from '../../transport/index.js';
import type { Validator } from '../../validate/index.js';
import type { RequestCase, ResponseCase } from '../cases.js';
import type { Observation } from '../collector.js';
import type { CapturedRequest } from '../intercept.js';

/**
 * A check of `hsac gate sdk`: one module per check (src/gate/checks/<id>.ts), bound to its registry
 * declaration (src/registry/gate.ts) by id. The gate (src/gate/run.ts) drives the SDK and hands each
 * check the stage it judges: the lookup of the client's method, every request the SDK sent, every
 * answer it decoded, an endpoint it exposes (for checks that drive calls of their own), and the
 * whole run at the end. A check implements the hooks of the stages it judges; a finding is data,
 * never an exception.
 */
export interface GateCheck {
  readonly id: CheckIdOfKind<'gate'>;
  /** After the gate looked for the client's method for an endpoint x version (found or not). */
  located?(lookup: MethodLookup, report: GateReport): Promise<void>;
  /** One generated request sent through the SDK's method (counted as judged by the gate). */
  request?(sent: SentRequest, report: GateReport): void;
  /**
   * One answer served to the SDK (in-process: a declared 2xx or a contract's error; over HTTP: the provider's). The
   * check counts (`report.ran`) only an answer it judged: one it has nothing to say of (no model to compare, a code
   * another check judges) is not a pass.
   */
  decoded?(answer: ServedAnswer, report: GateReport): void;
  /**
   * True when `decoded` also judges an answer the provider broke (over HTTP: one the run's checks found an error
   * in): a field the body has must decode right whatever else the body lacks. Checks of the whole answer (does it
   * throw, which status) do not blame the SDK for a broken answer.
   */
  readonly judgesBrokenAnswers?: boolean;
  /** An endpoint x version the client exposes, after its requests and answers: the check drives its own calls. */
  exposed?(endpoint: ExposedEndpoint, report: GateReport): Promise<void>;
  /** Once, after every endpoint: the operations the client exposes. */
  finished?(exposed: readonly Operation[], gate: GateDriver, report: GateReport): void;
}

/** Where one check reports: observations under its own id only, and how often it judged. */
export interface GateReport {
  /** Counts one evaluation on an endpoint in a version (a cell of the matrix). */
  ran(endpoint: string, apiVersion: string): void;
  observe(observation: Omit<Observation, 'check'>): void;
}

/** One call of an SDK method the gate made: what it resolved or rejected with, and what nock captured. */
export interface GateCall {
  readonly value?: unknown;
  readonly error?: unknown;
  readonly threw: boolean;
  readonly captured: readonly CapturedRequest[];
}

/** What the gate drives the SDK with, for the checks that make calls of their own. */
export interface GateDriver {
  readonly sdk: LoadedSdk;
  /** The run's seed (generated cases). */
  readonly seed: number;
  /** The access token the SDK was given (its requests must carry it as a bearer token). */
  readonly token: string;
  /** Where the SDK is pointed: nock's host in-process, the loopback relay over HTTP. */
  readonly basePath: string;
  /** The strict validator requests are checked with. */
  readonly validator: Validator;
  /** Removes the gate's token from anything a finding quotes. */
  readonly redactor: Redactor;
  /** Serves `served` to one call of `method` with `request`, and records the exchange. */
  call(op: Operation, method: SdkMethod, request: RequestCase, served: ResponseCase): Promise<GateCall>;
}

/** The lookup of the client's method for an endpoint x version. */
export interface MethodLookup {
  readonly op: Operation;
  /** Undefined: the client has no method for it. */
  readonly method: SdkMethod | undefined;
  /** Whether the version was asked for (`--api-version`), not just every version by default. */
  readonly explicit: boolean;
  /** The first generated request, if any. */
  readonly request: RequestCase | undefined;
  readonly gate: GateDriver;
}

/** A generated request, and what the SDK sent for it. */
export interface SentRequest {
  readonly op: Operation;
  readonly request: RequestCase;
  readonly call: GateCall;
  readonly gate: GateDriver;
}

/** An answer served to the SDK for the endpoint's first request, and what the SDK made of it. */
export interface ServedAnswer {
  readonly op: Operation;
  readonly status: number;
  readonly served: ResponseCase;
  /** The schema definition of the status, when the contract declares one. */
  readonly definition: string | undefined;
  readonly call: GateCall;
  /**
   * Over HTTP, for an answer the run's checks found errors in: where (JSON Pointers). A check that judges broken
   * answers (`judgesBrokenAnswers`) leaves those places, and what holds them, alone: the SDK is not blamed for them.
   */
  readonly brokenAt?: readonly string[];
}

/** An endpoint x version the client exposes, its method and first request. */
export interface ExposedEndpoint {
  readonly op: Operation;
  readonly method: SdkMethod;
  readonly request: RequestCase;
  readonly gate: GateDriver;
}
