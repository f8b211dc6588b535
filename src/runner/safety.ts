import { ERROR_STATUSES } from '../catalogue/index.js';
import { field } from '../json.js';
import type { RunOptions } from './options.js';
import { missingRecords, nameMissing } from './provision.js';
import { answeredAsDeclared, type Session } from './session.js';

/**
 * Safety first: nothing is written to a portal that is not a sandbox or a developer test account,
 * and nothing at all when the records the user named are not there. Both are settled before the
 * run sends anything that could write.
 */

/** The run refused to start (a production portal, a bad token): a configuration error, exit 2. */
export class RunRefused extends Error {
  override readonly name = 'RunRefused';
}

/** Account types a run may write to without `--allow-production-portal`. */
export const WRITABLE_ACCOUNT_TYPES: ReadonlySet<string> = new Set(['SANDBOX', 'DEVELOPER_TEST', 'DEVELOPER']);

/** The shortest token a run accepts: shorter ones cannot be told from ordinary text when redacting. */
export const MIN_TOKEN_LENGTH = 8;

/**
 * Why a run refuses this token, else undefined (none given is not refused here). A token this short is ordinary
 * text (it would be "redacted" out of every report, or missed): hsac promises it never writes the token, so it
 * refuses one it cannot tell apart.
 */
export function tokenRefusal(token: string | undefined): string | undefined {
  if (token === undefined || token === '' || token.length >= MIN_TOKEN_LENGTH) return undefined;
  return (
    `the token is ${token.length} characters long; hsac needs at least ${MIN_TOKEN_LENGTH}` +
    " to keep it out of every report (HubSpot's are over 40)"
  );
}

/** The statuses that refuse the token itself: 401, and 403 for a token without the scope. */
const TOKEN_REFUSED: ReadonlySet<number> = new Set([ERROR_STATUSES.unauthorized, ERROR_STATUSES.forbidden]);

/** A target's answer to account details, as the safety rule reads it. */
export interface AccountDetailsAnswer {
  readonly status: number;
  /** Whether the status is one the catalogue declares for account details (else nothing can be told from it). */
  readonly asDeclared: boolean;
  /** The answer's `accountType`, whatever its shape. */
  readonly accountType: unknown;
  /** The call, e.g. `GET /account-info/v3/details`, for the message. */
  readonly call: string;
}

/**
 * The one rule for writing to a target (`hsac run`, and `hsac pact verify`'s provider states): throws `RunRefused`
 * when the token is refused or the portal is not a sandbox or developer test account and `allowProductionPortal`
 * (`--allow-production-portal`) is not given; returns why the answer tells neither way (inconclusive), else undefined.
 */
export function refuseUnsafeTarget(answer: AccountDetailsAnswer, allowProductionPortal: boolean): string | undefined {
  if (TOKEN_REFUSED.has(answer.status)) {
    const fix = 'check the token (--token or HUBSPOT_ACCESS_TOKEN)';
    throw new RunRefused(`the target answered ${answer.status} to ${answer.call}: ${fix}`);
  }
  if (!answer.asDeclared)
    return `account details answered ${answer.status}; cannot tell whether the portal is a sandbox`;
  const { accountType } = answer;
  const writable = typeof accountType === 'string' && WRITABLE_ACCOUNT_TYPES.has(accountType);
  if (!allowProductionPortal && !writable) {
    const allowed = [...WRITABLE_ACCOUNT_TYPES].join(', ');
    throw new RunRefused(
      `refusing to write: the portal's accountType is ${JSON.stringify(accountType)}, not one of ${allowed}` +
        ' (pass --allow-production-portal to override)',
    );
  }
  return undefined;
}

/**
 * Reads the account details and refuses (`RunRefused`) a portal the run may not write to or a
 * token it does not accept ({@link refuseUnsafeTarget}); then reads the given records (`--records`), refusing when
 * one is not there (the user's mistake, exit 2, never a finding against the target). Returns why the run
 * cannot go on when the target's answer says nothing either way (inconclusive), else undefined.
 */
export async function ensureSafeTarget(
  options: Pick<RunOptions, 'apiVersion' | 'allowProductionPortal' | 'records'>,
  session: Session,
): Promise<string | undefined> {
  const details = await session.auxiliary('account-details', options.apiVersion, {});
  const { failure, response } = details.exchange;
  if (failure || response === undefined) return `target unreachable: ${failure?.message ?? 'no answer'}`;
  const inconclusive = refuseUnsafeTarget(
    {
      status: response.status,
      asDeclared: answeredAsDeclared(details),
      accountType: field(details.batch.value, 'accountType'),
      call: `${details.auxiliary.method} ${details.auxiliary.pathTemplate}`,
    },
    options.allowProductionPortal === true,
  );
  if (inconclusive !== undefined) return inconclusive;
  if (options.records) {
    session.purpose = 'provision';
    const missing = await missingRecords(session, options.apiVersion, options.records);
    if (missing.length > 0) {
      const named = nameMissing(missing);
      throw new RunRefused(
        `--records names ${missing.length} record(s) the target does not hold: ${named}; nothing was written`,
      );
    }
  }
  return undefined;
}
