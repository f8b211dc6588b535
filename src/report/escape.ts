/**
 * HTML text and attribute escaping. Everything in a report that came from the target (bodies,
 * headers, messages, even endpoint names in a hand-edited report.json) passes through here, so a
 * body holding `</script><script>` is text on the page, never markup.
 */
export function htmlText(value: string): string {
  return (
    value
      // Characters HTML cannot carry (NUL, other C0 controls but tab/newline/CR, lone surrogates)
      // would be parse errors or silently changed; show them as U+FFFD instead.
      .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
  );
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
