import { operation, type EndpointId } from '../catalogue/index.js';
import { answeredPairs, readAfterWrite, type ExpectedAssociation } from '../checks/index.js';
import { readAll, type Real } from './commands.js';
import type { Journal } from './journal.js';
import { createRecords } from './provision.js';
import { succeeded } from './session.js';

/**
 * HubSpot's page size for batch read is not documented, and a v4 read has been seen returning more
 * than 600 associations of one record in one page (FACTS.md §10). So paging cannot be reached by
 * tuning anything: hsac builds one record wide enough that a read must page, growing it in steps
 * and reading it after each, until a read pages or the budget is spent.
 */

/** Associations a page of 1000 needs to spill onto a second page. */
export const WIDEST = 1001;

/** Widths tried in turn: each step reads the record once; a page of up to 1000 pages at the last. */
export const WIDTH_STEPS: readonly number[] = [25, 100, 400, WIDEST];

/** Records one objects batch create (or archive) takes, and pairs one batch associate is sent with. */
const BATCH = 100;

/** Requests building (not reading page after page) may cost by default: enough for a page of 1000. */
export const DEFAULT_PAGING_BUDGET = costToReach(WIDEST);

/**
 * Requests to grow a record from nothing to `width` along {@link WIDTH_STEPS}: creates, associates and one read per
 * step.
 */
export function costToReach(width: number): number {
  let cost = 1; // the from record itself
  let built = 0;
  for (const step of WIDTH_STEPS) {
    const target = Math.min(step, width);
    if (target <= built) break;
    cost += 2 * Math.ceil((target - built) / BATCH) + 1;
    built = target;
  }
  return cost;
}

/** What building the wide record did, for the report. */
export interface WideRecordOutcome {
  /** Associations the record had when the run stopped growing it. */
  readonly width: number;
  /** Whether a read of it paged (and every page was then followed and checked). */
  readonly paged: boolean;
  /** Requests spent building it (the reads of every page included). */
  readonly requests: number;
  /** Why it did not page, when it did not. */
  readonly why?: string;
}

/**
 * Builds the wide record: one new `from` record of the run's pair of types, associated with new
 * `to` records in growing steps, all tagged and journaled like any provisioning, so cleanup
 * archives them and nothing that was on the portal is touched. After each step one read of the
 * record; once a read pages, every page is followed (`paging-terminates`) and every association
 * must be found on some page (`read-after-write`).
 */
export async function buildWideRecord(
  real: Real,
  journal: Journal,
  tag: string,
  budget: number,
): Promise<WideRecordOutcome> {
  const { session, pool, apiVersion } = real;
  const before = session.exchanges.length;
  const spent = (): number => session.exchanges.length - before;
  const needed: readonly EndpointId[] = ['batch-read', 'batch-associate-default'];
  const missing = needed.filter((endpoint) => !real.endpoints.has(endpoint));
  if (missing.length > 0)
    return {
      width: 0,
      paged: false,
      requests: 0,
      why: `the wide record needs ${missing.join(' and ')} in --endpoints`,
    };
  if (budget < costToReach(WIDTH_STEPS[0] ?? WIDEST))
    return {
      width: 0,
      paged: false,
      requests: 0,
      why: `a paging budget of ${budget} requests cannot build even the first step (${costToReach(WIDTH_STEPS[0] ?? WIDEST)})`,
    };

  const [fromId] = await createRecords(session, journal, apiVersion, pool.fromObjectType, 1, `${tag}-wide`);
  if (fromId === undefined || session.isStopped()) return { width: 0, paged: false, requests: spent() };
  const targets: string[] = [];
  // toId -> the exchange that associated it: a read of the record judges those writes (its finding names them).
  const writes = new Map<string, number>();
  const expected = (): ExpectedAssociation[] =>
    targets.map((toId) => {
      const writtenBy = writes.get(toId);
      return { fromId, toId, ...(writtenBy !== undefined ? { writtenBy } : {}) };
    });
  let last: { read: number } | undefined;
  const associate = operation('batch-associate-default', apiVersion);
  const params = { fromObjectType: pool.fromObjectType, toObjectType: pool.toObjectType };
  for (const step of WIDTH_STEPS) {
    const grow = step - targets.length;
    const cost = 2 * Math.ceil(grow / BATCH) + 1;
    if (spent() + cost > budget) {
      return {
        width: targets.length,
        paged: false,
        requests: spent(),
        why: `the paging budget (${budget} requests) ran out at ${targets.length} associations without a paged read (pass --paging-budget to spend more)`,
      };
    }
    while (targets.length < step && !session.isStopped()) {
      const ids = await createRecords(
        session,
        journal,
        apiVersion,
        pool.toObjectType,
        Math.min(BATCH, step - targets.length),
        `${tag}-wide`,
      );
      const pairs = ids.map((toId) => [fromId, toId] as const);
      journal.append({
        kind: 'associate',
        fromObjectType: pool.fromObjectType,
        toObjectType: pool.toObjectType,
        pairs,
      });
      const observed = await session.call(
        associate,
        params,
        { inputs: pairs.map(([from, to]) => ({ from: { id: from }, to: { id: to } })) },
        'conformance',
      );
      if (!succeeded(observed)) {
        return {
          width: targets.length,
          paged: false,
          requests: spent(),
          why: `associating the wide record failed (status ${observed.exchange.response?.status ?? observed.exchange.failure?.kind ?? '?'})`,
        };
      }
      // Only what the answer lists was associated (a portal's limit configuration may refuse the
      // rest, naming them in errors): the record is as wide as the answers say, no wider.
      const associated = answeredPairs(observed, pairs).map(([, toId]) => toId);
      targets.push(...associated);
      for (const toId of associated) writes.set(toId, observed.exchange.id);
      if (associated.length < pairs.length) {
        const refused = pairs.length - associated.length;
        const pages = await readAll(real, [fromId]);
        const paged = pages[0]?.batch.nextAfter(fromId) !== undefined;
        session.sequence(readAfterWrite, 'batch-read', {
          expected: expected(),
          reads: pages,
        });
        return {
          width: targets.length,
          paged,
          requests: spent(),
          ...(paged
            ? {}
            : {
                why: `the provider refused ${refused} of ${pairs.length} associations of the wide record at ${targets.length} (a limit configuration on the portal?), before any read paged`,
              }),
        };
      }
    }
    if (session.isStopped()) break;
    const pages = await readAll(real, [fromId]);
    // Every association must be on some page of every read, paged or not: a provider that cuts a
    // read short without paging, or drops items between pages, loses data where clients cannot see it.
    session.sequence(readAfterWrite, 'batch-read', {
      expected: expected(),
      reads: pages,
    });
    const first = pages[0];
    if (first?.batch.nextAfter(fromId) !== undefined) return { width: targets.length, paged: true, requests: spent() };
    last = { read: first?.batch.targetsOf(fromId).length ?? 0 };
  }
  return {
    width: targets.length,
    paged: false,
    requests: spent(),
    why: session.isStopped()
      ? 'the run stopped while the wide record was being built'
      : `a record with ${targets.length} associations came back in one page (${last?.read ?? 0} of them listed, no paging)`,
  };
}
