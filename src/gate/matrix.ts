import { API_VERSIONS, ENDPOINT_IDS, type ApiVersion, type EndpointId } from '../catalogue/index.js';
import { pointerPattern } from '../json-pointer.js';
import type { Finding, Severity } from '../registry/finding.js';
import { checkIdsOf, type CheckId } from '../registry/index.js';
import type { GateCell, GateOutcome } from './cells.js';
import type { ModeComparison } from './modes.js';

/**
 * The SDK compatibility matrix (`hsac gate sdk --sdk A --sdk B ...`): one row per SDK release gated, one cell per
 * endpoint x API version, and the findings that changed between releases. Pure data, built from the gate's outcomes;
 * `src/report/matrix.ts` writes it (matrix.json, matrix.md, a section of report.html).
 */

/** An SDK release as its package.json names it. */
export interface SdkRelease {
  readonly name: string;
  readonly version: string;
}

/** One SDK gated: what was asked for, what it resolved to, how it fared, where its own reports are. */
export interface MatrixEntry {
  /** As given to `--sdk` (a package name, an npm alias or a directory). */
  readonly spec: string;
  readonly sdk: SdkRelease;
  readonly outcome: GateOutcome;
  /** This SDK's report directory, relative to the matrix file (`.` when they share one). */
  readonly reportDir: string;
  /** Over HTTP: where the in-process gate, on the same SDK and seed, found otherwise (src/gate/modes.ts). */
  readonly comparison?: ModeComparison;
}

/** An SDK's verdict in the matrix: the gate's, in the words an SDK team uses. */
export type MatrixVerdict = 'compatible' | 'incompatible' | 'inconclusive';

/** How the gate reached the SDKs: answers served in-process by nock, or over HTTP from a provider. */
export type GateMode = 'in-process' | 'http';

/** One row: an SDK release. */
export interface MatrixRow extends SdkRelease {
  readonly spec: string;
  readonly verdict: MatrixVerdict;
  readonly errors: number;
  readonly warnings: number;
  readonly reportDir: string;
  readonly cells: readonly GateCell[];
  /** Over HTTP: where the in-process gate on the same release disagrees, or judged alone. */
  readonly comparison?: ModeComparison;
}

/**
 * A finding followed across the rows. Releases are named by {@link releaseId}. `appeared`: the first row where it is
 * present after a row where it was absent (null when present from the first row). `disappeared`: the row from which it
 * is absent for good (null when present in the last row), so a finding that comes and goes twice is said by its first
 * appearance and its last disappearance, and `presentIn` lists every row it is in.
 */
export interface MatrixChange {
  /** The package whose releases it is followed across (changes are said within one package's releases). */
  readonly package: string;
  readonly check: CheckId;
  readonly severity: Severity;
  readonly endpoint: string;
  readonly apiVersion: string;
  /** The place with array indices as `*`: the gate aggregates findings by it, so it is the same in every row. */
  readonly instancePath: string;
  /** The message in the first row it is present in (messages carry counts, which differ between rows). */
  readonly message: string;
  readonly appeared: string | null;
  readonly disappeared: string | null;
  readonly presentIn: readonly string[];
  /** Releases whose gate could not judge it (no method for the endpoint there): they say nothing either way. */
  readonly notJudgedIn: readonly string[];
}

/** The matrix as matrix.json holds it (schemas/report/matrix.schema.json). */
export interface Matrix {
  readonly tool: { readonly name: 'hsac'; readonly version: string };
  readonly seed: number;
  readonly runs: number;
  readonly mode: GateMode;
  /** The provider's base URL in HTTP mode. */
  readonly target?: string;
  /** The `--sdk` specs asked for and left ungated (the run was stopped): the matrix is then partial. */
  readonly notGated?: readonly string[];
  /** Ordered by release (see {@link orderByRelease}). */
  readonly sdks: readonly MatrixRow[];
  /**
   * Every finding of any row: those present in some rows only, then those in every row, each part in the order first
   * met walking the rows.
   */
  readonly changes: readonly MatrixChange[];
}

/** How the gate ran, beside what the outcomes say. */
export interface MatrixRun {
  readonly mode: GateMode;
  readonly target?: string;
  /** The `--sdk` specs left ungated (Ctrl-C). */
  readonly notGated?: readonly string[];
}

/** A release's name in the matrix: unique within it (two specs resolving to one release are one row). */
export function releaseId(release: SdkRelease): string {
  return `${release.name}@${release.version}`;
}

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** Numeric identifiers of any length compared exactly (semver forbids leading zeros, so length decides first). */
function compareDigits(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Pre-release identifiers by semver 2.0.0 §11: numeric below alphanumeric, a shorter list below a longer one. */
function comparePrerelease(a: readonly string[], b: readonly string[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const [left = '', right = ''] = [a[index], b[index]];
    const leftNumeric = /^\d+$/.test(left);
    const rightNumeric = /^\d+$/.test(right);
    const order =
      leftNumeric && rightNumeric
        ? compareDigits(left, right)
        : leftNumeric !== rightNumeric
          ? leftNumeric
            ? -1
            : 1
          : left < right
            ? -1
            : left > right
              ? 1
              : 0;
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/**
 * Semver precedence of two versions (negative: `a` is older). A version that is not semver sorts after every one that
 * is, and among its kind by its digits read as numbers (`9.x` before `10.x`). Build metadata is ignored (semver).
 */
export function compareVersions(a: string, b: string): number {
  const left = SEMVER.exec(a);
  const right = SEMVER.exec(b);
  if (!left || !right) {
    if (left || right) return left ? -1 : 1;
    return a.localeCompare(b, 'en', { numeric: true });
  }
  for (const part of [1, 2, 3]) {
    const order = compareDigits(left[part] ?? '', right[part] ?? '');
    if (order !== 0) return order;
  }
  const [leftPre, rightPre] = [left[4], right[4]];
  if (leftPre === undefined || rightPre === undefined) return leftPre === rightPre ? 0 : leftPre === undefined ? 1 : -1;
  return comparePrerelease(leftPre.split('.'), rightPre.split('.'));
}

/**
 * The rows in release order: the releases of one package side by side, oldest first, each package where its first
 * release was given (different packages have no order between them but the user's).
 */
export function orderByRelease<T extends { readonly sdk: SdkRelease }>(entries: readonly T[]): T[] {
  const byPackage = new Map<string, T[]>();
  for (const entry of entries) byPackage.set(entry.sdk.name, [...(byPackage.get(entry.sdk.name) ?? []), entry]);
  return [...byPackage.values()].flatMap((releases) =>
    // Array.prototype.sort is stable: equal versions (not semver, alike) keep the given order.
    [...releases].sort((a, b) => compareVersions(a.sdk.version, b.sdk.version)),
  );
}

/** What makes a finding the same one in two releases: check, severity, endpoint, version and place (indices as `*`). */
export function gateFindingKey(
  finding: Pick<Finding, 'check' | 'severity' | 'endpoint' | 'apiVersion' | 'instancePath'>,
): string {
  const place = pointerPattern(finding.instancePath);
  return [finding.check, finding.severity, finding.endpoint ?? '', finding.apiVersion ?? '', place].join(' | ');
}

const VERDICT: Readonly<Record<'pass' | 'fail' | 'inconclusive', MatrixVerdict>> = {
  pass: 'compatible',
  fail: 'incompatible',
  inconclusive: 'inconclusive',
};

/** A run's verdict in the words an SDK team uses (the matrix's and the gate's summary line). */
export function matrixVerdict(verdict: keyof typeof VERDICT): MatrixVerdict {
  return VERDICT[verdict];
}

function rowOf(entry: MatrixEntry): MatrixRow {
  const { summary } = entry.outcome.result;
  return {
    spec: entry.spec,
    name: entry.sdk.name,
    version: entry.sdk.version,
    verdict: matrixVerdict(summary.verdict),
    errors: summary.errors,
    warnings: summary.warnings,
    reportDir: entry.reportDir,
    cells: entry.outcome.cells,
    ...(entry.comparison ? { comparison: entry.comparison } : {}),
  };
}

/**
 * A finding's presence row by row, walked into when it appeared and disappeared (see {@link MatrixChange}). Rows
 * where its check judged nothing in its cell (the release has no method for the endpoint) say nothing either way:
 * they are skipped in the walk and listed in `notJudgedIn`, so a bug is never said to appear with the method.
 */
function changeOf(
  finding: Finding,
  present: readonly boolean[],
  judged: readonly boolean[],
  releases: readonly string[],
): MatrixChange {
  const rows = releases.map((_, index) => index).filter((index) => judged[index] === true);
  const firstAppearance = rows.find((row, k) => present[row] === true && k > 0 && present[rows[k - 1] ?? -1] === false);
  const lastPresent = present.lastIndexOf(true);
  const goneFrom = rows.find((row) => row > lastPresent);
  return {
    package: releases[0]?.slice(0, releases[0].lastIndexOf('@')) ?? '',
    check: finding.check,
    severity: finding.severity,
    endpoint: finding.endpoint ?? '',
    apiVersion: finding.apiVersion ?? '',
    instancePath: pointerPattern(finding.instancePath),
    message: finding.message,
    appeared: present[rows[0] ?? -1] === true ? null : (releases[firstAppearance ?? -1] ?? null),
    disappeared: goneFrom === undefined ? null : (releases[goneFrom] ?? null),
    presentIn: releases.filter((_, index) => present[index]),
    notJudgedIn: releases.filter((_, index) => judged[index] !== true),
  };
}

/** Whether a row's gate judged a finding's check in its cell: a check with no evaluation there could not find it. */
function judgedIn(entry: MatrixEntry, finding: Finding): boolean {
  const cell = entry.outcome.cells.find((c) => c.endpoint === finding.endpoint && c.apiVersion === finding.apiVersion);
  const check = cell?.checks.find((c) => c.check === finding.check);
  // A check the cell does not list (a run check over HTTP without findings there) is taken as judged.
  return check === undefined || check.evaluated > 0;
}

/** The gate's own checks: what a matrix follows across releases. */
const GATE_CHECK_IDS: ReadonlySet<string> = new Set(checkIdsOf('gate'));

/**
 * The changes within each package's releases: when a finding appeared or went is a question about one release line
 * (a fork or a fake SDK beside `@hubspot/api-client` is compared with nothing before or after it).
 */
function changesOf(ordered: readonly MatrixEntry[]): MatrixChange[] {
  const packages = [...new Set(ordered.map((entry) => entry.sdk.name))];
  return packages.flatMap((name) => changesWithin(ordered.filter((entry) => entry.sdk.name === name)));
}

function changesWithin(ordered: readonly MatrixEntry[]): MatrixChange[] {
  const releases = ordered.map((entry) => releaseId(entry.sdk));
  const seen = new Map<string, { readonly finding: Finding; readonly present: boolean[] }>();
  for (const [row, entry] of ordered.entries())
    // The SDK's findings only: over HTTP a release's report also holds the provider's, which are no release change.
    for (const finding of entry.outcome.result.findings.filter((f) => GATE_CHECK_IDS.has(f.check))) {
      const key = gateFindingKey(finding);
      const known = seen.get(key) ?? { finding, present: ordered.map(() => false) };
      known.present[row] = true;
      seen.set(key, known);
    }
  const changes = [...seen.values()].map(({ finding, present }) =>
    changeOf(
      finding,
      present,
      ordered.map((entry, row) => present[row] === true || judgedIn(entry, finding)),
      releases,
    ),
  );
  // What changed between releases leads; what every release that could show it has follows.
  const inEvery = (change: MatrixChange): boolean =>
    change.presentIn.length + change.notJudgedIn.length === releases.length;
  return [...changes.filter((change) => !inEvery(change)), ...changes.filter(inEvery)];
}

/**
 * The matrix of the SDKs gated in one run. Throws on entries that cannot be compared (none; different seeds or case
 * counts) or a release given twice: the command refuses those as usage errors before gating.
 */
export function buildMatrix(entries: readonly MatrixEntry[], run: MatrixRun = { mode: 'in-process' }): Matrix {
  const [first] = entries;
  if (!first) throw new Error('a matrix needs at least one SDK');
  const { tool, run: firstRun } = first.outcome.result;
  for (const entry of entries) {
    const { seed, runs } = entry.outcome.result.run;
    if (seed !== firstRun.seed || runs !== firstRun.runs)
      throw new Error(`${releaseId(entry.sdk)} was gated with seed ${seed} and ${runs} runs, not as the others`);
  }
  const releases = entries.map((entry) => releaseId(entry.sdk));
  const twice = releases.find((release, index) => releases.indexOf(release) !== index);
  if (twice !== undefined) throw new Error(`${twice} is given twice: a release is one row of a matrix`);
  const ordered = orderByRelease(entries);
  return {
    tool: { name: 'hsac', version: tool.version },
    seed: firstRun.seed,
    runs: firstRun.runs,
    mode: run.mode,
    ...(run.target === undefined ? {} : { target: run.target }),
    ...(run.notGated && run.notGated.length > 0 ? { notGated: run.notGated } : {}),
    sdks: ordered.map(rowOf),
    changes: changesOf(ordered),
  };
}

/** A matrix column: an endpoint in an API version. */
export interface MatrixColumn {
  readonly endpoint: EndpointId;
  readonly apiVersion: ApiVersion;
}

/**
 * The columns of a matrix: every endpoint x version any row has a cell for, grouped by API version (which release
 * broke which version is the question the matrix answers), each in the catalogue's order.
 */
export function matrixColumns(matrix: Matrix): MatrixColumn[] {
  const columns = new Map<string, MatrixColumn>();
  for (const row of matrix.sdks)
    for (const { endpoint, apiVersion } of row.cells)
      columns.set(`${apiVersion} ${endpoint}`, { endpoint, apiVersion });
  return [...columns.values()].sort(
    (a, b) =>
      API_VERSIONS.indexOf(a.apiVersion) - API_VERSIONS.indexOf(b.apiVersion) ||
      ENDPOINT_IDS.indexOf(a.endpoint) - ENDPOINT_IDS.indexOf(b.endpoint),
  );
}

/** A row's cell in a column; undefined when that SDK was not gated there. */
export function cellAt(row: MatrixRow, column: MatrixColumn): GateCell | undefined {
  return row.cells.find((cell) => cell.endpoint === column.endpoint && cell.apiVersion === column.apiVersion);
}
