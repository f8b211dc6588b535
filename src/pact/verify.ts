import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import type { ApiVersion } from '../catalogue/index.js';
import { createRedactor } from '../transport/index.js';
import type { JsonMap } from './json.js';
import { withNativeVerifierInChild } from './native-verifier.js';
import { readPactFile } from './pact-files.js';
import { requestFilter } from './request-filter.js';
import { Ledger, PROVIDER_STATES, setupApi, type ProviderStateDefinition } from './states/index.js';

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
}

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
}

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

/** The provider state names the pact files use. */
export function statesUsed(pactFiles: readonly string[]): string[] {
  return [...new Set(pactFiles.flatMap((file) => readPactFile(file).interactions.flatMap((i) => i.states)))].sort();
}

/** Verifies pact files against a provider; resolves to the verdict (it never rejects for a failed contract). */
export async function verifyPacts(options: VerifyOptions): Promise<VerificationResult> {
  const redactor = createRedactor([options.token]);
  const definitions = options.states ?? PROVIDER_STATES;
  const api = setupApi({
    baseUrl: options.providerBaseUrl,
    token: options.token,
    ...(options.setupApiVersion ? { apiVersion: options.setupApiVersion } : {}),
  });
  const ledger = new Ledger();
  const stateFailures: StateFailure[] = [];
  let current: string | undefined;

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
    stateHandlers[name] = {
      setup: async (params) => {
        if (!definition) {
          current = `${name}: no state handler exists for this state`;
          return undefined;
        }
        try {
          const values = await definition.setup(
            { api, ledger },
            (typeof params === 'object' && params !== null ? params : {}) as JsonMap,
          );
          return { ...values };
        } catch (error) {
          // pact-js would answer the verifier 200 and send the request with the example IDs.
          current = fail(name, 'setup', error);
          return undefined;
        }
      },
      teardown: async () => {
        current = undefined;
        try {
          await ledger.undo(api);
        } catch (error) {
          fail(name, 'teardown', error);
        }
        return undefined;
      },
    };
  }

  const runs =
    options.pactFiles.length > 0
      ? options.pactFiles.map((file) => {
          const pact = readPactFile(file);
          const states = new Map(pact.interactions.map((i) => [i.description, i.states]));
          return {
            pactUrls: [file],
            consumer: pact.consumer,
            statesOf: (description: string) => states.get(description),
          };
        })
      : [{ pactUrls: [], consumer: undefined, statesOf: () => undefined }];
  /** Why an interaction was not verified: the first state it names that failed to set up (or has no handler). */
  const notVerified = (states: readonly string[] | undefined): string | undefined => {
    for (const state of states ?? []) {
      const failure = stateFailures.find((f) => f.state === state && f.phase !== 'teardown');
      if (failure) return `provider state "${state}" was not set up: ${failure.message}`;
    }
    return undefined;
  };
  const interactions: InteractionVerdict[] = [];
  const reports: string[] = [];
  let passed = true;
  // One verifier run per pact file: the verifier's results name interactions by description only,
  // and two consumers' contracts may share descriptions.
  for (const { pactUrls, consumer, statesOf } of runs) {
    const verifier = new Verifier({
      providerBaseUrl: options.providerBaseUrl,
      pactUrls,
      // pact-js types `stateHandlers` as HTTP handlers AND message handlers (an intersection no
      // object literal satisfies); HTTP verification only ever calls the setup/teardown form.
      stateHandlers: stateHandlers as unknown as VerifierOptions['stateHandlers'],
      requestFilter: requestFilter(options.token, { failedState: () => current }),
      logLevel: 'error',
      timeout: 60_000,
      ...(options.verifierOptions ?? {}),
    });
    let json: VerifierJson;
    try {
      const { value, run } = await withNativeVerifierInChild(() => verifier.verifyProvider());
      json = parseVerifierJson(value);
      reports.push(run.report);
    } catch (error) {
      json = parseVerifierJson(error instanceof Error ? error.message : String(error));
      passed = false;
      const report = (error as { report?: string }).report ?? '';
      reports.push(report);
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
      const why = ok ? undefined : notVerified(statesOf(description));
      interactions.push({
        ...(consumer ? { consumer } : {}),
        description,
        ok,
        mismatches,
        ...(why === undefined ? {} : { notVerified: why }),
      });
    }
  }
  const report = reports.join('\n');
  return {
    ok: passed && stateFailures.length === 0 && interactions.every((i) => i.ok),
    interactions,
    stateFailures,
    report: redactor.text(report),
  };
}
