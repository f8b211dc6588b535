/**
 * RFC 3339 stamps as instants, for the two readers of every checked body's stamps: the `date-time`
 * format (date-time-format.ts), which must read a stamp's fields to judge it, and the
 * timestamps-ordered rule, which orders the same stamps a moment later. The format remembers the
 * instant it computed on the way; the rule recalls it instead of parsing the text a second time
 * (the two parses were a third of checking a small clean body). A cache of a pure function of
 * the text, filled only by {@link utcMillis}, the rule's own arithmetic: a hit returns what the
 * rule would have computed, a miss costs the parse, so no answer depends on what was cached.
 */

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`): what
 * `Date.UTC` computes for in-range dates, in integer arithmetic without a builtin call.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * Milliseconds since the epoch of a wall-clock second at an offset (minutes east of UTC). Equal to
 * `Date.parse` of the same stamp when every field is in range (year 100 or later, a real calendar
 * day, hour <= 23, minute and second <= 59); callers check that first.
 */
export function utcMillis(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  offsetMinutes: number,
): number {
  return (
    (daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second) * 1000 - offsetMinutes * 60_000
  );
}

/** Enough for the three envelope stamps of one body and a spare: the rule runs right after the schema check. */
const SLOTS = 4;
const rememberedTexts: (string | undefined)[] = Array.from({ length: SLOTS }, () => undefined);
const rememberedMillis: number[] = Array.from({ length: SLOTS }, () => 0);
let newest = 0;

/**
 * Records the whole-second instant of a stamp with an upper-case `T` whose fields are in range, as
 * {@link utcMillis} computed it (the only value the rule would compute for that text).
 */
export function rememberWholeSecondMillis(text: string, millis: number): void {
  newest = (newest + 1) % SLOTS;
  rememberedTexts[newest] = text;
  rememberedMillis[newest] = millis;
}

/** The instant {@link rememberWholeSecondMillis} recorded for this text, newest first; `undefined` when none. */
export function recallWholeSecondMillis(text: string): number | undefined {
  // Stryker disable next-line EqualityOperator: age SLOTS is the newest slot again
  for (let age = 0; age < SLOTS; age++) {
    const slot = (newest - age + SLOTS) % SLOTS;
    if (rememberedTexts[slot] === text) return rememberedMillis[slot];
  }
  return undefined;
}
