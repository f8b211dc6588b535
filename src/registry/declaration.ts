import type { EndpointId } from '../catalogue/index.js';
import type { Severity } from './finding.js';

/**
 * What a check is, whatever kind it is: the one shape every entry of the check registry has
 * (`src/registry/index.ts`). The implementations stay in their layers (src/checks/, src/validate/,
 * src/runner/, src/gate/) and bind to their declaration by id; what a check is called, what it
 * judges, where it applies, how severe it is and which sandbox faults prove it is written here only.
 */

/** Where a check's implementation lives, and so how it is run. */
export type CheckKind =
  /** One module of src/checks/ run on every exchange with an endpoint under test (EXCHANGE_CHECKS). */
  | 'exchange'
  /** One module of src/checks/ run over a sequence the runner drove (SEQUENCE_CHECKS). */
  | 'sequence'
  /** A class of ajv schema errors, named by `classify()` in src/validate/schema-findings.ts. */
  | 'schema'
  /** One module of src/validate/rules/ (BODY_RULES): batch semantics a body shows beyond its schema. */
  | 'body-rule'
  /** What `readBody` (src/validate/body.ts) finds before any schema applies: size, depth, encoding, JSON. */
  | 'body-reader'
  /** The validator's judgement of a response's status against the declared one (src/validate/index.ts). */
  | 'response'
  /** The validator's judgements of a request beyond its schema (src/validate/index.ts `validateRequest`). */
  | 'request'
  /** The runner's bookkeeping about the run itself (src/runner/). */
  | 'runner'
  /** One module of src/gate/checks/ (GATE_CHECK_MODULES): `hsac gate sdk` on an SDK build. */
  | 'gate';

/** What one finding of a check is about. */
export type CheckScope = 'exchange' | 'sequence' | 'response' | 'body' | 'request' | 'run' | 'sdk-build';

/** The scope each kind judges: one per kind, so a declaration cannot claim another. */
interface ScopeOfKind {
  readonly exchange: 'exchange';
  readonly sequence: 'sequence';
  readonly schema: 'body';
  readonly 'body-rule': 'body';
  readonly 'body-reader': 'body';
  readonly response: 'response';
  readonly request: 'request';
  readonly runner: 'run';
  readonly gate: 'sdk-build';
}

/**
 * The sandbox faults (provider/faults, by name) that must make the check report: at least one, or
 * none and why (a check proven elsewhere, e.g. the gate's by SDK fixtures). suites/_meta/
 * fault-coverage.test.ts proves every name exists and names the check back.
 */
type FaultProof =
  | { readonly faults: readonly [string, ...string[]]; readonly noFaultWhy?: never }
  | { readonly faults: readonly []; readonly noFaultWhy: string };

interface DeclarationOfKind<Kind extends CheckKind> {
  /** Stable id: in findings, reports, `run.checks` in the config, `--require-exercised`, fault triggers. */
  readonly id: string;
  readonly kind: Kind;
  /** One line: what it proves. */
  readonly description: string;
  readonly scope: ScopeOfKind[Kind];
  /**
   * The endpoints under test where the condition it judges can arise (absent: all four). Reports
   * list a check only where it applies, so "not exercised" never means "cannot apply".
   */
  readonly endpoints?: readonly EndpointId[];
  /**
   * The severity of its findings under the strict profile and default settings. A check that grades
   * each finding (the gate: a field no consumer reads is a warning) declares the graver one. A
   * finding that states no severity gets this one (`withDeclaredSeverity`); the config's
   * `run.checks` overrides it at the session.
   */
  readonly severity: Severity;
}

/**
 * Why a run may leave an exchange or sequence check not exercised, and what would exercise it:
 * said in every report next to a `not-exercised` outcome. Only those kinds count exercised cases.
 */
type ExercisedProof<Kind extends CheckKind> = Kind extends 'exchange' | 'sequence'
  ? { readonly notExercisedWhy: string }
  : { readonly notExercisedWhy?: never };

/** A check of one kind. */
export type CheckDeclarationOf<Kind extends CheckKind> = DeclarationOfKind<Kind> & ExercisedProof<Kind> & FaultProof;

/** Any check of the registry. */
export type CheckDeclaration = { [Kind in CheckKind]: CheckDeclarationOf<Kind> }[CheckKind];
