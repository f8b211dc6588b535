/**
 * The one place that reads the property-test settings from the environment (STYLE.md: "read the
 * seed in one place"):
 * - `HSAC_SEED`: the seed, an integer; `<seed>:<path>` also replays one fast-check path. Unset:
 *   the pinned {@link CI_SEED} when `CI` is set, else a random seed (printed once per run by the
 *   vitest global setup, which then pins it for every worker).
 * - `HSAC_RUNS`: runs per property (default {@link DEFAULT_RUNS}, which keeps `npm test` fast;
 *   raise it for a heavy run, e.g. `HSAC_RUNS=500`).
 */

/** The seed CI pins (fast-check's own NoRegression suite pins one too). */
export const CI_SEED = 20261122;
/** Runs per property when `HSAC_RUNS` is unset. */
export const DEFAULT_RUNS = 20;

/** Where the seed came from. */
export type SeedSource = 'HSAC_SEED' | 'CI' | 'random';

/** The settings every property run uses. */
export interface PropertySettings {
  readonly seed: number;
  readonly runs: number;
  /** A fast-check path to replay (from `HSAC_SEED=<seed>:<path>`). */
  readonly path?: string;
  readonly seedSource: SeedSource;
}

/** A setting that cannot be used: names the variable and the bad value. */
export class PropertySettingsError extends Error {
  override readonly name = 'PropertySettingsError';
}

const SEED = /^(-?\d{1,10})(?::(\d+(?::\d+)*))?$/;

/** Reads the settings from an environment (default `process.env`); pure apart from the random fallback. */
export function readPropertySettings(
  env: Readonly<Record<string, string | undefined>> = process.env,
  random: () => number = Math.random,
): PropertySettings {
  const runsText = env.HSAC_RUNS?.trim();
  let runs = DEFAULT_RUNS;
  if (runsText !== undefined && runsText !== '') {
    runs = Number(runsText);
    if (!/^\d+$/.test(runsText) || !Number.isSafeInteger(runs) || runs < 1)
      throw new PropertySettingsError(`HSAC_RUNS must be a positive integer, got "${runsText}"`);
  }
  const seedText = env.HSAC_SEED?.trim();
  if (seedText !== undefined && seedText !== '') {
    const match = SEED.exec(seedText);
    const seed = match ? Number(match[1]) : Number.NaN;
    if (!match || !Number.isSafeInteger(seed) || seed < -(2 ** 31) || seed >= 2 ** 32) {
      throw new PropertySettingsError(
        `HSAC_SEED must be an integer (optionally "<seed>:<fast-check path>"), got "${seedText}"`,
      );
    }
    return match[2] === undefined
      ? { seed, runs, seedSource: 'HSAC_SEED' }
      : { seed, runs, path: match[2], seedSource: 'HSAC_SEED' };
  }
  if (env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0')
    return { seed: CI_SEED, runs, seedSource: 'CI' };
  return { seed: Math.floor(random() * 2 ** 31), runs, seedSource: 'random' };
}

/**
 * Runs for a property sized at `atDefault` runs for the default `HSAC_RUNS`: scaled by
 * `HSAC_RUNS / DEFAULT_RUNS` (at least 1), so a heavy run (`HSAC_RUNS=500`) runs it 25 times as
 * long and `HSAC_RUNS=1` nearly not at all, like every property that runs `HSAC_RUNS` times.
 */
export function scaledRuns(
  atDefault: number,
  settings: Pick<PropertySettings, 'runs'> = readPropertySettings(),
): number {
  return Math.max(1, Math.round((atDefault * settings.runs) / DEFAULT_RUNS));
}

/**
 * How many times its idle-machine time a test gets before it is called hung: `npm test` must pass
 * on a 2-core machine running two other CPU-bound processes, where each of vitest's two workers
 * gets about a third of the CPU it gets on an idle machine; 10 leaves room for more than that.
 */
export const TIMEOUT_SLACK = 10;

/**
 * The per-test timeout of a test that does `runs` runs of about `msPerRun` each (on an idle
 * machine): a hang guard, never a speed check. It grows with the runs (`HSAC_RUNS=500` gets 25
 * times the room of the default 20) and allows {@link TIMEOUT_SLACK} times the idle time, plus
 * `baseMs` for what does not scale with the runs (imports, compiling schemas, examples).
 */
export function timeoutForRuns(runs: number, msPerRun: number, baseMs = 10_000): number {
  return Math.ceil(baseMs + runs * msPerRun * TIMEOUT_SLACK);
}

/** One line saying how to reproduce this run. */
export function describeSettings(settings: PropertySettings): string {
  const from =
    settings.seedSource === 'HSAC_SEED' ? 'from HSAC_SEED' : settings.seedSource === 'CI' ? 'pinned for CI' : 'random';
  return `hsac properties: seed ${settings.seed} (${from}), ${settings.runs} runs per property; replay with HSAC_SEED=${settings.seed} HSAC_RUNS=${settings.runs}`;
}
