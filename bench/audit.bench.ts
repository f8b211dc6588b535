import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiDiff from 'openapi-diff';
import { auditDiff } from '../src/audit/audit.js';
import { DEFAULT_AUDIT_CONFIG } from '../src/audit/config.js';
import type { Change } from '../src/audit/diff.js';
import { isObject, type JsonObject } from '../src/audit/json.js';
import { normalisePath } from '../src/audit/normalise-path.js';
import { sharedReferenceDir } from '../src/paths.js';
import type { Bench, Figure } from './bench.js';

/** A pair of sides, each a list of files under the spec collection. */
interface Pair {
  readonly id: string;
  readonly old: readonly string[];
  readonly new: readonly string[];
}

const BOTH = (version: string): string[] => [`${version}/associations.json`, `${version}/associationsSchema.json`];
/** Timed, and checked for coverage. */
const TIMED: Pair = { id: 'v4-vs-2026-03', old: BOTH('v4'), new: BOTH('2026-03') };
/** The other HubSpot pairs: checked for coverage only (one openapi-diff run each). */
const COVERAGE_ONLY: readonly Pair[] = [
  {
    id: '2026-03-first-vs-now',
    old: ['history/associations.2026-03@a0dacc3089.json'],
    new: ['2026-03/associations.json'],
  },
  { id: '2026-03-vs-2026-09', old: BOTH('2026-03'), new: BOTH('2026-09') },
];
const HSAC_RUNS = 30;
const OPENAPI_DIFF_RUNS = 5;

function specDir(): string | undefined {
  const shared = sharedReferenceDir();
  return shared === undefined ? undefined : join(shared, 'reference', 'hubspot', 'HubSpot-public-api-spec-collection');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Replaces `#/components/<kind>/<old>` refs by the renamed component, everywhere in a document. */
function rewriteRefs(node: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, renames));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node))
    out[key] =
      key === '$ref' && typeof value === 'string' ? (renames.get(value) ?? value) : rewriteRefs(value, renames);
  return out;
}

/** One OpenAPI document from a version's two files (see the module comment). */
export function combineForOpenapiDiff(paths: readonly string[]): JsonObject {
  const combined: JsonObject = { paths: {}, components: {} };
  const components = combined.components as Record<string, JsonObject>;
  for (const [index, path] of paths.entries()) {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as JsonObject;
    const renames = new Map<string, string>();
    for (const [kind, entries] of Object.entries((raw.components ?? {}) as Record<string, JsonObject>)) {
      for (const [name, value] of Object.entries(entries)) {
        const existing = components[kind]?.[name];
        if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(value))
          renames.set(`#/components/${kind}/${name}`, `#/components/${kind}/${name}__file${index}`);
      }
    }
    const doc = rewriteRefs(raw, renames) as JsonObject;
    if (index === 0) {
      combined.openapi = doc.openapi;
      combined.info = doc.info;
    }
    for (const [template, item] of Object.entries((doc.paths ?? {}) as JsonObject)) {
      const segments = template.split('/');
      const version = normalisePath(template).version;
      const unversioned = segments.filter((segment) => segment !== version).join('/');
      (combined.paths as JsonObject)[unversioned] = item;
    }
    for (const [kind, entries] of Object.entries((doc.components ?? {}) as Record<string, JsonObject>)) {
      const target = (components[kind] ??= {});
      for (const [name, value] of Object.entries(entries)) {
        const renamed = renames.get(`#/components/${kind}/${name}`);
        target[renamed === undefined ? name : renamed.split('/').pop()!] = value;
      }
    }
  }
  return combined;
}

interface OpenapiDiffBreak {
  readonly code: string;
  readonly location: string;
}

/** `paths./crm/associations/{a}/{b}/batch/read.post.responses.207` -> the parts hsac reports by. */
function parseLocation(location: string): { key?: string; status?: string; request: boolean } {
  const match =
    /^paths\.(\/[^.]*)(?:\.(get|put|post|delete|patch|head|options|trace))?(?:\.(requestBody|parameters)|\.responses\.([^.]+))?/.exec(
      location,
    );
  if (!match) return { request: false };
  const [, path = '', method, requestPart, status] = match;
  return {
    ...(method
      ? { key: `${method.toUpperCase()} ${normalisePath(path).key}` }
      : { key: `* ${normalisePath(path).key}` }),
    ...(status ? { status } : {}),
    request: requestPart !== undefined,
  };
}

function changeKey(change: Change): string {
  const space = change.operation.indexOf(' ');
  const path = change.operation.slice(space + 1).replace(/\/\{version\}(?=\/|$)/, '');
  return `${change.operation.slice(0, space)} ${normalisePath(path).key}`;
}

/** True when hsac reports a breaking change where openapi-diff reports one. */
function covered(item: OpenapiDiffBreak, changes: readonly Change[]): boolean {
  const where = parseLocation(item.location);
  const breaking = changes.filter((change) => change.severity === 'breaking');
  const sameOperation = (change: Change): boolean =>
    where.key !== undefined &&
    (where.key.startsWith('* ') ? changeKey(change).endsWith(where.key.slice(1)) : changeKey(change) === where.key);
  return breaking.some((change) => {
    if (!sameOperation(change)) return false;
    if (item.code === 'path.remove' || item.code === 'method.remove') return change.rule === 'operation-removed';
    if (where.request) return change.direction === 'request';
    if (where.status !== undefined) return change.status?.split('→').includes(where.status) ?? false;
    return true;
  });
}

/** hsac's argument for one side: the files joined with commas. */
function side(dir: string, files: readonly string[]): string {
  return files.map((file) => join(dir, file)).join(',');
}

/** openapi-diff's input for a pair: one combined document per side. */
function combinedContents(dir: string, pair: Pair): [string, string] {
  return [
    JSON.stringify(combineForOpenapiDiff(pair.old.map((file) => join(dir, file)))),
    JSON.stringify(combineForOpenapiDiff(pair.new.map((file) => join(dir, file)))),
  ];
}

function runOpenapiDiff(pair: Pair, contents: [string, string]): ReturnType<typeof openapiDiff.diffSpecs> {
  return openapiDiff.diffSpecs({
    sourceSpec: { content: contents[0], location: pair.old.join(' + '), format: 'openapi3' },
    destinationSpec: { content: contents[1], location: pair.new.join(' + '), format: 'openapi3' },
  });
}

/** Both tools once on a pair: hsac's changes and openapi-diff's breaking differences. */
async function compareOnce(
  dir: string,
  pair: Pair,
): Promise<{ hsac: readonly Change[]; openapiDiff: OpenapiDiffBreak[] }> {
  const result = await auditDiff(side(dir, pair.old), side(dir, pair.new), DEFAULT_AUDIT_CONFIG);
  const outcome = await runOpenapiDiff(pair, combinedContents(dir, pair));
  const breaks = outcome.breakingDifferencesFound ? outcome.breakingDifferences : [];
  return {
    hsac: result.changes,
    openapiDiff: breaks.map((item) => ({
      code: item.code,
      location: item.sourceSpecEntityDetails[0]?.location ?? item.destinationSpecEntityDetails[0]?.location ?? '',
    })),
  };
}

/** The coverage figure of one pair: openapi-diff's breaking changes hsac does not report. */
function coverageFigure(pair: Pair, outcome: { hsac: readonly Change[]; openapiDiff: OpenapiDiffBreak[] }): Figure {
  const missed = outcome.openapiDiff.filter((item) => !covered(item, outcome.hsac));
  return {
    id: `audit.${pair.id}.breaking-missed`,
    description:
      `breaking changes openapi-diff reports on ${pair.old.join(' + ')} -> ${pair.new.join(' + ')} ` +
      'that hsac does not',
    value: missed.length,
    unit: 'changes',
    goal: '0',
    met: missed.length === 0,
    detail: {
      openapiDiffBreaking: outcome.openapiDiff.length,
      hsacBreaking: outcome.hsac.filter((change) => change.severity === 'breaking').length,
      missed: missed.map((item) => `${item.code} ${item.location}`).join('; ') || 'none',
    },
  };
}

/**
 * `hsac audit diff` against Atlassian's openapi-diff on the same pair: HubSpot's v4 and 2026-03
 * association specs, each version being two files (`associations.json` for the association
 * endpoints, `associationsSchema.json` for labels and limits).
 *
 * How the two files become one side:
 * - hsac reads both files as given (`a.json,b.json`): each is parsed and resolved on its own and
 *   the operations are united; that work is inside hsac's timing.
 * - openapi-diff takes one document per side, and matches paths literally, so `/crm/v4/associations`
 *   and `/crm/associations/2026-03` would be "every path removed, every path added". Before timing,
 *   each side's two files are merged into one document: paths with their version segment removed
 *   (the same operation key hsac uses), components united, and a component both files define with
 *   different content (`AssociationSpecWithLabel`) renamed in the second file, its `$ref`s rewritten.
 * Both tools then see the same operations and the same schemas. The figure is the ratio of median
 * times (goal: hsac at least 5x faster), and the coverage check lists every breaking change
 * openapi-diff reports that hsac does not (goal: none). The two other HubSpot pairs (2026-03
 * as first published vs now, 2026-03 vs 2026-09) get the coverage check too, untimed.
 */
const bench: Bench = {
  id: 'audit',
  description:
    "hsac audit diff vs openapi-diff 0.24.1: HubSpot's v4 vs 2026-03 association specs " +
    '(associations.json + associationsSchema.json per side)',
  async run(): Promise<readonly Figure[]> {
    const dir = specDir();
    if (dir === undefined) {
      return [
        { id: 'audit.skipped', description: '../shared not found: no HubSpot specs to diff', value: 0, unit: 'n/a' },
      ];
    }
    // Warm-up, and the outcomes compared below.
    const outcome = await compareOnce(dir, TIMED);
    const hsacTimes: number[] = [];
    for (let i = 0; i < HSAC_RUNS; i++) {
      const started = performance.now();
      await auditDiff(side(dir, TIMED.old), side(dir, TIMED.new), DEFAULT_AUDIT_CONFIG);
      hsacTimes.push(performance.now() - started);
    }
    const contents = combinedContents(dir, TIMED);
    const openapiDiffTimes: number[] = [];
    for (let i = 0; i < OPENAPI_DIFF_RUNS; i++) {
      const started = performance.now();
      await runOpenapiDiff(TIMED, contents);
      openapiDiffTimes.push(performance.now() - started);
    }
    const hsacMillis = median(hsacTimes);
    const openapiDiffMillis = median(openapiDiffTimes);
    const ratio = openapiDiffMillis / hsacMillis;
    const figures: Figure[] = [
      {
        id: `audit.${TIMED.id}.speedup`,
        description:
          'median time of openapi-diff / median time of hsac audit diff on the same pair ' +
          '(hsac timing includes reading and parsing the four files)',
        value: ratio,
        unit: 'ratio',
        goal: '>= 5',
        met: ratio >= 5,
        detail: {
          hsacMillis: Number(hsacMillis.toFixed(2)),
          openapiDiffMillis: Number(openapiDiffMillis.toFixed(2)),
          hsacRuns: HSAC_RUNS,
          openapiDiffRuns: OPENAPI_DIFF_RUNS,
        },
      },
      coverageFigure(TIMED, outcome),
    ];
    for (const pair of COVERAGE_ONLY) figures.push(coverageFigure(pair, await compareOnce(dir, pair)));
    return figures;
  },
};

export default bench;
