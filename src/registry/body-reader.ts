import type { CheckDeclaration } from './declaration.js';

/** Why the reader's limits have no fault: the sandbox cannot be made to send such a body cheaply. */
const PROVEN_BY_BODY_SPEC = 'src/validate/body.spec.ts and suites/validate prove it on bodies built for it';

/**
 * What `readBody` (src/validate/body.ts) reports before any schema applies: a body that cannot be
 * read as JSON, or that is read with a caveat. Every answer and every body `hsac validate` checks
 * passes through it first.
 */
export const BODY_READER_DECLARATIONS = [
  {
    id: 'body-not-json',
    kind: 'body-reader',
    scope: 'body',
    description: 'the body is JSON (not empty, not an HTML or XML page, not malformed or cut short)',
    severity: 'error',
    faults: ['truncated-json'],
  },
  {
    id: 'body-encoding',
    kind: 'body-reader',
    scope: 'body',
    description: 'the body carries no UTF-8 byte-order mark (RFC 8259 §8.1); one is removed with a warning',
    severity: 'warning',
    faults: [],
    noFaultWhy: `no sandbox fault sends a byte-order mark: ${PROVEN_BY_BODY_SPEC}`,
  },
  {
    id: 'body-size',
    kind: 'body-reader',
    scope: 'body',
    description: 'the body is within the size limit (32 MiB by default); a larger one is not parsed',
    severity: 'error',
    faults: [],
    noFaultWhy: `a fault sending 32 MiB would slow every fault run: ${PROVEN_BY_BODY_SPEC}`,
  },
  {
    id: 'body-depth',
    kind: 'body-reader',
    scope: 'body',
    description: 'the body nests no deeper than the depth limit (64 by default); a deeper one is not parsed',
    severity: 'error',
    faults: [],
    noFaultWhy: `no fault can nest a body of the four endpoints deeper and keep its shape: ${PROVEN_BY_BODY_SPEC}`,
  },
  {
    id: 'duplicate-key',
    kind: 'body-reader',
    scope: 'body',
    description: 'no object has the same key twice (an error under strict, a warning under lenient)',
    severity: 'error',
    faults: ['duplicate-status-key'],
  },
] as const satisfies readonly CheckDeclaration[];
