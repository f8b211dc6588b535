import fc from 'fast-check';
import { shown } from '../src/json.js';
import { escapeRegExp, shellQuote } from '../src/text.js';
import { readPropertySettings, type PropertySettings } from './settings.js';

/**
 * Runs a fast-check property with the run's seed and run count, and turns a failure into an error
 * whose message carries everything needed to replay it: the seed, fast-check's path, the
 * counterexample, and a command (STYLE.md: "every failure prints its seed and path").
 */

/** Where a property lives, for the replay command. */
export interface PropertyOrigin {
  /** The test name (`-t` matches it). */
  readonly name: string;
  /** The test file, relative to the package root (default `suites/properties`). */
  readonly file?: string;
}

/** Options of {@link checkProperty}. */
export interface CheckOptions<Ts> extends PropertyOrigin {
  /** Default: {@link readPropertySettings} of the environment. */
  readonly settings?: PropertySettings;
  /** Values tried before the random runs (fast-check `examples`). */
  readonly examples?: Ts[];
  /**
   * Override the run count (fast-check counts `examples` in it, so a property with examples runs
   * `HSAC_RUNS + examples`). The replay command still says the run's `HSAC_RUNS`.
   */
  readonly runs?: number;
}

/** A property failed: the message says how to replay it; the fields say it as data. */
export class PropertyFailure extends Error {
  override readonly name = 'PropertyFailure';
  constructor(
    message: string,
    readonly seed: number,
    readonly path: string | undefined,
    readonly replay: string,
    readonly counterexample: unknown,
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

/** The command that replays a property with a seed (and, optionally, a fast-check path). */
export function replayCommand(
  origin: PropertyOrigin,
  settings: Pick<PropertySettings, 'seed' | 'runs'>,
  path?: string,
): string {
  const seed = path === undefined ? String(settings.seed) : `${settings.seed}:${path}`;
  return `HSAC_SEED=${seed} HSAC_RUNS=${settings.runs} npx vitest run ${origin.file ?? 'suites/properties'} -t ${shellQuote(escapeRegExp(origin.name))}`;
}

/**
 * Why a failed run failed, in words: a thrown Error's message, a thrown string as it is, any other thrown value
 * as fast-check prints it (never `[object Object]`). fast-check reports a property that returned false as an
 * Error; it gives no error at all only when too many runs were skipped.
 */
export function failureReason(errorInstance: unknown): string {
  if (errorInstance instanceof Error) return errorInstance.message;
  if (errorInstance === null || errorInstance === undefined) return 'the property returned false';
  return typeof errorInstance === 'string' ? errorInstance : show(errorInstance);
}

function show(value: unknown): string {
  try {
    const text = fc.stringify(value);
    return text.length > 4000 ? `${text.slice(0, 4000)}… (${text.length} characters)` : text;
  } catch {
    // fast-check could not print it; String() could throw too (a `{"toString":1}` counterexample).
    return shown(value, 4000);
  }
}

/**
 * Checks a property; throws {@link PropertyFailure} on a counterexample (or too many skipped runs)
 * and returns the run details otherwise.
 */
export function checkProperty<Ts>(property: fc.IRawProperty<Ts>, options: CheckOptions<Ts>): fc.RunDetails<Ts> {
  const settings = options.settings ?? readPropertySettings();
  const runs = options.runs ?? settings.runs;
  const parameters: fc.Parameters<Ts> = {
    seed: settings.seed,
    numRuns: runs,
    ...(settings.path === undefined ? {} : { path: settings.path }),
    ...(options.examples ? { examples: options.examples } : {}),
  };
  const details = fc.check(property, parameters) as fc.RunDetails<Ts>;
  if (!details.failed) return details;
  const path = details.counterexamplePath ?? undefined;
  const replay = replayCommand(options, settings, path);
  const reason = failureReason(details.errorInstance);
  const lines = [
    `Property "${options.name}" failed after ${details.numRuns} run(s) and ${details.numShrinks} shrink(s).`,
    `seed: ${settings.seed}   path: ${path ?? '(none)'}   runs: ${runs}`,
    `Reproduce with: ${replayCommand(options, settings)}`,
    `Jump to the failing case: ${replay}`,
    `Counterexample: ${details.counterexample === null ? '(none: too many skipped runs)' : show(details.counterexample)}`,
    `Because: ${reason}`,
  ];
  throw new PropertyFailure(
    lines.join('\n'),
    settings.seed,
    path,
    replay,
    details.counterexample,
    details.errorInstance,
  );
}
