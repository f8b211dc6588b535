/**
 * What a rule is. The walker (`../diff.ts`) visits *sites*: pairs of old/new things of one kind
 * (an operation, an operation's set of responses, one paired response, a request body, a
 * parameter, a schema node, a named definition). Each rule names the one site kind it reads and
 * returns detections; the walker turns them into located {@link Change}s. Rules are pure: no I/O,
 * no throwing for a change, no knowledge of where the pair sits.
 */
import type { OperationModel, ParameterModel, RequestBodyModel, ResponseModel, SchemaNode } from '../model.js';

/** How much a change matters to a client: breaking fails the audit (exit 1). */
export type Severity = 'breaking' | 'warning' | 'info';

/** The severities, most severe first. */
export const SEVERITIES: readonly Severity[] = ['breaking', 'warning', 'info'];

/** Which side of the exchange a schema describes. */
export type Direction = 'request' | 'response';

/** The direction a rule judges: a body direction, both, or the operation itself (existence, statuses). */
export type RuleDirection = Direction | 'both' | 'operation';

/** An operation present on at least one side. */
export interface OperationSite {
  readonly old?: OperationModel;
  readonly new?: OperationModel;
}

/** How the statuses of one operation pair up. */
export interface StatusPairing {
  /** Declared on both sides. */
  readonly same: readonly string[];
  /** A success code replaced by another of the same kind (201 -> 200, 204 -> 200): [old, new]. */
  readonly changed: readonly (readonly [string, string])[];
  /** Only old (not part of a change). */
  readonly removed: readonly string[];
  /** Only new (not part of a change). */
  readonly added: readonly string[];
}

/** The responses of an operation present on both sides. */
export interface ResponsesSite {
  readonly old: OperationModel;
  readonly new: OperationModel;
  readonly pairing: StatusPairing;
}

/** One response on both sides (same status, or a changed success status). */
export interface ResponseSite {
  readonly old: ResponseModel;
  readonly new: ResponseModel;
}

/** The request body of an operation present on both sides. */
export interface RequestBodySite {
  readonly old?: RequestBodyModel;
  readonly new?: RequestBodyModel;
}

/** A parameter present on at least one side. */
export interface ParameterSite {
  readonly old?: ParameterModel;
  readonly new?: ParameterModel;
}

/** Two schema nodes at the same place of a request or a response. */
export interface SchemaSite {
  readonly old: SchemaNode;
  readonly new: SchemaNode;
  readonly direction: Direction;
}

/** A named schema (a definition) present on at least one side, when the compared documents have no operations. */
export interface DefinitionSite {
  readonly name: string;
  readonly old?: SchemaNode;
  readonly new?: SchemaNode;
}

/** Every site kind and what a rule of that kind receives. */
export interface SiteMap {
  operation: OperationSite;
  responses: ResponsesSite;
  response: ResponseSite;
  'request-body': RequestBodySite;
  parameter: ParameterSite;
  schema: SchemaSite;
  definition: DefinitionSite;
}

/** A site kind. */
export type SiteKind = keyof SiteMap;

/** What a rule found at a site; the walker adds the rule, operation, status and location. */
export interface Detection {
  readonly message: string;
  readonly old?: string;
  readonly new?: string;
  /** The property (of the site's schema) the change is about, e.g. a removed field. */
  readonly property?: string;
  /** A location below the site that is not a property, e.g. `/headers/Location`. */
  readonly pointer?: string;
  /** The status the change is about, where the site is an operation's set of responses. */
  readonly status?: string;
  /** Only where one rule's changes differ in weight (an open enum lowers an enum addition). */
  readonly severity?: Severity;
}

/** Settings a rule may read (from the `audit` config). */
export interface RuleContext {
  /** Severity of a response enum value added to a closed enum (the `WORK` case). */
  readonly enumAdditions: 'warning' | 'breaking';
}

/** One rule of the catalogue. */
export interface Rule<K extends SiteKind = SiteKind> {
  /** Stable, kebab-case; config overrides and ignore entries name it. */
  readonly id: string;
  /**
   * A `request` or `response` rule sees only schema sites of that direction: the walker filters by it (`diff.ts`,
   * the one place), so `detect` never tests `site.direction` itself.
   */
  readonly direction: RuleDirection;
  readonly defaultSeverity: Severity;
  /** One sentence: what fires it, and why that severity. */
  readonly description: string;
  readonly site: K;
  /** A plain function, never a method: the walker calls it detached from its rule. */
  readonly detect: (site: SiteMap[K], context: RuleContext) => readonly Detection[];
}

/** A rule of any site kind (the registry's element type). */
export type AnyRule = { [K in SiteKind]: Rule<K> }[SiteKind];

/** Typed constructor: infers the site kind so `detect` gets the right pair. */
export function defineRule<K extends SiteKind>(rule: Rule<K>): Rule<K> {
  return rule;
}
