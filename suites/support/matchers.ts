import { expect, type ExpectStatic } from 'vitest';

/** The asymmetric matchers the suites put inside an expected value. */
type MatcherName = 'any' | 'stringContaining' | 'stringMatching';

/**
 * vitest's asymmetric matchers, typed as the opaque values they are (`unknown`) instead of vitest's `any`. vitest
 * returns `any` so that a matcher fits any slot of an expected value; but an `any` in an object literal is exactly
 * what `@typescript-eslint/no-unsafe-assignment` is there to catch (an unchecked `JSON.parse`), so the suites take
 * the matchers from here and the rule stays on for everything else. `toMatchObject` and `toEqual` accept them as is.
 *
 * @example
 * expect(summary).toMatchObject({ verdict: 'inconclusive', reason: matchers.stringContaining('interrupted') });
 */
export const matchers: { readonly [Name in MatcherName]: (...args: Parameters<ExpectStatic[Name]>) => unknown } =
  expect;
