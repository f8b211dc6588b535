import type { CheckDeclaration } from './declaration.js';

/**
 * The sequence checks (src/checks/, one module each): each judges what the runner drove across
 * several exchanges. SEQUENCE_CHECKS in src/checks/index.ts holds their implementations in this order.
 */
export const SEQUENCE_DECLARATIONS = [
  {
    id: 'paging-terminates',
    kind: 'sequence',
    scope: 'sequence',
    description: 'paging with after advances and ends',
    endpoints: ['batch-read'],
    severity: 'error',
    faults: ['paging-never-ends', 'paging-not-advancing'],
    notExercisedWhy:
      'no read of a record came back with a next page, so no cursor was followed ' +
      '(hsac builds a wide record to force one; see the wide-record requests)',
  },
  {
    id: 'read-after-write',
    kind: 'sequence',
    scope: 'sequence',
    description: 'an association made is read back at once, with its default type',
    endpoints: ['batch-read', 'configurations-batch-create'],
    severity: 'error',
    faults: ['read-after-write-lost', 'configurations-read-empty'],
    notExercisedWhy: 'no write was read back (a read after a successful write, or a configuration create answer)',
  },
  {
    id: 'idempotent',
    kind: 'sequence',
    scope: 'sequence',
    description: 'associate default twice answers the same and creates no duplicate',
    endpoints: ['batch-associate-default', 'associate-default'],
    severity: 'error',
    faults: ['associate-not-idempotent'],
    notExercisedWhy:
      'no pair was associated twice with both answers successful (a repeat needs a first write that succeeded)',
  },
  {
    id: 'archive-effective',
    kind: 'sequence',
    scope: 'sequence',
    description: 'after a batch archive or a single DELETE, a read no longer returns the pair',
    endpoints: ['batch-read'],
    severity: 'error',
    faults: ['archive-keeps-association'],
    notExercisedWhy: 'no archive of an association the run made was followed by a successful read of its record',
  },
] as const satisfies readonly CheckDeclaration[];
