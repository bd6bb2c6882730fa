import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceFile } from '@nospof/core';
import { parseJenkinsfile } from '../language.js';
import { parseGroovy } from './parser.js';
import { fuzzRuns } from '@nospof/core/testing';


const fixtureDir = fileURLToPath(new URL('../../fixtures/parser/', import.meta.url));
const fixtures = readdirSync(fixtureDir).map((name) => readFileSync(fixtureDir + name, 'utf8'));

/** Pieces of Groovy, well-formed and not, so random sequences reach the parser's odd corners. */
const fragments = [
  'pipeline {', 'node(', "node('x') {", 'stage(', "'a'", '"b ${', '"${x}"', '"""', "'''", '$/', '/$', '/', '//', '/*', '*/',
  '{', '}', '(', ')', '[', ']', ':', ',', ';', '\n', ' ', '->', '?.', '?:', '?', '=', '==~', '..', '@Library(', '_',
  'def ', 'String ', 'if (', 'else', 'try {', 'catch (e)', 'finally', 'for (', 'while (', 'switch (', 'case ', 'default:',
  'return ', 'import ', 'class ', 'new ', 'sh ', "sh 'x'", 'timeout(time: 1)', 'input ', 'x', '1', '0x', '1e', '\\', '#',
  '"', "'", '$', '${', 'steps {', 'post {', 'failure {', 'agent ', 'any', 'label', '!', '-', '+', '*', '<', '>', '<<', '&&',
];

const groovyish = fc.array(fc.constantFrom(...fragments), { maxLength: 120 }).map((parts) => parts.join(''));

function parseBoth(text: string): void {
  const result = parseJenkinsfile(new SourceFile('Jenkinsfile', text));
  expect(result.root).toBeDefined();
  for (const error of result.errors) {
    expect(error.message).not.toMatch(/could not be analysed/);
    expect(error.range.start.line).toBeGreaterThanOrEqual(1);
    expect(error.range.start.offset).toBeLessThanOrEqual(text.length);
    expect(error.range.end.offset).toBeGreaterThanOrEqual(error.range.start.offset);
  }
}

function work(text: string): number {
  return parseGroovy(new SourceFile('Jenkinsfile', text)).work;
}

describe('groovy parser properties', () => {
  it('never throws on random Groovy-like input', () => {
    fc.assert(fc.property(groovyish, parseBoth), { numRuns: fuzzRuns(400) });
  });

  it('never throws on arbitrary unicode text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), parseBoth), { numRuns: fuzzRuns(300) });
  });

  it('never throws on any truncation of the fixtures', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fixtures), fc.double({ min: 0, max: 1, noNaN: true }), (text, cut) => {
        parseBoth(text.slice(0, Math.floor(text.length * cut)));
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('positions agree with the line index of the file', () => {
    fc.assert(
      fc.property(groovyish, (text) => {
        const source = new SourceFile('Jenkinsfile', text);
        const { comments } = parseGroovy(source);
        for (const c of comments) expect(c.range.start).toEqual(source.lines.position(c.range.start.offset));
      }),
      { numRuns: fuzzRuns(200) },
    );
  });

  describe('finishes in linear time (counted in parser steps, not wall-clock)', () => {
    const hostile: Record<string, string> = {
      'a real pipeline': fixtures.join('\n'),
      'unclosed braces': 'node { ',
      'unclosed parentheses': 'sh(',
      'unclosed brackets': 'x = [',
      'unterminated interpolations': '"${ ',
      'slashes where a regex may start': '( / ',
      'closure parameter lookalikes': '{ a, b, c, d ',
      'generic type lookalikes': 'Map<String, List<',
      'strings and comments': "'a' /* b */ \"c\" // d\n",
      'command chains': 'a b c d e f ',
      'dangling operators': '1 + - * / ',
      'long property chains': 'a.b.c.d.e.f.',
      'deep unary operators': '!-~!-~',
    };
    for (const [name, unit] of Object.entries(hostile)) {
      it(`costs the same per byte at 8x the size: ${name}`, () => {
        const small = unit.repeat(Math.max(1, Math.ceil(20_000 / unit.length)));
        const large = small.repeat(8);
        const ratio = work(large) / work(small);
        // linear growth gives about 8; quadratic would give about 64
        expect(ratio).toBeLessThan(10);
      });
    }
  });
});
