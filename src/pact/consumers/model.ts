import type { ApiVersion, EndpointId } from '../../catalogue/index.js';
import type { LimitInput } from '../states/index.js';

/**
 * What a consumer of the Associations API works with: the calls it makes and the domain values it
 * reads out of the answers. Both consumers (hsac's transport and the HubSpot SDK) implement the
 * same interface, so one set of interactions drives both.
 */

/** One call to an endpoint, with the values a consumer passes. */
export type ConsumerCall =
  | {
      readonly endpoint: 'batch-read';
      readonly apiVersion: ApiVersion;
      readonly fromObjectType: string;
      readonly toObjectType: string;
      readonly inputs: readonly { readonly id: string; readonly after?: string }[];
    }
  | {
      readonly endpoint: 'batch-associate-default';
      readonly apiVersion: ApiVersion;
      readonly fromObjectType: string;
      readonly toObjectType: string;
      readonly pairs: readonly { readonly fromId: string; readonly toId: string }[];
    }
  | {
      readonly endpoint: 'configurations-batch-create';
      readonly apiVersion: ApiVersion;
      readonly fromObjectType: string;
      readonly toObjectType: string;
      readonly limits: readonly LimitInput[];
    }
  | {
      readonly endpoint: 'associate-default';
      readonly apiVersion: ApiVersion;
      readonly fromObjectType: string;
      readonly fromId: string;
      readonly toObjectType: string;
      readonly toId: string;
    };

/** A failed input of a batch (`errors[]`). */
export interface BatchFailure {
  readonly category: string;
  readonly message: string;
}

/** A batch answer as a consumer keeps it. Times are ISO strings of the instants read. */
export interface Batch<T> {
  readonly status: string;
  readonly startedAt: string;
  readonly completedAt: string;
  readonly results: readonly T[];
  readonly failures: readonly BatchFailure[];
}

/** One association type between two records (read side: `category`/`typeId`). */
export interface AssociationType {
  readonly category: string;
  readonly typeId: number;
}

/** The associations of one input record, one page of them. */
export interface AssociatedRecords {
  readonly fromId: string;
  readonly to: readonly { readonly toObjectId: string; readonly types: readonly AssociationType[] }[];
  /** The cursor of the next page, when there is one. */
  readonly nextAfter?: string;
}

/** One default association created (write side: `associationCategory`/`associationTypeId`). */
export interface DefaultAssociation {
  readonly fromId: string;
  readonly toId: string;
  readonly category: string;
  readonly typeId: number;
}

/** One limit configured. */
export interface LimitSet {
  readonly category: string;
  readonly typeId: number;
}

/** What a consumer returns for a call, by endpoint. */
export type Outcome = Batch<AssociatedRecords> | Batch<DefaultAssociation> | Batch<LimitSet>;

/** A non-2xx answer, as a consumer surfaces it: the status and what it reads of the `Error` body. */
export class HubSpotApiError extends Error {
  override readonly name = 'HubSpotApiError';
  constructor(
    readonly status: number,
    readonly category: string,
    message: string,
    readonly correlationId: string,
  ) {
    super(message);
  }
}

/** A body that breaks what the consumer relies on (a missing or mistyped field it reads). */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
}

/** A consumer of the four endpoints. */
export interface AssociationsConsumer {
  /** Which endpoint x version pairs this consumer can call at all. */
  supports(endpoint: EndpointId, apiVersion: ApiVersion): boolean;
  /** Makes the call; rejects with {@link HubSpotApiError} on a non-2xx answer. */
  perform(call: ConsumerCall): Promise<Outcome>;
}
