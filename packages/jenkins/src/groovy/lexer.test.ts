import { describe, expect, it } from 'vitest';
import { SourceFile } from '@nospof/core';
import { lex } from './lexer.js';

const tokensOf = (text: string) => lex(new SourceFile('Jenkinsfile', text));
const strings = (text: string) => tokensOf(text).tokens.filter((t) => t.kind === 'string');

describe('groovy lexer', () => {
  it('cooks single-quoted strings and leaves $ alone in them', () => {
    const [t] = strings("x = 'it\\'s $HOME \\u0041'");
    expect(t?.text).toBe("it's $HOME A");
    expect(t?.interpolations).toBeUndefined();
  });

  it('finds $name, $a.b and ${...} interpolations in double-quoted strings', () => {
    const [t] = strings('x = "a $name b $env.BRANCH_NAME c ${x.y(1)} d"');
    expect(t?.interpolations?.map((i) => [i.source, i.simple])).toEqual([
      ['name', true],
      ['env.BRANCH_NAME', true],
      ['x.y(1)', false],
    ]);
    expect(t?.text).toBe('a $name b $env.BRANCH_NAME c ${x.y(1)} d');
  });

  it('reads nested braces and strings inside ${}', () => {
    const [t] = strings('x = "v ${ [a: 1].collect { "${it.key}}" }.join() } end"\ny = 1');
    expect(t?.interpolations).toHaveLength(1);
    expect(t?.text.endsWith(' end')).toBe(true);
    expect(tokensOf('x = "v ${ [a: 1].collect { "${it.key}}" }.join() } end"\ny = 1').errors).toEqual([]);
  });

  it('reads triple-quoted strings across lines, interpolating only the double-quoted form', () => {
    const toks = strings("a = '''one\n$two'''\nb = \"\"\"three\n${four}\"\"\"");
    expect(toks.map((t) => [t.quote, t.text])).toEqual([
      ["'''", 'one\n$two'],
      ['"""', 'three\n${four}'],
    ]);
    expect(toks[1]?.interpolations?.[0]?.source).toBe('four');
  });

  it('reads a slashy string where an operand may start and division after an operand', () => {
    const toks = tokensOf('def r = /a\\/b $x/\ndef d = 10 / 2 / 5').tokens;
    const slashy = toks.find((t) => t.kind === 'string');
    expect(slashy?.quote).toBe('/');
    expect(slashy?.text).toBe('a/b $x');
    expect(toks.filter((t) => t.kind === 'punct' && t.text === '/')).toHaveLength(2);
  });

  it('reads dollar-slashy strings with their $$ and $/ escapes', () => {
    const [t] = strings('x = $/c:\\dir $$ and $/ and $name/$');
    expect(t?.quote).toBe('$/');
    expect(t?.text).toBe('c:\\dir $ and / and $name');
    expect(t?.interpolations?.[0]?.source).toBe('name');
  });

  it('collects line, block and shebang comments without their markers', () => {
    const { comments } = tokensOf('#!/usr/bin/env groovy\n// nospof-ignore jenkins/pipeline-timeout -- reason\n/* block\n text */ x');
    expect(comments.map((c) => c.text)).toEqual([
      '/usr/bin/env groovy',
      ' nospof-ignore jenkins/pipeline-timeout -- reason',
      ' block\n text ',
    ]);
    expect(comments[1]?.range.start).toEqual({ line: 2, column: 1, offset: 22 });
  });

  it('reads numbers in every notation as one token', () => {
    const numbers = tokensOf('0x1F 0b1010 1_000 3.5e2 10L 2.5d 1..5').tokens.filter((t) => t.kind === 'number');
    expect(numbers.map((t) => t.text)).toEqual(['0x1F', '0b1010', '1_000', '3.5e2', '10L', '2.5d', '1', '5']);
  });

  it('takes the longest operator', () => {
    const ops = tokensOf('a ?. b ?: c ==~ d <=> e .& f *. g ..< h >>>= i').tokens.filter((t) => t.kind === 'punct');
    expect(ops.map((t) => t.text)).toEqual(['?.', '?:', '==~', '<=>', '.&', '*.', '..<', '>>>=']);
  });

  it('gives every token 1-based line and column', () => {
    const toks = tokensOf('node {\n  sh "x"\n}').tokens;
    const sh = toks.find((t) => t.text === 'sh');
    expect(sh?.startPos).toEqual({ line: 2, column: 3, offset: 9 });
    expect(sh?.nl).toBe(true);
    expect(toks.find((t) => t.kind === 'string')?.endPos).toEqual({ line: 2, column: 9, offset: 15 });
  });

  it('reports an unterminated string at its opening quote and keeps lexing the next line', () => {
    const result = tokensOf("sh 'make\necho 'done'");
    expect(result.errors.map((e) => [e.message, e.range.start.line, e.range.start.column])).toEqual([['Unterminated string', 1, 4]]);
    expect(result.tokens.some((t) => t.kind === 'string' && t.text === 'done')).toBe(true);
  });

  it('reports an unterminated triple-quoted string and an unterminated block comment', () => {
    expect(tokensOf('x = """abc').errors[0]?.message).toBe('Unterminated string');
    expect(tokensOf('x /* abc').errors[0]?.message).toBe('Unterminated comment');
  });

  it('treats an unclosed slashy candidate as division instead of swallowing the file', () => {
    const result = tokensOf('x = (a) \n y = / 2');
    expect(result.errors).toEqual([]);
    expect(result.tokens.filter((t) => t.kind === 'string')).toHaveLength(0);
  });

  it('reports a stray character and continues', () => {
    const result = tokensOf('a # b');
    expect(result.errors[0]?.range.start.column).toBe(3);
    expect(result.tokens.map((t) => t.text)).toEqual(['a', 'b', '']);
  });
});
