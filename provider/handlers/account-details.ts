import type { AuxiliaryOperation } from '../../src/catalogue/index.js';
import type { SandboxResponse } from '../http-types.js';
import { json } from './common.js';
import type { HandlerContext } from './context.js';
import { auxiliarySuccess } from './auxiliary-reply.js';

/**
 * GET /account-info/v3/details: the portal a run talks to. `accountType` is `SANDBOX` unless
 * configured otherwise, so a run can prove it refuses a production portal. The time zone is UTC,
 * the zone in which the sandbox's daily limit resets.
 */
export function accountDetails(context: HandlerContext, operation: AuxiliaryOperation): SandboxResponse {
  return json(auxiliarySuccess(operation).status, {
    portalId: context.account.portalId,
    accountType: context.account.accountType,
    timeZone: 'Etc/UTC',
    companyCurrency: 'EUR',
    additionalCurrencies: ['USD'],
    utcOffset: '+00:00',
    utcOffsetMilliseconds: 0,
    uiDomain: 'app-eu1.hubspot.com',
    dataHostingLocation: 'eu1',
  });
}
