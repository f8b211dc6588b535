import fc from 'fast-check';
import { operation, type ApiVersion, type EndpointId } from '../catalogue/index.js';
import {
  answeredPairs,
  archiveEffective,
  configurationReadBack,
  idempotent,
  pagingTerminates,
  readAfterWrite,
  reportedType,
  sentInOrder,
  type ArchivedPair,
  type ObservedExchange,
} from '../checks/index.js';
import { guardConfiguration, readPairConfigurations } from './configurations.js';
import type { Journal } from './journal.js';
import type { RunModel } from './model.js';
import { succeeded, type Session } from './session.js';

/** The records a run works on: `from` records (contacts) and `to` records (companies). */
export interface RecordPool {
  readonly fromObjectType: string;
  readonly toObjectType: string;
  readonly fromIds: readonly string[];
  readonly toIds: readonly string[];
  /** Pairs that existed before the run: never archived by it. */
  readonly preexisting: ReadonlySet<string>;
}

/** What every command needs besides the model. */
export interface Real {
  readonly session: Session;
  readonly journal: Journal;
  readonly apiVersion: ApiVersion;
  readonly endpoints: ReadonlySet<EndpointId>;
  readonly pool: RecordPool;
  /** Most pages followed per record before paging is declared endless. */
  readonly maxPages: number;
  /** A record ID that does not exist (for 207 partial answers). */
  readonly unknownId: string;
}

/** The model plus the real system, as fast-check's model-based runner passes them. */
export interface Setup {
  readonly model: RunModel;
  readonly real: Real;
}

type Command = fc.AsyncCommand<RunModel, Real, false>;

const pairKey = (fromId: string, toId: string): string => `${fromId}>${toId}`;

/**
 * Records a successful write of pairs in the model; a pair written before is compared with its
 * first write (associating by default is an upsert: a repeat must answer the same).
 */
function recordWrites(
  model: RunModel,
  real: Real,
  observed: ObservedExchange,
  pairs: readonly (readonly [string, string])[],
  endpoint: string,
): void {
  for (const [from, to] of pairs) {
    const key = `${from}>${to}`;
    const first = model.firstWrites.get(key);
    if (first) real.session.sequence(idempotent, endpoint, { first, second: observed, fromId: from, toId: to });
    else model.firstWrites.set(key, observed);
    model.associate(from, to, reportedType(observed, from, to), observed.exchange.id);
  }
}

/**
 * Journals the pairs a write is about to associate, before it is sent. Pairs that existed before
 * the run (given records) are left out: cleanup must never archive what the run did not create.
 */
function journalAssociations(real: Real, pairs: readonly (readonly [string, string])[]): void {
  const { pool } = real;
  const fresh = pairs.filter(([from, to]) => !pool.preexisting.has(pairKey(from, to)));
  if (fresh.length > 0)
    real.journal.append({
      kind: 'associate',
      fromObjectType: pool.fromObjectType,
      toObjectType: pool.toObjectType,
      pairs: fresh,
    });
}

/** Batch associate default for some pairs. */
class AssociateBatch implements Command {
  constructor(private readonly pairs: readonly (readonly [string, string])[]) {}
  check(): boolean {
    return true;
  }
  async run(model: RunModel, real: Real): Promise<void> {
    if (real.session.isStopped() || !real.endpoints.has('batch-associate-default')) return;
    const { pool } = real;
    journalAssociations(real, this.pairs);
    const body = { inputs: this.pairs.map(([from, to]) => ({ from: { id: from }, to: { id: to } })) };
    const observed = await real.session.call(
      operation('batch-associate-default', real.apiVersion),
      { fromObjectType: pool.fromObjectType, toObjectType: pool.toObjectType },
      body,
      'conformance',
    );
    if (succeeded(observed))
      recordWrites(model, real, observed, answeredPairs(observed, this.pairs), observed.operation.endpoint);
  }
  toString(): string {
    return `associateBatch(${this.pairs.map((p) => p.join('>')).join(',')})`;
  }
}

/** PUT default association for one pair, optionally twice (idempotency). */
class AssociateSingle implements Command {
  constructor(
    private readonly pair: readonly [string, string],
    private readonly twice: boolean,
  ) {}
  check(): boolean {
    return true;
  }
  async run(model: RunModel, real: Real): Promise<void> {
    if (real.session.isStopped() || !real.endpoints.has('associate-default')) return;
    const { pool } = real;
    const [fromId, toId] = this.pair;
    journalAssociations(real, [this.pair]);
    const op = operation('associate-default', real.apiVersion);
    const params = {
      fromObjectType: pool.fromObjectType,
      fromObjectId: fromId,
      toObjectType: pool.toObjectType,
      toObjectId: toId,
    };
    const first = await real.session.call(op, params, undefined, 'conformance');
    if (succeeded(first)) recordWrites(model, real, first, [this.pair], op.endpoint);
    if (!this.twice || real.session.isStopped()) return;
    const second = await real.session.call(op, params, undefined, 'conformance');
    const reads = real.endpoints.has('batch-read') ? await readAll(real, [fromId]) : [];
    real.session.sequence(idempotent, op.endpoint, { first, second, reads, fromId, toId });
    if (succeeded(second)) model.associate(fromId, toId, reportedType(second, fromId, toId), second.exchange.id);
  }
  toString(): string {
    return `associateSingle(${this.pair.join('>')}${this.twice ? ', twice' : ''})`;
  }
}

/**
 * Reads records with paging: the first page, then `{id, after}` until paging ends or the page
 * limit; returns every page. Paging is checked per record.
 */
export async function readAll(
  real: Real,
  fromIds: readonly string[],
  extraIds: readonly string[] = [],
): Promise<ObservedExchange[]> {
  const op = operation('batch-read', real.apiVersion);
  const params = { fromObjectType: real.pool.fromObjectType, toObjectType: real.pool.toObjectType };
  const first = await real.session.call(
    op,
    params,
    { inputs: [...fromIds, ...extraIds].map((id) => ({ id })) },
    'conformance',
  );
  const pages: ObservedExchange[] = [first];
  // Once paging has been caught not ending, later reads follow two pages only: the finding is
  // made, and a real portal's rate budget is not spent proving it again.
  const maxPages = real.session.hasError('paging-terminates') ? 2 : real.maxPages;
  for (const fromId of fromIds) {
    const chain: ObservedExchange[] = [first];
    let after = first.batch.nextAfter(fromId);
    while (after !== undefined && chain.length < maxPages && !real.session.isStopped()) {
      const page = await real.session.call(op, params, { inputs: [{ id: fromId, after }] }, 'conformance');
      chain.push(page);
      pages.push(page);
      const next = page.batch.nextAfter(fromId);
      if (next === after) break;
      after = next;
    }
    real.session.sequence(pagingTerminates, op.endpoint, { fromId, pages: chain, maxPages });
  }
  return pages;
}

/** Batch read of some records (sometimes with an unknown one: a 207), with paging and read-after-write. */
class ReadWithPaging implements Command {
  constructor(
    private readonly fromIds: readonly string[],
    private readonly withUnknown: boolean,
  ) {}
  check(): boolean {
    return true;
  }
  async run(model: RunModel, real: Real): Promise<void> {
    if (real.session.isStopped() || !real.endpoints.has('batch-read')) return;
    const pages = await readAll(real, this.fromIds, this.withUnknown ? [real.unknownId] : []);
    const expected = model.from(this.fromIds).map((a) => ({
      fromId: a.fromId,
      toId: a.toId,
      ...(a.typeId !== undefined ? { typeId: a.typeId } : {}),
      ...(a.writtenBy !== undefined ? { writtenBy: a.writtenBy } : {}),
    }));
    if (expected.length > 0) real.session.sequence(readAfterWrite, 'batch-read', { expected, reads: pages });
  }
  toString(): string {
    return `read(${this.fromIds.join(',')}${this.withUnknown ? ', +unknown' : ''})`;
  }
}

/**
 * Configurations batch create on the default type; the answer must reflect the limit asked for.
 * The pair's configuration is read and its original journaled first (`guardConfiguration`).
 */
class CreateConfigurations implements Command {
  constructor(private readonly maxToObjectIds: number) {}
  check(): boolean {
    return true;
  }
  async run(model: RunModel, real: Real): Promise<void> {
    if (real.session.isStopped() || !real.endpoints.has('configurations-batch-create')) return;
    const { pool } = real;
    // HubSpot's contact -> company default type; the portal's own report wins when a write said.
    const typeId = model.defaultTypeId ?? 279;
    // The limit may be the user's: its original is read and journaled before it is overwritten,
    // and one that cannot be read is not touched (cleanup could not put it back).
    const guard = await guardConfiguration(
      real.session,
      real.journal,
      real.apiVersion,
      pool.fromObjectType,
      pool.toObjectType,
      typeId,
    );
    if (!guard.ok) {
      real.session.leftUntouched('configurations-batch-create', guard.why);
      return;
    }
    if (real.session.isStopped()) return;
    const op = operation('configurations-batch-create', real.apiVersion);
    const body = { inputs: [{ category: 'HUBSPOT_DEFINED', typeId, maxToObjectIds: this.maxToObjectIds }] };
    const observed = await real.session.call(
      op,
      { fromObjectType: pool.fromObjectType, toObjectType: pool.toObjectType },
      body,
      'conformance',
    );
    if (!succeeded(observed)) return;
    model.configurations.set(typeId, this.maxToObjectIds);
    // A configuration is "read back" in the answer that created it, and by the configurations read.
    real.session.sequence(readAfterWrite, op.endpoint, configurationReadBack(observed));
    // The read hsac restores the portal by must show what was just written: a read that lies (or
    // lags) would have journaled a wrong original and would "verify" a wrong restore.
    const reread = await readPairConfigurations(real.session, real.apiVersion, pool.fromObjectType, pool.toObjectType);
    const shown = reread.ok ? reread.byType.get(typeId)?.maxToObjectIds : undefined;
    if (shown !== this.maxToObjectIds) {
      real.session.note({
        check: readAfterWrite.id,
        endpoint: op.endpoint,
        apiVersion: op.apiVersion,
        instancePath: '',
        message: `the configurations read does not show the limit just created (type ${typeId} max ${this.maxToObjectIds}; read: ${reread.ok ? (shown ?? 'no limit') : reread.why}): the original it reported before cannot be trusted, so cleanup may not restore the portal's limit`,
        expected: this.maxToObjectIds,
        actual: reread.ok ? (shown ?? 'absent') : reread.why,
        // The write, then the configurations read that does not show it (the session's last exchange).
        exchangeIds: sentInOrder([observed], [real.session.exchanges.at(-1)?.id]),
      });
    }
  }
  toString(): string {
    return `configure(max ${this.maxToObjectIds})`;
  }
}

/** Archives some associations the run made (associations batch archive), then expects them gone from the model. */
class ArchiveAssociations implements Command {
  constructor(private readonly count: number) {}
  check(model: RunModel): boolean {
    return model.associations.size > 0;
  }
  async run(model: RunModel, real: Real): Promise<void> {
    if (real.session.isStopped()) return;
    const { pool } = real;
    const pairs = [...model.associations.values()]
      .filter((a) => !pool.preexisting.has(pairKey(a.fromId, a.toId)))
      .slice(0, this.count);
    if (pairs.length === 0) return;
    const byFrom = new Map<string, string[]>();
    for (const pair of pairs) byFrom.set(pair.fromId, [...(byFrom.get(pair.fromId) ?? []), pair.toId]);
    const params = { fromObjectType: pool.fromObjectType, toObjectType: pool.toObjectType };
    const inputs = [...byFrom].map(([from, tos]) => ({ from: { id: from }, to: tos.map((id) => ({ id })) }));
    const answer = await real.session.auxiliary('associations-batch-archive', real.apiVersion, params, { inputs });
    if (!succeeded(answer)) return;
    await archived(
      model,
      real,
      pairs.map((p) => ({ fromId: p.fromId, toId: p.toId, how: 'batch-archive', archivedBy: answer.exchange.id })),
    );
  }
  toString(): string {
    return `archive(${this.count})`;
  }
}

/**
 * After an archive answered 2xx: the model forgets the pairs, the journal marks them archived (so
 * cleanup does not archive them again), and the records are read back (every page): the pairs
 * must be gone (`archive-effective`).
 */
async function archived(model: RunModel, real: Real, pairs: readonly ArchivedPair[]): Promise<void> {
  const { pool } = real;
  for (const pair of pairs) model.archive(pair.fromId, pair.toId);
  real.journal.append({
    kind: 'archived',
    what: 'associations',
    keys: pairs.map((p) => `${pool.fromObjectType}|${pool.toObjectType}:${p.fromId}>${p.toId}`),
  });
  if (!real.endpoints.has('batch-read') || real.session.isStopped() || pairs.length === 0) return;
  const reads = await readAll(real, [...new Set(pairs.map((pair) => pair.fromId))]);
  real.session.sequence(archiveEffective, 'batch-read', { archived: pairs, reads });
}

/**
 * Removes one association the run made with the single DELETE of the pair (HubSpot removes every
 * type between the two records), then reads the record back: the pair must be gone.
 */
class DeleteAssociation implements Command {
  constructor(private readonly index: number) {}
  check(model: RunModel): boolean {
    return model.associations.size > 0;
  }
  async run(model: RunModel, real: Real): Promise<void> {
    if (real.session.isStopped()) return;
    const { pool } = real;
    const candidates = [...model.associations.values()].filter((a) => !pool.preexisting.has(pairKey(a.fromId, a.toId)));
    const pair = candidates[this.index % Math.max(1, candidates.length)];
    if (!pair) return;
    const answer = await real.session.auxiliary('association-archive-single', real.apiVersion, {
      fromObjectType: pool.fromObjectType,
      fromObjectId: pair.fromId,
      toObjectType: pool.toObjectType,
      toObjectId: pair.toId,
    });
    if (!succeeded(answer)) return;
    await archived(model, real, [
      { fromId: pair.fromId, toId: pair.toId, how: 'single-delete', archivedBy: answer.exchange.id },
    ]);
  }
  toString(): string {
    return `delete(#${this.index})`;
  }
}

/**
 * The stateful commands as fast-check arbitraries over the run's record pool (STYLE.md: small
 * named builders). Every choice comes from the run's seed, so one seed is one sequence.
 */
export function commandArbitraries(pool: RecordPool, endpoints: ReadonlySet<EndpointId>): fc.Arbitrary<Command>[] {
  const pairs = pool.fromIds.flatMap((from) => pool.toIds.map((to) => [from, to] as const));
  const arbitraries: fc.Arbitrary<Command>[] = [];
  if (endpoints.has('batch-associate-default')) {
    arbitraries.push(
      fc
        .subarray(pairs, { minLength: 1, maxLength: Math.min(10, pairs.length) })
        .map((chosen) => new AssociateBatch(chosen)),
    );
  }
  if (endpoints.has('associate-default')) {
    arbitraries.push(
      fc
        .record({ pair: fc.constantFrom(...pairs), twice: fc.boolean() })
        .map(({ pair, twice }) => new AssociateSingle(pair, twice)),
    );
  }
  if (endpoints.has('batch-read')) {
    arbitraries.push(
      fc
        .record({ ids: fc.subarray([...pool.fromIds], { minLength: 1 }), unknown: fc.boolean() })
        .map(({ ids, unknown }) => new ReadWithPaging(ids, unknown)),
    );
  }
  if (endpoints.has('configurations-batch-create')) {
    arbitraries.push(fc.integer({ min: 50, max: 500 }).map((max) => new CreateConfigurations(max)));
  }
  if (endpoints.has('batch-associate-default') || endpoints.has('associate-default')) {
    arbitraries.push(fc.integer({ min: 1, max: 5 }).map((count) => new ArchiveAssociations(count)));
    arbitraries.push(fc.nat({ max: 99 }).map((index) => new DeleteAssociation(index)));
  }
  return arbitraries;
}

/**
 * The coverage sequence, run before the random ones (like Schemathesis' coverage phase before
 * fuzzing): every command at least once, in an order that exercises each sequence check whatever
 * the seed. A pair is associated twice by PUT and again in a batch (idempotency), a read includes
 * an unknown record (a 207), and a batch archive and a single DELETE are each followed by a read
 * (read-after-write, archive-effective). Paging is the wide record's (`wide-record.ts`): a handful
 * of associations never fills a page of a real portal.
 */
export function coverageSequence(pool: RecordPool): Command[] {
  const first = pool.fromIds[0];
  const target = pool.toIds[0];
  if (first === undefined || target === undefined) return [];
  const second = pool.fromIds[1] ?? first;
  return [
    new AssociateBatch(pool.toIds.slice(0, 10).map((to) => [first, to] as const)),
    new AssociateSingle([second, target], true),
    new AssociateBatch([[second, target]]),
    new ReadWithPaging([first, second], true),
    new CreateConfigurations(200),
    new ArchiveAssociations(2),
    new DeleteAssociation(0),
    new ReadWithPaging([first], false),
  ];
}

/** Command sequences for a run: `runs` of them, each at most `maxCommands` long, from `seed`. */
export function sampleSequences(
  pool: RecordPool,
  endpoints: ReadonlySet<EndpointId>,
  runs: number,
  seed: number,
  maxCommands: number,
): Iterable<Command>[] {
  const arbitraries = commandArbitraries(pool, endpoints);
  if (arbitraries.length === 0 || runs === 0) return [];
  // Shrinking is off for live runs: every shrink step would re-send writes to a real portal.
  return fc.sample(fc.commands(arbitraries, { maxCommands, disableReplayLog: true }), { seed, numRuns: runs });
}

/** Runs one sequence against the target with fast-check's model-based runner. */
export async function runSequence(sequence: Iterable<Command>, setup: () => Setup): Promise<void> {
  await fc.asyncModelRun(setup, sequence);
}
