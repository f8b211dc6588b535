/**
 * Text escapers of the shared kernel, written once: for regular expressions built out of data (the
 * redactor's token spellings, Pact matchers, vitest `-t` patterns) and for the POSIX shell (every
 * replay command). Escapers for report formats (HTML, XML, Markdown) live with the report writers
 * (`src/report/escape.ts`).
 */

// ECMAScript's SyntaxCharacter set: escaping exactly these keeps the pattern valid with and without
// the `u` flag (where a needless escape such as `\-` is a SyntaxError) and in the Rust and JVM regex
// dialects a Pact verifier runs a matcher in.
const SYNTAX_CHARACTERS = /[\\^$.*+?()[\]{}|]/g;

/** A pattern that matches `value` literally, for use outside a character class. */
export function escapeRegExp(value: string): string {
  return value.replace(SYNTAX_CHARACTERS, '\\$&');
}

/** Single-quotes a value for a POSIX shell: `it's` -> `'it'\''s'`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

// Characters no POSIX shell treats specially, so a word made only of them needs no quotes.
const SHELL_SAFE_WORD = /^[\w@%+=:,./-]+$/;

/** A word safe to paste into a POSIX shell, quoted only when it needs to be (replay commands stay readable). */
export function shellWord(word: string): string {
  return SHELL_SAFE_WORD.test(word) ? word : shellQuote(word);
}
