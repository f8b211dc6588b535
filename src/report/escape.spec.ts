import { describe, expect, it } from 'vitest';
import { htmlText, mdCell, mdCode, mdFencedText, terminalText, xmlText } from './escape.js';

// Characters no markup can carry: NUL, backspace, unit separator, a lone low and a lone high surrogate
// (low first: the other order would be one valid pair).
const UNCARRIABLE = '\u0000\u0008\u001f\uDC00\uD800';

describe('htmlText', () => {
  it('turns </script> and every quote into text', () => {
    expect(htmlText('</script><script>alert("x")</script>')).toBe(
      '&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;',
    );
    expect(htmlText(`<a href='x'>&amp;</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('shows characters HTML cannot carry as U+FFFD, keeps tab, newline, CR and astral characters', () => {
    expect(htmlText(`a${UNCARRIABLE}b`)).toBe('a\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDb');
    expect(htmlText('\t\n\r😀')).toBe('\t\n\r😀');
  });
});

describe('xmlText', () => {
  it('cannot end a CDATA-like section or an element: ]]> and < are escaped', () => {
    expect(xmlText('x ]]> <failure/> & "q"')).toBe('x ]]&gt; &lt;failure/&gt; &amp; &quot;q&quot;');
    expect(xmlText('x ]]> y')).not.toContain(']]>');
  });

  it('leaves \' alone (junit.xml quotes attributes with ") and replaces what XML 1.0 cannot carry', () => {
    expect(xmlText("it's")).toBe("it's");
    expect(xmlText(`a${UNCARRIABLE}b`)).toBe('a\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDb');
  });
});

describe('mdCell', () => {
  it('keeps a table row one row: newlines flatten, pipes are escaped', () => {
    expect(mdCell('a | b\r\nc\n| d')).toBe('a \\| b c \\| d');
    expect(mdCell('x\n| y | <script>')).toBe('x \\| y \\| &lt;script&gt;');
  });

  it('injects no markup, links, emphasis or code', () => {
    expect(mdCell('<img src=x onerror=alert(1)> [link](http://x) *b* _i_ `c` \\')).toBe(
      '&lt;img src=x onerror=alert(1)&gt; \\[link\\](http://x) \\*b\\* \\_i\\_ \\`c\\` \\\\',
    );
  });

  it('cuts long text and shows a surrogate pair cut in half as U+FFFD', () => {
    expect(mdCell('abcdef', 3)).toBe('abc…');
    expect(mdCell('ab😀', 3)).toBe('ab\uFFFD…');
    expect(mdCell(`a${UNCARRIABLE}b`)).toBe('a\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDb');
  });
});

describe('mdCode', () => {
  it('fences past any run of backticks and escapes pipes for tables', () => {
    expect(mdCode('batch-read')).toBe('`batch-read`');
    expect(mdCode('a``b')).toBe('```a``b```');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCode('a|b\nc')).toBe('`a\\|b c`');
  });
});

describe('mdFencedText', () => {
  it('cannot close a ``` fence early', () => {
    expect(mdFencedText("hsac run --target 'x```'")).toBe("hsac run --target 'x''''");
    expect(mdFencedText(`a${UNCARRIABLE}`)).toBe('a\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD');
  });
});

describe('terminalText', () => {
  it('shows every C0/C1 control and DEL as an escape, a lone surrogate as U+FFFD, and leaves the rest', () => {
    expect(terminalText('a\u001b[2Jb\u0007\n\t\r\u007f\u009b')).toBe('a\\x1b[2Jb\\x07\\n\\t\\r\\x7f\\x9b');
    expect(terminalText(UNCARRIABLE)).toBe('\\x00\\x08\\x1f\uFFFD\uFFFD');
    expect(terminalText('été 😀 |<>')).toBe('été 😀 |<>');
  });
});
