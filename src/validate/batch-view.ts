import { field, isObject } from '../json.js';

/**
 * A typed view of one batch answer, built from a body already read (`readBody`): the walks every
 * check and the runner make over `results` and `errors`, written once. Pure, and tolerant of any
 * shape: a provider's body is hostile input (arrays where objects belong, numbers for IDs, missing
 * fields, `__proto__` keys), so nothing here assumes a field is there or has its declared type; the
 * schema checks say what is wrong with it, the view only reads what it can.
 */

/** An ID as JSON carries it (a string, or a number from a lenient provider); anything else names nothing. */
export function jsonId(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Number.isFinite(value)) return String(value);
  return undefined;
}

/** One entry of `results`, with the fields the runner and the checks look for read out. */
export interface BatchResult {
  /** The entry as received. */
  readonly raw: unknown;
  /** `from.id` (batch read and associate default answers). */
  readonly fromId: string | undefined;
  /** `to.id` where `to` is one object (associate default answers). */
  readonly toId: string | undefined;
  /** The `to[]` items where `to` is a list (batch read answers): the record's targets on this page. */
  readonly targets: readonly unknown[];
  /** `paging.next.after` when it is a string: the cursor of the record's next page. */
  readonly after: string | undefined;
}

/** What a batch answer's `errors` name inputs by: exact values and whole words, and input positions. */
export interface ErrorNames {
  readonly values: ReadonlySet<string>;
  readonly positions: ReadonlySet<number>;
}

/** One batch answer as read. Every member is defined for any body, an absent or unreadable one included. */
export interface BatchView {
  /** The body as read; undefined when there was none or it could not be read. */
  readonly value: unknown;
  /** Whether the body is a JSON object, as every batch answer is. */
  readonly isObject: boolean;
  /** `status` when it is a string. */
  readonly status: string | undefined;
  /** `numErrors` when it is a number. */
  readonly numErrors: number | undefined;
  /** `results` when it is a list (undefined when absent or of another type), in the answer's order. */
  readonly results: readonly BatchResult[] | undefined;
  /** `errors` when it is a list, else none. */
  readonly errors: readonly unknown[];
  /** The results of one `from` record, in the answer's order. */
  resultsOf(fromId: string): readonly BatchResult[];
  /** Every target the answer lists for `fromId`, over all of that record's results. */
  targetsOf(fromId: string): readonly unknown[];
  /** The `paging.next.after` of `fromId`'s first result, or undefined at its last page. */
  nextAfter(fromId: string): string | undefined;
  /** Everything the errors name an input by (HubSpot's ways: `id`, `context`, `in`, messages). */
  readonly errorNames: ErrorNames;
  /** How many inputs the errors can answer for at most (see {@link errorCapacity}). */
  readonly errorCapacity: number;
}

/** The view of a body already read (`readBody`'s value; undefined for none). */
export function batchView(value: unknown): BatchView {
  return new View(value);
}

const NONE: readonly BatchResult[] = [];

class View implements BatchView {
  readonly isObject: boolean;
  readonly status: string | undefined;
  readonly numErrors: number | undefined;
  readonly results: readonly BatchResult[] | undefined;
  readonly errors: readonly unknown[];
  private byFromId: Map<string, BatchResult[]> | undefined;
  private names: ErrorNames | undefined;
  private capacity: number | undefined;

  constructor(readonly value: unknown) {
    this.isObject = isObject(value);
    const status = field(value, 'status');
    this.status = typeof status === 'string' ? status : undefined;
    const numErrors = field(value, 'numErrors');
    this.numErrors = typeof numErrors === 'number' ? numErrors : undefined;
    const results = field(value, 'results');
    this.results = Array.isArray(results) ? results.map(readResult) : undefined;
    const errors = field(value, 'errors');
    this.errors = Array.isArray(errors) ? (errors as unknown[]) : [];
  }

  resultsOf(fromId: string): readonly BatchResult[] {
    // Indexed on first use: a wide record's read is asked for a thousand pairs.
    if (this.byFromId === undefined) {
      this.byFromId = new Map();
      for (const result of this.results ?? NONE) {
        // Stryker disable next-line ConditionalExpression: filed under undefined, a key no string lookup reaches
        if (result.fromId === undefined) continue;
        const list = this.byFromId.get(result.fromId);
        if (list) list.push(result);
        else this.byFromId.set(result.fromId, [result]);
      }
    }
    return this.byFromId.get(fromId) ?? NONE;
  }

  targetsOf(fromId: string): readonly unknown[] {
    const results = this.resultsOf(fromId);
    const [only] = results;
    return only && results.length === 1 ? only.targets : results.flatMap((result) => result.targets);
  }

  nextAfter(fromId: string): string | undefined {
    return this.resultsOf(fromId)[0]?.after;
  }

  get errorNames(): ErrorNames {
    return (this.names ??= namedByErrors(this.errors));
  }

  get errorCapacity(): number {
    return (this.capacity ??= errorCapacity(this.errors));
  }
}

function readResult(raw: unknown): BatchResult {
  const to = field(raw, 'to');
  const after = field(field(field(raw, 'paging'), 'next'), 'after');
  return {
    raw,
    fromId: jsonId(field(field(raw, 'from'), 'id')),
    toId: jsonId(field(to, 'id')),
    targets: Array.isArray(to) ? (to as unknown[]) : [],
    after: typeof after === 'string' ? after : undefined,
  };
}

/** {@link ErrorNames} while they are collected. */
interface Named {
  readonly values: Set<string>;
  readonly positions: Set<number>;
}

/**
 * Whole tokens of a text, so input "1" is not named by an error about "10". A trailing hyphen is
 * dropped too ("101->202" names 101).
 */
function addTokens(text: string, into: Set<string>): void {
  // Stryker disable next-line Regex: the empty tokens between two separators are skipped, so runs split alike
  for (const token of text.split(/[^A-Za-z0-9_-]+/)) {
    if (token === '') continue;
    into.add(token);
    const trimmed = token.replace(/-+$/, '');
    if (trimmed !== '') into.add(trimmed);
  }
}

/** `inputs[3]`, `inputs.3`, `/inputs/3`: a field path that names an input by its position. */
const INPUT_POSITION = /\binputs(?:\[(\d+)\]|[./](\d+))/g;

/**
 * A `context` map as the spec declares it (StandardError and ErrorDetail: string -> string[],
 * FACTS.md §5): every value of every list names something (`ids`, `typeId`, `fromObjectId`, ...).
 * The docs' string form (`"{ids=[1, 2]}"`, FACTS.md §7.3) is read as text.
 */
function addContext(context: unknown, named: Named): void {
  if (typeof context === 'string') return addTokens(context, named.values);
  if (!isObject(context)) return;
  for (const value of Object.values(context)) {
    const list = Array.isArray(value) ? (value as unknown[]) : [value];
    for (const item of list) {
      const id = jsonId(item);
      if (id !== undefined) named.values.add(id);
    }
  }
}

/**
 * A field path or parameter (`in`): the input position it points at, and the ID in it as a whole
 * token. The position's digits are not an ID: `inputs[1].typeId` does not name type 1.
 */
function addIn(value: unknown, named: Named): void {
  if (typeof value !== 'string') return;
  for (const match of value.matchAll(INPUT_POSITION)) named.positions.add(Number(match[1] ?? match[2]));
  named.values.add(value);
  addTokens(value.replace(INPUT_POSITION, ' '), named.values);
}

/**
 * Everything the answer's `errors` (StandardError[]) name an input by, as HubSpot writes them
 * (FACTS.md §5): the error's `id`, its `context` value lists, `in` (on the error or on its
 * `errors[]` ErrorDetails), their `context`s, and the messages as whole tokens.
 */
function namedByErrors(errors: readonly unknown[]): ErrorNames {
  const named: Named = { values: new Set(), positions: new Set() };
  for (const error of errors) {
    const id = jsonId(field(error, 'id'));
    if (id !== undefined) named.values.add(id);
    addContext(field(error, 'context'), named);
    addIn(field(error, 'in'), named);
    const message = field(error, 'message');
    if (typeof message === 'string') addTokens(message, named.values);
    const details = field(error, 'errors');
    if (!Array.isArray(details)) continue;
    for (const detail of details) {
      addContext(field(detail, 'context'), named);
      addIn(field(detail, 'in'), named);
      const text = field(detail, 'message');
      if (typeof text === 'string') addTokens(text, named.values);
    }
  }
  return named;
}

/**
 * How many inputs the answer's errors can answer for at most: each error one, or as many as it
 * lists (context value lists, ErrorDetails). HubSpot's errors name a shared from ID, so names
 * alone cannot tell which of several pairs of one record failed; the count can still tell when
 * more inputs went missing than there are errors to explain them.
 */
function errorCapacity(errors: readonly unknown[]): number {
  let capacity = 0;
  for (const error of errors) {
    const context = field(error, 'context');
    const listed = isObject(context)
      ? Object.values(context).reduce<number>((sum, value) => sum + (Array.isArray(value) ? value.length : 1), 0)
      : 0;
    const details = field(error, 'errors');
    capacity += Math.max(1, listed, Array.isArray(details) ? details.length : 0);
  }
  return capacity;
}
