import { field, isObject, shown } from '../../json.js';
import type { JsonMap } from '../json.js';
import {
  checkStateParams,
  Ledger,
  PROVIDER_STATES,
  setupApi,
  setUpState,
  StateParamError,
  type InjectedValues,
  type ProviderStateDefinition,
} from './index.js';
import type { SetupApi } from './setup-api.js';

/**
 * Pact's provider-state-change endpoint over hsac's state handlers, for verifiers that run outside
 * hsac (Pact's own CLI, `pact-verifier --state-change-url URL`). The standard contract: the verifier
 * POSTs `{"state": NAME, "params": {...}, "action": "setup" | "teardown"}` before (and, asked to,
 * after) each interaction; a setup answers the values the state provides as a JSON object, which the
 * verifier injects where the pact says `fromProviderState` (`${contactId}` in a path or body).
 *
 * The same definitions and set-up API as `verifyPacts` (`states/index.ts`): the data is made through
 * the provider's own HTTP API, so what passes here passes for the same reasons there.
 */

/** Where `hsac sandbox --provider-states` serves the endpoint. */
export const PROVIDER_STATES_PATH = '/_pact/provider-states';

/** The provider whose API the states set up their data through. */
export interface StateChangeProvider {
  readonly url: string;
  readonly token: string;
}

/** An answer of the endpoint: HTTP status and JSON body. */
export interface StateChangeAnswer {
  readonly status: number;
  readonly body: InjectedValues | { readonly error: string; readonly knownStates?: readonly string[] };
}

/** What a verifier asked for, or why the request is not one. */
type StateChange =
  | { readonly ok: true; readonly state: string; readonly params: JsonMap; readonly action: 'setup' | 'teardown' }
  | { readonly ok: false; readonly error: string };

function parseStateChange(text: string): StateChange {
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, error: 'the body is not JSON: expected {"state": ..., "params": {...}, "action": ...}' };
  }
  // Pact's CLI sends an empty state for an interaction that names none: it needs no data.
  const state = field(body, 'state') ?? '';
  if (typeof state !== 'string') return { ok: false, error: `"state" must be a state's name, got ${shown(state)}` };
  const params = field(body, 'params') ?? {};
  if (!isObject(params)) return { ok: false, error: `"params" must be an object, got ${shown(params)}` };
  // Pact's verifiers before the Rust one sent no action: a request without one is a setup.
  const action = field(body, 'action') ?? 'setup';
  if (action !== 'setup' && action !== 'teardown')
    return { ok: false, error: `"action" must be "setup" or "teardown", got ${shown(action)}` };
  return { ok: true, state, params: params as JsonMap, action };
}

/**
 * One provider's state-change endpoint: `handle(body)` answers one POST. Set-ups record what they
 * create; a teardown undoes it. Pact's CLI sends teardowns only with `--state-change-teardown`, so a
 * setup first undoes what an earlier state left (each interaction of hsac's pacts names one state).
 */
export class StateChangeEndpoint {
  private readonly ledger = new Ledger();
  private api: SetupApi | undefined;

  constructor(private readonly states: readonly ProviderStateDefinition[] = PROVIDER_STATES) {}

  /**
   * Answers one state change: 200 with the provided values (setup) or `{}` (teardown); 400 for a
   * request that is not a state change, names an unknown state or gives parameters the state does not take
   * (`checkStateParams`: unknown keys, wrong types, numbers past their bound; nothing is written); 500 with
   * the reason when the provider would not let the state be set up (the verifier then fails the interaction).
   */
  async handle(text: string, provider: StateChangeProvider): Promise<StateChangeAnswer> {
    const change = parseStateChange(text);
    if (!change.ok) return { status: 400, body: { error: change.error } };
    const api = (this.api ??= setupApi({ baseUrl: provider.url, token: provider.token }));
    if (change.action === 'teardown') {
      await this.ledger.undo(api);
      return { status: 200, body: {} };
    }
    if (change.state === '') {
      await this.ledger.undo(api);
      return { status: 200, body: {} };
    }
    const definition = this.states.find((state) => state.name === change.state);
    if (!definition)
      return {
        status: 400,
        body: {
          error: `no provider state is named ${JSON.stringify(change.state)}`,
          knownStates: this.states.map((state) => state.name),
        },
      };
    try {
      checkStateParams(definition, change.params);
    } catch (error) {
      if (error instanceof StateParamError)
        return { status: 400, body: { error: `${change.state}: ${error.message}` } };
      throw error;
    }
    try {
      await this.ledger.undo(api);
      return { status: 200, body: { ...(await setUpState(definition, { api, ledger: this.ledger }, change.params)) } };
    } catch (error) {
      return {
        status: 500,
        body: { error: `${change.state}: ${error instanceof Error ? error.message : String(error)}` },
      };
    }
  }
}
