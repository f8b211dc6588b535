import type { Operation, ResponseResolution } from '../../catalogue/index.js';
import type { Finding } from '../../registry/finding.js';
import type { CheckDeclarationOf, CheckIdOfKind } from '../../registry/index.js';
import type { Profile } from '../profiles.js';

/** What a body rule knows besides the body. */
export interface BodyContext {
  readonly operation: Operation;
  readonly direction: 'request' | 'response';
  /** The HTTP status, for responses. */
  readonly status?: number;
  /** How the status was resolved to a definition, for responses. */
  readonly resolution?: ResponseResolution;
  readonly profile: Profile;
}

/**
 * A rule about what one body can show beyond its schema (batch semantics). Pure: it reads the
 * parsed body and returns findings; it never throws for a conformance problem and never prints.
 * What it is (id, description, severity, faults) is its registry declaration, spread in:
 * `{ ...checkDeclaration('timestamps-ordered'), check(body, context) {..} }`.
 */
export type BodyRule = CheckDeclarationOf<'body-rule'> & {
  readonly id: CheckIdOfKind<'body-rule'>;
  readonly check: (body: Readonly<Record<string, unknown>>, context: BodyContext) => Finding[];
};

/** Reads an own property (never the prototype chain: bodies may carry `__proto__` keys): the kernel's `field`. */
export { field as own } from '../../json.js';
