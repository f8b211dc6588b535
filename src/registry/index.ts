import { BODY_READER_DECLARATIONS } from './body-reader.js';
import { BODY_RULE_DECLARATIONS } from './body-rules.js';
import type { CheckDeclaration, CheckKind } from './declaration.js';
import type { Finding, FindingDraft } from './finding.js';
import { EXCHANGE_DECLARATIONS } from './exchange.js';
import { GATE_DECLARATIONS } from './gate.js';
import { REQUEST_DECLARATIONS } from './request.js';
import { RESPONSE_DECLARATIONS } from './response.js';
import { RUNNER_DECLARATIONS } from './runner.js';
import { SCHEMA_DECLARATIONS } from './schema.js';
import { SEQUENCE_DECLARATIONS } from './sequence.js';

export type { CheckDeclaration, CheckDeclarationOf, CheckKind, CheckScope } from './declaration.js';
export type { Finding, FindingDraft, Severity } from './finding.js';

/**
 * Every check of hsac, of every kind: the one registry (issue 13). Each kind's module holds its
 * declarations in the order they run; an implementation binds to its declaration by id
 * ({@link checkDeclaration}), and registry.spec.ts proves every declaration of an implemented kind
 * has exactly one implementation and the reverse. A duplicate id throws at load.
 */
export const CHECKS = [
  ...EXCHANGE_DECLARATIONS,
  ...SEQUENCE_DECLARATIONS,
  ...SCHEMA_DECLARATIONS,
  ...BODY_RULE_DECLARATIONS,
  ...BODY_READER_DECLARATIONS,
  ...RESPONSE_DECLARATIONS,
  ...REQUEST_DECLARATIONS,
  ...RUNNER_DECLARATIONS,
  ...GATE_DECLARATIONS,
] as const;

type Declared = (typeof CHECKS)[number];

/** Every id a finding may carry: a misspelt id is a compile error wherever a finding is made. */
export type CheckId = Declared['id'];

/** The declarations of some kinds, with their literal fields. */
export type DeclarationOfKind<Kind extends CheckKind> = Extract<Declared, { readonly kind: Kind }>;

/** The ids of the checks of some kinds. */
export type CheckIdOfKind<Kind extends CheckKind> = DeclarationOfKind<Kind>['id'];

/** The declaration of one id, with its literal fields (kind, endpoints, faults). */
export type DeclarationOf<Id extends CheckId> = Extract<Declared, { readonly id: Id }>;

/**
 * The kinds whose findings the exchange check `response-body` reports, each under its own id: what
 * the validator finds in one response (its body read, its schema, its rules, its status code).
 */
export const BODY_LEVEL_KINDS = [
  'schema',
  'body-rule',
  'body-reader',
  'response',
] as const satisfies readonly CheckKind[];

/** Indexes declarations by id; a duplicate id throws, naming it. */
export function indexChecks(declarations: readonly CheckDeclaration[]): ReadonlyMap<string, CheckDeclaration> {
  const byId = new Map<string, CheckDeclaration>();
  for (const declaration of declarations) {
    if (byId.has(declaration.id)) throw new Error(`duplicate check id "${declaration.id}"`);
    byId.set(declaration.id, declaration);
  }
  return byId;
}

const BY_ID = indexChecks(CHECKS);

/** Whether a string is the id of a registry check. */
export function isCheckId(id: string): id is CheckId {
  return BY_ID.has(id);
}

/** The declaration of a check: what an implementation spreads into itself to bind to its id. */
export function checkDeclaration<Id extends CheckId>(id: Id): DeclarationOf<Id> {
  const declaration = BY_ID.get(id);
  if (!declaration) throw new Error(`unknown check id "${id}"`);
  return declaration as DeclarationOf<Id>;
}

/**
 * A finding graded as its check wrote it, else by the check's declared severity: the one place the
 * registry's `severity` is read, so a check states a severity only where it differs from it.
 */
export function withDeclaredSeverity(draft: FindingDraft): Finding {
  // Check and severity first, as every finding is written: report.json keeps key order, and snapshots pin it.
  const { check, severity = checkDeclaration(check).severity, ...rest } = draft;
  return { check, severity, ...rest };
}

/** The declarations of some kinds, in registry order. */
export function declarationsOf<Kind extends CheckKind>(...kinds: readonly Kind[]): DeclarationOfKind<Kind>[] {
  return CHECKS.filter((declaration): declaration is DeclarationOfKind<Kind> =>
    (kinds as readonly CheckKind[]).includes(declaration.kind),
  );
}

/** The ids of the checks of some kinds, in registry order. */
export function checkIdsOf<Kind extends CheckKind>(...kinds: readonly Kind[]): CheckIdOfKind<Kind>[] {
  // The generic Extract is deferred, so TypeScript cannot narrow `id` through it: the filter above did.
  return declarationsOf(...kinds).map((declaration) => declaration.id as CheckIdOfKind<Kind>);
}

/** Whether a check applies to an endpoint under test (its declared `endpoints`, else all four). */
export function appliesTo(check: { readonly endpoints?: readonly string[] }, endpoint: string): boolean {
  return check.endpoints === undefined || check.endpoints.includes(endpoint);
}
