/**
 * The report writers' escapers, one per target language (HTML, XML, Markdown), in one module.
 * Everything in a report that came from the target (bodies, headers, messages, even endpoint names
 * in a hand-edited report.json) passes through one of these, so a body holding `</script><script>`
 * is text on the page, a `]]>` or `<` cannot end a JUnit element, and a `|` or a newline cannot
 * break a Markdown table. The regular-expression escaper is the kernel's (`src/text.ts`).
 */

// XML 1.0's `Char` production (HTML's parser is stricter still): C0 controls but tab, newline and
// CR, and lone surrogates, would be parse errors or silently changed. They show as U+FFFD instead.
const UNCARRIABLE = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function carriable(value: string): string {
  return value.replace(UNCARRIABLE, '\uFFFD');
}

/** Markup escaping both HTML and XML need: text and double-quoted attribute values. */
function markupText(value: string): string {
  return carriable(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** HTML text and attribute values (either quote). */
export function htmlText(value: string): string {
  return markupText(value).replace(/'/g, '&#39;');
}

/** XML 1.0 text and double-quoted attribute values (`junit.xml`); `>` is escaped, so `]]>` cannot occur. */
export function xmlText(value: string): string {
  return markupText(value);
}

/** Characters of a message kept in a Markdown table cell (step summaries are read at a glance). */
export const MAX_MARKDOWN_CELL = 240;

/**
 * Text safe inside a GitHub-flavoured Markdown table cell: no line breaks, pipes escaped, and
 * markup characters as entities so a target's message cannot inject HTML or links into the page.
 */
export function mdCell(value: string, max = MAX_MARKDOWN_CELL): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  // Cut first, then replace: a cut through a surrogate pair leaves a lone half, shown as U+FFFD.
  const cut = flat.length > max ? `${flat.slice(0, max)}…` : flat;
  return carriable(cut)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[`*_[\]]/g, (c) => `\\${c}`);
}

/** Markdown inline code that survives backticks in the value (a longer fence than any run inside) and table cells. */
export function mdCode(value: string): string {
  const flat = carriable(value.replace(/\s+/g, ' '));
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${flat.startsWith('`') || flat.endsWith('`') ? ` ${flat} ` : flat}${fence}`.replace(/\|/g, '\\|');
}

/** Text inside a ``` fenced Markdown block: backticks become quotes, so no line can close the fence early. */
export function mdFencedText(value: string): string {
  return carriable(value).replace(/`/g, "'");
}

/** At most `max` characters of `text`, with a note of how much was cut. */
export function excerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n… (${text.length - max} more characters; the whole exchange is in exchanges.har)`;
}

/** A body for reading: JSON pretty-printed when it parses (formatting only), else as received. */
export function readableBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

// What a terminal would act on rather than show: C0 controls (ESC starts a control sequence, CR redraws the line,
// NUL and BEL are invisible), DEL and the C1 controls (U+009B is a one-character CSI), and lone surrogates.
// (With the `u` flag a surrogate range matches only an unpaired one: a pair is one code point.)
const TERMINAL_CONTROLS = /[\u0000-\u001F\u007F-\u009F\uD800-\uDFFF]/gu;

/**
 * Text for a terminal line: a provider's bytes quoted in a finding (a body that is not JSON, an HTML page, a
 * UTF-16 body read as UTF-8) may hold ESC sequences that clear the screen or retitle the window. Each control
 * shows as its escape (`\x1b`, `\n`, `\x00`; a lone surrogate as U+FFFD), so a reader sees what came and the
 * terminal does nothing.
 */
export function terminalText(value: string): string {
  return value.replace(TERMINAL_CONTROLS, (control) => {
    const code = control.codePointAt(0) ?? 0;
    if (control === '\n') return '\\n';
    if (control === '\r') return '\\r';
    if (control === '\t') return '\\t';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : '\uFFFD';
  });
}
