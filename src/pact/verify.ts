import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import type { ApiVersion } from '../catalogue/index.js';
import { isObject } from '../json.js';
import {
  createRedactor,
  DailyLimitReached,
  retryAfterMs,
  SendInterrupted,
  WaitTooLong,
  type WaitNotice,
} from '../transport/index.js';
import type { JsonMap } from './json.js';
import { VerificationStopped, withNativeVerifierInChild } from './native-verifier.js';
import { readPactFile } from './pact-files.js';
import { requestFilter } from './request-filter.js';
import { Ledger, PROVIDER_STATES, setupApi, setUpState, type ProviderStateDefinition } from './states/index.js';

/**
 * Provider verification: the pact files replayed against a provider (the reference sandbox, or a
 * portal through `HSAC_PROVIDER_BASE_URL` and its token), with every provider state set up through
 * the provider's own API before its interaction and undone after it. A state that cannot be set up
 * fails its interaction and the verification (pact-js alone would only log it).
 */

// The native verifier phones home with usage metrics unless this is set (PEERS.md); it reads the
// environment when it runs, so setting it at load covers every verification.
process.env.PACT_DO_NOT_TRACK = 'true';

/** The native verifier could not run at all (no interaction was judged); its message says why, token removed. */
export class VerifierDidNotRun extends Error {
  override readonly name = 'VerifierDidNotRun';
}

/** Options of {@link verifyPacts}. */
export interface VerifyOptions {
  /** Local pact files; empty when the verifier fetches them from a broker (`verifierOptions`). */
  readonly pactFiles: readonly string[];
  /** The provider, e.g. the sandbox's `http://127.0.0.1:PORT` or `https://api.hubapi.com`. */
  readonly providerBaseUrl: string;
  /** The real token: added to requests by the request filter, used by the state set-ups. Never written. */
  readonly token: string;
  /** The provider states (default {@link PROVIDER_STATES}); tests substitute one to show a failing set-up. */
  readonly states?: readonly ProviderStateDefinition[];
  /** The version of the set-up calls' paths (default 2026-03). */
  readonly setupApiVersion?: ApiVersion;
  /** Extra verifier options (the broker's, from `broker.ts`), merged in as they are. */
  readonly verifierOptions?: Readonly<Record<string, unknown>>;
  /** Each request's timeout: the verifier's and each set-up call's (default {@link DEFAULT_PACT_TIMEOUT_MS}). */
  readonly timeoutMs?: number;
  /** The longest single wait of a set-up call (a 429's Retry-After); a longer one fails the state (default 60 s). */
  readonly maxWaitMs?: number;
  /** Told before every wait of a set-up call. */
  readonly onWait?: (wait: WaitNotice) => void;
  /** Told what the verification is doing now: a state set up or torn down, an interaction's request sent. */
  readonly onActivity?: (what: string) => void;
  /**
   * Aborting it (Ctrl-C) ends the verification at once: the native verifier is killed, a set-up call in progress is
   * cut short, and what the states set up is undone (waits and timeouts capped, as `hsac run`'s cleanup after a stop).
   */
  readonly signal?: AbortSignal;
}

/**
 * The per-request timeout when none is given: the verifier's state-change call waits for a whole set-up (the paging
 * state makes 501 records and their associations), so the verifier needs room; the set-up calls get the same.
 */
export const DEFAULT_PACT_TIMEOUT_MS = 60_000;

/** One interaction's verdict. */
export interface InteractionVerdict {
  /** The consumer whose pact it is (unknown for pacts fetched from a broker). */
  readonly consumer?: string;
  readonly description: string;
  readonly ok: boolean;
  /** The verifier's mismatch lines, token removed. */
  readonly mismatches: readonly string[];
  /**
   * Set when the interaction failed and a provider state it names could not be set up: it was not
   * verified (the request was answered 500 in the provider's place), and this says why.
   */
  readonly notVerified?: string;
}

/** A provider state that could not be set up (or torn down). */
export interface StateFailure {
  readonly state: string;
  readonly phase: 'setup' | 'teardown' | 'missing';
  readonly message: string;
}

/** The outcome of one verification. */
export interface VerificationResult {
  /** True only when every interaction passed and every state was set up and torn down. */
  readonly ok: boolean;
  readonly interactions: readonly InteractionVerdict[];
  readonly stateFailures: readonly StateFailure[];
  /** What the pact verifier printed (token removed): every interaction, and the mismatches in full. */
  readonly report: string;
  /**
   * Set when the signal stopped the verification: the interactions listed are those of the pact files verified
   * before the stop; the rest were not judged. What the states had set up was undone (a failure is in stateFailures).
   */
  readonly stopped?: boolean;
  /**
   * Set when the provider's own answers stopped the verification (a wait over `maxWaitMs`, a daily limit): why, token
   * removed. Nothing was sent after that answer but the undo of what the states had set up; `stopped` is set too.
   */
  readonly stoppedByProvider?: string;
  /**
   * Set when a stop cut a pact file's verifier run: that file. The native verifier reports no interaction until it
   * ends, so which of that file's interactions were verified before the stop is unknown (none is listed).
   */
  readonly cutPactFile?: string;
}

/** Why an interaction the provider answered 429 (a rate limit) to the verifier's own request was not judged. */
export const RATE_LIMITED_NOT_VERIFIED =
  "the provider answered 429 (rate limited) to the verifier's request: the contract was not judged";

/** The longest single wait when none is given: the transport's default `maxWaitMs`. */
const DEFAULT_MAX_WAIT_MS = 60_000;

interface VerifierJson {
  readonly errors?: readonly {
    readonly interaction?: string;
    readonly mismatch?: {
      readonly mismatches?: readonly { readonly mismatch?: string; readonly path?: string }[];
      readonly message?: string;
    };
  }[];
  readonly interactionResults?: readonly { readonly description?: string; readonly result?: unknown }[];
}

function parseVerifierJson(text: string): VerifierJson {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

/**
 * A state as one interaction asks for it: its name and parameters, keys sorted (the verifier may reorder them), so
 * two interactions in the same state with different parameters are told apart.
 */
function stateKey(name: string, params: unknown): string {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (!isObject(value)) return value;
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sorted(value[key])]),
    );
  };
  return JSON.stringify([name, sorted(params ?? {})]);
}

/** Whether the signal has aborted: read through a call, as it changes in callbacks the compiler's narrowing misses. */
function isAborted(signal: AbortSignal): boolean {
  return signal.aborted;
}

/** The provider state names the pact files use. */
export function statesUsed(pactFiles: readonly string[]): string[] {
  return [...new Set(pactFiles.flatMap((file) => readPactFile(file).interactions.flatMap((i) => i.states)))].sort();
}

/** Verifies pact files against a provider; resolves to the verdict (it never rejects for a failed contract). */
export async function verifyPacts(options: VerifyOptions): Promise<VerificationResult> {
  const redactor = createRedactor([options.token]);
  const definitions = options.states ?? PROVIDER_STATES;
  const apiOptions = {
    baseUrl: options.providerBaseUrl,
    token: options.token,
    ...(options.setupApiVersion ? { apiVersion: options.setupApiVersion } : {}),
    timeoutMs: options.timeoutMs ?? DEFAULT_PACT_TIMEOUT_MS,
    ...(options.maxWaitMs === undefined ? {} : { maxWaitMs: options.maxWaitMs }),
    ...(options.onWait ? { onWait: options.onWait } : {}),
  };
  // The provider's own answers can stop the verification too (a wait over the bound): then nothing more is sent.
  const providerStop = new AbortController();
  let stoppedByProvider: string | undefined;
  const stopForProvider = (why: string): void => {
    if (stoppedByProvider !== undefined) return;
    stoppedByProvider = redactor.text(why);
    providerStop.abort();
  };
  const signal = options.signal ? AbortSignal.any([options.signal, providerStop.signal]) : providerStop.signal;
  const api = setupApi({ ...apiOptions, signal });
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  // Whether the provider answered any of the verifier's own requests 429: a "but was 429" mismatch is then no verdict.
  // (An object, not a `let`: it is set in callbacks, which the compiler's narrowing does not see.)
  const seen = { rateLimited: false };
  const ledger = new Ledger();
  const stateFailures: StateFailure[] = [];
  /** Why a set-up failed, by {@link stateKey}: what an interaction in that state with those parameters was not. */
  const failedSetups = new Map<string, string>();
  let current: string | undefined;
  // Whether the current state was set up: a state whose set-up failed (or never ran) has nothing to tear down.
  let setUp = false;
  // The state handler running now, if any: after a stop it is awaited (its calls end at once) before the undo.
  let handling: Promise<unknown> = Promise.resolve();
  let lastState = '';
  const tell = (what: string): void => options.onActivity?.(what);

  const fail = (state: string, phase: StateFailure['phase'], error: unknown): string => {
    const message = redactor.text(error instanceof Error ? error.message : String(error));
    stateFailures.push({ state, phase, message });
    return `${state}: ${message}`;
  };

  const stateHandlers: Record<
    string,
    { setup: (params?: unknown) => Promise<JsonMap | undefined>; teardown: () => Promise<undefined> }
  > = {};
  // Every known state gets a handler (pacts from a broker are not read here); a state a local pact
  // file names that no definition has is a failure before anything runs.
  for (const name of new Set([...statesUsed(options.pactFiles), ...definitions.map((d) => d.name)])) {
    const definition = definitions.find((d) => d.name === name);
    if (!definition) fail(name, 'missing', new Error('no state handler exists for this state'));
    const setup = async (params: unknown): Promise<JsonMap | undefined> => {
      if (!definition) {
        current = `${name}: no state handler exists for this state`;
        return undefined;
      }
      lastState = name;
      if (signal.aborted) {
        current = `${name}: not set up: the verification was stopped`;
        return undefined;
      }
      tell(`setting up provider state "${name}"`);
      try {
        // Parameters are checked first (unknown keys, types, bounds): a bad one fails the state, nothing written.
        const values = await setUpState(definition, { api, ledger }, params);
        setUp = true;
        return { ...values };
      } catch (error) {
        if (error instanceof WaitTooLong || error instanceof DailyLimitReached) stopForProvider(error.message);
        if (error instanceof SendInterrupted || isAborted(signal)) {
          current = `${name}: not set up: the verification was stopped`;
          return undefined;
        }
        // pact-js would answer the verifier 200 and send the request with the example IDs.
        current = fail(name, 'setup', error);
        failedSetups.set(stateKey(name, params), stateFailures.at(-1)?.message ?? '');
        return undefined;
      }
    };
    const teardown = async (): Promise<undefined> => {
      current = undefined;
      // What a failed or stopped set-up wrote stays in the ledger, undone with the next teardown or at the end.
      if (!setUp || signal.aborted) return undefined;
      setUp = false;
      tell(`tearing down provider state "${name}"`);
      try {
        await ledger.undo(api);
      } catch (error) {
        fail(name, 'teardown', error);
      }
      return undefined;
    };
    stateHandlers[name] = {
      setup: (params) => (handling = setup(params)),
      teardown: () => (handling = teardown()),
    };
  }

  const runs =
    options.pactFiles.length > 0
      ? options.pactFiles.map((file) => {
          const pact = readPactFile(file);
          const states = new Map(pact.interactions.map((i) => [i.description, i.providerStates]));
          return {
            pactUrls: [file],
            consumer: pact.consumer,
            statesOf: (description: string) => states.get(description),
          };
        })
      : [{ pactUrls: [], consumer: undefined, statesOf: () => undefined }];
  /** Why an interaction was not verified: the first of its states that failed (with its params) or has no handler. */
  const notVerified = (
    states: readonly { readonly name: string; readonly params: unknown }[] | undefined,
  ): string | undefined => {
    for (const { name, params } of states ?? []) {
      const why =
        failedSetups.get(stateKey(name, params)) ??
        stateFailures.find((f) => f.state === name && f.phase === 'missing')?.message;
      if (why !== undefined) return `provider state "${name}" was not set up: ${why}`;
    }
    return undefined;
  };
  const interactions: InteractionVerdict[] = [];
  const reports: string[] = [];
  let passed = true;
  let stopped = false;
  let cutPactFile: string | undefined;
  // One verifier run per pact file: the verifier's results name interactions by description only,
  // and two consumers' contracts may share descriptions.
  for (const { pactUrls, consumer, statesOf } of runs) {
    if (signal.aborted) {
      stopped = true;
      break;
    }
    const filter = requestFilter(options.token, {
      failedState: () => current,
      sending: (method, path) => tell(`waiting for the provider's answer to ${method} ${path}`),
      answered: (method, path, status, retryAfter) => {
        if (status !== 429) return;
        seen.rateLimited = true;
        const waitMs = retryAfterMs(retryAfter, Date.now());
        if (waitMs !== undefined && waitMs > maxWaitMs)
          stopForProvider(
            `${method} ${path}: asked to wait ${Math.round(waitMs / 1000)} s (Retry-After: ${retryAfter ?? ''} on ` +
              `a 429), over the ${Math.round(maxWaitMs / 1000)} s bound on a single wait (maxWaitMs)`,
          );
      },
      stopped: () => signal.aborted,
    });
    const verifier = new Verifier({
      providerBaseUrl: options.providerBaseUrl,
      pactUrls,
      // pact-js types `stateHandlers` as HTTP handlers AND message handlers (an intersection no
      // object literal satisfies); HTTP verification only ever calls the setup/teardown form.
      stateHandlers: stateHandlers as unknown as VerifierOptions['stateHandlers'],
      requestFilter: filter,
      logLevel: 'error',
      timeout: options.timeoutMs ?? DEFAULT_PACT_TIMEOUT_MS,
      ...(options.verifierOptions ?? {}),
    });
    let json: VerifierJson;
    try {
      const { value, run } = await withNativeVerifierInChild(() => verifier.verifyProvider(), signal);
      json = parseVerifierJson(value);
      reports.push(run.report);
    } catch (error) {
      passed = false;
      const report = (error as { report?: string }).report ?? '';
      reports.push(report);
      if (error instanceof VerificationStopped) {
        filter.hangUp();
        stopped = true;
        cutPactFile = pactUrls[0];
        break;
      }
      json = parseVerifierJson(error instanceof Error ? error.message : String(error));
      if (json.interactionResults === undefined)
        throw new VerifierDidNotRun(
          `the pact verifier did not run: ${redactor.text(error instanceof Error ? error.message : String(error))}\n${redactor.text(report)}`,
        );
    }
    for (const result of json.interactionResults ?? []) {
      const description = result.description ?? '';
      const errors = (json.errors ?? []).filter((e) => (e.interaction ?? '').endsWith(` - ${description}`));
      const mismatches = errors.flatMap((e) =>
        (e.mismatch?.mismatches ?? [])
          .map((m) => redactor.text(`${m.path ?? ''} ${m.mismatch ?? ''}`.trim()))
          .concat(e.mismatch?.message ? [redactor.text(e.mismatch.message)] : []),
      );
      const ok = result.result === 'OK';
      const throttled = seen.rateLimited && mismatches.some((m) => /\bbut was 429\b/.test(m));
      const why = ok
        ? undefined
        : (notVerified(statesOf(description)) ?? (throttled ? RATE_LIMITED_NOT_VERIFIED : undefined));
      interactions.push({
        ...(consumer ? { consumer } : {}),
        description,
        ok,
        mismatches,
        ...(why === undefined ? {} : { notVerified: why }),
      });
    }
  }
  // What is still set up is undone: normally nothing (each interaction's teardown ran); after a stop, the state of
  // the interaction cut short, once its handler has ended (its calls were cut short too), with a client that neither
  // waits nor times out long, and that the stop does not interrupt.
  await handling.catch(() => undefined);
  const afterStop = stopped || signal.aborted;
  try {
    await ledger.undo(afterStop ? setupApi({ ...apiOptions, afterStop }) : api);
  } catch (error) {
    fail(lastState, 'teardown', error);
  }
  const report = reports.join('\n');
  return {
    ok: !stopped && passed && stateFailures.length === 0 && interactions.every((i) => i.ok),
    interactions,
    stateFailures,
    report: redactor.text(report),
    ...(stopped ? { stopped } : {}),
    ...(stoppedByProvider === undefined ? {} : { stopped: true, stoppedByProvider }),
    ...(cutPactFile === undefined ? {} : { cutPactFile }),
  };
}
