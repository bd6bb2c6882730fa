import { describe, expect, it } from 'vitest';
import { guardLines, html, htmlCodeLine, markdownCode, markdownText, safeJson, visible, xml } from './escape.js';

describe('visible', () => {
  it('shows control characters as escapes instead of interpreting them', () => {
    expect(visible('a\u001b[2Jb')).toBe('a\\x1b[2Jb');
    expect(visible('line\r\n::error::x')).toBe('line\\r\\n::error::x');
    expect(visible('nul\u0000 del\u007f c1\u0085 tab\t')).toBe('nul\\x00 del\\x7f c1\\x85 tab\\t');
  });

  it('shows line separators and bidi controls, which reorder or break lines in some viewers', () => {
    expect(visible('a\u2028b\u2029c')).toBe('a\\u2028b\\u2029c');
    expect(visible('user\u202etxt.exe')).toBe('user\\u202etxt.exe');
    expect(visible('\u2066\u2067\u2068\u2069\u200e\u200f\u061c')).toBe('\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c');
  });

  it('shows lone surrogates and the non-characters U+FFFE/U+FFFF, and keeps real pairs', () => {
    expect(visible('x\ud800y\udc00z')).toBe('x\\ud800y\\udc00z');
    expect(visible('\ufffe\uffff')).toBe('\\ufffe\\uffff');
    expect(visible('😀 é ü 中')).toBe('😀 é ü 中');
  });

  it('is linear on long adversarial input', () => {
    const long = '\ud800'.repeat(200_000) + '\u001b'.repeat(200_000) + 'a'.repeat(200_000);
    expect(visible(long).length).toBe(200_000 * 6 + 200_000 * 4 + 200_000);
  });
});

describe('guardLines', () => {
  it('keeps every line from starting a GitHub workflow command, even after white space', () => {
    const out = guardLines('::error file=x::pwned\n  ::add-mask::secret\n\u00a0::stop-commands::t\nok :: fine\n');
    expect(out).toBe('\\x3a:error file=x::pwned\n  \\x3a:add-mask::secret\n\u00a0\\x3a:stop-commands::t\nok :: fine\n');
  });

  it('breaks the older ##[command] form and Azure Pipelines ##vso[ anywhere on a line', () => {
    expect(guardLines('##[error]x\n a ##vso[task.setvariable variable=x]1')).toBe('\\x23#[error]x\n a \\x23#vso[task.setvariable variable=x]1');
  });

  it('is linear on many blank or indented lines', () => {
    const text = `${' '.repeat(100_000)}\n`.repeat(20) + '\n'.repeat(200_000);
    expect(guardLines(text)).toBe(text);
  });
});

describe('markup escaping', () => {
  it('xml escapes the specials and replaces characters XML forbids', () => {
    expect(xml('<a href="x">&\'\u0001\ud800\ufffe')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;\\x01\\ud800\\ufffe');
  });

  it('html escapes the specials and shows controls', () => {
    expect(html('<img src=x onerror=alert(1)>\u001b')).toBe('&lt;img src=x onerror=alert(1)&gt;\\x1b');
    expect(htmlCodeLine('\tkey: "<v>"\r')).toBe('&#9;key: &quot;&lt;v&gt;&quot;');
  });

  it('markdown renders a message literally and mentions nobody', () => {
    expect(markdownText('**bold** [x](http://e) <b> | @team `c`')).toBe(
      '\\*\\*bold\\*\\* \\[x\\]\\(http://e\\) &lt;b&gt; \\| @&#8203;team \\`c\\`',
    );
  });

  it('markdown code spans hold any backticks and pipes', () => {
    expect(markdownCode('web.yaml:6:13')).toBe('`web.yaml:6:13`');
    expect(markdownCode('a`b``c|d')).toBe('```a`b``c\\|d```');
    expect(markdownCode('`x')).toBe('`` `x ``');
  });
});

describe('JSON escaping', () => {
  it('escapes what JSON.stringify leaves raw, and parses back to the same text', () => {
    const text = 'a\u2028b\u2029c\u0085d\u202ee\u0000f\ud800';
    const out = safeJson({ text });
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202e]/);
    expect((JSON.parse(out) as { text: string }).text).toBe(text);
  });
});
