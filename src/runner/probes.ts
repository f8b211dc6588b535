import { ENDPOINT_IDS, isRateLimited, isServerError, operation, type EndpointId } from '../catalogue/index.js';
import { DailyLimitReached, HubSpotClient, rateLimitDecision } from '../transport/index.js';
import { guardConfiguration } from './configurations.js';
import type { Journal } from './journal.js';
import type { RunOptions } from './options.js';
import type { Session } from './session.js';

/**
 * The negative probes: requests every provider must refuse (no token, over the input limit), and
 * the opt-in burst that meets a 429. Each is sent once per run (by the first shard).
 */

/** Record IDs no portal holds (above any ID HubSpot has issued), for probes that must not touch records. */
const PROBE_IDS = ['999999999999991', '999999999999992'] as const;

/** The pair of object types the probes name. */
const PROBE_PAIR = { fromObjectType: 'contacts', toObjectType: 'companies' } as const;

/** HubSpot's contact -> company default association type, whose limit the configurations probe names. */
const PROBE_TYPE_ID = 279;

/** Most requests the rate-limit probe sends before concluding the limit is not enforced. */
const RATE_PROBE_MAX = 384;

/**
 * Reads the probe sends at once: a burst is waves of these, all in flight together, so that they reach the target
 * within one rate-limit window however slowly this machine runs (one read after another, a busy machine's burst
 * spread over seconds and met no 429 of a one-second window). Above the embedded sandbox's 50 per second, so one wave
 * alone crosses it; HubSpot's limits are lower per second.
 */
const RATE_PROBE_WAVE = 64;

/** What the probe's finding says when a burst met no 429. */
const BURST_WITHOUT_LIMIT = 'in a burst got no 429';

/**
 * Bodies valid apart from the missing token, so only auth can explain a refusal. Their record IDs
 * exist nowhere: a provider that does not check tokens must not link real records (IDs 1 and 2
 * are somebody's on a real portal).
 */
const NO_AUTH_BODIES: Readonly<Record<EndpointId, unknown>> = {
  'batch-read': { inputs: [{ id: PROBE_IDS[0] }] },
  'batch-associate-default': { inputs: [{ from: { id: PROBE_IDS[0] }, to: { id: PROBE_IDS[1] } }] },
  'configurations-batch-create': {
    inputs: [{ category: 'HUBSPOT_DEFINED', typeId: PROBE_TYPE_ID, maxToObjectIds: 100 }],
  },
  'associate-default': undefined,
};

/** A request without a token per endpoint under test, and one batch read over the input limit. */
export async function sendProbes(
  session: Session,
  apiVersion: RunOptions['apiVersion'],
  endpoints: ReadonlySet<EndpointId>,
  journal: Journal,
): Promise<void> {
  for (const endpoint of ENDPOINT_IDS) {
    if (!endpoints.has(endpoint) || session.isStopped()) continue;
    const op = operation(endpoint, apiVersion);
    const records = { fromObjectId: PROBE_IDS[0], toObjectId: PROBE_IDS[1] };
    const params = endpoint === 'associate-default' ? { ...PROBE_PAIR, ...records } : PROBE_PAIR;
    // A provider that does not enforce auth may act on the body: the limit's original is read and
    // journaled first, and one that cannot be read is not put at risk.
    if (endpoint === 'configurations-batch-create') {
      const { fromObjectType, toObjectType } = PROBE_PAIR;
      const guard = await guardConfiguration(session, journal, apiVersion, fromObjectType, toObjectType, PROBE_TYPE_ID);
      if (!guard.ok) {
        session.leftUntouched(endpoint, guard.why);
        continue;
      }
    }
    await session.call(op, params, NO_AUTH_BODIES[endpoint], 'no-auth');
  }
  if (endpoints.has('batch-read') && !session.isStopped()) {
    const op = operation('batch-read', apiVersion);
    const limit = op.maxInputs ?? 1000;
    const inputs = Array.from({ length: limit + 1 }, (_, i) => ({ id: String(900_000_000 + i) }));
    await session.call(op, PROBE_PAIR, { inputs }, 'over-limit');
  }
}

/**
 * Sends batch reads in waves of {@link RATE_PROBE_WAVE} at once, with a client that neither throttles nor retries,
 * until the target answers 429 (every answer, the 429s included, goes through the exchange checks). The run's own
 * client then waits as the first 429 says before going on.
 */
export async function rateLimitProbe(
  options: Pick<RunOptions, 'baseUrl' | 'token' | 'timeoutMs' | 'apiVersion'>,
  session: Session,
  client: HubSpotClient,
): Promise<void> {
  const burst = new HubSpotClient({
    baseUrl: options.baseUrl,
    ...(options.token ? { token: options.token } : {}),
    rateLimit: { requests: 1_000_000, windowMs: 1000 },
    adaptToHeaders: false,
    retry: { maxRetries: 0, maxRateLimitRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const op = operation('batch-read', options.apiVersion);
  const burstIds: number[] = [];
  for (let sent = 0; sent < RATE_PROBE_MAX && !session.isStopped(); sent += RATE_PROBE_WAVE) {
    const wave = await Promise.all(
      Array.from({ length: RATE_PROBE_WAVE }, () =>
        session.call(op, PROBE_PAIR, { inputs: [{ id: '1' }] }, 'conformance', burst),
      ),
    );
    burstIds.push(...wave.map((observed) => observed.exchange.id));
    // No answer, or a server error: the probe says nothing about rate limits (transport reports it).
    if (wave.some(({ exchange }) => !exchange.response || isServerError(exchange.response.status))) return;
    const limited = wave.find(({ exchange }) => isRateLimited(exchange.response?.status ?? 0));
    if (limited?.exchange.response) {
      // The run's own client waits as the first 429 says (any shape: Retry-After, interval, policy).
      const decision = rateLimitDecision(limited.exchange.response, { now: Date.now(), previous: 0 });
      if (decision.action === 'stop') throw new DailyLimitReached(limited.exchange);
      client.pauseFor(decision.ms, decision.reason);
      return;
    }
  }
  session.note({
    check: 'rate-limit-contract',
    severity: 'warning',
    instancePath: '',
    endpoint: op.endpoint,
    apiVersion: op.apiVersion,
    message: `${RATE_PROBE_MAX} requests ${BURST_WITHOUT_LIMIT}: the rate limit is not enforced, or is above the probe`,
    ...(burstIds.length > 0 ? { exchangeIds: burstIds } : {}),
  });
}

/** Whether a `rate-limit-contract` finding is the probe's own "no 429 in a burst" (said as the check's why). */
export function isBurstWithoutLimit(finding: { readonly message: string }): boolean {
  return finding.message.includes(BURST_WITHOUT_LIMIT);
}
