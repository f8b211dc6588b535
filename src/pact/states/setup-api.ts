import {
  auxiliaryOperation,
  buildPath,
  DEFAULT_API_VERSION,
  isSuccess,
  operation,
  type ApiVersion,
} from '../../catalogue/index.js';
import { field, shown } from '../../json.js';
import { CLEANUP_AFTER_SIGNAL_MAX_WAIT_MS, CLEANUP_AFTER_SIGNAL_TIMEOUT_MS } from '../../runner/run.js';
import { HubSpotClient, type SendRequest, type WaitNotice } from '../../transport/index.js';

/**
 * The provider's own HTTP API, as provider states use it to set up and tear down their data:
 * CRM objects batch create / archive, batch associate default, configurations create / purge.
 * The same calls work on the reference sandbox and on a HubSpot portal, so one set of state
 * handlers serves both. Every answer is checked: anything but a clean 2xx throws
 * {@link StateSetupError}, so a state that cannot be set up never passes silently.
 */

/** A provider state's data could not be set up (or torn down). */
export class StateSetupError extends Error {
  override readonly name = 'StateSetupError';
  constructor(
    message: string,
    /**
     * The status when the provider refused the call outright (a 4xx other than 408 and 429): it applied nothing.
     * Undefined for every other failure (no answer, a 5xx, errors in a 2xx), after which it may have.
     */
    readonly refusedWith?: number,
  ) {
    super(message);
  }
}

/** The object types the states use (HubSpot's names, which every version's paths accept). */
export type SetupObjectType = 'contacts' | 'companies';

/** One configured limit, as configurations create takes it. */
export interface LimitInput {
  readonly category: string;
  readonly typeId: number;
  readonly maxToObjectIds: number;
}

/** Options of {@link SetupApi}. */
export interface SetupApiOptions {
  readonly baseUrl: string;
  readonly token: string;
  /** The version whose paths the set-up calls use (default 2026-03: every provider serves it). */
  readonly apiVersion?: ApiVersion;
  /** Each request's timeout (default the client's, 30 s). */
  readonly timeoutMs?: number;
  /** The longest single wait (a 429's Retry-After, a backoff); a longer one throws `WaitTooLong` (default 60 s). */
  readonly maxWaitMs?: number;
  /** Told before every wait, so a command can say what it waits for. */
  readonly onWait?: (wait: WaitNotice) => void;
  /** Aborting it ends the call in progress at once (`SendInterrupted`): Ctrl-C. */
  readonly signal?: AbortSignal;
  /**
   * The calls are a cleanup after a stop (Ctrl-C): no retries, and waits and timeouts capped as `hsac run`'s cleanup
   * caps them, so undoing the states cannot hold the exit.
   */
  readonly afterStop?: boolean;
}

/** What a provider answered to account details, or why it gave no HTTP answer at all. */
export type AccountDetailsReply =
  | {
      readonly answered: true;
      readonly status: number;
      /** Whether the status is one the catalogue declares for account details. */
      readonly asDeclared: boolean;
      readonly body: unknown;
      /** The call, e.g. `GET /account-info/v3/details`. */
      readonly call: string;
    }
  | { readonly answered: false; readonly failure: string };

/** HubSpot's objects batch limit is 100; association writes have no documented one, so 100 too. */
const CHUNK = 100;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A provider's value as message text: a string as sent, absent or null as nothing, anything else as its JSON. */
function messageText(value: unknown): string {
  return value === undefined || value === null ? '' : shown(value, Number.POSITIVE_INFINITY);
}

function parse(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Set-up calls against one provider. */
export class SetupApi {
  private readonly client: HubSpotClient;
  private readonly apiVersion: ApiVersion;
  private readonly signal: AbortSignal | undefined;

  constructor(options: SetupApiOptions) {
    this.apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
    this.signal = options.signal;
    // A generous budget: a portal's own rate-limit headers adapt it; the sandbox is started wide.
    this.client = new HubSpotClient({
      baseUrl: options.baseUrl,
      token: options.token,
      rateLimit: { requests: 1000, windowMs: 10_000 },
      retry: { maxRetries: 1, maxRateLimitRetries: 6, baseDelayMs: 50, maxDelayMs: 500 },
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.maxWaitMs === undefined ? {} : { maxWaitMs: options.maxWaitMs }),
      ...(options.onWait === undefined ? {} : { onWait: options.onWait }),
    });
    if (options.afterStop) {
      this.client.limitWaits(CLEANUP_AFTER_SIGNAL_MAX_WAIT_MS);
      this.client.limitTimeouts(CLEANUP_AFTER_SIGNAL_TIMEOUT_MS);
      this.client.limitRetries(0);
    }
  }

  private async send(what: string, request: SendRequest): Promise<unknown> {
    const exchange = await this.client.send({ ...request, ...(this.signal ? { signal: this.signal } : {}) });
    const response = exchange.response;
    if (!response)
      throw new StateSetupError(
        `${what}: no answer (${exchange.failure?.kind ?? 'unknown'}: ${exchange.failure?.message ?? ''})`,
      );
    const body = parse(response.body);
    if (!isSuccess(response.status)) {
      const detail =
        typeof body === 'object'
          ? `${messageText(field(body, 'category'))} ${messageText(field(body, 'message'))}`.trim()
          : messageText(body);
      const refused = response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status);
      throw new StateSetupError(
        `${what}: ${request.method} ${request.path} answered ${response.status}${detail ? ` (${detail})` : ''}`,
        refused ? response.status : undefined,
      );
    }
    const errors = field(body, 'errors');
    if (Array.isArray(errors) && errors.length > 0) {
      const first: unknown = errors[0];
      throw new StateSetupError(
        `${what}: ${errors.length} input(s) failed, first: ${messageText(field(first, 'category'))} ${messageText(field(first, 'message'))}`.trim(),
      );
    }
    return body;
  }

  /**
   * The provider's account details (what the safety rule reads before anything is written), or why it gave no HTTP
   * answer at all (refused, reset, timed out). Every provider serves them, and reading them changes nothing. Rejects
   * only as the client does: `WaitTooLong`, `DailyLimitReached`, `SendInterrupted`.
   */
  async accountDetails(): Promise<AccountDetailsReply> {
    const op = auxiliaryOperation('account-details', this.apiVersion);
    const path = buildPath(op, {});
    const signal = this.signal ? { signal: this.signal } : {};
    const exchange = await this.client.send({ method: op.method, path, ...signal });
    const response = exchange.response;
    if (response)
      return {
        answered: true,
        status: response.status,
        asDeclared: op.responses.some((declared) => declared.status === response.status),
        body: parse(response.body),
        call: `${op.method} ${op.pathTemplate}`,
      };
    const failure = exchange.failure;
    return { answered: false, failure: `${failure?.kind ?? 'no answer'}${failure ? `: ${failure.message}` : ''}` };
  }

  /**
   * Creates `count` records, tagged as hsac pact data; resolves to their IDs in order. `created` is told each batch's
   * IDs as they come, so a set-up cut short (Ctrl-C, a failed batch) still has what it made noted for teardown.
   */
  async createRecords(
    objectType: SetupObjectType,
    count: number,
    created: (ids: readonly string[]) => void = () => undefined,
  ): Promise<string[]> {
    const op = auxiliaryOperation('objects-batch-create', this.apiVersion);
    const ids: string[] = [];
    const stamp = Date.now().toString(36);
    for (const part of chunks(
      Array.from({ length: count }, (_, i) => i),
      op.maxInputs ?? CHUNK,
    )) {
      const inputs = part.map((i) => ({
        properties:
          objectType === 'contacts'
            ? { email: `hsac-pact-${stamp}-${ids.length + i}@example.com` }
            : { name: `hsac pact ${stamp} ${ids.length + i}` },
      }));
      const body = await this.send(`create ${part.length} ${objectType}`, {
        method: op.method,
        path: buildPath(op, { objectType }),
        body: { inputs },
      });
      const results = (body as { results?: unknown } | undefined)?.results;
      const listed = Array.isArray(results) ? results.map((r) => (r as { id?: unknown }).id) : [];
      const batch = listed.filter((id): id is string => typeof id === 'string');
      created(batch);
      if (batch.length !== part.length || listed.length !== part.length)
        throw new StateSetupError(
          `create ${part.length} ${objectType}: the answer did not list ${part.length} record IDs`,
        );
      ids.push(...batch);
    }
    return ids;
  }

  /** Archives records (and with them every association they have). */
  async archiveRecords(objectType: SetupObjectType, ids: readonly string[]): Promise<void> {
    const op = auxiliaryOperation('objects-batch-archive', this.apiVersion);
    for (const part of chunks(ids, op.maxInputs ?? CHUNK)) {
      await this.send(`archive ${part.length} ${objectType}`, {
        method: op.method,
        path: buildPath(op, { objectType }),
        body: { inputs: part.map((id) => ({ id })) },
      });
    }
  }

  /** Associates one record with each of `toIds` by the pair's default type. */
  async associateDefault(
    fromObjectType: SetupObjectType,
    fromId: string,
    toObjectType: SetupObjectType,
    toIds: readonly string[],
  ): Promise<void> {
    const op = operation('batch-associate-default', this.apiVersion);
    for (const part of chunks(toIds, CHUNK)) {
      const inputs = part.map((toId) => ({ from: { id: fromId }, to: { id: toId } }));
      await this.send(`associate ${fromObjectType} ${fromId} with ${part.length} ${toObjectType}`, {
        method: op.method,
        path: buildPath(op, { fromObjectType, toObjectType }),
        body: { inputs },
      });
    }
  }

  /** Sets association limits. */
  async configure(fromObjectType: string, toObjectType: string, inputs: readonly LimitInput[]): Promise<void> {
    const op = operation('configurations-batch-create', this.apiVersion);
    await this.send(`configure limits on ${fromObjectType}/${toObjectType}`, {
      method: op.method,
      path: buildPath(op, { fromObjectType, toObjectType }),
      body: { inputs },
    });
  }

  /** Removes association limits (absent ones are no error). */
  async purgeConfigurations(
    fromObjectType: string,
    toObjectType: string,
    specs: readonly { readonly category: string; readonly typeId: number }[],
  ): Promise<void> {
    const op = auxiliaryOperation('configurations-batch-purge', this.apiVersion);
    await this.send(`purge limits on ${fromObjectType}/${toObjectType}`, {
      method: op.method,
      path: buildPath(op, { fromObjectType, toObjectType }),
      body: { inputs: specs.map(({ category, typeId }) => ({ category, typeId })) },
    });
  }
}
