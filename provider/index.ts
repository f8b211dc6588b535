import type { AddressInfo } from 'node:net';
import { generateToken, validateToken } from './auth.js';
import { systemClock, type Clock } from './clock.js';
import { faultsByName, type FaultOptions } from './faults/index.js';
import { PORTAL_ID } from './object-types.js';
import { sandboxRandom } from './random.js';
import { RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './request-body.js';
import { seedDefaults, seedStore, type SeedDataOptions, type SeedSummary } from './seed.js';
import { createSandboxServer } from './server.js';
import type { SideRoute } from './side-routes.js';
import { Store } from './state.js';

export { manualClock, systemClock, type Clock, type ManualClock } from './clock.js';
export {
  FAULTS,
  FAULT_NAMES,
  UnknownFaultError,
  faultsByName,
  type Fault,
  type FaultKind,
  type FaultOptions,
} from './faults/index.js';
export { OBJECT_TYPES, PORTAL_ID, resolveObjectType, type ObjectType } from './object-types.js';
export {
  ASSOCIATION_TYPES,
  defaultTypeFor,
  typesForPair,
  type AssociationTypeDefinition,
} from './association-types.js';
export { decodeCursor, encodeCursor } from './cursor.js';
export type { RateLimitOptions } from './rate-limit.js';
export type { SeedDataOptions, SeedSummary } from './seed.js';
export type { SideRequest, SideResponse, SideRoute, SideRouteOrigin } from './side-routes.js';

/**
 * Associations per batch-read page: hundreds, as HubSpot is seen to page (FACTS.md §10), so a run reaches paging
 * the way it must on a portal: by building a wide record.
 */
export const DEFAULT_SANDBOX_PAGE_SIZE = 500;

/** How to start a sandbox; every field is optional and documented with its default. */
export interface SandboxOptions {
  /** TCP port on 127.0.0.1 (default 0: any free port). */
  readonly port?: number;
  /** The bearer token to accept (default: a new `pat-na1-<uuid>` per start). */
  readonly token?: string;
  /** Names of planted faults (default none: the clean sandbox). Unknown names throw `UnknownFaultError`. */
  readonly faults?: readonly string[];
  readonly faultOptions?: FaultOptions;
  /** Rate limits (default HubSpot Free/Starter: 100 requests / 10 s, 250,000 / day). */
  readonly rateLimit?: RateLimitOptions;
  /** What to seed (default: 24 records per type, a company with 620 contacts); `false` for an empty CRM. */
  readonly seedData?: SeedDataOptions | false;
  /** Seed of the data and of correlation ids (default 42): one seed, the same sandbox. */
  readonly seed?: number;
  /** Associations per batch-read page (default {@link DEFAULT_SANDBOX_PAGE_SIZE}). */
  readonly pageSize?: number;
  /** What account details report (default `SANDBOX`). */
  readonly accountType?: string;
  /** Time (default the system clock); tests pass a `manualClock()` so rate limits need no sleeping. */
  readonly clock?: Clock;
  /** Request limits (default 32 MiB, 64 levels of nesting). */
  readonly limits?: Partial<RequestLimits>;
  /** Routes served beside the API (default none), e.g. Pact's provider-state endpoint (`side-routes.ts`). */
  readonly sideRoutes?: readonly SideRoute[];
}

/** A running sandbox. */
export interface Sandbox {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** The bearer token it accepts (a sandbox token: printing it is the point). */
  readonly token: string;
  /** The planted faults, in the order their hooks run. */
  readonly faults: readonly string[];
  /** The records seeded at start, or undefined with `seedData: false`. */
  readonly seeded: SeedSummary | undefined;
  readonly rateLimit: Required<RateLimitOptions>;
  readonly pageSize: number;
  /** Requests answered so far. */
  requestCount(): number;
  /** Everything the in-memory CRM holds, canonically listed (to prove a run cleans up after itself). */
  contents(): ReturnType<Store['contents']>;
  /** Stops listening and closes every connection; resolves when all are closed. */
  stop(): Promise<void>;
}

function wholeNumber(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${name} must be a whole number in ${min}..${max}, got ${String(value)}`);
  return value;
}

/**
 * Starts the reference sandbox on loopback: an in-memory HubSpot-like CRM serving the four
 * endpoints in every catalogue version, plus provisioning, cleanup and account details, with the
 * named faults planted. Bad options throw a RangeError (or `UnknownFaultError`) naming the value.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const port = wholeNumber('port', options.port ?? 0, 0, 65_535);
  const seed = wholeNumber('seed', options.seed ?? 42, 0, 2 ** 32 - 1);
  const pageSize = wholeNumber('pageSize', options.pageSize ?? DEFAULT_SANDBOX_PAGE_SIZE, 1, 10_000);
  const token = validateToken(options.token ?? generateToken());
  const accountType = options.accountType ?? 'SANDBOX';
  if (!/^[A-Z_]{1,40}$/.test(accountType))
    throw new RangeError(`accountType must be an upper-case word such as SANDBOX, got ${JSON.stringify(accountType)}`);
  const faults = faultsByName(options.faults ?? []);
  const slowResponseMs = wholeNumber(
    'faultOptions.slowResponseMs',
    options.faultOptions?.slowResponseMs ?? 35_000,
    0,
    600_000,
  );
  const limits: RequestLimits = {
    maxBytes: wholeNumber('limits.maxBytes', options.limits?.maxBytes ?? DEFAULT_REQUEST_LIMITS.maxBytes, 1, 2 ** 30),
    maxDepth: wholeNumber('limits.maxDepth', options.limits?.maxDepth ?? DEFAULT_REQUEST_LIMITS.maxDepth, 1, 10_000),
  };
  const clock = options.clock ?? systemClock;
  const rateLimiter = new RateLimiter(options.rateLimit ?? {}, clock);
  // Two streams from one seed: data and ids, so creating a record never shifts the next correlation id.
  const store = new Store(sandboxRandom(seed));
  const seeded = options.seedData === false ? undefined : seedStore(store, seedDefaults(options.seedData), clock.now());

  const running = createSandboxServer({
    token,
    faults,
    faultOptions: { slowResponseMs },
    clock,
    rateLimiter,
    store,
    ids: sandboxRandom(seed ^ 0x5eed),
    pageSize,
    account: { portalId: PORTAL_ID, accountType },
    limits,
    sideRoutes: options.sideRoutes ?? [],
  });
  await new Promise<void>((resolve, reject) => {
    running.server.once('error', reject);
    running.server.listen(port, '127.0.0.1', () => {
      running.server.off('error', reject);
      resolve();
    });
  });
  const address = running.server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    token,
    faults: faults.map((fault) => fault.name),
    seeded,
    rateLimit: rateLimiter.options,
    pageSize,
    requestCount: running.requestCount,
    contents: () => store.contents(),
    stop: () => (stopping ??= running.close()),
  };
}
