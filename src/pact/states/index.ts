import { DEFAULT_API_VERSION, operation } from '../../catalogue/index.js';
import { isObject, jsonText } from '../../json.js';
import { SendInterrupted } from '../../transport/index.js';
import type { JsonMap } from '../json.js';
import { SetupApi, StateSetupError, type LimitInput, type SetupApiOptions, type SetupObjectType } from './setup-api.js';

export { SetupApi, StateSetupError, type LimitInput, type SetupApiOptions, type SetupObjectType } from './setup-api.js';

/**
 * The provider states the contracts name, each with the data it needs as parameters, the values it
 * hands back for the request (pact's provider-state injection: `${contactId}` in a path or body is
 * replaced by the ID the provider really created), and how to set it up and undo it through the
 * provider's own HTTP API. One list, ordered and commented; names are the contract's wording.
 */

/**
 * A state's parameters are not the ones it takes (an unknown key, `__proto__` included; a missing one; a string
 * where a number goes; a number past its bound): the caller's mistake, found before anything is written.
 */
export class StateParamError extends Error {
  override readonly name = 'StateParamError';
}

/** What a state's set-up hands back to the request (IDs the provider created). */
export type InjectedValues = Readonly<Record<string, string>>;

/** Everything a state set-up needs: the provider's API and a ledger of what to undo. */
export interface StateContext {
  readonly api: SetupApi;
  readonly ledger: Ledger;
}

/** One provider state. */
export interface ProviderStateDefinition {
  /** The state's name in the pact file; `{placeholders}` are its parameters or the values it provides. */
  readonly name: string;
  /** The parameters the contract writes (defaults; the pact file carries them to the verifier). */
  readonly params: JsonMap;
  /** The values it provides, with the example each interaction uses at consumer-test time. */
  readonly provides: InjectedValues;
  /** The largest value of a numeric parameter, and why (default {@link INT32_BOUND}: the API's numbers are int32). */
  readonly bounds?: Readonly<Record<string, ParamBound>>;
  /** Makes the state true on the provider; throws {@link StateSetupError} when it cannot. */
  setup(context: StateContext, params: JsonMap): Promise<InjectedValues>;
}

/** What set-ups created, undone at teardown (records archived, limits purged). */
export class Ledger {
  private readonly records = new Map<SetupObjectType, string[]>();
  private readonly limits: { from: string; to: string; specs: { category: string; typeId: number }[] }[] = [];

  /** Notes records to archive at teardown. */
  created(objectType: SetupObjectType, ids: readonly string[]): void {
    this.records.set(objectType, [...(this.records.get(objectType) ?? []), ...ids]);
  }

  /** Notes limits to purge at teardown (the interaction may have changed them). */
  configured(from: string, to: string, specs: readonly { category: string; typeId: number }[]): () => void {
    const entry = { from, to, specs: [...specs] };
    this.limits.push(entry);
    /** Takes the note back: the call it was made for was refused, applying nothing. */
    return () => {
      const at = this.limits.indexOf(entry);
      if (at >= 0) this.limits.splice(at, 1);
    };
  }

  /**
   * Undoes everything noted, limits first (they may refer to records' types). Each entry leaves the ledger once its
   * call is made, failed or not (a failure is said once, not retried forever), except a call a stop cut short
   * (`SendInterrupted`): that one and the rest stay, for the cleanup after the stop.
   */
  async undo(api: SetupApi): Promise<void> {
    const settle = async (call: () => Promise<void>, done: () => void): Promise<void> => {
      try {
        await call();
      } catch (error) {
        if (!(error instanceof SendInterrupted)) done();
        throw error;
      }
      done();
    };
    for (let next = this.limits[0]; next !== undefined; next = this.limits[0]) {
      const { from, to, specs } = next;
      await settle(
        () => api.purgeConfigurations(from, to, specs),
        () => void this.limits.shift(),
      );
    }
    for (const [objectType, ids] of [...this.records.entries()])
      await settle(
        () => api.archiveRecords(objectType, ids),
        () => void this.records.delete(objectType),
      );
  }
}

/** Example values of the injected IDs: one above 2^31 (hubspot-api-php#261), digit strings all. */
export const EXAMPLE_IDS = {
  contactId: '5434402448',
  companyId: '31907',
  missingContactId: '5434402449',
  missingCompanyId: '31908',
} as const;

/** The largest value a numeric state parameter takes, and why, said in the refusal. */
export interface ParamBound {
  readonly max: number;
  readonly why: string;
}

/** The bound of a numeric parameter no state says more about: type IDs and limits are int32 in the schemas. */
export const INT32_BOUND: ParamBound = { max: 2 ** 31 - 1, why: "the schemas' int32" };

/**
 * The most records a state may make: the batch-read input limit (the catalogue's), which is two of HubSpot's
 * 500-association pages, more than the paging state needs to span two pages. A state parameter is sent by whoever
 * can reach a state-change endpoint; unbounded, `n: 1e9` would make a billion records.
 */
export const STATE_RECORDS_BOUND: ParamBound = (() => {
  const max = operation('batch-read', DEFAULT_API_VERSION).maxInputs;
  if (max === undefined) throw new Error('the catalogue gives batch-read no input limit');
  return { max, why: 'the batch-read input limit, two 500-association pages' };
})();

/**
 * The parameters of a state change, checked against what the state takes (its default `params` name every key and
 * its type; numbers are whole, from 0 to their bound); throws {@link StateParamError} naming the first problem.
 */
export function checkStateParams(definition: ProviderStateDefinition, params: unknown): JsonMap {
  const raw = params ?? {};
  if (!isObject(raw)) throw new StateParamError(`state parameters must be an object, got ${jsonText(raw)}`);
  const given = raw;
  const takes = Object.keys(definition.params);
  const said = takes.length === 0 ? 'none' : takes.join(', ');
  for (const name of Object.keys(given))
    if (!Object.hasOwn(definition.params, name))
      throw new StateParamError(
        `state parameter ${JSON.stringify(name)} is not one this state takes (it takes ${said})`,
      );
  for (const name of takes) {
    const value = given[name];
    const example = definition.params[name];
    if (typeof example === 'number') {
      const bound = definition.bounds?.[name] ?? INT32_BOUND;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > bound.max)
        throw new StateParamError(
          `state parameter "${name}" must be a whole number from 0 to ${bound.max} (${bound.why}), ` +
            `got ${jsonText(value) ?? 'nothing'}`,
        );
    } else if (typeof value !== 'string' || value === '') {
      throw new StateParamError(
        `state parameter "${name}" must be a non-empty string, got ${jsonText(value) ?? 'nothing'}`,
      );
    }
  }
  return given as JsonMap;
}

/** Sets a state up with checked parameters ({@link checkStateParams}): the one way a caller runs a set-up. */
export function setUpState(
  definition: ProviderStateDefinition,
  context: StateContext,
  params: unknown,
): Promise<InjectedValues> {
  return definition.setup(context, checkStateParams(definition, params));
}

function text(params: JsonMap, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value === '')
    throw new StateSetupError(`state parameter "${name}" must be a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}

function whole(params: JsonMap, name: string): number {
  const value = params[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new StateSetupError(`state parameter "${name}" must be a whole number, got ${JSON.stringify(value)}`);
  return value;
}

async function contactAndCompany(context: StateContext): Promise<{ contactId: string; companyId: string }> {
  const [contactId] = await context.api.createRecords('contacts', 1);
  context.ledger.created('contacts', contactId === undefined ? [] : [contactId]);
  const [companyId] = await context.api.createRecords('companies', 1);
  context.ledger.created('companies', companyId === undefined ? [] : [companyId]);
  if (contactId === undefined || companyId === undefined) throw new StateSetupError('records were not created');
  return { contactId, companyId };
}

/** A record that existed and no longer does: created, then archived (no ID is guessed). */
async function missing(context: StateContext, objectType: SetupObjectType): Promise<string> {
  const [id] = await context.api.createRecords(objectType, 1);
  if (id === undefined) throw new StateSetupError(`no ${objectType} was created`);
  await context.api.archiveRecords(objectType, [id]);
  return id;
}

const PAIR = { fromObjectType: 'contacts', toObjectType: 'companies' } as const;

/** HubSpot's (and the sandbox's) default contact-to-company type; `1` is the HUBSPOT_DEFINED "Primary" label. */
export const DEFAULT_CONTACT_COMPANY_TYPE = { category: 'HUBSPOT_DEFINED', typeId: 279 } as const;
/** The "Primary" contact-to-company label, a HUBSPOT_DEFINED type every portal has. */
export const PRIMARY_CONTACT_COMPANY_LABEL = { category: 'HUBSPOT_DEFINED', typeId: 1 } as const;

/** Every provider state, in the order the interactions first use them. */
export const PROVIDER_STATES = [
  // Batch associate default and PUT default: two records to link.
  {
    name: 'contact {contactId} and company {companyId} exist',
    params: {},
    provides: { contactId: EXAMPLE_IDS.contactId, companyId: EXAMPLE_IDS.companyId },
    setup: async (context) => contactAndCompany(context),
  },
  // Batch read: a record with an association to read.
  {
    name: 'contact {contactId} is associated with company {companyId}',
    params: {},
    provides: { contactId: EXAMPLE_IDS.contactId, companyId: EXAMPLE_IDS.companyId },
    setup: async (context) => {
      const ids = await contactAndCompany(context);
      await context.api.associateDefault('contacts', ids.contactId, 'companies', [ids.companyId]);
      return ids;
    },
  },
  // Batch read paging: more associations than one page holds (HubSpot pages at 500, FACTS §6).
  {
    name: 'contact {contactId} has {n} company associations, more than one page',
    params: { n: 501 },
    bounds: { n: STATE_RECORDS_BOUND },
    provides: { contactId: EXAMPLE_IDS.contactId },
    setup: async (context, params) => {
      const n = whole(params, 'n');
      const [contactId] = await context.api.createRecords('contacts', 1);
      if (contactId === undefined) throw new StateSetupError('no contact was created');
      context.ledger.created('contacts', [contactId]);
      // Noted batch by batch: a set-up cut short (Ctrl-C) still archives what it made.
      const companies = await context.api.createRecords('companies', n, (ids) =>
        context.ledger.created('companies', ids),
      );
      await context.api.associateDefault('contacts', contactId, 'companies', companies);
      return { contactId };
    },
  },
  // Batch read 207: one input that reads, one that names a record that does not exist.
  {
    name: 'contact {contactId} is associated with company {companyId} and contact {missingContactId} does not exist',
    params: {},
    provides: {
      contactId: EXAMPLE_IDS.contactId,
      companyId: EXAMPLE_IDS.companyId,
      missingContactId: EXAMPLE_IDS.missingContactId,
    },
    setup: async (context) => {
      const ids = await contactAndCompany(context);
      await context.api.associateDefault('contacts', ids.contactId, 'companies', [ids.companyId]);
      return { ...ids, missingContactId: await missing(context, 'contacts') };
    },
  },
  // Batch associate default with a failed input (a 200 with errors: the endpoint has no 207).
  {
    name: 'contact {contactId} and company {companyId} exist and company {missingCompanyId} does not',
    params: {},
    provides: {
      contactId: EXAMPLE_IDS.contactId,
      companyId: EXAMPLE_IDS.companyId,
      missingCompanyId: EXAMPLE_IDS.missingCompanyId,
    },
    setup: async (context) => ({
      ...(await contactAndCompany(context)),
      missingCompanyId: await missing(context, 'companies'),
    }),
  },
  // Configurations create: no limit on the type yet (the interaction creates one; teardown purges it).
  {
    name: 'no limit configuration exists for {fromObjectType}/{toObjectType}',
    params: { ...PAIR, ...DEFAULT_CONTACT_COMPANY_TYPE },
    provides: {},
    setup: async (context, params) => {
      const spec = { category: text(params, 'category'), typeId: whole(params, 'typeId') };
      await context.api.purgeConfigurations(text(params, 'fromObjectType'), text(params, 'toObjectType'), [spec]);
      context.ledger.configured(text(params, 'fromObjectType'), text(params, 'toObjectType'), [spec]);
      return {};
    },
  },
  // Configurations create 207: an object limit exists, and a label limit above it must fail (FACTS §3).
  {
    name: 'a limit configuration exists for {fromObjectType}/{toObjectType}',
    params: { ...PAIR, ...DEFAULT_CONTACT_COMPANY_TYPE, maxToObjectIds: 10 },
    provides: {},
    setup: async (context, params) => {
      const from = text(params, 'fromObjectType');
      const to = text(params, 'toObjectType');
      const limit: LimitInput = {
        category: text(params, 'category'),
        typeId: whole(params, 'typeId'),
        maxToObjectIds: whole(params, 'maxToObjectIds'),
      };
      // Noted before the call: one that times out may have been applied.
      const forget = context.ledger.configured(from, to, [{ category: limit.category, typeId: limit.typeId }]);
      try {
        await context.api.configure(from, to, [limit]);
      } catch (error) {
        // A refusal applied nothing, and the purge of what the provider refuses (a type it has not) would fail too.
        if (error instanceof StateSetupError && error.refusedWith !== undefined) forget();
        throw error;
      }
      return {};
    },
  },
] as const satisfies readonly ProviderStateDefinition[];

/** The name of one of {@link PROVIDER_STATES}. */
export type ProviderStateName = (typeof PROVIDER_STATES)[number]['name'];

/** The state definition of a name; throws for a name no definition has. */
export function providerState(name: string): ProviderStateDefinition {
  const found = PROVIDER_STATES.find((state) => state.name === name);
  if (!found) throw new StateSetupError(`no provider state is named "${name}"`);
  return found;
}

/** Builds the set-up API for one provider. */
export function setupApi(options: SetupApiOptions): SetupApi {
  return new SetupApi(options);
}
