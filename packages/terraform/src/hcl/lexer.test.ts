import { describe, expect, test } from 'vitest';
import { lex, lexTemplate } from './lexer.js';
import { tokenName } from './token-type.js';

function tokens(text: string, template = false): string[] {
  const { tokens: t } = template ? lexTemplate(text) : lex(text);
  const out: string[] = [];
  for (let i = 0; i < t.count; i++) out.push(`${tokenName(t.types[i] as number)} ${JSON.stringify(text.slice(t.starts[i], t.ends[i]))}`);
  return out;
}

describe('lexer', () => {
  test('operators take their longest form', () => {
    expect(tokens('a == b != c <= d >= e && f || !g => ...')).toEqual([
      'identifier "a"',
      `'==' "=="`,
      'identifier "b"',
      `'!=' "!="`,
      'identifier "c"',
      `'<=' "<="`,
      'identifier "d"',
      `'>=' ">="`,
      'identifier "e"',
      `'&&' "&&"`,
      'identifier "f"',
      `'||' "||"`,
      `'!' "!"`,
      'identifier "g"',
      `'=>' "=>"`,
      `'...' "..."`,
      'end of file ""',
    ]);
  });

  test('numbers stop before a legacy index dot, and identifiers take dashes and unicode', () => {
    expect(tokens('a.0.b 1.5e+3 my-name café')).toEqual([
      'identifier "a"',
      `'.' "."`,
      'number "0"',
      `'.' "."`,
      'identifier "b"',
      'number "1.5e+3"',
      'identifier "my-name"',
      'identifier "café"',
      'end of file ""',
    ]);
  });

  test('a quoted template splits into literals and sequences, with strip markers in the tokens', () => {
    expect(tokens('"a${~ x ~}b%{ if y }c%{ endif }"')).toEqual([
      'opening quote "\\""',
      'string literal "a"',
      `'\${' "\${~"`,
      'identifier "x"',
      `'}' "~}"`,
      'string literal "b"',
      `'%{' "%{"`,
      'identifier "if"',
      'identifier "y"',
      `'}' "}"`,
      'string literal "c"',
      `'%{' "%{"`,
      'identifier "endif"',
      `'}' "}"`,
      'closing quote "\\""',
      'end of file ""',
    ]);
  });

  test('braces inside an interpolation are matched before the sequence ends', () => {
    expect(tokens('"${ {a = 1} }"').slice(2, 8)).toEqual([`'{' "{"`, 'identifier "a"', `'=' "="`, 'number "1"', `'}' "}"`, `'}' "}"`]);
  });

  test('a heredoc yields one literal per line and a closing marker token', () => {
    expect(tokens('<<-EOT\n  a ${b}\n  c\n  EOT\n')).toEqual([
      'heredoc "<<-EOT\\n"',
      'string literal "  a "',
      `'\${' "\${"`,
      'identifier "b"',
      `'}' "}"`,
      'string literal "\\n"',
      'string literal "  c\\n"',
      'heredoc end marker "  EOT"',
      'newline "\\n"',
      'end of file ""',
    ]);
  });

  test('"<<" without a marker and newline is invalid', () => {
    expect(tokens('<<EOT x')[0]).toBe('invalid character "<<"');
  });

  test('comments produce no tokens but line comments keep their newline', () => {
    expect(tokens('a # x\n/* y */ b // z')).toEqual(['identifier "a"', 'newline "\\n"', 'identifier "b"', 'end of file ""']);
    expect(lex('a # x\n').comments).toEqual([{ start: 2, end: 5, textStart: 3, textEnd: 5 }]);
  });

  test('a standalone template has no closing marker and keeps backslashes', () => {
    expect(tokens('a\\n${x}', true)).toEqual(['string literal "a\\\\n"', `'\${' "\${"`, 'identifier "x"', `'}' "}"`, 'end of file ""']);
  });

  test('a lone closing brace and stray characters still tokenize', () => {
    expect(tokens('} @ ~')).toEqual([`'}' "}"`, 'invalid character "@"', 'invalid character "~"', 'end of file ""']);
  });
});
