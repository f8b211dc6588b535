import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { checkProperty } from './run.js';
import { readPropertySettings, type PropertySettings } from './settings.js';

/**
 * The assertions every hsac arbitrary passes, written once (as fast-check's own
 * `ArbitraryAssertions` are): its values conform to the schema they stand for; the same seed gives
 * the same values; values survive a JSON round trip unchanged; and every value shrinking visits
 * conforms too, so a counterexample is always a valid body, never a half-shrunk one.
 */

/** An arbitrary with the test of what it must produce. */
export interface ArbitrarySubject<T = unknown> {
  /** e.g. `batchReadResponse 2026-03 207 complete`. */
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  /** What is wrong with one value (empty when it conforms). */
  readonly problems: (value: T) => readonly string[];
}

/** Settings and origin for the assertions (default: the run's settings, `suites/properties`). */
export interface AssertionOptions {
  readonly settings?: PropertySettings;
  /** The test file, for the replay command. */
  readonly file?: string;
  /** The test name, for the replay command (default the subject's name). */
  readonly testName?: string;
}

function settingsOf(options: AssertionOptions): PropertySettings {
  return options.settings ?? readPropertySettings();
}

/** Every generated value conforms; a failure shrinks to the smallest value that does not. */
export function assertConforms<T>(subject: ArbitrarySubject<T>, options: AssertionOptions = {}): void {
  checkProperty(
    fc.property(subject.arbitrary, (value) => {
      const problems = subject.problems(value);
      if (problems.length > 0)
        throw new Error(
          `${subject.name} produced a value that does not conform:\n  ${problems.slice(0, 8).join('\n  ')}`,
        );
    }),
    {
      name: options.testName ?? subject.name,
      settings: settingsOf(options),
      ...(options.file ? { file: options.file } : {}),
    },
  );
}

/** Two samples with one seed are deep-equal, value by value (no hidden `Math.random`, no shared state). */
export function assertSameSeedSameValues<T>(subject: ArbitrarySubject<T>, options: AssertionOptions = {}): void {
  const { seed, runs } = settingsOf(options);
  const first = fc.sample(subject.arbitrary, { seed, numRuns: runs });
  const second = fc.sample(subject.arbitrary, { seed, numRuns: runs });
  const index = first.findIndex((value, i) => !isDeepStrictEqual(value, second[i]));
  if (index >= 0 || first.length !== second.length) {
    throw new Error(
      `${subject.name}: seed ${seed} gave different values on two samples (first difference at value ${index}):\n  ${fc.stringify(first[index])}\n  ${fc.stringify(second[index])}`,
    );
  }
}

/** `JSON.parse(JSON.stringify(v))` is deep-equal to `v`, prototypes included (bodies are what JSON.parse makes). */
export function assertJsonRoundTrip<T>(subject: ArbitrarySubject<T>, options: AssertionOptions = {}): void {
  checkProperty(
    fc.property(subject.arbitrary, (value) => {
      // lib.es5 types JSON.stringify as string, but undefined, a function or a symbol give undefined.
      const text = JSON.stringify(value) as string | undefined;
      const back: unknown = text === undefined ? undefined : JSON.parse(text);
      if (!isDeepStrictEqual(back, value))
        throw new Error(
          `${subject.name}: the value changes through JSON (undefined fields, null prototypes, non-JSON values?): ${fc.stringify(value).slice(0, 400)}`,
        );
    }),
    {
      name: options.testName ?? `${subject.name} JSON round trip`,
      settings: settingsOf(options),
      ...(options.file ? { file: options.file } : {}),
    },
  );
}

/** A stable 32-bit hash, to fail about half of the values without randomness. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** How far down the shrink tree each generated value is walked, and how many candidates per level. */
const SHRINK_DEPTH = 8;
const SHRINK_WIDTH = 3;

/**
 * Generates values together with their shrink context (fast-check keeps it in the `Value`), so
 * the shrink tree can be walked directly instead of through a failing property.
 */
class WithShrinkContext<T> extends fc.Arbitrary<fc.Value<T>> {
  constructor(private readonly inner: fc.Arbitrary<T>) {
    super();
  }
  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<fc.Value<T>> {
    return new fc.Value(this.inner.generate(mrng, biasFactor), undefined);
  }
  canShrinkWithoutContext(_value: unknown): _value is fc.Value<T> {
    return false;
  }
  shrink(): fc.Stream<fc.Value<fc.Value<T>>> {
    return fc.Stream.nil();
  }
}

/**
 * Every value shrinking can reach conforms, so a counterexample is always a valid body. For each
 * of `runs` generated values, the shrink tree is walked {@link SHRINK_DEPTH} levels down, checking
 * the first {@link SHRINK_WIDTH} candidates of each level and descending into one of them (chosen
 * by hash, so the walk is deterministic but not always the leftmost). Returns how many were checked.
 */
export function assertShrinksConform<T>(subject: ArbitrarySubject<T>, options: AssertionOptions = {}): number {
  const { seed, runs } = settingsOf(options);
  let checked = 0;
  const check = (value: T, depth: number): void => {
    checked++;
    const problems = subject.problems(value);
    if (problems.length > 0) {
      throw new Error(
        `${subject.name}: a value ${depth} shrink step(s) from a generated one (seed ${seed}) does not conform: ${problems.slice(0, 5).join('; ')}\n  ${fc.stringify(value).slice(0, 600)}`,
      );
    }
  };
  for (const root of fc.sample(new WithShrinkContext(subject.arbitrary), { seed, numRuns: runs })) {
    check(root.value, 0);
    let level: fc.Value<T> = root;
    for (let depth = 1; depth <= SHRINK_DEPTH; depth++) {
      const candidates = [...subject.arbitrary.shrink(level.value, level.context).take(SHRINK_WIDTH)];
      if (candidates.length === 0) break;
      for (const candidate of candidates) check(candidate.value, depth);
      // A shrunk value may be undefined, which JSON.stringify gives back as undefined whatever lib.es5 says.
      const levelText = (JSON.stringify(level.value) as string | undefined) ?? '';
      level = candidates[hash(levelText) % candidates.length] ?? level;
    }
  }
  return checked;
}

/** All four assertions, in the order their failures are easiest to read. */
export function assertArbitrary<T>(subject: ArbitrarySubject<T>, options: AssertionOptions = {}): void {
  assertConforms(subject, options);
  assertSameSeedSameValues(subject, options);
  assertJsonRoundTrip(subject, options);
  assertShrinksConform(subject, options);
}
