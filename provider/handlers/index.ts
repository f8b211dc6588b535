import type { AuxiliaryId, AuxiliaryOperation, EndpointId, Operation } from '../../src/catalogue/index.js';
import type { SandboxResponse } from '../http-types.js';
import { accountDetails } from './account-details.js';
import { associateDefaultPut } from './associate-default.js';
import { associationsBatchArchive } from './associations-batch-archive.js';
import { batchAssociateDefault } from './batch-associate-default.js';
import { batchRead } from './batch-read.js';
import { configurationsBatchCreate } from './configurations-batch-create.js';
import { configurationsBatchPurge } from './configurations-batch-purge.js';
import type { HandlerContext } from './context.js';
import { objectsBatchArchive } from './objects-batch-archive.js';
import { objectsBatchCreate } from './objects-batch-create.js';

export type { AccountSettings, HandlerContext } from './context.js';

/**
 * One handler per catalogue id. Typed as total records, so a new endpoint or auxiliary operation
 * in the catalogue fails to compile until the sandbox serves it.
 */
export const ENDPOINT_HANDLERS: Readonly<Record<EndpointId, (context: HandlerContext, operation: Operation) => SandboxResponse>> = {
  'batch-associate-default': batchAssociateDefault,
  'batch-read': batchRead,
  'configurations-batch-create': configurationsBatchCreate,
  'associate-default': associateDefaultPut,
};

/** The auxiliary operations' handlers (provisioning, cleanup, account details). */
export const AUXILIARY_HANDLERS: Readonly<Record<AuxiliaryId, (context: HandlerContext, operation: AuxiliaryOperation) => SandboxResponse>> = {
  'account-details': accountDetails,
  'objects-batch-create': objectsBatchCreate,
  'associations-batch-archive': associationsBatchArchive,
  'configurations-batch-purge': configurationsBatchPurge,
  'objects-batch-archive': objectsBatchArchive,
};
