import type { ApiVersion } from '../../src/catalogue/index.js';
import type { Clock } from '../clock.js';
import type { SandboxRequest } from '../http-types.js';
import type { SandboxPolicy } from '../policy.js';
import type { Store } from '../state.js';

/** What the account-details endpoint reports. */
export interface AccountSettings {
  readonly portalId: number;
  /** `SANDBOX` by default: a run refuses portals that are not (DESIGN.md). */
  readonly accountType: string;
}

/** Everything a handler may read or change for one request. */
export interface HandlerContext {
  readonly request: SandboxRequest;
  /** Path parameters, percent-decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly apiVersion: ApiVersion;
  readonly store: Store;
  readonly policy: SandboxPolicy;
  readonly clock: Clock;
  /** When the request arrived (the batch envelope's `requestedAt` and `startedAt`). */
  readonly startedAt: number;
  /** Associations per batch-read result page. */
  readonly pageSize: number;
  readonly account: AccountSettings;
}
